/**
 * Reductions beyond sum/mean/min/max: any, all, prod, cumsum, var, std, each
 * along MATLAB's default dimension (the first one whose size is not 1) or a
 * given one.
 */
import { matlabError } from './errors.ts';
import { MArray, allocData, castValue, isIntegerClass, type MClass } from './marray.ts';
import { checkDim, firstNonSingleton, floatClass, isPlainEmpty, linesAlong, reduce } from './lines.ts';
import { toMArray, type Numeric } from './operand.ts';

type Dim = number | 'all';

/** `x` and the dimension to work along; 'all' folds every element into one column. */
function along(fn: string, a: Numeric, dim: Dim | undefined): { x: MArray; d: number } {
  let x = toMArray(fn, a);
  if (dim === 'all') return { x: x.reshapedCopy([x.numel, 1]), d: 1 };
  if (typeof dim === 'string') matlabError(`MATLAB:${fn}:invalidDim`, `Dimension argument must be a positive integer scalar or 'all'.`);
  if (dim !== undefined) return { x, d: checkDim(fn, dim) };
  if (isPlainEmpty(x, dim)) x = x.reshapedCopy([0, 1]); // any([]), prod([]) … give one value, as MATLAB
  return { x, d: firstNonSingleton(x.dims) };
}

/** MATLAB `any(X)`, `any(X, dim)`, `any(X, 'all')`: true where a line has a nonzero (NaN ignored). */
export function any(a: Numeric, dim?: Dim): MArray {
  const { x, d } = along('any', a, dim);
  return reduce(x, d, 'logical', (at, n) => {
    for (let k = 0; k < n; k++) if (at(k) !== 0 && !Number.isNaN(at(k))) return 1;
    return 0;
  });
}

/** MATLAB `all(X)`, `all(X, dim)`, `all(X, 'all')`: true where a line has no zero (true for an empty line). */
export function all(a: Numeric, dim?: Dim): MArray {
  const { x, d } = along('all', a, dim);
  return reduce(x, d, 'logical', (at, n) => {
    for (let k = 0; k < n; k++) if (at(k) === 0) return 0;
    return 1;
  });
}

/** Products and cumulative sums stay in an integer class (saturating); logical and char become double. */
function nativeClass(c: MClass): MClass {
  return isIntegerClass(c) || c === 'single' ? c : 'double';
}

/** MATLAB `prod(X)`, `prod(X, dim)`, `prod(X, 'all')` (1 for an empty line). */
export function prod(a: Numeric, dim?: Dim): MArray {
  const { x, d } = along('prod', a, dim);
  return reduce(x, d, nativeClass(x.cls), (at, n) => {
    let p = 1;
    for (let k = 0; k < n; k++) p *= at(k);
    return p;
  });
}

/** MATLAB `cumsum(X)`, `cumsum(X, dim)`: running sums along dim, same size as X. */
export function cumsum(a: Numeric, dim?: number): MArray {
  const x = toMArray('cumsum', a);
  const d = dim === undefined ? firstNonSingleton(x.dims) : checkDim('cumsum', dim);
  const cls = nativeClass(x.cls);
  const out = allocData(cls, x.numel);
  const L = linesAlong(x, d);
  for (let line = 0; line < L.count; line++) {
    const s0 = L.start(line);
    let s = 0;
    for (let k = 0; k < L.n; k++) {
      // Integer classes saturate at every step, as MATLAB's native cumsum does.
      s = castValue(cls, s + x.data[s0 + k * L.stride]);
      out[s0 + k * L.stride] = s;
    }
  }
  return MArray.wrap(out, x.dims, cls);
}

function checkWeight(fn: string, w: unknown): 0 | 1 {
  if (w === undefined || (Array.isArray(w) && w.length === 0) || (w instanceof MArray && w.isEmpty())) return 0;
  const v = w instanceof MArray && w.isScalar() ? w.data[0] : w;
  if (v !== 0 && v !== 1) matlabError(`MATLAB:${fn}:invalidWgts`, 'W must be a vector of nonnegative weights, or a scalar 0 or 1.');
  return v;
}

/** Variance of each line: by n − 1 (w = 0, a single value gives 0) or by n (w = 1). */
function variance(fn: string, a: Numeric, w: unknown, dim: Dim | undefined): MArray {
  const weight = checkWeight(fn, w);
  const x0 = toMArray(fn, a);
  if (isPlainEmpty(x0, dim)) return MArray.scalar(NaN, floatClass(x0.cls));
  const { x, d } = along(fn, x0, dim);
  return reduce(x, d, floatClass(x.cls), (at, n) => {
    if (n === 0) return NaN;
    let m = 0;
    for (let k = 0; k < n; k++) m += at(k);
    m /= n;
    let s = 0;
    for (let k = 0; k < n; k++) s += (at(k) - m) ** 2;
    return n === 1 ? 0 : s / (weight === 1 ? n : n - 1);
  });
}

/** MATLAB `var(X)`, `var(X, w)`, `var(X, w, dim)` (w: 0 → divide by n − 1, 1 → by n; `[]` is 0). */
function var_(a: Numeric, w?: number | readonly never[] | MArray, dim?: Dim): MArray {
  return variance('var', a, w, dim);
}

/** MATLAB `std(X)`, `std(X, w)`, `std(X, w, dim)`: the square root of var. */
export function std(a: Numeric, w?: number | readonly never[] | MArray, dim?: Dim): MArray {
  const v = variance('std', a, w, dim);
  for (let i = 0; i < v.numel; i++) v.data[i] = Math.sqrt(v.data[i]);
  return v;
}

// `var` is a reserved word in JavaScript: exported under its MATLAB name.
export { var_ as var };
