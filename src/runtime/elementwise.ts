/**
 * Element-wise arithmetic and comparisons with MATLAB's implicit expansion
 * (a dimension of size 1 stretches to match the other operand).
 */
import { matlabError } from './errors.ts';
import { MArray, allocData, castValue, type MClass } from './marray.ts';
import { normalizeDims, prodDims } from './dims.ts';
import { Categorical } from './categorical.ts';
import { arithmeticClass, numericClass, toMArray, type Numeric } from './operand.ts';

/** Size of `op(a, b)` under implicit expansion, or MATLAB's error. */
export function broadcastDims(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let d = 0; d < n; d++) {
    const x = a[d] ?? 1;
    const y = b[d] ?? 1;
    if (x !== y && x !== 1 && y !== 1) {
      matlabError('MATLAB:sizeDimensionsMustMatch', 'Arrays have incompatible sizes for this operation.');
    }
    out.push(x === 1 ? y : x);
  }
  return normalizeDims(out);
}

/** Strides of `dims` seen from `outDims`: 0 where the operand is stretched. */
function expandStrides(dims: readonly number[], outDims: readonly number[]): number[] {
  const strides: number[] = [];
  let s = 1;
  for (let d = 0; d < outDims.length; d++) {
    const size = dims[d] ?? 1;
    strides.push(size === 1 && outDims[d] !== 1 ? 0 : s);
    s *= size;
  }
  return strides;
}

/** Apply `f` element-wise with implicit expansion; the result has class `cls`. */
export function broadcast(a: MArray, b: MArray, cls: MClass, f: (x: number, y: number) => number): MArray {
  const outDims = broadcastDims(a.dims, b.dims);
  const out = allocData(cls, prodDims(outDims));
  const A = a.data;
  const B = b.data;
  if (A.length === out.length && B.length === out.length) {
    for (let i = 0; i < out.length; i++) out[i] = castValue(cls, f(A[i], B[i]));
  } else if (A.length === 1 && B.length === out.length) {
    for (let i = 0; i < out.length; i++) out[i] = castValue(cls, f(A[0], B[i]));
  } else if (B.length === 1 && A.length === out.length) {
    for (let i = 0; i < out.length; i++) out[i] = castValue(cls, f(A[i], B[0]));
  } else {
    const sa = expandStrides(a.dims, outDims);
    const sb = expandStrides(b.dims, outDims);
    const sub = new Array<number>(outDims.length).fill(0);
    let ia = 0;
    let ib = 0;
    for (let i = 0; i < out.length; i++) {
      out[i] = castValue(cls, f(A[ia], B[ib]));
      // Odometer over the output subscripts, moving both input offsets.
      for (let d = 0; d < outDims.length; d++) {
        ia += sa[d];
        ib += sb[d];
        if (++sub[d] < outDims[d]) break;
        ia -= sa[d] * outDims[d];
        ib -= sb[d] * outDims[d];
        sub[d] = 0;
      }
    }
  }
  return MArray.wrap(out, outDims, cls);
}

function arithmetic(fn: string, f: (x: number, y: number) => number) {
  return (a: Numeric, b: Numeric): MArray => {
    const x = toMArray(fn, a);
    const y = toMArray(fn, b);
    return broadcast(x, y, arithmeticClass(x.cls, y.cls), f);
  };
}

function comparison(fn: string, f: (x: number, y: number) => boolean) {
  return (a: Numeric, b: Numeric): MArray => {
    const x = toMArray(fn, a);
    const y = toMArray(fn, b);
    // With a single operand MATLAB compares in single: single(0.1) == 0.1 is true.
    const inSingle = x.cls === 'single' || y.cls === 'single';
    return broadcast(x, y, 'logical', inSingle ? (p, q) => (f(Math.fround(p), Math.fround(q)) ? 1 : 0) : (p, q) => (f(p, q) ? 1 : 0));
  };
}

/** `a + b` */
export const plus = arithmetic('plus', (x, y) => x + y);
/** `a - b` */
export const minus = arithmetic('minus', (x, y) => x - y);
/** `a .* b` */
export const times = arithmetic('times', (x, y) => x * y);
/** `a ./ b` */
export const rdivide = arithmetic('rdivide', (x, y) => x / y);
/** `a .^ b` */
export const power = arithmetic('power', (x, y) => x ** y);
/** `a < b` */
export const lt = comparison('lt', (x, y) => x < y);
/** `a > b` */
export const gt = comparison('gt', (x, y) => x > y);
/** `a <= b` */
export const le = comparison('le', (x, y) => x <= y);
/** `a >= b` */
export const ge = comparison('ge', (x, y) => x >= y);
/** `a & b` */
export const and = comparison('and', (x, y) => x !== 0 && y !== 0);
/** `a | b` */
export const or = comparison('or', (x, y) => x !== 0 || y !== 0);

const numericEq = comparison('eq', (x, y) => x === y);
const numericNe = comparison('ne', (x, y) => x !== y);

/** `a == b`; categoricals compare by label (with another categorical or a label string). */
export function eq(a: Numeric | Categorical | string, b: Numeric | Categorical | string): MArray {
  if (a instanceof Categorical) return a.eq(categoricalOperand('eq', b));
  if (b instanceof Categorical) return b.eq(categoricalOperand('eq', a));
  return numericEq(a as Numeric, b as Numeric);
}

/** `a ~= b` (see `eq`). */
export function ne(a: Numeric | Categorical | string, b: Numeric | Categorical | string): MArray {
  if (a instanceof Categorical) return a.ne(categoricalOperand('ne', b));
  if (b instanceof Categorical) return b.ne(categoricalOperand('ne', a));
  return numericNe(a as Numeric, b as Numeric);
}

function categoricalOperand(fn: string, x: unknown): Categorical | string {
  if (x instanceof Categorical || typeof x === 'string') return x;
  return matlabError('MATLAB:categorical:InvalidComparisonTypes', `Invalid types for comparison (${fn}): a categorical array can only be compared with a categorical array or a label string.`);
}

function unary(fn: string, f: (x: number) => number, keepClass = true) {
  return (a: Numeric): MArray => {
    const x = toMArray(fn, a);
    const cls = keepClass ? numericClass(x.cls) : x.cls === 'single' ? 'single' : 'double';
    const out = allocData(cls, x.numel);
    for (let i = 0; i < out.length; i++) out[i] = castValue(cls, f(x.data[i]));
    return MArray.wrap(out, x.dims, cls);
  };
}

/** MATLAB rounds halves away from zero (JS Math.round rounds them up). */
export function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

export const ceil = unary('ceil', Math.ceil);
export const floor = unary('floor', Math.floor);
export const round = unary('round', roundHalfAway);
export const abs = unary('abs', Math.abs);
/** `-a` */
export const uminus = unary('uminus', (x) => -x);
export const sqrt = unary('sqrt', Math.sqrt, false);
export const exp = unary('exp', Math.exp, false);
export const log = unary('log', Math.log, false);

/** `~a` */
export function not(a: Numeric): MArray {
  const x = toMArray('not', a);
  return MArray.from(Array.from(x.data, (v) => (v === 0 ? 1 : 0)), x.dims, 'logical');
}

/** MATLAB `mod(a, b)`: the result takes the sign of b; `mod(a, 0)` is a. */
export const mod = arithmetic('mod', (x, y) => (y === 0 ? x : x - Math.floor(x / y) * y));
/** MATLAB `rem(a, b)`: the result takes the sign of a; `rem(a, 0)` is NaN. */
export const rem = arithmetic('rem', (x, y) => (y === 0 ? NaN : x - Math.trunc(x / y) * y));
