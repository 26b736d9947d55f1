/**
 * Where the runtime's printed text goes (fprintf, disp, display): one
 * redirectable sink, so tests and evalc-like callers capture it. The trainer's
 * verbose table, progress bar and messages do not go through it: they use
 * console.log and standard error directly.
 */
export type Writer = (text: string) => void;

const stdoutWriter: Writer = (text) => {
  process.stdout.write(text);
};
let current: Writer = stdoutWriter;

export function writeOut(text: string): void {
  current(text);
}

/** Standard error (fprintf(2, ...)) is never captured: MATLAB shows it in red, apart. */
export function writeErr(text: string): void {
  process.stderr.write(text);
}

/** Replace the sink; returns the previous one so callers can restore it. */
export function setWriter(w: Writer): Writer {
  const prev = current;
  current = w;
  return prev;
}

/** Run `fn` and return everything it printed (for tests and for evalc-like use). */
export function captureOutput(fn: () => void): string {
  let text = '';
  const prev = setWriter((t) => {
    text += t;
  });
  try {
    fn();
  } finally {
    setWriter(prev);
  }
  return text;
}
