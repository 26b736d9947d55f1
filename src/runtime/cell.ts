/**
 * Cell: MATLAB's cell array as a JS array with 1-based get/set, so library
 * code can still use every Array method (map, filter, ...) on it.
 */
import { linearOffset, subscriptValue, type Subscript } from './subscripts.ts';
import { checkSizeEntry } from './dims.ts';
import { matlabError } from './errors.ts';

export class Cell<T> extends Array<T> {
  /**
   * MATLAB shape hint for display and `size`: cells made by library code
   * (datastore Files, cell(n,1)) are columns; `Cell.row` makes a row.
   */
  isRow = false;

  // Re-typed so `Cell.from` / `Cell.of` say they return a Cell (Array's statics already build one).
  static from<U>(source: Iterable<U> | ArrayLike<U>): Cell<U>;
  static from<U, V>(source: Iterable<U> | ArrayLike<U>, map: (v: U, k: number) => V): Cell<V>;
  static from(source: Iterable<unknown> | ArrayLike<unknown>, map?: (v: unknown, k: number) => unknown): Cell<unknown> {
    return (map ? super.from(source, map) : super.from(source)) as Cell<unknown>;
  }

  static of<U>(...items: U[]): Cell<U> {
    return super.of(...items) as Cell<U>;
  }

  /** Row cell (MATLAB `{a, b, c}`). */
  static row<T>(values: Iterable<T> | ArrayLike<T>): Cell<T> {
    const c = Cell.from(values);
    c.isRow = true;
    return c;
  }

  /** Column cell (MATLAB `{a; b; c}`). */
  static column<T>(values: Iterable<T> | ArrayLike<T>): Cell<T> {
    return Cell.from(values);
  }

  /** `c{i}` (1-based). */
  get(i: Subscript): T {
    return this[linearOffset(i, this.length)];
  }

  /** `c{i} = v`; past the end the cell grows (gaps hold `undefined`, MATLAB's `[]`). */
  set(i: Subscript, v: T): void {
    const k = subscriptValue(i, this.length) - 1;
    // Fill the gap explicitly: holes would be skipped by map/forEach.
    while (this.length < k) this.push(undefined as T);
    this[k] = v;
  }

  /** MATLAB size: n×1 for columns, 1×n for rows, 0×0 when empty. */
  get dims(): number[] {
    if (this.length === 0) return [0, 0];
    return this.isRow ? [1, this.length] : [this.length, 1];
  }

  get numel(): number {
    return this.length;
  }
}

/** MATLAB `cell(n)` / `cell(m, n)`: a vector of empty entries (only vectors are supported). */
export function cell<T = unknown>(mArg: number, nArg: number = mArg): Cell<T> {
  // MATLAB's size rules: fractions and NaN are errors, negative sizes are 0.
  const [m, n] = [checkSizeEntry('cell', mArg), checkSizeEntry('cell', nArg)];
  if (m > 1 && n > 1) matlabError('MATLAB:cell:multiRow', `cell(${m}, ${n}): cells of more than one row and one column are not supported; use cell(${m * n}, 1).`);
  const c = new Cell<T>(m * n);
  c.fill(undefined as T);
  c.isRow = m === 1 && n !== 1;
  return c;
}
