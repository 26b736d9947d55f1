/**
 * Categorical: MATLAB's categorical array (labels stored as 1-based codes
 * into a category list). Arrays are columns (N×1), as datastore Labels are.
 */
import { matlabError } from './errors.ts';
import { MArray } from './marray.ts';
import { Cell } from './cell.ts';
import { badIndex, linearOffset, linearOutOfBounds, type Subscript } from './subscripts.ts';

/** MATLAB's label for a missing value. */
export const UNDEFINED_LABEL = '<undefined>';

/** MATLAB sorts category names in character order (not locale order). */
function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export class Categorical {
  readonly categories: string[];
  /** 1-based into `categories`; 0 = <undefined>. */
  readonly codes: Uint32Array;
  /** MATLAB size; N×1 unless built otherwise. */
  readonly dims: number[];

  constructor(codes: Uint32Array, categories: readonly string[], dims?: readonly number[]) {
    this.codes = codes;
    this.categories = categories.slice();
    this.dims = dims ? dims.slice() : [codes.length, 1];
    for (const c of codes) {
      if (c > this.categories.length) matlabError('MATLAB:categorical:InvalidCodes', `Code ${c} exceeds the number of categories (${this.categories.length}).`);
    }
  }

  /**
   * Labels → codes. Without `categories` they are the sorted unique labels;
   * with them, a label outside the list becomes <undefined>, as in MATLAB.
   */
  static fromStrings(values: readonly string[], categories?: readonly string[]): Categorical {
    const cats = categories ? categories.slice() : sortedUnique(values);
    if (new Set(cats).size !== cats.length) {
      matlabError('MATLAB:categorical:NonUniqueCategoryNames', 'Category names must be unique.');
    }
    const lookup = new Map(cats.map((c, i) => [c, i + 1]));
    const codes = Uint32Array.from(values, (v) => lookup.get(v) ?? 0);
    return new Categorical(codes, cats);
  }

  static fromCodes(codes: ArrayLike<number>, categories: readonly string[]): Categorical {
    return new Categorical(Uint32Array.from(codes as ArrayLike<number>), categories);
  }

  /** Vertical concatenation; categories are merged in order of first appearance. */
  static concat(parts: readonly Categorical[]): Categorical {
    const cats: string[] = [];
    for (const p of parts) for (const c of p.categories) if (!cats.includes(c)) cats.push(c);
    return Categorical.fromStrings(parts.flatMap((p) => p.toStrings()), cats);
  }

  get length(): number {
    return this.codes.length === 0 ? 0 : Math.max(...this.dims);
  }

  get numel(): number {
    return this.codes.length;
  }

  isScalar(): boolean {
    return this.codes.length === 1;
  }

  /** `c(i)` (1-based) as a 1-element Categorical with the same categories. */
  get(i: Subscript): Categorical {
    const k = linearOffset(i, this.codes.length);
    return new Categorical(this.codes.slice(k, k + 1), this.categories, [1, 1]);
  }

  /** Label of element `i` (1-based). */
  label(i: Subscript): string {
    const code = this.codes[linearOffset(i, this.codes.length)];
    return code === 0 ? UNDEFINED_LABEL : this.categories[code - 1];
  }

  /** A 1-element categorical used as an index gives its code (MATLAB's double(c)). */
  toIndex(): number {
    if (this.codes.length !== 1) {
      matlabError('MATLAB:categorical:NotScalarIndex', `A categorical used as an index must have one element, not ${this.codes.length}.`);
    }
    if (this.codes[0] === 0) badIndex(); // <undefined> has no position
    return this.codes[0];
  }

  /** `double(c)`: the codes as an array of the same size (NaN for undefined). */
  double(): MArray {
    return MArray.from(Array.from(this.codes, (c) => (c === 0 ? NaN : c)), this.dims);
  }

  toStrings(): string[] {
    return Array.from(this.codes, (c) => (c === 0 ? UNDEFINED_LABEL : this.categories[c - 1]));
  }

  /** Elements at 0-based positions (library code: subsets, shuffles); the result is a column. */
  select(positions0: ArrayLike<number>): Categorical {
    const codes = new Uint32Array(positions0.length);
    for (let i = 0; i < positions0.length; i++) {
      const p = positions0[i];
      if (!Number.isInteger(p) || p < 0) badIndex();
      if (p >= this.codes.length) linearOutOfBounds(this.codes.length);
      codes[i] = this.codes[p];
    }
    return new Categorical(codes, this.categories);
  }

  /**
   * `c == other`: labels compared (so categoricals with different category
   * lists still compare by name); <undefined> equals nothing. A scalar or a
   * string is expanded.
   */
  eq(other: Categorical | string): MArray {
    const mine = this.labelsOrNull();
    const theirs = typeof other === 'string' ? [other] : other.labelsOrNull();
    if (mine.length !== theirs.length && mine.length !== 1 && theirs.length !== 1) {
      matlabError('MATLAB:sizeDimensionsMustMatch', 'Arrays have incompatible sizes for this operation.');
    }
    const n = mine.length === 1 ? theirs.length : mine.length;
    const dims = mine.length === 1 && typeof other !== 'string' ? other.dims : this.dims;
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const a = mine[mine.length === 1 ? 0 : i];
      const b = theirs[theirs.length === 1 ? 0 : i];
      out[i] = a !== null && a === b ? 1 : 0;
    }
    return MArray.wrap(out, dims, 'logical');
  }

  private labelsOrNull(): (string | null)[] {
    return Array.from(this.codes, (c) => (c === 0 ? null : this.categories[c - 1]));
  }

  /** `c ~= other` (<undefined> differs from everything). */
  ne(other: Categorical | string): MArray {
    const e = this.eq(other);
    for (let i = 0; i < e.data.length; i++) e.data[i] = e.data[i] ? 0 : 1;
    return e;
  }

  /** Number of elements in each category (MATLAB `countcats`), as a column. */
  countcats(): MArray {
    const counts = new Float64Array(this.categories.length);
    for (const c of this.codes) if (c > 0) counts[c - 1]++;
    return MArray.wrap(counts, [counts.length, 1], 'double');
  }

  [Symbol.iterator](): Iterator<string> {
    return this.toStrings()[Symbol.iterator]();
  }
}

/** MATLAB `categorical(values, categories?)`: labels may be strings, numbers or a Cell. */
export function categorical(values: Iterable<string | number> | string | number, categories?: Iterable<string | number>): Categorical {
  // One number or char vector is one element (categorical('abc') is 1×1), as in MATLAB.
  const raw = typeof values === 'string' || typeof values === 'number' ? [values] : labelValues(values);
  const labels = raw.map(String);
  if (categories) return Categorical.fromStrings(labels, Array.from(categories, String));
  if (raw.every((v) => typeof v === 'number')) {
    // Numeric input: categories follow numeric order (MATLAB sorts the values, not their text).
    const nums = [...new Set(raw as number[])].sort((a, b) => a - b);
    return Categorical.fromStrings(labels, nums.map(String));
  }
  return Categorical.fromStrings(labels);
}

function labelValues(values: unknown): (string | number)[] {
  if (values === null || typeof values !== 'object' || !(Symbol.iterator in values)) {
    return matlabError('MATLAB:categorical:InvalidData', 'Data input must be a numeric, logical, string, or cell array of character vectors.');
  }
  return Array.from(values as Iterable<string | number>);
}

/** MATLAB `categories(c)`: the category names as a column Cell. */
export function categories(c: Categorical): Cell<string> {
  return Cell.column(c.categories);
}

/** MATLAB `countcats(c)`. */
export function countcats(c: Categorical): MArray {
  return c.countcats();
}
