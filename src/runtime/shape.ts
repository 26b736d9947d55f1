/**
 * Construction and shape functions: zeros/ones, size/numel/length,
 * reshape/transpose and concatenation. `size` and friends accept every
 * runtime container (MArray, Categorical, Cell, Table, JS arrays, strings).
 */
import { matlabError } from './errors.ts';
import { MArray, CLASSES, allocData, castValue, isIntegerClass, type MClass } from './marray.ts';
import { normalizeDims, parseSizeAndClass, prodDims, checkSizeEntry } from './dims.ts';
import { Categorical } from './categorical.ts';
import { Cell } from './cell.ts';
import { Table } from './table.ts';
import { toMArray, typeName, type Numeric } from './operand.ts';


/** MATLAB `zeros(n)`, `zeros(m, n, ...)`, `zeros([m n])`, with an optional class name last. */
export function zeros(...args: (number | string | Iterable<number>)[]): MArray {
  const { dims, cls } = parseSizeAndClass('zeros', args, CLASSES);
  return MArray.zeros(dims, cls);
}

/** MATLAB `ones(...)`, same arguments as `zeros`. */
export function ones(...args: (number | string | Iterable<number>)[]): MArray {
  const { dims, cls } = parseSizeAndClass('ones', args, CLASSES);
  const x = MArray.zeros(dims, cls);
  x.data.fill(1);
  return x;
}

/** Anything `size` understands. */
export type Sized = MArray | Categorical | Cell<unknown> | Table | readonly unknown[] | number | boolean | string;

/** MATLAB size vector of any runtime value. */
export function dimsOf(x: Sized | unknown): number[] {
  if (x instanceof MArray || x instanceof Categorical || x instanceof Cell) return x.dims.slice();
  if (x instanceof Table) return [x.height, x.width];
  if (typeof x === 'number' || typeof x === 'boolean') return [1, 1];
  if (typeof x === 'string') return [x.length === 0 ? 0 : 1, x.length];
  if (Array.isArray(x)) return x.length === 0 ? [0, 0] : [1, x.length];
  return matlabError('MATLAB:UndefinedFunction', `Undefined function 'size' for input arguments of type '${typeName(x)}'.`);
}

/** MATLAB `size(x)` → 1×n row; `size(x, dim)` → that dimension (1 beyond ndims). */
export function size(x: Sized): MArray;
export function size(x: Sized, dim: number): number;
export function size(x: Sized, dim?: number): MArray | number {
  const d = dimsOf(x);
  if (dim === undefined) return MArray.row(d);
  if (!Number.isInteger(dim) || dim < 1) {
    matlabError('MATLAB:getdimarg:dimensionMustBePositiveInteger', 'Dimension argument must be a positive integer scalar or a vector of positive integers.');
  }
  return d[dim - 1] ?? 1;
}

/** MATLAB `numel(x)`. */
export function numel(x: Sized): number {
  return prodDims(dimsOf(x));
}

/** MATLAB `length(x)`: the largest dimension, 0 when empty. */
export function length(x: Sized): number {
  const d = dimsOf(x);
  return prodDims(d) === 0 ? 0 : Math.max(...d);
}

/** MATLAB `isempty(x)`. */
export function isempty(x: Sized): boolean {
  return numel(x) === 0;
}

/** MATLAB `ndims(x)`. */
export function ndims(x: Sized): number {
  return dimsOf(x).length;
}

/**
 * MATLAB `reshape(x, m, n, ...)` or `reshape(x, [m n ...])`; one size may be
 * `null` (MATLAB's `[]`) and is computed from the others. Shares no data.
 */
export function reshape(a: Numeric, ...sz: (number | null | readonly number[] | MArray)[]): MArray {
  const x = toMArray('reshape', a);
  let parts: (number | null)[];
  if (sz.length === 1 && typeof sz[0] !== 'number' && sz[0] !== null) parts = Array.from(sz[0] as Iterable<number>);
  else parts = sz.map((s) => (s === null || (Array.isArray(s) && s.length === 0) ? null : Number(s)));
  if (parts.length < 2) matlabError('MATLAB:getReshapeDims:sizeVector', 'Size vector must have at least two elements.');
  const unknown = parts.filter((p) => p === null).length;
  if (unknown > 1) matlabError('MATLAB:getReshapeDims:unknownDim', 'Size can only have one unknown dimension.');
  const known = parts.map((p) => (p === null ? 1 : checkSizeEntry('reshape', p)));
  if (unknown === 1) {
    const rest = prodDims(known);
    if (rest === 0 || x.numel % rest !== 0) {
      matlabError('MATLAB:getReshapeDims:notDivisible', `Product of known dimensions, ${rest}, not divisible into total number of elements, ${x.numel}.`);
    }
    known[parts.indexOf(null)] = x.numel / rest;
  }
  if (prodDims(known) !== x.numel) {
    matlabError('MATLAB:getReshapeDims:notSameNumel', 'Number of elements must not change. Use [] as one of the size inputs to automatically calculate the appropriate size for that dimension.');
  }
  return MArray.wrap(x.data.slice() as typeof x.data, known, x.cls);
}

