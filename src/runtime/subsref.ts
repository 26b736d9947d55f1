/**
 * Generic MATLAB indexing for translated scripts: `x(i, j)` (`at`), `x{i}`
 * (`brace`) and `end` inside subscripts (`endOf`), on every runtime value:
 * MArray (numbers, ranges, logical masks, `:`), char vectors, Cell,
 * Categorical, JS arrays of objects, and function handles (a call).
 */
import { matlabError } from './errors.ts';
import { MArray } from './marray.ts';
import { Cell } from './cell.ts';
import { Categorical } from './categorical.ts';
import { dimsOf } from './shape.ts';
import { dimsForSubscripts, linearOutOfBounds, positionOutOfBounds, badIndex } from './subscripts.ts';
import { prodDims } from './dims.ts';
import { literalClass } from './operand.ts';

/** The `:` subscript. */
export const COLON = ':';

/** 0-based positions a subscript selects along an extent of `extent` elements. */
export function positionsOf(sub: unknown, extent: number): number[] {
  if (sub === COLON) return Array.from({ length: extent }, (_, i) => i);
  if (typeof sub === 'number') return [checkPosition(sub)];
  if (typeof sub === 'boolean') return sub ? [0] : [];
  if (sub instanceof Categorical && sub.isScalar()) return [sub.toIndex() - 1];
  if (sub instanceof MArray) {
    if (sub.cls === 'logical') {
      const out: number[] = [];
      for (let i = 0; i < sub.data.length; i++) if (sub.data[i]) out.push(i);
      if (sub.data.length > extent && out.some((p) => p >= extent)) linearOutOfBounds(extent);
      return out;
    }
    return Array.from(sub.data, checkPosition);
  }
  if (Array.isArray(sub) && sub.every((v) => typeof v === 'number')) return (sub as number[]).map(checkPosition);
  if (Array.isArray(sub) && sub.every((v) => typeof v === 'boolean')) return sub.flatMap((v, i) => (v ? [i] : []));
  if (sub !== null && typeof sub === 'object' && typeof (sub as { valueOf(): unknown }).valueOf() === 'number') {
    return [checkPosition((sub as { valueOf(): number }).valueOf())];
  }
  return badIndex();
}

function checkPosition(v: number): number {
  if (!Number.isInteger(v) || v < 1) badIndex();
  return v - 1;
}

/** MATLAB `end` in subscript `k` of `n` on `x`. */
export function endOf(x: unknown, k: number, n: number): number {
  const dims = dimsOf(x);
  if (n === 1) return prodDims(dims);
  return dimsForSubscripts(dims, n)[k - 1];
}

/** Numeric/logical view of a number, boolean or number array (MATLAB literals). */
export function asMArray(x: unknown): MArray | undefined {
  if (x instanceof MArray) return x;
  if (typeof x === 'number' || typeof x === 'boolean') return MArray.scalar(x);
  if (Array.isArray(x) && !(x instanceof Cell) && x.length > 0 && x.every((v) => typeof v === 'number' || typeof v === 'boolean')) return MArray.row(x.map(Number), literalClass(x));
  return undefined;
}

/** Shape of `A(idx)` with one subscript (MATLAB: a vector keeps its orientation, `:` gives a column). */
function linearResultDims(source: readonly number[], sub: unknown, count: number): number[] {
  if (sub === COLON) return [count, 1];
  const subDims = sub instanceof MArray ? sub.dims : Array.isArray(sub) ? [1, sub.length] : [1, 1];
  const sourceIsVector = source.length === 2 && (source[0] === 1 || source[1] === 1);
  const subIsVector = subDims.length === 2 && (subDims[0] === 1 || subDims[1] === 1);
  if (sub instanceof MArray && sub.cls === 'logical') return source.length === 2 && source[0] === 1 ? [1, count] : [count, 1];
  if (sourceIsVector && subIsVector) return source[0] === 1 ? [1, count] : [count, 1];
  return subDims.slice();
}

/**
 * 0-based element offsets selected by `subs` on an array of size `dims`, and
 * the result's size. Errors as MATLAB's when a subscript is out of range.
 */
