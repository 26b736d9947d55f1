/**
 * Progress for long file preparations: the one progress bar (runtime/progressBar.ts)
 * on stderr, or a caller-supplied callback (CLI spinners, tests).
 */
import { ProgressBar } from '../runtime/progressBar.ts';

export type ProgressOption = boolean | ((done: number, total: number) => void);

/** Returns a tick(done) function. */
export function progressReporter(label: string, total: number, option: ProgressOption = true): (done: number) => void {
  if (typeof option === 'function') return (done) => option(done, total);
  if (!option) return () => {};
  const bar = new ProgressBar({ total, label, stream: process.stderr });
  return (done) => (done >= total ? bar.finish(undefined, done) : bar.update(done));
}
