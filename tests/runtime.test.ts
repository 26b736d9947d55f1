import { describe, it, expect } from 'vitest';
import { MArray } from '../src/runtime/marray.ts';
import { Cell, cell } from '../src/runtime/cell.ts';
import { Categorical, categorical, categories } from '../src/runtime/categorical.ts';
import { Table, table } from '../src/runtime/table.ts';
import { MatlabError } from '../src/runtime/errors.ts';
import { zeros } from '../src/runtime/ops.ts';

/** The MATLAB message of the error `fn` throws. */
function errorOf(fn: () => unknown): MatlabError {
  try {
    fn();
  } catch (e) {
    if (e instanceof MatlabError) return e;
    throw e;
  }
  throw new Error('expected a MatlabError');
}

describe('MArray construction', () => {
  it('from copies, keeps column-major order and trims trailing singleton dims', () => {
    const src = [1, 2, 3, 4, 5, 6];
    const a = MArray.from(src, [2, 3, 1, 1]);
    src[0] = 99;
    expect(a.dims).toEqual([2, 3]);
    expect(a.data).toBeInstanceOf(Float64Array);
    expect(a.get(1, 1)).toBe(1);
    expect(a.get(2, 1)).toBe(2);
    expect(a.get(1, 3)).toBe(5);
    expect(a.numel).toBe(6);
  });

  it('uint8 rounds half away from zero and saturates; logical maps to 0/1', () => {
    const u = MArray.from([-3, 2.5, 254.4, 300, NaN], [1, 5], 'uint8');
    expect(u.data).toBeInstanceOf(Uint8Array);
    expect(u.toArray()).toEqual([0, 3, 254, 255, 0]);
    expect(MArray.from([0, -2, 0.1], [1, 3], 'logical').toArray()).toEqual([0, 1, 1]);
    expect(errorOf(() => MArray.from([NaN], [1, 1], 'logical')).message).toBe("NaN's cannot be converted to logicals.");
  });

  it('single stores float32 values', () => {
    const s = MArray.from([0.1], [1, 1], 'single');
    expect(s.data).toBeInstanceOf(Float32Array);
    expect(s.get(1)).toBe(Math.fround(0.1));
  });

  it('wrap shares the buffer; scalar, row and column shapes', () => {
    const buf = new Float64Array([1, 2]);
    const w = MArray.wrap(buf, [2, 1], 'double');
    buf[1] = 7;
    expect(w.get(2)).toBe(7);
    expect(MArray.scalar(4).dims).toEqual([1, 1]);
    expect(MArray.scalar(true).cls).toBe('logical');
    expect(MArray.row([1, 2, 3]).dims).toEqual([1, 3]);
    expect(MArray.column([1, 2, 3]).dims).toEqual([3, 1]);
  });

  it('rejects data that does not fit the size', () => {
    expect(() => MArray.wrap(new Float64Array(3), [2, 2], 'double')).toThrow(MatlabError);
  });

  it('valueOf works for scalars only; iteration is column-major', () => {
    expect(+MArray.scalar(3) + 1).toBe(4);
    expect(() => MArray.row([1, 2]).valueOf()).toThrow(/scalar/);
    expect([...MArray.from([1, 2, 3, 4], [2, 2])]).toEqual([1, 2, 3, 4]);
    expect(MArray.from([1, 2, 3, 4], [2, 2]).toArray()).toEqual([1, 2, 3, 4]);
  });
});

