/**
 * Progress shown while training with Verbose false. On a terminal: one line
 * redrawn in place, `label [█████░░░░░] 45% 123/270 ETA 00:00:12 info`.
 * Elsewhere (logs, pipes): a plain line at most every 10 %, so logs stay short.
 * Output problems (closed stream, EPIPE) never reach the training loop.
 */
import { formatHms } from './durationFormat.ts';

/** The part of a NodeJS.WriteStream the bar uses (so tests can pass a fake). */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
  readonly writable?: boolean;
  readonly destroyed?: boolean;
  on?(event: 'error', listener: (err: unknown) => void): unknown;
}

export interface ProgressBarOptions {
  total: number;
  label: string;
  stream?: ProgressStream;
  /** Cells in the bar (default 20). */
  width?: number;
  /** Clock in milliseconds, for tests (default Date.now). */
  now?: () => number;
}

const FILLED = '█';
const EMPTY = '░';
const CLEAR_TO_END = '\x1b[K';

// Streams given our 'error' listener (an async EPIPE must not crash the process), and those that failed.
const guarded = new WeakSet<object>();
const failed = new WeakSet<object>();

export class ProgressBar {
  private readonly total: number;
  private readonly label: string;
  private readonly stream: ProgressStream;
  private readonly width: number;
  private readonly now: () => number;
  private readonly start: number;
  private readonly tty: boolean;
  private done = 0;
  private lastDrawn = '';
  private lastDecile = -1;
  private finished = false;
  /** Time and count at the first update: the ETA uses the rate from there on (the first step includes warm-up). */
  private first: { time: number; done: number } | null = null;

  constructor(opts: ProgressBarOptions) {
    this.total = Math.max(0, opts.total);
    this.label = opts.label;
    this.stream = opts.stream ?? process.stderr;
    this.width = Math.max(1, Math.floor(opts.width ?? 20));
    this.now = opts.now ?? Date.now;
    this.start = this.now();
    this.tty = this.stream.isTTY === true;
    this.guard();
  }

  update(done: number, info?: string): void {
    if (this.finished) return;
    this.done = clamp(done, 0, this.total);
    this.first ??= { time: this.now(), done: this.done };
    if (this.tty) {
      this.redraw(this.line(this.etaText(), info));
      return;
    }
    // Plain output: one line per 10 % step reached.
    const decile = this.total === 0 ? 10 : Math.floor((10 * this.done) / this.total);
    if (decile > this.lastDecile) {
      this.lastDecile = decile;
      this.write(`${this.line(this.etaText(), info, false)}\n`);
    }
  }

  /**
   * Final line with the elapsed time; the bar stays where it stopped if training ended early.
   * `done` is the final count when the caller has not reported it through update().
   */
  finish(info?: string, done?: number): void {
    if (this.finished) return;
    this.finished = true;
    if (done !== undefined) this.done = clamp(done, 0, this.total);
    const line = this.line(`in ${formatHms((this.now() - this.start) / 1000)}`, info, this.tty);
    this.write(this.tty ? `\r${this.fit(line)}${CLEAR_TO_END}\n` : `${line}\n`);
  }

  private line(timeText: string, info: string | undefined, withBar = true): string {
    const fraction = this.total === 0 ? 1 : this.done / this.total;
    const percent = `${Math.floor(100 * fraction)}%`;
    const parts = [this.label];
    if (withBar) {
      const filled = Math.round(fraction * this.width);
      parts.push(`[${FILLED.repeat(filled)}${EMPTY.repeat(this.width - filled)}]`);
    }
    parts.push(percent, `${this.done}/${this.total}`, timeText);
    if (info) parts.push(info);
    return parts.filter((p) => p !== '').join(' ');
  }

  private etaText(): string {
    const first = this.first!;
    const steps = this.done - first.done;
    if (steps <= 0) return 'ETA --:--:--';
    const elapsed = (this.now() - first.time) / 1000;
    return `ETA ${formatHms((elapsed / steps) * (this.total - this.done))}`;
  }

  /** Redraw only when the text changes, keeping terminal writes cheap. */
  private redraw(line: string): void {
    const text = this.fit(line);
    if (text === this.lastDrawn) return;
    this.lastDrawn = text;
    this.write(`\r${text}${CLEAR_TO_END}`);
  }

  /** A line longer than the terminal wraps and breaks the in-place redraw. */
  private fit(line: string): string {
    const columns = this.stream.columns;
    return columns && columns > 1 && line.length >= columns ? line.slice(0, columns - 1) : line;
  }

  private write(text: string): void {
    const s = this.stream;
    if (failed.has(s) || s.writable === false || s.destroyed === true) return;
    try {
      s.write(text);
    } catch {
      failed.add(s);
    }
  }

  private guard(): void {
    const s = this.stream;
    if (typeof s.on !== 'function' || guarded.has(s)) return;
    guarded.add(s);
    try {
      s.on('error', () => failed.add(s));
    } catch {
      // A stream that refuses listeners is still written with try/catch.
    }
  }
}

function clamp(x: number, lo: number, hi: number): number {
  if (!Number.isFinite(x)) return lo;
  return Math.min(hi, Math.max(lo, x));
}