export function selection(dims: readonly number[], subs: readonly unknown[]): { offsets: number[]; dims: number[] } {
  const numel = prodDims(dims);
  if (subs.length === 1) {
    const pos = positionsOf(subs[0], numel);
    for (const p of pos) if (p >= numel) linearOutOfBounds(numel);
    return { offsets: pos, dims: linearResultDims(dims, subs[0], pos.length) };
  }
  const seen = dimsForSubscripts(dims, subs.length);
  const lists = subs.map((s, k) => {
    const pos = positionsOf(s, seen[k]);
    for (const p of pos) if (p >= seen[k]) positionOutOfBounds(k + 1, seen[k]);
    return pos;
  });
  const outDims = lists.map((l) => l.length);
  const offsets: number[] = [];
  const total = prodDims(outDims);
  const idx = new Array<number>(lists.length).fill(0);
  for (let n = 0; n < total; n++) {
    let off = 0;
    let stride = 1;
    for (let k = 0; k < lists.length; k++) {
      off += lists[k][idx[k]] * stride;
      stride *= seen[k];
    }
    offsets.push(off);
    for (let k = 0; k < idx.length; k++) {
      if (++idx[k] < outDims[k]) break;
      idx[k] = 0;
    }
  }
  return { offsets, dims: outDims };
}

function isScalarSubscripts(subs: readonly unknown[]): boolean {
  return subs.every((s) => typeof s === 'number' || (s instanceof MArray && s.isScalar() && s.cls !== 'logical'));
}

/**
 * MATLAB `x(subs…)`: indexing, or a call when `x` is a function handle.
 * A double scalar comes back as a JS number (as `MArray.get` gives it).
 */
export function at(x: unknown, ...subs: unknown[]): any {
  if (typeof x === 'function') return x(...subs);
  if (x === undefined) return matlabError('MATLAB:undefinedVarOrFunction', 'Unrecognized function or variable.');
  if (subs.length === 0) return x;
  if (typeof x === 'string') {
    const { offsets } = selection(dimsOf(x), subs);
    return offsets.map((o) => x[o]).join('');
  }
  if (x instanceof Categorical) {
    if (isScalarSubscripts(subs) && subs.length === 1) return x.get(subs[0] as number);
    return x.select(selection(x.dims, subs).offsets);
  }
  const m = asMArray(x);
  if (m) {
    if (isScalarSubscripts(subs)) {
      const v = m.get(...(subs as number[]));
      return m.cls === 'double' ? v : MArray.from([v], [1, 1], m.cls);
    }
    const { offsets, dims } = selection(m.dims, subs);
    return MArray.from(offsets.map((o) => m.data[o]), dims, m.cls);
  }
  if (Array.isArray(x)) {
    const { offsets, dims } = selection(dimsOf(x), subs);
    // A Cell proper indexes as a cell; its subclasses (LayerArray) are object arrays.
    if (x instanceof Cell && x.constructor === Cell) {
      const c = Cell.from(offsets.map((o) => x[o]));
      c.isRow = dims[0] === 1 && dims[1] !== 1;
      return c;
    }
    // Object arrays (layers, structs): one element is the element itself.
    if (offsets.length === 1 && isScalarSubscripts(subs)) return x[offsets[0]];
    const Species = x.constructor as ArrayConstructor;
    return Species.from(offsets.map((o) => x[o]));
  }
  if (typeof (x as { get?: unknown }).get === 'function' && isScalarSubscripts(subs)) {
    return (x as { get(...s: unknown[]): unknown }).get(...subs);
  }
  // A struct or object is a 1×1 array: x(1) is itself.
  const { offsets } = selection([1, 1], subs);
  if (offsets.length === 1) return x;
  return matlabError('MATLAB:badsubscript', 'Index exceeds the number of array elements. Index must not exceed 1.');
}

/** MATLAB `c{subs…}`: the content of one cell. */
export function brace(c: unknown, ...subs: unknown[]): any {
  if (!Array.isArray(c)) {
    return matlabError('MATLAB:cellRefFromNonCell', "Brace indexing is not supported for variables of this type.");
  }
  const { offsets } = selection(dimsOf(c), subs);
  if (offsets.length !== 1) {
    matlabError('MATLAB:indexing:multipleOutputs', 'Brace indexing that produces several values is only supported as function arguments (c{:}).');
  }
  // An entry never assigned (a gap left by growth) is MATLAB's [].
  return c[offsets[0]] ?? MArray.zeros([0, 0]);
}

/** `f(c{:})`: the contents of the selected cells, to spread into a call. */
export function braceList(c: unknown, ...subs: unknown[]): unknown[] {
  if (!Array.isArray(c)) return matlabError('MATLAB:cellRefFromNonCell', 'Brace indexing is not supported for variables of this type.');
  return selection(dimsOf(c), subs).offsets.map((o) => c[o] ?? MArray.zeros([0, 0]));
}