describe('MArray indexing', () => {
  const a = MArray.from([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2]);

  it('reads linear, 2-D (trailing dims folded) and N-d subscripts', () => {
    expect(a.get(5)).toBe(5);
    expect(a.get(2, 2, 2)).toBe(8);
    expect(a.get(1, 3)).toBe(5); // 2 subscripts on 2×2×2: columns 1..4
    expect(a.get(2, 2, 1, 1)).toBe(4); // extra trailing 1s are fine
  });

  it('rejects out-of-range and non-integer subscripts with MATLAB messages', () => {
    const v = MArray.row([1, 2, 3, 4]);
    const e = errorOf(() => v.get(5));
    expect(e.message).toBe('Index exceeds the number of array elements. Index must not exceed 4.');
    expect(e.identifier).toBe('MATLAB:badsubscript');
    expect(errorOf(() => v.get(1.5)).message).toBe('Array indices must be positive integers or logical values.');
    expect(errorOf(() => v.get(0)).message).toBe('Array indices must be positive integers or logical values.');
    expect(errorOf(() => a.get(3, 1, 1)).message).toBe('Index in position 1 exceeds array bounds. Index must not exceed 2.');
    expect(errorOf(() => a.get(1, 1, 3)).message).toBe('Index in position 3 exceeds array bounds. Index must not exceed 2.');
  });

  it('set grows a matrix like MATLAB: zeros(9,n) then x(10,i) = 1', () => {
    const x = zeros(9, 3);
    x.set(10, 2, 1);
    expect(x.dims).toEqual([10, 3]);
    expect(x.get(10, 2)).toBe(1);
    expect(x.get(10, 1)).toBe(0);
    expect(x.numel).toBe(30);
  });

  it('set keeps existing elements at their subscripts when growing', () => {
    const x = MArray.from([1, 2, 3, 4], [2, 2]);
    x.set(3, 3, 9);
    expect(x.dims).toEqual([3, 3]);
    expect(x.toArray()).toEqual([1, 2, 0, 3, 4, 0, 0, 0, 9]);
    x.set(1, 1, 2, 5);
    expect(x.dims).toEqual([3, 3, 2]);
    expect(x.get(1, 1, 2)).toBe(5);
    expect(x.get(3, 3, 1)).toBe(9);
  });

  it('linear growth: [] and rows grow as rows, columns as columns, matrices refuse', () => {
    const e = zeros(0, 0);
    e.set(3, 7);
    expect(e.dims).toEqual([1, 3]);
    expect(e.toArray()).toEqual([0, 0, 7]);
    const c = MArray.column([1, 2]);
    c.set(4, 1);
    expect(c.dims).toEqual([4, 1]);
    const m = zeros(2, 2);
    expect(errorOf(() => m.set(5, 1)).message).toBe('Attempt to grow array along ambiguous dimension.');
  });

  it('set casts the value to the class (uint8 saturates)', () => {
    const u = MArray.from([0, 0], [1, 2], 'uint8');
    u.set(1, 300);
    u.set(2, -4);
    expect(u.toArray()).toEqual([255, 0]);
  });

  it('accepts a scalar categorical as an index through toIndex()', () => {
    const labels = Categorical.fromStrings(['0', '3', '9'], ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    const x = zeros(9, 3);
    for (let i = 1; i <= labels.numel; i++) x.set(labels.get(i), i, 1);
    expect(x.dims).toEqual([10, 3]); // label '9' is code 10
    expect(x.get(1, 1)).toBe(1);
    expect(x.get(4, 2)).toBe(1);
    expect(x.get(10, 3)).toBe(1);
    expect(x.get(labels.get(2), 2)).toBe(1);
  });
});

describe('Cell', () => {
  it('is an Array with 1-based get/set that grows', () => {
    const c = Cell.of('a', 'b');
    expect(c).toBeInstanceOf(Cell);
    expect(Array.isArray(c)).toBe(true);
    expect(c.get(2)).toBe('b');
    c.set(4, 'd');
    expect(c.length).toBe(4);
    expect(c[2]).toBeUndefined();
    expect(errorOf(() => c.get(5)).message).toBe('Index exceeds the number of array elements. Index must not exceed 4.');
  });

  it('from/map keep the Cell type; shapes for size', () => {
    const c = Cell.from([1, 2, 3], (v) => v * 2);
    expect(c).toBeInstanceOf(Cell);
    expect([...c]).toEqual([2, 4, 6]);
    expect(c.map((v) => v + 1)).toBeInstanceOf(Cell);
    expect(c.dims).toEqual([3, 1]);
    expect(Cell.row(['x', 'y']).dims).toEqual([1, 2]);
    expect(cell(3, 1).length).toBe(3);
    expect(cell(1, 2).dims).toEqual([1, 2]);
  });
});

describe('Categorical', () => {
  const c = Categorical.fromStrings(['dog', 'cat', 'dog', 'bird']);

  it('sorts categories when not given and stores 1-based codes', () => {
    expect(c.categories).toEqual(['bird', 'cat', 'dog']);
    expect(Array.from(c.codes)).toEqual([3, 2, 3, 1]);
    expect(c.length).toBe(4);
    expect(c.numel).toBe(4);
    expect(c.dims).toEqual([4, 1]);
  });

  it('keeps given categories; unknown labels become <undefined>', () => {
    const d = Categorical.fromStrings(['b', 'z'], ['b', 'a']);
    expect(Array.from(d.codes)).toEqual([1, 0]);
    expect(d.toStrings()).toEqual(['b', '<undefined>']);
    expect(errorOf(() => d.get(2).toIndex()).message).toBe('Array indices must be positive integers or logical values.');
  });

  it('get returns a 1-element categorical; toIndex gives its code', () => {
    const e = c.get(3);
    expect(e).toBeInstanceOf(Categorical);
    expect(e.numel).toBe(1);
    expect(e.toStrings()).toEqual(['dog']);
    expect(e.toIndex()).toBe(3);
    expect(() => c.toIndex()).toThrow(/one element/);
  });

  it('select takes 0-based positions', () => {
    expect(c.select([3, 0]).toStrings()).toEqual(['bird', 'dog']);
    expect(() => c.select([4])).toThrow(MatlabError);
  });

  it('eq/ne compare labels with a string or another categorical (scalar expanded)', () => {
    expect(c.eq('dog').toArray()).toEqual([1, 0, 1, 0]);
    expect(c.eq('dog').cls).toBe('logical');
    const other = Categorical.fromStrings(['dog', 'dog', 'cat', 'bird'], ['dog', 'cat', 'bird', 'fish']);
    expect(c.eq(other).toArray()).toEqual([1, 0, 0, 1]);
    expect(c.ne(other).toArray()).toEqual([0, 1, 1, 0]);
    expect(c.eq(c.get(1)).toArray()).toEqual([1, 0, 1, 0]);
    expect(errorOf(() => c.eq(Categorical.fromStrings(['a', 'b']))).message).toBe('Arrays have incompatible sizes for this operation.');
  });

  it('categorical() orders numeric input numerically; categories() is a Cell', () => {
    const n = categorical([10, 9, 10]);
    expect(n.categories).toEqual(['9', '10']);
    expect(n.toStrings()).toEqual(['10', '9', '10']);
    const cats = categories(n);
    expect(cats).toBeInstanceOf(Cell);
    expect(cats.get(1)).toBe('9');
    expect(categorical(['b', 'a'], ['b', 'a', 'c']).categories).toEqual(['b', 'a', 'c']);
    expect(c.countcats().toArray()).toEqual([1, 1, 2]);
  });
});

describe('Table', () => {
  const labels = Categorical.fromStrings(['0', '1', '2']);
  const counts = MArray.column([5923, 6742, 5958]);

  it('exposes variables as properties, with height/width/VariableNames', () => {
    const t = Table.fromColumns({ Label: labels, Count: counts });
    expect(t).toBeInstanceOf(Table);
    expect(t.Count).toBe(counts);
    expect(t.Label).toBe(labels);
    expect(t.height).toBe(3);
    expect(t.width).toBe(2);
    expect([...t.VariableNames]).toEqual(['Label', 'Count']);
    expect(Object.keys(t.columns())).toEqual(['Label', 'Count']);
    expect(t.variable('Count')).toBe(counts);
    expect(() => t.variable('Nope')).toThrow(/Unrecognized table variable name 'Nope'/);
  });

  it('table() is the same; rows must agree', () => {
    expect(table({ A: MArray.column([1, 2]) }).height).toBe(2);
    expect(errorOf(() => table({ A: MArray.column([1, 2]), B: MArray.column([1]) })).message).toBe('All table variables must have the same number of rows.');
    expect(() => table({ height: MArray.column([1]) })).toThrow(/not a valid table variable name/);
  });
});
