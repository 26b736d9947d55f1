/**
 * MArray: MATLAB's numeric/logical N-d array, stored column-major in a typed
 * array so library code (tensors, images) can use the buffer directly.
 */
import { totalmem } from 'node:os';
import { matlabError } from './errors.ts';
import { normalizeDims, prodDims } from './dims.ts';
import {
  dimsForSubscripts, linearOffset, offsetOf, positionOutOfBounds, subscriptValue,
  type Subscript,
} from './subscripts.ts';

export type { Indexable, Subscript } from './subscripts.ts';
export type MClass = 'double' | 'single' | 'uint8' | 'uint16' | 'logical';
export type MData = Float64Array | Float32Array | Uint8Array | Uint16Array;
/** What a set() accepts as the stored value. */
export type MValue = number | boolean | { valueOf(): number };

/** Every class an MArray can have. */
export const CLASSES: readonly MClass[] = ['double', 'single', 'uint8', 'uint16', 'logical'];

/** Largest value of each integer class (values saturate there, as in MATLAB). */
export const INT_MAX: Readonly<Partial<Record<MClass, number>>> = { uint8: 255, uint16: 65535 };

/** True for MATLAB's integer classes (uint8, uint16): displayed as integers, winning in arithmetic. */
export function isIntegerClass(cls: MClass): boolean {
  return INT_MAX[cls] !== undefined;
}

/** Bytes one element of `cls` takes. */
export function bytesPerElement(cls: MClass): number {
  return cls === 'double' ? 8 : cls === 'single' ? 4 : cls === 'uint16' ? 2 : 1;
}

/**
 * MATLAB's error for an array larger than memory (its default limit is the
 * machine's RAM), raised before allocating instead of a raw RangeError.
 */
export function requireArraySize(dims: readonly number[], cls: MClass): void {
  const n = prodDims(dims);
  const bytes = n * bytesPerElement(cls);
  const limit = totalmem();
  // Typed arrays also have a length limit of their own, below RAM on large machines.
  if (bytes > limit || n > MAX_TYPED_LENGTH) {
    const gb = (b: number) => (b / 2 ** 30).toFixed(1);
    matlabError('MATLAB:array:SizeLimitExceeded',
      `Requested ${dims.join('×')} (${gb(bytes)} GB) array exceeds the maximum array size (${gb(limit)} GB, the memory of this machine).`);
  }
}

/** V8's typed-array length limit (2^32 elements on 64-bit Node 20). */
const MAX_TYPED_LENGTH = 2 ** 32;

export function isMClass(s: unknown): s is MClass {
  return typeof s === 'string' && (CLASSES as readonly string[]).includes(s);
}

export function allocData(cls: MClass, n: number): MData {
  requireArraySize([n, 1], cls);
  if (cls === 'double') return new Float64Array(n);
  if (cls === 'single') return new Float32Array(n);
  if (cls === 'uint16') return new Uint16Array(n);
  return new Uint8Array(n);
}

/** Convert a double to what `cls` stores (integers: round half away, saturate, NaN→0). */
export function castValue(cls: MClass, v: number): number {
  switch (cls) {
    case 'double': return v;
    case 'single': return Math.fround(v);
    case 'uint8': return Number.isNaN(v) ? 0 : Math.min(255, Math.max(0, Math.round(v)));
    case 'uint16': return Number.isNaN(v) ? 0 : Math.min(65535, Math.max(0, Math.round(v)));
    case 'logical':
      if (Number.isNaN(v)) matlabError('MATLAB:nologicalnan', "NaN's cannot be converted to logicals.");
      return v !== 0 ? 1 : 0;
  }
}

function numberOf(v: MValue): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof MArray && !v.isScalar()) {
    matlabError('MATLAB:subsassignnumelmismatch', 'Unable to perform assignment because the left and right sides have a different number of elements.');
  }
  return Number(v.valueOf());
}

