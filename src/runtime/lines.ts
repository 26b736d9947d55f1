/**
 * Lines of an array along one dimension, the building block of every
 * reduction (sum, prod, any, std, sort, cumsum…): MATLAB's dimension rules
 * in one place.
 */
import { matlabError } from './errors.ts';
import { MArray, allocData, castValue, type MClass } from './marray.ts';

/** MATLAB's default working dimension (1-based). */
export function firstNonSingleton(dims: readonly number[]): number {
  const d = dims.findIndex((n) => n !== 1);
  return d === -1 ? 1 : d + 1;
}

export function checkDim(fn: string, dim: unknown): number {
  if (typeof dim !== 'number' || !Number.isInteger(dim) || dim < 1) {
    matlabError(`MATLAB:${fn}:invalidDim`, 'Dimension argument must be a positive integer scalar within indexing range.');
  }
  return dim;
}

/** Lines of `x` along `dim` (1-based): each has `n` elements `stride` apart from `start`. */
export interface Lines {
  outDims: number[];
  count: number;
  n: number;
  stride: number;
  start(line: number): number;
}

export function linesAlong(x: MArray, dim: number): Lines {
  const dims = x.dims.slice();
  while (dims.length < dim) dims.push(1);
  const n = dims[dim - 1];
  const before = dims.slice(0, dim - 1).reduce((p, q) => p * q, 1);
  const after = dims.slice(dim).reduce((p, q) => p * q, 1);
  const outDims = dims.slice();
  outDims[dim - 1] = 1;
  return {
    outDims, count: before * after, n, stride: before,
    start: (line) => (line % before) + Math.floor(line / before) * before * n,
  };
}

/** Fold every line with `f(values) → number` into an array of class `cls`. */
export function reduce(x: MArray, dim: number, cls: MClass, f: (at: (k: number) => number, n: number) => number): MArray {
  const L = linesAlong(x, dim);
  const out = allocData(cls, L.count);
  for (let line = 0; line < L.count; line++) {
    const s0 = L.start(line);
    out[line] = castValue(cls, f((k) => x.data[s0 + k * L.stride], L.n));
  }
  return MArray.wrap(out, L.outDims, cls);
}

/** The `0×0 [] with no dim` special case MATLAB gives sum/mean (a scalar). */
export function isPlainEmpty(x: MArray, dim: unknown): boolean {
  return dim === undefined && x.dims.length === 2 && x.dims[0] === 0 && x.dims[1] === 0;
}

/** Sums keep single; integers and logicals sum in double. */
export function floatClass(c: MClass): MClass {
  return c === 'single' ? 'single' : 'double';
}

