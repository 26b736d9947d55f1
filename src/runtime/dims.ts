/**
 * Size vectors (MATLAB's `size`): shared by every constructor so all arrays
 * agree on one canonical shape (at least 2 dims, trailing singletons trimmed).
 */
import { matlabError } from './errors.ts';
import type { MClass } from './marray.ts';
import { Cell } from './cell.ts';

/** Canonical dims: ≥ 2 entries, trailing 1s beyond the second removed. */
export function normalizeDims(dims: readonly number[]): number[] {
  const out = dims.slice();
  while (out.length < 2) out.push(out.length === 0 ? 0 : 1);
  while (out.length > 2 && out[out.length - 1] === 1) out.pop();
  return out;
}

export function prodDims(dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) n *= d;
  return n;
}

export function sameDims(a: readonly number[], b: readonly number[]): boolean {
  const na = normalizeDims(a);
  const nb = normalizeDims(b);
  return na.length === nb.length && na.every((d, i) => d === nb[i]);
}

/** Validate one size entry: MATLAB treats negative sizes as 0, but rejects NaN and fractions. */
export function checkSizeEntry(fn: string, d: number): number {
  if (!Number.isFinite(d) || Math.floor(d) !== d) {
    matlabError('MATLAB:NonIntegerInput', `Size inputs must be integers (${fn}).`);
  }
  return Math.max(0, d);
}

/**
 * Size arguments as accepted by zeros/ones/rand: `()` → 1×1, `(n)` → n×n,
 * `(m, n, ...)`, or a size vector `([m n ...])`. A vector may be any
 * iterable of numbers (an MArray row works).
 */
export function parseSizeArgs(fn: string, args: readonly unknown[]): number[] {
  if (args.length === 0) return [1, 1];
  if (args.length === 1) {
    const a = args[0];
    if (typeof a === 'number') {
      const n = checkSizeEntry(fn, a);
      return [n, n];
    }
    if (a instanceof Cell) matlabError('MATLAB:getdimarg:invalidDim', `Size inputs must be numeric, not a cell (${fn}).`);
    if (a !== null && typeof a === 'object' && Symbol.iterator in a) {
      const v = Array.from(a as Iterable<number>, (d) => checkSizeEntry(fn, Number(d)));
      if (v.length === 1) return [v[0], v[0]];
      if (v.length === 0) matlabError('MATLAB:getdimarg:invalidDim', `Size vector must have at least one element (${fn}).`);
      return normalizeDims(v);
    }
  }
  const out = args.map((a) => {
    const n = typeof a === 'number' ? a : Number((a as { valueOf(): number })?.valueOf?.());
    if (typeof a !== 'number' && !(a !== null && typeof a === 'object')) {
      matlabError('MATLAB:getdimarg:invalidDim', `Size inputs must be numeric (${fn}).`);
    }
    return checkSizeEntry(fn, n);
  });
  return normalizeDims(out);
}

/**
 * Size arguments followed by an optional class name, as in `zeros(2, 3, 'uint8')`.
 * `allowed` lists the classes this function can build.
 */
export function parseSizeAndClass(fn: string, args: readonly unknown[], allowed: readonly MClass[]): { dims: number[]; cls: MClass } {
  const last = args[args.length - 1];
  if (typeof last !== 'string') return { dims: parseSizeArgs(fn, args), cls: 'double' };
  if (!(allowed as readonly string[]).includes(last)) {
    matlabError(`MATLAB:${fn}:invalidOutputType`, `The class name must be one of ${allowed.map((c) => `'${c}'`).join(', ')}, not '${last}' (${fn}).`);
  }
  return { dims: parseSizeArgs(fn, args.slice(0, -1)), cls: last as MClass };
}
