/**
 * sort (values and indices, 'ascend'/'descend', along a dimension), find
 * (linear indices or row/column subscripts, first/last k) and nnz.
 */
import { matlabError } from './errors.ts';
import { MArray, allocData } from './marray.ts';
import { matchString } from './args.ts';
import { checkDim, firstNonSingleton, linesAlong } from './lines.ts';
import { Cell } from './cell.ts';
import { isCellLike, toMArray, type Numeric } from './operand.ts';

type Direction = 'ascend' | 'descend';

function sortArgs(rest: readonly unknown[]): { dim?: number; mode: Direction } {
  let dim: number | undefined;
  let mode: Direction = 'ascend';
  for (const a of rest) {
    if (typeof a === 'string') mode = matchString('sort', 'sort direction', a, ['ascend', 'descend']) as Direction;
    else if (a instanceof MArray && a.isScalar()) dim = checkDim('sort', a.data[0]);
    else dim = checkDim('sort', a);
  }
  return { dim, mode };
}

/** NaN sorts last ascending and first descending, as in MATLAB; ties keep their order. */
function compare(mode: Direction) {
  const sign = mode === 'ascend' ? 1 : -1;
  return (a: number, b: number): number => {
    const na = Number.isNaN(a);
    const nb = Number.isNaN(b);
    if (na || nb) return na === nb ? 0 : (na ? 1 : -1) * sign;
    return a === b ? 0 : (a < b ? -1 : 1) * sign;
  };
}

/** Sorted values and their 1-based positions along dim. */
function sortNumbers(a: Numeric, rest: readonly unknown[]): [MArray, MArray] {
  const x = toMArray('sort', a);
  const { dim, mode } = sortArgs(rest);
  const d = dim ?? firstNonSingleton(x.dims);
  const L = linesAlong(x, d);
  const values = allocData(x.cls, x.numel);
  const indices = new Float64Array(x.numel);
  const cmp = compare(mode);
  for (let line = 0; line < L.count; line++) {
    const s0 = L.start(line);
    const order = Array.from({ length: L.n }, (_, k) => k);
    order.sort((p, q) => cmp(x.data[s0 + p * L.stride], x.data[s0 + q * L.stride]) || p - q);
    order.forEach((k, r) => {
      values[s0 + r * L.stride] = x.data[s0 + k * L.stride];
      indices[s0 + r * L.stride] = k + 1;
    });
  }
  return [MArray.wrap(values, x.dims, x.cls), MArray.wrap(indices, x.dims, 'double')];
}

/** A cell of char vectors sorted by character codes (MATLAB's order for cellstr), and the permutation. */
function sortTexts(c: readonly unknown[], rest: readonly unknown[]): [Cell<string>, MArray] {
  if (!c.every((v): v is string => typeof v === 'string')) {
    matlabError('MATLAB:sort:InvalidInput', 'Only cell arrays of character vectors are supported.');
  }
  const { mode } = sortArgs(rest);
  const sign = mode === 'ascend' ? 1 : -1;
  const order = c.map((_, k) => k).sort((p, q) => (c[p] === c[q] ? p - q : (c[p] < c[q] ? -1 : 1) * sign));
  const out = Cell.from(order.map((k) => c[k]));
  out.isRow = c instanceof Cell ? c.isRow : true;
  return [out, MArray.from(order.map((k) => k + 1), out.dims)];
}

/** MATLAB `[B, I] = sort(A, dim, mode)`, also for a cell of char vectors. */
export function sortWithIndex(a: Numeric, ...rest: (number | string)[]): [MArray, MArray];
export function sortWithIndex(a: readonly string[], ...rest: (number | string)[]): [Cell<string>, MArray];
export function sortWithIndex(a: Numeric | readonly string[], ...rest: (number | string)[]): [MArray | Cell<string>, MArray] {
  if (isCellLike(a)) return sortTexts(a, rest);
  return sortNumbers(a as Numeric, rest);
}

/** MATLAB `sort(A)`, `sort(A, dim)`, `sort(A, 'descend')`, `sort(A, dim, 'descend')`; a char vector sorts its characters, a cell of them its texts. */
export function sort(a: Numeric, ...rest: (number | string)[]): MArray;
export function sort(a: string, ...rest: (number | string)[]): string;
export function sort(a: readonly string[], ...rest: (number | string)[]): Cell<string>;
export function sort(a: Numeric | readonly string[], ...rest: (number | string)[]): MArray | string | Cell<string> {
  if (isCellLike(a)) return sortTexts(a, rest)[0];
  const sorted = sortNumbers(a as Numeric, rest)[0];
  return typeof a === 'string' ? String.fromCharCode(...sorted.data) : sorted;
}

function findArgs(rest: readonly unknown[]): { k: number; last: boolean } {
  const [k, direction] = rest;
  if (k !== undefined && (typeof k !== 'number' || !Number.isInteger(k) || k < 0)) {
    matlabError('MATLAB:find:nonIntegerOrNegativeK', 'Second argument must be a positive scalar integer.');
  }
  const last = direction !== undefined && matchString('find', 'search direction', direction, ['first', 'last']) === 'last';
  return { k: k === undefined ? Infinity : k, last };
}

/** 0-based positions of the nonzero elements (the first or last k). */
function nonzeroPositions(x: MArray, k: number, last: boolean): number[] {
  const out: number[] = [];
  if (last) {
    for (let i = x.numel - 1; i >= 0 && out.length < k; i--) if (x.data[i] !== 0) out.unshift(i);
  } else {
    for (let i = 0; i < x.numel && out.length < k; i++) if (x.data[i] !== 0) out.push(i);
  }
  return out;
}

/** A row result for a row-vector input, a column otherwise (MATLAB's find shapes). */
function findShape(x: MArray, n: number): number[] {
  const isRow = x.dims.length === 2 && x.dims[0] === 1 && x.dims[1] !== 1;
  if (x.dims.length === 2 && x.dims[0] === 0 && x.dims[1] === 0) return [0, 0];
  if (x.isScalar()) return n === 0 ? [0, 0] : [1, 1];
  return isRow ? [1, n] : [n, 1];
}

/** MATLAB `find(X)`, `find(X, k)`, `find(X, k, 'last')`: 1-based linear indices of nonzeros. */
export function find(a: Numeric, k?: number, direction?: string): MArray {
  const x = toMArray('find', a);
  const { k: count, last } = findArgs([k, direction]);
  const pos = nonzeroPositions(x, count, last);
  return MArray.from(pos.map((p) => p + 1), findShape(x, pos.length));
}

/** MATLAB `[row, col, v] = find(X, …)`: subscripts (columns fold the dimensions past 2) and values. */
export function findSubscripts(a: Numeric, k?: number, direction?: string): [MArray, MArray, MArray] {
  const x = toMArray('find', a);
  const { k: count, last } = findArgs([k, direction]);
  const pos = nonzeroPositions(x, count, last);
  const rows = x.dims[0];
  const shape = findShape(x, pos.length);
  return [
    MArray.from(pos.map((p) => (p % rows) + 1), shape),
    MArray.from(pos.map((p) => Math.floor(p / rows) + 1), shape),
    MArray.from(pos.map((p) => x.data[p]), shape, x.cls),
  ];
}

/** MATLAB `nnz(X)`: the number of nonzero elements. */
export function nnz(a: Numeric): number {
  const x = toMArray('nnz', a);
  let n = 0;
  for (const v of x.data) if (v !== 0) n++;
  return n;
}
