/** Matrix builders and matrix facts: magic, eye, linspace, repmat, diag, trace. */
import { matlabError } from './errors.ts';
import { MArray, CLASSES, allocData } from './marray.ts';
import { normalizeDims, parseSizeAndClass, parseSizeArgs, prodDims } from './dims.ts';
import { toMArray, type Numeric } from './operand.ts';

function scalarArg(fn: string, what: string, v: unknown): number {
  const m = v instanceof MArray && v.isScalar() ? v.data[0] : v;
  if (typeof m !== 'number' || Number.isNaN(m)) matlabError(`MATLAB:${fn}:invalidInput`, `${what} must be a numeric scalar (${fn}).`);
  return m;
}

/** MATLAB `magic(n)`: rows, columns and diagonals sum to n(n²+1)/2 (MATLAB's three constructions). */
export function magic(nArg: number): MArray {
  const n = Math.floor(scalarArg('magic', 'The order', nArg));
  if (n < 1) return MArray.zeros([0, 0]);
  const M = new Float64Array(n * n);
  const set = (i: number, j: number, v: number) => { M[i + j * n] = v; }; // 0-based row i, column j
  const get = (i: number, j: number) => M[i + j * n];
  const mod = (a: number, b: number) => ((a % b) + b) % b;
  if (n % 2 === 1) {
    for (let j = 1; j <= n; j++) {
      for (let i = 1; i <= n; i++) set(i - 1, j - 1, n * mod(i + j - (n + 3) / 2, n) + mod(i + 2 * j - 2, n) + 1);
    }
  } else if (n % 4 === 0) {
    for (let j = 1; j <= n; j++) {
      for (let i = 1; i <= n; i++) {
        const v = (i - 1) * n + j; // reshape(1:n*n, n, n)'
        const flip = Math.trunc(mod(i, 4) / 2) === Math.trunc(mod(j, 4) / 2);
        set(i - 1, j - 1, flip ? n * n + 1 - v : v);
      }
    }
  } else {
    const p = n / 2;
    const A = magic(p);
    const q = p * p;
    for (let j = 0; j < p; j++) {
      for (let i = 0; i < p; i++) {
        const a = A.data[i + j * p];
        set(i, j, a); set(i, j + p, a + 2 * q); set(i + p, j, a + 3 * q); set(i + p, j + p, a + q);
      }
    }
    const k = (n - 2) / 4;
    const swapRows = (cols: number[], rows: number[]) => {
      for (const j of cols) for (const i of rows) {
        const t = get(i, j);
        set(i, j, get(i + p, j));
        set(i + p, j, t);
      }
    };
    const cols: number[] = [];
    for (let j = 1; j <= k; j++) cols.push(j - 1);
    for (let j = n - k + 2; j <= n; j++) cols.push(j - 1);
    swapRows(cols, Array.from({ length: p }, (_, i) => i));
    swapRows(k === 0 ? [0] : [0, k], [k]); // MATLAB's M([i; i+p], [1 i]) = …: one swap when both columns are the first
  }
  return MArray.wrap(M, [n, n], 'double');
}

/** MATLAB `eye(n)`, `eye(m, n)`, `eye([m n])`, with an optional class name last. */
export function eye(...args: (number | string | Iterable<number>)[]): MArray {
  const { dims, cls } = parseSizeAndClass('eye', args, CLASSES);
  if (dims.length > 2) matlabError('MATLAB:eye:dimensions', 'N-dimensional arrays are not supported.');
  const x = MArray.zeros(dims, cls);
  const [r, c] = dims;
  for (let i = 0; i < Math.min(r, c); i++) x.data[i + i * r] = 1;
  return x;
}

/** MATLAB `linspace(a, b)` (100 points) and `linspace(a, b, n)`: the last point is exactly b. */
export function linspace(a: number, b: number, n = 100): MArray {
  const lo = scalarArg('linspace', 'Inputs', a);
  const hi = scalarArg('linspace', 'Inputs', b);
  const count = Math.max(0, Math.floor(scalarArg('linspace', 'Inputs', n)));
  if (count === 0) return MArray.zeros([1, 0]);
  const out = new Float64Array(count);
  const step = (hi - lo) / (count - 1);
  for (let i = 0; i < count - 1; i++) out[i] = lo + i * step;
  out[count - 1] = hi;
  return MArray.wrap(out, [1, count], 'double');
}

/** MATLAB `repmat(A, n)`, `repmat(A, m, n, …)`, `repmat(A, [m n …])`; a char row repeats as text. */
export function repmat(a: Numeric, ...reps: (number | Iterable<number>)[]): MArray;
export function repmat(a: string, ...reps: (number | Iterable<number>)[]): string;
export function repmat(a: Numeric, ...reps: (number | Iterable<number>)[]): MArray | string {
  if (reps.length === 0) matlabError('MATLAB:minrhs', 'Not enough input arguments.');
  const r = parseSizeArgs('repmat', reps);
  const x = toMArray('repmat', a);
  const rank = Math.max(r.length, x.dims.length);
  const src = [...x.dims, ...new Array(rank - x.dims.length).fill(1)];
  const rr = [...r, ...new Array(rank - r.length).fill(1)];
  const outDims = src.map((d, k) => d * rr[k]);
  const out = allocData(x.cls, prodDims(outDims));
  const sub = new Array<number>(rank).fill(0);
  for (let o = 0; o < out.length; o++) {
    // Source offset of output subscript `sub`: each subscript modulo the source size.
    let off = 0;
    let stride = 1;
    for (let k = 0; k < rank; k++) {
      off += (sub[k] % src[k]) * stride;
      stride *= src[k];
    }
    out[o] = x.data[off];
    for (let k = 0; k < rank; k++) {
      if (++sub[k] < outDims[k]) break;
      sub[k] = 0;
    }
  }
  const result = MArray.wrap(out, normalizeDims(outDims), x.cls);
  if (typeof a === 'string' && result.dims.length === 2 && result.dims[0] <= 1) return String.fromCharCode(...result.data);
  return result;
}

/** MATLAB `diag(v, k)`: a vector becomes a square matrix with v on diagonal k; a matrix gives diagonal k as a column. */
export function diag(a: Numeric, k = 0): MArray {
  const x = toMArray('diag', a);
  if (!Number.isInteger(k)) matlabError('MATLAB:diag:kthDiagInputNotInteger', 'K-th diagonal input must be an integer scalar.');
  if (x.dims.length > 2) matlabError('MATLAB:diag:firstInputMustBe2D', 'First input must be 2-D.');
  const [r, c] = x.dims;
  if (r === 1 || c === 1) {
    const n = x.numel + Math.abs(k);
    const out = MArray.zeros([n, n], x.cls);
    for (let i = 0; i < x.numel; i++) {
      const row = k >= 0 ? i : i - k;
      const col = k >= 0 ? i + k : i;
      out.data[row + col * n] = x.data[i];
    }
    return out;
  }
  const values: number[] = [];
  for (let i = Math.max(0, -k); i < r && i + k < c; i++) values.push(x.data[i + (i + k) * r]);
  return MArray.from(values, [values.length, 1], x.cls);
}

/** MATLAB `trace(A)`: the sum of the diagonal of a square matrix. */
export function trace(a: Numeric): number {
  const x = toMArray('trace', a);
  if (x.dims.length !== 2 || x.dims[0] !== x.dims[1]) matlabError('MATLAB:square', 'Matrix must be square.');
  let s = 0;
  for (let i = 0; i < x.dims[0]; i++) s += x.data[i + i * x.dims[0]];
  return s;
}
