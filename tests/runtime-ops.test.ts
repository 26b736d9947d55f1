import { describe, it, expect } from 'vitest';
import { MArray } from '../src/runtime/marray.ts';
import { Categorical } from '../src/runtime/categorical.ts';
import { Cell } from '../src/runtime/cell.ts';
import { table } from '../src/runtime/table.ts';
import { MatlabError } from '../src/runtime/errors.ts';
import {
  zeros, ones, size, numel, length, reshape, transpose, horzcat, vertcat, cat, colon,
  plus, minus, times, rdivide, power, eq, ne, lt, gt, le, ge, not,
  sum, mean, min, max, minWithIndex, maxWithIndex, ceil, floor, round, abs,
} from '../src/runtime/ops.ts';

const M = (values: number[], dims: number[], cls?: 'double' | 'uint8' | 'single' | 'logical') => MArray.from(values, dims, cls);

describe('construction and shape', () => {
  it('zeros/ones accept n, (m,n,...), a size vector and a class name', () => {
    expect(zeros(3).dims).toEqual([3, 3]);
    expect(zeros(2, 3, 1).dims).toEqual([2, 3]);
    expect(zeros([4, 1, 2]).dims).toEqual([4, 1, 2]);
    expect(zeros(2, 'uint8').cls).toBe('uint8');
    expect(ones(1, 3).toArray()).toEqual([1, 1, 1]);
    expect(ones(size(M([1, 2, 3, 4, 5, 6], [2, 3]))).dims).toEqual([2, 3]);
    expect(zeros().dims).toEqual([1, 1]);
    expect(zeros(-1, 2).dims).toEqual([0, 2]);
    expect(() => zeros(1.5)).toThrow(MatlabError);
    expect(() => zeros(2, 'int64')).toThrow(/class name/);
  });

  it('size, numel, length on arrays, categoricals, cells, tables and plain values', () => {
    const a = zeros(2, 3, 4);
    expect(size(a).toArray()).toEqual([2, 3, 4]);
    expect(size(a).dims).toEqual([1, 3]);
    expect(size(a, 2)).toBe(3);
    expect(size(a, 5)).toBe(1);
    expect(numel(a)).toBe(24);
    expect(length(a)).toBe(4);
    expect(length(zeros(0, 5))).toBe(0);
    const c = Categorical.fromStrings(['a', 'b', 'a']);
    expect(size(c).toArray()).toEqual([3, 1]);
    expect(numel(c)).toBe(3);
    expect(length(c)).toBe(3);
    expect(length(Cell.of('x', 'y'))).toBe(2);
    expect(size(Cell.of('x', 'y')).toArray()).toEqual([2, 1]);
    expect(length([1, 2, 3, 4])).toBe(4);
    expect(numel(5)).toBe(1);
    expect(size(table({ A: MArray.column([1, 2]), B: MArray.column([3, 4]) })).toArray()).toEqual([2, 2]);
    expect(() => size(a, 0)).toThrow(MatlabError);
  });

  it('reshape keeps column-major order and computes one [] dimension', () => {
    const a = M([1, 2, 3, 4, 5, 6], [2, 3]);
    const r = reshape(a, 3, 2);
    expect(r.dims).toEqual([3, 2]);
    expect(r.get(1, 2)).toBe(4);
    expect(reshape(a, null, 1).dims).toEqual([6, 1]);
    expect(reshape(a, [1, 6]).dims).toEqual([1, 6]);
    expect(() => reshape(a, 4, 2)).toThrow(/Number of elements must not change/);
    expect(() => reshape(a, 4, null)).toThrow(/not divisible/);
  });

  it('transpose swaps rows and columns', () => {
    const t = transpose(M([1, 2, 3, 4, 5, 6], [2, 3]));
    expect(t.dims).toEqual([3, 2]);
    expect(t.toArray()).toEqual([1, 3, 5, 2, 4, 6]);
    expect(() => transpose(zeros(2, 2, 2))).toThrow(/Transpose on ND array/);
  });

  it('horzcat / vertcat / cat with MATLAB class rules and empties skipped', () => {
    const a = M([1, 2], [2, 1]);
    const b = M([3, 4, 5, 6], [2, 2]);
    const h = horzcat(a, b);
    expect(h.dims).toEqual([2, 3]);
    expect(h.toArray()).toEqual([1, 2, 3, 4, 5, 6]);
    const v = vertcat(M([1, 2], [1, 2]), M([3, 4], [1, 2]));
    expect(v.dims).toEqual([2, 2]);
    expect(v.toArray()).toEqual([1, 3, 2, 4]);
    expect(horzcat(zeros(0, 0), 1, 2).toArray()).toEqual([1, 2]);
    expect(horzcat(M([200], [1, 1], 'uint8'), 300).toArray()).toEqual([200, 255]);
    expect(horzcat(true, false).cls).toBe('logical');
    const c3 = cat(3, M([1, 2], [1, 2]), M([3, 4], [1, 2]));
    expect(c3.dims).toEqual([1, 2, 2]);
    expect(c3.get(1, 2, 2)).toBe(4);
    expect(() => vertcat(M([1, 2], [1, 2]), M([1, 2, 3], [1, 3]))).toThrow('Dimensions of arrays being concatenated are not consistent.');
  });

  it('colon builds rows', () => {
    expect(colon(1, 4).toArray()).toEqual([1, 2, 3, 4]);
    expect(colon(0, 0.5, 1.5).toArray()).toEqual([0, 0.5, 1, 1.5]);
    expect(colon(3, 1).dims).toEqual([1, 0]);
  });
});

