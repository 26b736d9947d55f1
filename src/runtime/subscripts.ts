/**
 * 1-based subscript validation shared by MArray, Cell and Categorical, so
 * every container rejects bad indices with the same MATLAB messages.
 */
import { matlabError } from './errors.ts';

/** Anything usable as an index: a number, a scalar Categorical (`toIndex`), a scalar MArray (`valueOf`). */
export interface Indexable {
  toIndex(): number;
}
export type Subscript = number | boolean | Indexable | { valueOf(): number } | EndIndex;

/**
 * MATLAB's `end` inside an index: `x.get(end)`, `layers.range(1, end.minus(3))`
 * for `x(end)` and `layers(1:end-3)`. It stands for the extent of the
 * dimension it indexes, resolved by the container.
 */
export class EndIndex {
  constructor(readonly offset = 0) {}
  /** `end - k`. */
  minus(k: number): EndIndex {
    return new EndIndex(this.offset - k);
  }
  /** `end + k` (growing an array past its end). */
  plus(k: number): EndIndex {
    return new EndIndex(this.offset + k);
  }
  resolve(extent: number): number {
    return extent + this.offset;
  }
}

export const end = new EndIndex();

/** The numeric value of a subscript, checked to be a positive integer; `end` needs the indexed dimension's `extent`. */
export function subscriptValue(s: unknown, extent?: number): number {
  let v: number;
  if (s instanceof EndIndex) {
    if (extent === undefined) return matlabError('MATLAB:badsubscript', "'end' is not valid in this index.");
    v = s.resolve(extent);
  } else if (typeof s === 'number') v = s;
  else if (typeof s === 'boolean') v = s ? 1 : 0;
  else if (s !== null && typeof s === 'object' && typeof (s as Indexable).toIndex === 'function') v = (s as Indexable).toIndex();
  else if (s !== null && typeof s === 'object') v = Number((s as { valueOf(): number }).valueOf());
  else v = NaN;
  if (!Number.isInteger(v) || v < 1) badIndex();
  return v;
}

export function badIndex(): never {
  return matlabError('MATLAB:badsubscript', 'Array indices must be positive integers or logical values.');
}

export function linearOutOfBounds(limit: number): never {
  return matlabError('MATLAB:badsubscript', `Index exceeds the number of array elements. Index must not exceed ${limit}.`);
}

export function positionOutOfBounds(position: number, limit: number): never {
  return matlabError('MATLAB:badsubscript', `Index in position ${position} exceeds array bounds. Index must not exceed ${limit}.`);
}

/** Checked 1-based linear index → 0-based offset. */
export function linearOffset(s: unknown, numel: number): number {
  const k = subscriptValue(s, numel);
  if (k > numel) linearOutOfBounds(numel);
  return k - 1;
}

/**
 * Dims as seen by `subs.length` subscripts: MATLAB folds the trailing dims
 * into the last subscript and pads with singletons when there are more.
 */
export function dimsForSubscripts(dims: readonly number[], count: number): number[] {
  if (count >= dims.length) return [...dims, ...new Array(count - dims.length).fill(1)];
  const head = dims.slice(0, count - 1);
  let tail = 1;
  for (let i = count - 1; i < dims.length; i++) tail *= dims[i];
  return [...head, tail];
}

/** Column-major offset of 0-based subscripts in `dims`. */
export function offsetOf(subs0: readonly number[], dims: readonly number[]): number {
  let off = 0;
  let stride = 1;
  for (let i = 0; i < subs0.length; i++) {
    off += subs0[i] * stride;
    stride *= dims[i] ?? 1;
  }
  return off;
}
