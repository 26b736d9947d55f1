/**
 * 'Plots','training-progress': the monitor trainNetwork feeds. It keeps the
 * history, rewrites figures/training-progress.png at most every few seconds
 * (rendering off the training path), serves the live page, and saves the
 * final state when training ends.
 */
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import sharp from 'sharp';
import type { TrainingPlotFinish, TrainingPlotMonitor, TrainingPlotStart } from '../train/plotHook.ts';
import { writeFileAtomic } from '../io/atomicWrite.ts';
import { figuresFolder } from './registry.ts';
import { reportWritten } from './output.ts';
import { svgDocument } from './svg.ts';
import { statusLine, trainingViewBody, VIEW_SIZE, type TrainingRecord, type TrainingViewState } from './trainingView.ts';
import { startProgressServer, type ProgressServer } from './progressServer.ts';

export interface MonitorOptions {
  /** Folder of the PNG (default: the figures folder). */
  folder?: string;
  /** Minimum time between two PNG writes. */
  intervalMs?: number;
  /** Serve the live page (default true). */
  serve?: boolean;
  /** Keep serving after training (default: DLTB_KEEP_SERVER is set). */
  keepServer?: boolean;
  /** How the page polls, in ms. */
  pollMs?: number;
  /** Where the URL line goes (default: standard error). */
  log?: (line: string) => void;
}

const PNG_SCALE = 1.25;
/** Trainings in this process so far: the second writes training-progress-2.png. */
let runs = 0;

function keepServerFromEnv(): boolean {
  const v = process.env.DLTB_KEEP_SERVER;
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

export class TrainingProgressMonitor implements TrainingPlotMonitor {
  readonly state: TrainingViewState = { start: null, records: [], finish: null, startedAt: new Date() };
  file = '';
  url = '';
  private version = 0;
  private writtenVersion = -1;
  private lastWrite = 0;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private server: ProgressServer | null = null;
  private bodyCache: { version: number; body: string } | null = null;
  private readonly opts: Required<Omit<MonitorOptions, 'folder'>> & { folder?: string };

  constructor(opts: MonitorOptions = {}) {
    this.opts = {
      intervalMs: 3000, serve: true, keepServer: keepServerFromEnv(), pollMs: 1000,
      log: (line) => process.stderr.write(`${line}\n`), ...opts,
    };
  }

  async start(s: TrainingPlotStart): Promise<void> {
    this.state.start = s;
    this.state.startedAt = new Date();
    runs++;
    this.file = path.join(this.opts.folder ?? figuresFolder(), runs === 1 ? 'training-progress.png' : `training-progress-${runs}.png`);
    if (this.opts.serve) {
      this.server = await startProgressServer({
        version: () => this.version,
        state: () => this.json(),
        svg: () => this.svg(1),
      }, this.opts.pollMs);
      this.url = this.server.url;
      const rel = path.relative(process.cwd(), this.file);
      this.opts.log(`Training progress: ${this.url} (live page); ${rel.startsWith('..') ? this.file : rel} is rewritten as training goes.`);
    }
    this.changed();
  }

  iteration(r: TrainingRecord): void {
    this.state.records.push({ ...r });
    this.changed();
  }

  async finish(f: TrainingPlotFinish): Promise<void> {
    this.state.finish = f;
    this.version++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.writing;
    if (this.file) {
      await this.write();
      reportWritten(this.file);
    }
    if (!this.server) return;
    if (this.opts.keepServer) {
      this.server.keepAlive();
      this.opts.log(`Training progress page still served at ${this.url} (DLTB_KEEP_SERVER is set); press Ctrl+C to stop.`);
    } else {
      await this.server.close();
      this.server = null;
    }
  }

  /** Close the page server now (tests, or a run that keeps it and wants to stop). */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await this.server?.close();
    this.server = null;
  }

  json(): Record<string, unknown> {
    const last = this.state.records.at(-1);
    return {
      iteration: last?.iteration ?? 0,
      epoch: last?.epoch ?? 0,
      totalIterations: this.state.start?.totalIterations ?? null,
      elapsedSeconds: this.state.finish?.elapsedSeconds ?? last?.elapsedSeconds ?? 0,
      finished: this.state.finish !== null,
      status: statusLine(this.state),
    };
  }

  /** The view as an SVG document; the drawing is cached per version since the page polls it. */
  svg(scale: number): string {
    if (this.bodyCache?.version !== this.version) this.bodyCache = { version: this.version, body: trainingViewBody(this.state) };
    return svgDocument(VIEW_SIZE[0], VIEW_SIZE[1], scale, this.bodyCache.body);
  }

  private changed(): void {
    this.version++;
    this.schedule();
  }

  /** Make sure a write is scheduled, never sooner than intervalMs after the last one. */
  private schedule(): void {
    if (this.timer || this.writing) return;
    const delay = Math.max(0, this.lastWrite + this.opts.intervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      // A failed redraw must not crash training: say so once and carry on (finish() tries again).
      this.writing = this.write().catch((e: unknown) => this.warnOnce(e)).finally(() => {
        this.writing = null;
        if (this.version !== this.writtenVersion && !this.state.finish) this.schedule();
      });
    }, delay);
    // A pending redraw must not keep a finished process alive.
    this.timer.unref();
  }

  private warned = false;

  private warnOnce(e: unknown): void {
    if (this.warned) return;
    this.warned = true;
    this.opts.log(`Warning: could not write ${this.file}: ${e instanceof Error ? e.message : String(e)}`);
  }

  private async write(): Promise<void> {
    const v = this.version;
    if (v === this.writtenVersion) return;
    const png = await sharp(Buffer.from(this.svg(PNG_SCALE))).png().toBuffer();
    await mkdir(path.dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, png);
    this.writtenVersion = v;
    this.lastWrite = Date.now();
  }
}