describe('element-wise arithmetic', () => {
  it('numbers and arrays, with implicit expansion of a row against a column', () => {
    expect(plus(2, 3).valueOf()).toBe(5);
    const r = plus(M([1, 2, 3], [1, 3]), M([10, 20], [2, 1]));
    expect(r.dims).toEqual([2, 3]);
    expect(r.toArray()).toEqual([11, 21, 12, 22, 13, 23]);
    expect(minus([5, 6], 1).toArray()).toEqual([4, 5]);
    expect(times(M([1, 2, 3, 4], [2, 2]), M([2, 3], [1, 2])).toArray()).toEqual([2, 4, 9, 12]);
    expect(rdivide(1, M([2, 4], [1, 2])).toArray()).toEqual([0.5, 0.25]);
    expect(power(M([2, 3], [1, 2]), 2).toArray()).toEqual([4, 9]);
  });

  it('expands along the third dimension too', () => {
    const a = zeros(2, 2, 2);
    const r = plus(a, M([1, 2], [1, 1, 2]));
    expect(r.dims).toEqual([2, 2, 2]);
    expect(r.toArray()).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);
  });

  it('rejects incompatible sizes with MATLAB message', () => {
    let err: unknown;
    try {
      plus(M([1, 2, 3], [1, 3]), M([1, 2], [1, 2]));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MatlabError);
    expect((err as MatlabError).message).toBe('Arrays have incompatible sizes for this operation.');
    expect((err as MatlabError).identifier).toBe('MATLAB:sizeDimensionsMustMatch');
  });

  it('double op uint8 gives uint8 rounded and saturated; single wins over double', () => {
    const u = M([100, 200, 7], [1, 3], 'uint8');
    const s = plus(u, 100);
    expect(s.cls).toBe('uint8');
    expect(s.toArray()).toEqual([200, 255, 107]);
    expect(rdivide(u, 2).toArray()).toEqual([50, 100, 4]); // 3.5 rounds to 4
    expect(minus(u, 150).toArray()).toEqual([0, 50, 0]);
    expect(times(u, 0.5).cls).toBe('uint8');
    expect(plus(M([1], [1, 1], 'single'), 1).cls).toBe('single');
    expect(plus(true, true).cls).toBe('double');
    expect(plus(true, true).valueOf()).toBe(2);
  });

  it('comparisons give logical arrays; eq/ne accept categoricals', () => {
    const a = M([1, 5, 3], [1, 3]);
    expect(gt(a, 2).cls).toBe('logical');
    expect(gt(a, 2).toArray()).toEqual([0, 1, 1]);
    expect(lt(a, 3).toArray()).toEqual([1, 0, 0]);
    expect(le(a, 3).toArray()).toEqual([1, 0, 1]);
    expect(ge(a, 5).toArray()).toEqual([0, 1, 0]);
    expect(eq(a, M([1, 2, 3], [1, 3])).toArray()).toEqual([1, 0, 1]);
    expect(ne(a, 5).toArray()).toEqual([1, 0, 1]);
    expect(not(a).toArray()).toEqual([0, 0, 0]);
    const p = Categorical.fromStrings(['1', '2', '3']);
    const t = Categorical.fromStrings(['1', '3', '3']);
    expect(eq(p, t).toArray()).toEqual([1, 0, 1]);
    expect(ne(p, t).toArray()).toEqual([0, 1, 0]);
    expect(eq('2', p).toArray()).toEqual([0, 1, 0]);
    expect(() => eq(p, 3)).toThrow(MatlabError);
  });

  it('ceil/floor/round (half away from zero)/abs keep the class', () => {
    const x = M([-2.5, -0.4, 0.5, 2.5], [1, 4]);
    expect(ceil(x).toArray()).toEqual([-2, -0, 1, 3]);
    expect(floor(x).toArray()).toEqual([-3, -1, 0, 2]);
    expect(round(x).toArray()).toEqual([-3, -0, 1, 3]);
    expect(abs(x).toArray()).toEqual([2.5, 0.4, 0.5, 2.5]);
    expect(round(M([3], [1, 1], 'uint8')).cls).toBe('uint8');
    expect(round(1.5).valueOf()).toBe(2);
  });
});

