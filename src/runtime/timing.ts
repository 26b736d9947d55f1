/** MATLAB's stopwatch: tic, toc. */
import { matlabError } from './errors.ts';
import { writeOut } from './output.ts';
import { sprintf } from './format.ts';

let started: number | undefined;

/** MATLAB `tic`: starts the stopwatch; the returned id times from this moment (`toc(id)`). */
export function tic(): number {
  started = performance.now();
  return started;
}

/** MATLAB `t = toc`, `t = toc(id)`: seconds since tic (or since the tic that returned id). */
export function toc(id?: number): number {
  const from = id === undefined ? started : Number(id);
  if (from === undefined || !Number.isFinite(from)) matlabError('MATLAB:toc:callTicFirst', 'You must call TIC without an output argument before calling TOC without an input argument.');
  return (performance.now() - from) / 1000;
}

/** MATLAB `toc` as a statement (no output): prints the elapsed time. */
export function tocDisplay(id?: number): void {
  writeOut(sprintf('Elapsed time is %f seconds.\n', toc(id)));
}