/** MATLAB `x.'` (2-D only). */
export function transpose(a: Numeric): MArray {
  const x = toMArray('transpose', a);
  if (x.dims.length > 2) matlabError('MATLAB:transpose:ndArray', 'Transpose on ND array is not defined. Use PERMUTE instead.');
  const [r, c] = x.dims;
  const out = allocData(x.cls, x.numel);
  for (let j = 0; j < c; j++) for (let i = 0; i < r; i++) out[j + i * c] = x.data[i + j * r];
  return MArray.wrap(out, [c, r], x.cls);
}

/** Class of a concatenation: the leftmost integer class wins, then single, then double; all-logical stays logical. */
function concatClass(parts: readonly MArray[]): MClass {
  const classes = parts.map((p) => p.cls);
  const integer = classes.find(isIntegerClass);
  if (integer) return integer;
  if (classes.includes('single')) return 'single';
  if (classes.length > 0 && classes.every((c) => c === 'logical')) return 'logical';
  return 'double';
}

/** MATLAB `cat(dim, a, b, ...)`; 0×0 empties are skipped as MATLAB does. */
export function cat(dim: number, ...args: Numeric[]): MArray {
  if (!Number.isInteger(dim) || dim < 1) matlabError('MATLAB:catenate:invalidDimension', 'Dimension must be a real positive integer.');
  const all = args.map((a) => toMArray('cat', a));
  const parts = all.filter((p) => !(p.dims.length === 2 && p.dims[0] === 0 && p.dims[1] === 0));
  const cls = concatClass(all);
  if (parts.length === 0) return MArray.zeros([0, 0], cls);
  const rank = Math.max(dim, ...parts.map((p) => p.dims.length));
  const padded = parts.map((p) => [...p.dims, ...new Array(rank - p.dims.length).fill(1)]);
  const ref = padded[0];
  for (const d of padded) {
    if (d.some((n, k) => k !== dim - 1 && n !== ref[k])) {
      matlabError('MATLAB:catenate:dimensionMismatch', 'Dimensions of arrays being concatenated are not consistent.');
    }
  }
  const outDims = ref.slice();
  outDims[dim - 1] = padded.reduce((s, d) => s + d[dim - 1], 0);
  // Copy block by block: each part contributes `before * n_k` contiguous values per outer slice.
  const before = ref.slice(0, dim - 1).reduce((p, q) => p * q, 1);
  const after = ref.slice(dim).reduce((p, q) => p * q, 1);
  const out = allocData(cls, prodDims(outDims));
  let o = 0;
  for (let j = 0; j < after; j++) {
    parts.forEach((p, k) => {
      const chunk = before * padded[k][dim - 1];
      const src = p.data;
      for (let i = 0; i < chunk; i++) out[o++] = castValue(cls, src[j * chunk + i]);
    });
  }
  return MArray.wrap(out, normalizeDims(outDims), cls);
}

/** MATLAB `[a, b, ...]`. */
export function horzcat(...args: Numeric[]): MArray {
  return cat(2, ...args);
}

/** MATLAB `[a; b; ...]`. */
export function vertcat(...args: Numeric[]): MArray {
  return cat(1, ...args);
}

/** MATLAB `a:b` / `a:step:b` as a row. */
export function colon(a: number, b: number, c?: number): MArray {
  const [start, step, stop] = c === undefined ? [a, 1, b] : [a, b, c];
  if (step === 0 || (step > 0 && start > stop) || (step < 0 && start < stop)) return MArray.zeros([1, 0]);
  const n = Math.floor((stop - start) / step + 1e-10) + 1;
  return MArray.row(Array.from({ length: n }, (_, i) => start + i * step));
}
