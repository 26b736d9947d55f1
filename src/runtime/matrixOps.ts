/**
 * MATLAB's matrix operators `*`, `/`, `\`, `^` and `'`: with a scalar
 * operand they are the element-wise ones; `*` multiplies matrices.
 */
import { matlabError } from './errors.ts';
import { MArray } from './marray.ts';
import { times, rdivide, power } from './elementwise.ts';
import { transpose } from './shape.ts';
import { arithmeticClass } from './operand.ts';
import { asMArray } from './subsref.ts';

function operand(fn: string, x: unknown): MArray {
  if (typeof x === 'string') return MArray.from(Array.from(x, (ch) => ch.codePointAt(0) ?? 0), [1, x.length]);
  return asMArray(x) ?? matlabError('MATLAB:UndefinedFunction', `Undefined function '${fn}' for input arguments of this type.`);
}

const isScalar = (x: unknown) => typeof x === 'number' || typeof x === 'boolean' || (x instanceof MArray && x.isScalar());

/** MATLAB `a * b`. */
export function mtimes(a: unknown, b: unknown): MArray {
  if (isScalar(a) || isScalar(b)) return times(operand('mtimes', a), operand('mtimes', b));
  const A = operand('mtimes', a);
  const B = operand('mtimes', b);
  if (A.dims.length > 2 || B.dims.length > 2) matlabError('MATLAB:mtimes:inputsMustBe2D', 'Arguments must be 2-D, or at least one argument must be scalar. Use TIMES (.*) for elementwise multiplication.');
  const [m, k] = A.dims;
  const [k2, n] = B.dims;
  if (k !== k2) {
    matlabError('MATLAB:innerdim', 'Incorrect dimensions for matrix multiplication. Check that the number of columns in the first matrix matches the number of rows in the second matrix. To operate on each element of the matrix individually, use TIMES (.*) for elementwise multiplication.');
  }
  const out = new Float64Array(m * n);
  for (let j = 0; j < n; j++) {
    for (let p = 0; p < k; p++) {
      const bv = B.data[p + j * k];
      if (bv === 0) continue;
      for (let i = 0; i < m; i++) out[i + j * m] += A.data[i + p * m] * bv;
    }
  }
  return MArray.from(out, [m, n], arithmeticClass(A.cls, B.cls));
}

/** MATLAB `a / b` (a scalar divisor; a matrix one would need a linear solve). */
export function mrdivide(a: unknown, b: unknown): MArray {
  if (isScalar(b)) return rdivide(operand('mrdivide', a), operand('mrdivide', b));
  return matlabError('MATLAB:mrdivide:notSupported', 'Matrix right division by a non-scalar is not supported yet; use ./ for element-wise division.');
}

/** MATLAB `a \ b` (a scalar `a`). */
export function mldivide(a: unknown, b: unknown): MArray {
  if (isScalar(a)) return rdivide(operand('mldivide', b), operand('mldivide', a));
  return matlabError('MATLAB:mldivide:notSupported', 'Matrix left division by a non-scalar is not supported yet; use .\\ for element-wise division.');
}

/** MATLAB `a .\ b` = `b ./ a`. */
export function ldivide(a: unknown, b: unknown): MArray {
  return rdivide(operand('ldivide', b), operand('ldivide', a));
}

/** MATLAB `a ^ p`: scalars, or a square matrix to a non-negative integer power. */
export function mpower(a: unknown, p: unknown): MArray {
  if (isScalar(a) && isScalar(p)) return power(operand('mpower', a), operand('mpower', p));
  const A = operand('mpower', a);
  const e = Number(operand('mpower', p).valueOf());
  if (A.dims.length !== 2 || A.dims[0] !== A.dims[1]) matlabError('MATLAB:mpower:notScalarAndSquareMatrix', 'Incorrect dimensions for raising a matrix to a power. Check that the matrix is square and the power is a scalar. To operate on each element of the matrix individually, use POWER (.^) for elementwise power.');
  if (!Number.isInteger(e) || e < 0) return matlabError('MATLAB:mpower:notSupported', 'Only non-negative integer powers of a matrix are supported yet.');
  let out = MArray.zeros(A.dims);
  for (let i = 0; i < A.dims[0]; i++) out.data[i * (A.dims[0] + 1)] = 1;
  for (let k = 0; k < e; k++) out = mtimes(out, A);
  return out;
}

/** MATLAB `a'` (real values: the transpose). */
export function ctranspose(a: unknown): MArray {
  return transpose(operand('ctranspose', a));
}
