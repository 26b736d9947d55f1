/**
 * sum / mean / min / max along a dimension (default: the first one whose
 * size is not 1), with MATLAB's output classes and empty-input results.
 */
import { matlabError } from './errors.ts';
import { MArray } from './marray.ts';
import { checkDim, firstNonSingleton, floatClass, isPlainEmpty, reduce } from './lines.ts';
import { broadcast } from './elementwise.ts';
import { arithmeticClass, toMArray, type Numeric } from './operand.ts';

function total(at: (k: number) => number, n: number): number {
  let s = 0;
  for (let k = 0; k < n; k++) s += at(k);
  return s;
}

/** MATLAB `sum(x)` / `sum(x, dim)`. */
export function sum(a: Numeric, dim?: number): MArray {
  const x = toMArray('sum', a);
  if (isPlainEmpty(x, dim)) return MArray.scalar(0, floatClass(x.cls));
  const d = dim === undefined ? firstNonSingleton(x.dims) : checkDim('sum', dim);
  return reduce(x, d, floatClass(x.cls), total);
}

/** MATLAB `mean(x)` / `mean(x, dim)` (NaN for an empty line). */
export function mean(a: Numeric, dim?: number): MArray {
  const x = toMArray('mean', a);
  if (isPlainEmpty(x, dim)) return MArray.scalar(NaN, floatClass(x.cls));
  const d = dim === undefined ? firstNonSingleton(x.dims) : checkDim('mean', dim);
  return reduce(x, d, floatClass(x.cls), (at, n) => total(at, n) / n);
}

/** Extreme value and its 1-based index along `dim`; NaN is ignored unless the whole line is NaN. */
function extreme(fn: string, x: MArray, dim: number | undefined, better: (v: number, best: number) => boolean): [MArray, MArray] {
  if (isPlainEmpty(x, dim)) return [MArray.zeros([0, 0], x.cls), MArray.zeros([0, 0])];
  const d = dim === undefined ? firstNonSingleton(x.dims) : checkDim(fn, dim);
  if ((x.dims[d - 1] ?? 1) === 0) {
    const outDims = x.dims.slice();
    return [MArray.zeros(outDims, x.cls), MArray.zeros(outDims)];
  }
  // Index of the first best element; NaN only when the whole line is NaN.
  const bestIndex = (at: (k: number) => number, n: number): number => {
    let best = -1;
    for (let k = 0; k < n; k++) {
      const v = at(k);
      if (Number.isNaN(v)) continue;
      if (best < 0 || better(v, at(best))) best = k;
    }
    return best < 0 ? 0 : best;
  };
  const indices = reduce(x, d, 'double', (at, n) => bestIndex(at, n) + 1);
  const values = reduce(x, d, x.cls, (at, n) => at(bestIndex(at, n)));
  return [values, indices];
}

function pairwise(fn: string, a: Numeric, b: Numeric, pick: (x: number, y: number) => number): MArray {
  const x = toMArray(fn, a);
  const y = toMArray(fn, b);
  return broadcast(x, y, arithmeticClass(x.cls, y.cls), pick);
}

/** Element-wise pick that ignores NaN (MATLAB's default 'omitnan' for min/max). */
function pickOmitNaN(prefer: (x: number, y: number) => boolean) {
  return (x: number, y: number): number => (Number.isNaN(x) ? y : Number.isNaN(y) ? x : prefer(x, y) ? x : y);
}

/** `[] ` placeholder of `min(x, [], dim)`: a JS empty array or a 0-element MArray. */
function isEmptyPlaceholder(b: unknown): boolean {
  return (Array.isArray(b) && b.length === 0) || (b instanceof MArray && b.numel === 0);
}

function minmax(fn: string, prefer: (x: number, y: number) => boolean) {
  return (a: Numeric, b?: Numeric | readonly never[], dim?: number): MArray => {
    if (b === undefined || isEmptyPlaceholder(b)) return extreme(fn, toMArray(fn, a), dim, prefer)[0];
    if (dim !== undefined) {
      matlabError(`MATLAB:${fn}:caseNotSupported`, `${fn.toUpperCase()} with two matrices to compare and a working dimension is not supported.`);
    }
    return pairwise(fn, a, b as Numeric, pickOmitNaN(prefer));
  };
}

/** MATLAB `min(x)`, `min(x, [], dim)`, `min(a, b)`. */
export const min = minmax('min', (v, best) => v < best);
/** MATLAB `max(x)`, `max(x, [], dim)`, `max(a, b)`. */
export const max = minmax('max', (v, best) => v > best);

/** MATLAB `[m, i] = min(x, [], dim)`: values and 1-based indices of the first minimum. */
export function minWithIndex(a: Numeric, dim?: number): [MArray, MArray] {
  return extreme('min', toMArray('min', a), dim, (v, best) => v < best);
}

/** MATLAB `[m, i] = max(x, [], dim)`: values and 1-based indices of the first maximum. */
export function maxWithIndex(a: Numeric, dim?: number): [MArray, MArray] {
  return extreme('max', toMArray('max', a), dim, (v, best) => v > best);
}

export { firstNonSingleton } from './lines.ts';
