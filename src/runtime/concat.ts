/**
 * MATLAB's `[a, b; c, d]` for any runtime value, as translated scripts need
 * it: numbers (MArray), char vectors (joined), cells, categoricals, and
 * arrays of objects such as layers (a flat JS array).
 */
import { matlabError } from './errors.ts';
import { MArray } from './marray.ts';
import { Cell } from './cell.ts';
import { Categorical } from './categorical.ts';
import { cat } from './shape.ts';
import { asMArray } from './subsref.ts';

function isEmptyPart(x: unknown): boolean {
  if (x instanceof MArray) return x.isEmpty() && x.dims.length === 2 && x.dims[0] === 0 && x.dims[1] === 0;
  return Array.isArray(x) && !(x instanceof Cell) && x.length === 0;
}

function isObjectPart(x: unknown): boolean {
  if (x === null || typeof x !== 'object') return false;
  if (x instanceof MArray || x instanceof Categorical || x instanceof Cell) return false;
  return !asMArray(x);
}

function charCodes(x: unknown): MArray {
  if (typeof x === 'string') return MArray.from(Array.from(x, (ch) => ch.codePointAt(0) ?? 0), [x.length === 0 ? 0 : 1, x.length]);
  return asMArray(x) ?? matlabError('MATLAB:concatenation:typeMismatch', 'Unable to concatenate these values.');
}

/** Concatenation of `parts` along `dim` (1: vertical, 2: horizontal). */
function concat(dim: 1 | 2, parts: readonly unknown[]): any {
  const items = parts.filter((p) => !isEmptyPart(p));
  if (items.length === 0) return parts.some((p) => p instanceof Cell) ? new Cell() : MArray.zeros([0, 0]);
  if (items.length === 1) return items[0];
  if (items.some((p) => p instanceof Cell)) {
    const all = items.flatMap((p) => (p instanceof Cell ? [...p] : [p]));
    const rowShaped = items.every((p) => !(p instanceof Cell) || p.isRow || p.length <= 1);
    return dim === 2 && rowShaped ? Cell.row(all) : Cell.column(all);
  }
  if (items.some(isObjectPart)) return items.flatMap((p) => (Array.isArray(p) ? [...p] : [p]));
  if (items.every((p) => p instanceof Categorical)) {
    if (dim === 1) return Categorical.concat(items as Categorical[]);
    return matlabError('MATLAB:categorical:horzcat', 'Horizontal concatenation of categorical arrays is not supported yet.');
  }
  if (items.some((p) => typeof p === 'string')) {
    const joined = cat(dim, ...items.map(charCodes));
    if (joined.dims[0] !== 1) return matlabError('MATLAB:char:matrix', 'Character matrices (several rows of text) are not supported yet; use a cell array or a string array.');
    return String.fromCodePoint(...joined.data);
  }
  return cat(dim, ...items.map((p) => asMArray(p) ?? matlabError('MATLAB:concatenation:typeMismatch', 'Unable to concatenate these values.')));
}

/** MATLAB `[a, b, …]`. */
export function hcat(...parts: unknown[]): any {
  return concat(2, parts);
}

/** MATLAB `[a; b; …]` (each row already joined by `hcat`). */
export function vcat(...rows: unknown[]): any {
  return concat(1, rows);
}