export class MArray {
  readonly cls: MClass;
  /** Column-major values: double→Float64Array, single→Float32Array, uint16→Uint16Array, uint8/logical→Uint8Array. */
  data: MData;
  /** Size vector, length ≥ 2, trailing singletons beyond 2 trimmed. */
  dims: number[];
  /**
   * True while `data` may be shared with another MArray (a value copy made by
   * shareCopy): the first write through `set` copies it first, so copies of a
   * 61-million-weight layer cost nothing until one of them changes.
   */
  private sharedData = false;

  constructor(data: MData, dims: readonly number[], cls: MClass) {
    this.cls = cls;
    this.data = data;
    this.dims = normalizeDims(dims);
    if (prodDims(this.dims) !== data.length) {
      matlabError('MATLAB:MArray:sizeMismatch', `Data has ${data.length} elements but size [${this.dims.join(' ')}] needs ${prodDims(this.dims)}.`);
    }
  }

  /** Copy `values` into a new array of class `cls` (uint8 rounds/saturates, logical → 0/1). */
  static from(values: ArrayLike<number>, dims: readonly number[], cls: MClass = 'double'): MArray {
    const n = values.length;
    const data = allocData(cls, n);
    for (let i = 0; i < n; i++) data[i] = castValue(cls, values[i]);
    return new MArray(data, dims, cls);
  }

  /** Adopt `data` without copying (caller guarantees the typed array matches `cls`). */
  static wrap(data: MData, dims: readonly number[], cls: MClass): MArray {
    return new MArray(data, dims, cls);
  }

  static scalar(v: number | boolean, cls: MClass = typeof v === 'boolean' ? 'logical' : 'double'): MArray {
    return MArray.from([typeof v === 'boolean' ? (v ? 1 : 0) : v], [1, 1], cls);
  }

  static row(values: ArrayLike<number>, cls: MClass = 'double'): MArray {
    return MArray.from(values, [1, values.length], cls);
  }

  static column(values: ArrayLike<number>, cls: MClass = 'double'): MArray {
    return MArray.from(values, [values.length, 1], cls);
  }

  /** A `dims`-sized array of zeros (false for logical). */
  static zeros(dims: readonly number[], cls: MClass = 'double'): MArray {
    const d = normalizeDims(dims);
    return new MArray(allocData(cls, prodDims(d)), d, cls);
  }

  get numel(): number {
    return this.data.length;
  }

  get ndims(): number {
    return this.dims.length;
  }

  isScalar(): boolean {
    return this.data.length === 1;
  }

  isEmpty(): boolean {
    return this.data.length === 0;
  }

  /** True for 1×n or n×1 (including scalars). */
  isVector(): boolean {
    return this.dims.length === 2 && (this.dims[0] === 1 || this.dims[1] === 1);
  }

  /** Element at 1-based linear or N-d subscripts (MATLAB `x(i)`, `x(i,j,...)`). */
  get(...subs: Subscript[]): number {
    return this.data[this.offset(subs)];
  }

  /**
   * MATLAB `x(subs) = value`: the last argument is the value. Subscripts past
   * the end grow the array (zero-filled) as MATLAB does.
   */
  set(...args: [...Subscript[], MValue]): void {
    if (args.length < 2) matlabError('MATLAB:MArray:set', 'set needs at least one subscript and a value.');
    const value = numberOf(args[args.length - 1] as MValue);
    const subs = args.slice(0, -1) as Subscript[];
    const vals = subs.length === 1 ? [subscriptValue(subs[0], this.numel)] : subs.map((x, p) => subscriptValue(x, dimsForSubscripts(this.dims, subs.length)[p]));
    this.unshare();
    if (vals.length === 1) this.growLinear(vals[0]);
    else this.growSubscripts(vals);
    this.data[this.offset(vals)] = castValue(this.cls, value);
  }

  /** Values as a plain array, column-major. */
  toArray(): number[] {
    return Array.from(this.data);
  }

