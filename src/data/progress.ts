/**
 * Progress for long file preparations: a counter line on stderr, or a
 * caller-supplied callback (CLI spinners, tests).
 */
export type ProgressOption = boolean | ((done: number, total: number) => void);

/** Returns a tick(done) function; prints about every 2 % (and the end) to keep stderr quiet. */
export function progressReporter(label: string, total: number, option: ProgressOption = true): (done: number) => void {
  if (typeof option === 'function') return (done) => option(done, total);
  if (!option) return () => {};
  const step = Math.max(1, Math.floor(total / 50));
  const tty = process.stderr.isTTY === true;
  return (done) => {
    if (done % step !== 0 && done !== total) return;
    const line = `${label}: ${done}/${total}`;
    if (tty) process.stderr.write(`\r${line}${done === total ? '\n' : ''}`);
    else if (done === total || done % (step * 10) === 0) process.stderr.write(`${line}\n`);
  };
}
