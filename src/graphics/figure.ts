/**
 * figure, subplot, close, clc, hold, gcf/gca: MATLAB's window management,
 * acting on the figure registry (no window opens; figures become PNGs).
 */
import { matlabError } from '../runtime/errors.ts';
import { matchString, parseNameValues } from '../runtime/args.ts';
import { MArray } from '../runtime/marray.ts';
import { Axes, Figure, type GridSpec } from './figureModel.ts';
import {
  addAxes, createFigure, findFigure, gca, gcf, openFigures, removeFigure, selectFigure,
} from './registry.ts';

export { gca, gcf };

/**
 * figure() makes a new figure; figure(n) or figure(fig) makes it current
 * (creating number n if needed); figure('Name', 'x', ...) names the new one.
 */
export function figure(...args: unknown[]): Figure {
  if (args.length === 1 && args[0] instanceof Figure) return selectFigure(args[0]);
  if (args.length >= 1 && (typeof args[0] === 'number' || args[0] instanceof MArray)) {
    const k = Number(args[0].valueOf());
    if (!Number.isInteger(k) || k < 1) {
      matlabError('MATLAB:figure:InvalidFigureNumber', 'Figure number must be a positive integer.');
    }
    const f = findFigure(k) ?? createFigure(k);
    applyProperties(f, args.slice(1));
    return selectFigure(f);
  }
  const f = createFigure();
  applyProperties(f, args);
  return f;
}

function applyProperties(f: Figure, args: unknown[]): void {
  const nv = parseNameValues('figure', args, ['Name', 'NumberTitle', 'Visible', 'Color', 'Position', 'WindowState']);
  if (nv.has('Name')) {
    const name = nv.get('Name');
    if (typeof name !== 'string') matlabError('MATLAB:figure:InvalidName', "'Name' must be a character vector or string scalar.");
    f.Name = name;
    f.touch();
  }
}

/** close, close(fig), close(n), close('all'). */
export function close(target?: Figure | number | string): void {
  if (target === undefined) {
    if (openFigures().length > 0) removeFigure(gcf());
    return;
  }
  if (typeof target === 'string') {
    matchString('close', 'option', target, ['all']);
    for (const f of openFigures()) removeFigure(f);
    return;
  }
  const f = target instanceof Figure ? target : findFigure(Number(target));
  if (!f) matlabError('MATLAB:close:WindowNotFound', `Specified window does not exist: figure ${String(target instanceof Figure ? target.Number : target)}.`);
  removeFigure(f);
}

/** Clear the terminal as MATLAB clears its command window; a no-op when output is not a terminal. */
export function clc(): void {
  if (process.stdout.isTTY) process.stdout.write('\x1b[2J\x1b[H');
}

/** hold on / hold off for the current axes. */
export function hold(state: 'on' | 'off' | boolean = true): void {
  const on = typeof state === 'boolean' ? state : matchString('hold', 'option', state, ['on', 'off']) === 'on';
  gca().hold = on;
}

function cellRect(spec: GridSpec): [number, number, number, number] {
  const rows = spec.cells.map((p) => Math.floor((p - 1) / spec.n));
  const cols = spec.cells.map((p) => (p - 1) % spec.n);
  return [Math.min(...rows), Math.min(...cols), Math.max(...rows), Math.max(...cols)];
}

function overlaps(a: GridSpec, b: GridSpec): boolean {
  // Compare in a common fractional grid: MATLAB deletes axes that the new one covers.
  const [ar0, ac0, ar1, ac1] = cellRect(a);
  const [br0, bc0, br1, bc1] = cellRect(b);
  const rowsOverlap = ar0 / a.m < (br1 + 1) / b.m && br0 / b.m < (ar1 + 1) / a.m;
  const colsOverlap = ac0 / a.n < (bc1 + 1) / b.n && bc0 / b.n < (ac1 + 1) / a.n;
  return rowsOverlap && colsOverlap;
}

/** subplot(m, n, p): select the axes in that cell, creating it (and deleting axes it covers). p may list cells to span. */
export function subplot(m: number, n: number, p: number | readonly number[] | MArray): Axes {
  const cells = typeof p === 'number' ? [p] : Array.from(p instanceof MArray ? p.data : p);
  for (const [v, what] of [[m, 'm'], [n, 'n']] as const) {
    if (!Number.isInteger(v) || v < 1) matlabError('MATLAB:subplot:InvalidArgument', `subplot: ${what} must be a positive integer.`);
  }
  if (cells.length === 0 || cells.some((c) => !Number.isInteger(c) || c < 1 || c > m * n)) {
    matlabError('MATLAB:subplot:IndexOutOfRange', `Index exceeds number of subplots: p must be between 1 and ${m * n}.`);
  }
  const spec: GridSpec = { m, n, cells: [...cells].sort((a, b) => a - b) };
  const f = gcf();
  const same = f.axes.find((ax) => ax.spec && ax.spec.m === m && ax.spec.n === n && ax.spec.cells.join() === spec.cells.join());
  if (same) {
    f.currentAxes = same;
    return same;
  }
  // A full-figure axes or overlapping subplots give way to the new one.
  for (let i = f.axes.length - 1; i >= 0; i--) {
    const s = f.axes[i].spec;
    if (s === null || overlaps(s, spec)) f.axes.splice(i, 1);
  }
  return addAxes(f, spec);
}