describe('reductions', () => {
  const A = M([1, 4, 2, 5, 3, 6], [2, 3]); // [1 2 3; 4 5 6]

  it('sum/mean work down columns of a matrix and along a vector', () => {
    expect(sum(A).dims).toEqual([1, 3]);
    expect(sum(A).toArray()).toEqual([5, 7, 9]);
    expect(sum(A, 2).toArray()).toEqual([6, 15]);
    expect(sum(A, 2).dims).toEqual([2, 1]);
    expect(sum(M([1, 2, 3], [1, 3])).valueOf()).toBe(6);
    expect(mean(A).toArray()).toEqual([2.5, 3.5, 4.5]);
    expect(mean(M([1, 2, 3, 4], [4, 1])).valueOf()).toBe(2.5);
    expect(sum(A, 3).toArray()).toEqual(A.toArray());
  });

  it('sum of logical/uint8 is double; empty special cases', () => {
    const s = sum(M([1, 0, 1, 1], [1, 4], 'logical'));
    expect(s.cls).toBe('double');
    expect(s.valueOf()).toBe(3);
    expect(sum(M([200, 200], [1, 2], 'uint8')).valueOf()).toBe(400);
    expect(sum(zeros(0, 0)).valueOf()).toBe(0);
    expect(Number.isNaN(mean(zeros(0, 0)).valueOf())).toBe(true);
    expect(sum(zeros(0, 3)).toArray()).toEqual([0, 0, 0]);
  });

  it('min/max along the first non-singleton dimension, with [] and dim, and pairwise', () => {
    expect(max(A).toArray()).toEqual([4, 5, 6]);
    expect(min(A).toArray()).toEqual([1, 2, 3]);
    expect(max(A, [], 2).toArray()).toEqual([3, 6]);
    expect(min(A, [], 2).dims).toEqual([2, 1]);
    expect(max(M([3, 9, 2], [1, 3])).valueOf()).toBe(9);
    expect(max(A, 3).toArray()).toEqual([3, 4, 3, 5, 3, 6]);
    expect(min(M([1, NaN, 3], [1, 3]), M([2, 2, NaN], [1, 3])).toArray()).toEqual([1, 2, 3]);
    expect(max(M([NaN, 2, NaN], [1, 3])).valueOf()).toBe(2);
    expect(max(M([200, 3], [1, 2], 'uint8')).cls).toBe('uint8');
  });

  it('minWithIndex/maxWithIndex return the first extreme position', () => {
    const [m, i] = maxWithIndex(M([1, 7, 7, 2], [1, 4]));
    expect(m.valueOf()).toBe(7);
    expect(i.valueOf()).toBe(2);
    const [mm, ii] = minWithIndex(A, 2);
    expect(mm.toArray()).toEqual([1, 4]);
    expect(ii.toArray()).toEqual([1, 1]);
    const [, k] = maxWithIndex(A);
    expect(k.toArray()).toEqual([2, 2, 2]);
  });
});

describe('char operands', () => {
  it('compute with character codes like MATLAB', () => {
    expect(plus('a', 1).valueOf()).toBe(98);
    expect(eq('abc', 'abd').toArray()).toEqual([1, 1, 0]);
    expect(() => eq('ab', 'abc')).toThrow('Arrays have incompatible sizes for this operation.');
  });
});