  /** A scalar's value (so `+x`, `x > 3` work in TypeScript on scalars). */
  valueOf(): number {
    if (!this.isScalar()) {
      matlabError('MATLAB:MArray:notScalar', `Expected a scalar but the array is ${this.dims.join('×')}.`);
    }
    return this.data[0];
  }

  toString(): string {
    return this.isScalar() ? String(this.data[0]) : `[${this.dims.join('×')} ${this.cls}]`;
  }

  [Symbol.iterator](): Iterator<number> {
    return this.data[Symbol.iterator]();
  }

  /** A deep copy (same class). */
  clone(): MArray {
    return new MArray(this.data.slice() as MData, this.dims, this.cls);
  }

  /** A value copy that shares the data until either side writes through `set` (MATLAB's copy-on-write). */
  shareCopy(): MArray {
    const copy = new MArray(this.data, this.dims, this.cls);
    copy.sharedData = true;
    this.sharedData = true;
    return copy;
  }

  /** A value copy with other dims of the same element count (the data shared copy-on-write). */
  reshapedCopy(dims: readonly number[]): MArray {
    const copy = this.shareCopy();
    const d = normalizeDims(dims);
    if (prodDims(d) !== this.numel) matlabError('MATLAB:getReshapeDims:notSameNumel', `Number of elements must not change. Use [] as one of the size inputs to automatically calculate the appropriate size for that dimension.`);
    copy.dims = d;
    return copy;
  }

  /** Own the data before writing in place. */
  private unshare(): void {
    if (!this.sharedData) return;
    this.data = this.data.slice() as MData;
    this.sharedData = false;
  }

  /** 0-based offset of checked subscripts (no growth). */
  private offset(subs: readonly Subscript[]): number {
    if (subs.length === 0) matlabError('MATLAB:MArray:get', 'At least one subscript is required.');
    if (subs.length === 1) return linearOffset(subs[0], this.numel);
    const seen = dimsForSubscripts(this.dims, subs.length);
    const subs0 = subs.map((s, p) => {
      const k = subscriptValue(s, seen[p]);
      if (k > seen[p]) positionOutOfBounds(p + 1, seen[p]);
      return k - 1;
    });
    return offsetOf(subs0, seen);
  }

  /** MATLAB grows vectors along their length; 0×0 and scalars become rows. */
  private growLinear(k: number): void {
    if (k <= this.numel) return;
    const [r, c] = this.dims;
    if (this.dims.length === 2 && r === 0 && c === 0) return this.resize([1, k]);
    if (this.dims.length === 2 && r === 1) return this.resize([1, k]);
    if (this.dims.length === 2 && c === 1) return this.resize([k, 1]);
    matlabError('MATLAB:indexed:ambiguousGrowth', 'Attempt to grow array along ambiguous dimension.');
  }

  private growSubscripts(vals: readonly number[]): void {
    const seen = dimsForSubscripts(this.dims, vals.length);
    if (!vals.some((v, p) => v > seen[p])) return;
    if (vals.length < this.dims.length) {
      // The last subscript spans several folded dims: MATLAB cannot grow it.
      matlabError('MATLAB:indexed:ambiguousGrowth', 'Attempt to grow array along ambiguous dimension.');
    }
    this.resize(seen.map((d, p) => Math.max(d, vals[p])));
  }

  /** Reallocate to `newDims` (each ≥ the old one), keeping elements at their subscripts. */
  private resize(newDims: number[]): void {
    const old = this.data;
    const oldDims = [...this.dims, ...new Array(Math.max(0, newDims.length - this.dims.length)).fill(1)];
    const data = allocData(this.cls, prodDims(newDims));
    const sub = new Array<number>(oldDims.length).fill(0);
    for (let i = 0; i < old.length; i++) {
      data[offsetOf(sub, newDims)] = old[i];
      for (let p = 0; p < sub.length; p++) {
        if (++sub[p] < oldDims[p]) break;
        sub[p] = 0;
      }
    }
    this.data = data;
    this.dims = normalizeDims(newDims);
  }
}
