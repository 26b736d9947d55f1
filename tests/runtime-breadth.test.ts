/**
 * The runtime breadth of issue 10 point 4: a .m corpus run by `dltb run`
 * prints what GNU Octave prints (expected files from
 * scripts/octave-expected.sh), plus edge cases and MATLAB-style errors that
 * the corpus cannot show (Octave differs from MATLAB there, or stops).
 */
import { describe, it, expect, vi } from 'vitest';
import { mkdtempSync, writeFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import * as rt from '../src/runtime/index.ts';
import { translateSource } from '../src/translate/translate.ts';
import { typecheckTranslations } from './helpers/typecheckTranslations.ts';
import { MArray, Cell, MatlabError, captureOutput } from '../src/runtime/index.ts';

const root = resolve(import.meta.dirname, '..');
const corpus = join(root, 'tests/fixtures/translate');
const row = (...v: number[]) => MArray.row(v);
const mat = (rows: number[][]) => MArray.from(rows[0].flatMap((_, j) => rows.map((r) => r[j])), [rows.length, rows[0].length]);
const vals = (x: MArray) => Array.from(x.data);

describe('the breadth corpus prints what Octave prints', () => {
  for (const name of ['breadth_arrays', 'breadth_text']) {
    it(`${name}.m`, () => {
      const r = spawnSync(process.execPath, [join(root, 'bin/dltb.js'), 'run', `${name}.m`], { cwd: corpus, encoding: 'utf8', timeout: 120_000 });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout.split('\n')).toEqual(readFileSync(join(corpus, `${name}.expected.txt`), 'utf8').split('\n'));
    });
  }
});

describe('translation of the new names', () => {
  it('the corpus translates into TypeScript that type-checks (strict)', () => {
    const r = typecheckTranslations(['breadth_arrays', 'breadth_text'].map((n) => join(corpus, `${n}.m`)));
    expect(r.output).toBe('');
    expect(r.status).toBe(0);
  });
  const code = (src: string) => translateSource(src, 't.m', '../src/index.ts').code;
  it('imports reserved-word names under an alias and calls the all-outputs forms', () => {
    const c = code("x = [3 1 2];\nk = class(x);\nv = var(x);\ndelete('f.txt');\n[s, i] = sort(x);\n[r, q] = find(x);\n[d, n] = fileparts('a/b.c');\np = fileparts('a/b.c');\n");
    expect(c).toMatch(/import \{[^}]*\bclass as class_\b[^}]*\bdelete as delete_\b[^}]*\bvar as var_\b/s);
    expect(c).toContain('const k = class_(x);');
    expect(c).toContain("delete_('f.txt');");
    expect(c).toContain('= sortWithIndex(x);');
    expect(c).toContain('= findSubscripts(x);');
    expect(c).toContain("const p = (fileparts('a/b.c'))[0];");
  });
  it('toc as a statement prints; with an output it returns the seconds', () => {
    expect(code('tic;\ntoc\nt = toc;\n')).toMatch(/tocDisplay\(\);\n.*const t = toc\(\);/s);
  });
});

describe('sort, find, nnz', () => {
  it('sort is stable, puts NaN last ascending and first descending, keeps the class', () => {
    const [s, i] = rt.sortWithIndex(row(2, NaN, 1, 2), 'descend');
    expect(vals(s)).toEqual([NaN, 2, 2, 1]);
    expect(vals(i)).toEqual([2, 1, 4, 3]);
    expect(rt.sort(MArray.row([3, 1], 'uint8')).cls).toBe('uint8');
    expect(vals(rt.sort(mat([[3, 1], [2, 4]]), 2))).toEqual([1, 2, 3, 4]);
    expect(rt.sort(row(3, 1), 'desc').data[0]).toBe(3); // unambiguous prefix
    const [texts, order] = rt.sortWithIndex(Cell.row(['pear', 'Apple', 'fig']));
    expect([...texts, ...vals(order)]).toEqual(['Apple', 'fig', 'pear', 2, 3, 1]);
    expect(() => rt.sort(Cell.row(['a', 1]) as unknown as string[])).toThrow(/cell arrays of character vectors/);
  });
  it('sort rejects a bad direction or dimension', () => {
    expect(() => rt.sort(row(1, 2), 'sideways')).toThrow(/did not match any of the valid values/);
    expect(() => rt.sort(row(1, 2), 0)).toThrow(MatlabError);
  });
  it('find gives MATLAB shapes for rows, matrices and empties', () => {
    expect(rt.find(row(0, 1, 1)).dims).toEqual([1, 2]);
    expect(rt.find(mat([[0, 1], [1, 0]])).dims).toEqual([2, 1]);
    expect(rt.find(MArray.zeros([0, 0])).dims).toEqual([0, 0]);
    expect(vals(rt.find(row(1, 1, 0, 1), 2, 'last'))).toEqual([2, 4]);
    expect(() => rt.find(row(1), -1)).toThrow(/positive scalar integer/);
    const [r, c, v] = rt.findSubscripts(MArray.from([0, 5, 0, 0, 7, 0, 0, 9], [2, 2, 2]));
    expect([vals(r), vals(c), vals(v)]).toEqual([[2, 1, 2], [1, 3, 4], [5, 7, 9]]);
  });
  it('nnz counts NaN as nonzero', () => {
    expect(rt.nnz(row(0, NaN, 2))).toBe(2);
  });
});

describe('reductions along a dimension', () => {
  const A = mat([[1, 2, 3], [4, 5, 6]]);
  it("any/all/prod take 'all'", () => {
    expect(vals(rt.all(A, 'all'))).toEqual([1]);
    expect(vals(rt.any(MArray.zeros([2, 2]), 'all'))).toEqual([0]);
    expect(vals(rt.prod(A, 'all'))).toEqual([720]);
    expect(rt.any(row(NaN)).data[0]).toBe(0); // NaN is ignored by any
  });
  it('a dimension past ndims reduces nothing', () => {
    expect(vals(rt.cumsum(A, 3))).toEqual(vals(A));
    expect(rt.prod(A, 3).dims).toEqual([2, 3]);
  });
  it('integer classes saturate natively in prod and cumsum', () => {
    const u = MArray.row([200, 100], 'uint8');
    expect(rt.prod(u).cls).toBe('uint8');
    expect(vals(rt.cumsum(u))).toEqual([200, 255]);
  });
  it('std/var weights and errors', () => {
    expect(rt.var(row(1, 2, 3, 4), 1).data[0]).toBeCloseTo(1.25, 12);
    for (const v of vals(rt.std(A, 0, 1))) expect(v).toBeCloseTo(Math.sqrt(4.5), 12);
    expect(() => rt.var(row(1, 2), 2)).toThrow(/W must be/);
    expect(() => rt.any(A, 'rows' as 'all')).toThrow(/Dimension argument/);
  });
  it('mod and rem follow the signs of divisor and dividend', () => {
    expect(vals(rt.mod(row(-7, 7), -3))).toEqual([-1, -2]);
    expect(vals(rt.rem(row(-7, 7), 0))).toEqual([NaN, NaN]);
    expect(rt.mod(MArray.row([7], 'uint8'), 3).cls).toBe('uint8');
  });
});

describe('matrix builders', () => {
  it('magic squares have equal line sums for every order', () => {
    for (let n = 3; n <= 12; n++) {
      const M = rt.magic(n);
      const target = (n * (n * n + 1)) / 2;
      expect(new Set([...vals(rt.sum(M)), ...vals(rt.sum(M, 2)), rt.trace(M)])).toEqual(new Set([target]));
      expect(new Set(vals(M)).size).toBe(n * n);
    }
    expect(vals(rt.magic(2))).toEqual([4, 1, 3, 2]);
    expect(rt.magic(0).dims).toEqual([0, 0]);
  });
  it('eye takes a class name; linspace ends exactly at b', () => {
    expect(rt.eye(2, 'uint8').cls).toBe('uint8');
    expect(rt.linspace(0, 0.3, 4).data[3]).toBe(0.3);
    expect(rt.linspace(1, 2, 0).dims).toEqual([1, 0]);
    expect(vals(rt.linspace(1, 2, 1))).toEqual([2]);
  });
  it('repmat over N-d, diag and trace errors', () => {
    expect(rt.repmat(row(1, 2), [1, 1, 2]).dims).toEqual([1, 2, 2]);
    expect(() => rt.repmat(row(1))).toThrow(/Not enough input arguments/);
    expect(() => rt.trace(mat([[1, 2, 3]]))).toThrow(/Matrix must be square/);
    expect(() => rt.diag(row(1), 0.5)).toThrow(/integer/);
  });
});

describe('class, casts, isequal', () => {
  it('class names runtime values as MATLAB does', () => {
    expect(rt.class(Cell.row([1]))).toBe('cell');
    expect(rt.class([{ a: 1 }, { a: 2 }])).toBe('struct');
    expect(rt.class(rt.categorical(['a']))).toBe('categorical');
  });
  it('casts round, saturate, and refuse what MATLAB refuses', () => {
    expect(vals(rt.uint8(row(-1, 2.5, 300)))).toEqual([0, 3, 255]);
    expect(vals(rt.double(rt.categorical(['b', 'a', 'b'])))).toEqual([2, 1, 2]);
    expect(() => rt.logical(row(NaN))).toThrow(/NaN's cannot be converted to logicals/);
    expect(() => rt.double(Cell.row([1]))).toThrow(/Conversion to double from cell is not possible/);
    expect(rt.char(row(72, 105))).toBe('Hi');
    expect(rt.eq(rt.single(0.1), 0.1).data[0]).toBe(1); // compared in single, as MATLAB
    expect(rt.gt(0.1, rt.single(0.1)).data[0]).toBe(0);
    expect(() => rt.char(mat([[72], [105]]))).toThrow(/char matrix/);
    expect(rt.string(3.14159)).toBe('3.1416');
    expect(rt.string(true)).toBe('true');
    expect([...(rt.string(row(1, 2)) as Cell<string>)]).toEqual(['1', '2']);
  });
  it('isequal compares values and sizes across classes, structs by fields', () => {
    expect(rt.isequal(MArray.row([1, 2], 'uint8'), row(1, 2))).toBe(true);
    expect(rt.isequal(row(1, 2), MArray.column([1, 2]))).toBe(false);
    expect(rt.isequal({ a: 1, b: 'x' }, { b: 'x', a: 1 })).toBe(true);
    expect(rt.isequal({ a: 1 }, { a: 2 })).toBe(false);
    expect(rt.isequal('abc', row(97, 98, 99))).toBe(true);
    expect(() => (rt.isequal as (a: unknown) => boolean)(1)).toThrow(/Not enough input arguments/);
  });
});

describe('struct and cellfun', () => {
  it('struct with cell values builds a struct array; bad pairs are errors', () => {
    expect(rt.struct('a', Cell.row([{}]))).toEqual({ a: {} });
    expect(() => rt.struct('a')).toThrow(/must come in pairs/);
    expect(() => rt.struct('1bad', 1)).toThrow(/Invalid field name/);
    expect(() => rt.struct('a', Cell.row([1, 2]), 'b', Cell.row([1, 2, 3]))).toThrow(/dimensions of input cell arrays must match/);
    expect(() => rt.fieldnames(5)).toThrow(/Input must be a structure/);
  });
  it('isprop sees properties of objects, not struct fields', () => {
    expect(rt.isprop(rt.categorical(['a']), 'categories')).toBe(true);
    expect(rt.isprop(rt.categorical(['a']), 'nope')).toBe(false);
    expect(rt.isprop({ a: 1 }, 'a')).toBe(false);
  });
  it('cellfun reports non-scalar and mixed uniform outputs as MATLAB does', () => {
    const c = Cell.row(['ab', 'c']);
    expect(() => rt.cellfun((s: string) => s, c)).toThrow(/Non-scalar in Uniform output, at index 1, output 1/);
    expect(() => rt.cellfun((s: string) => (s === 'c' ? true : 1), c)).toThrow(/Mismatch in type of outputs, at index 2/);
    expect(() => rt.cellfun((s: string) => s, c, 'Uniform', 0)).not.toThrow(); // prefix of UniformOutput
    expect(() => rt.cellfun((s: string) => s.length, c, Cell.row(['x']))).toThrow(/same size/);
    expect(() => rt.cellfun((s: string) => s, 'abc')).toThrow(/expected to be a cell array/);
    const handled = rt.cellfun(() => { throw new Error('boom'); }, c, 'ErrorHandler', (e: { index: number }) => e.index) as MArray;
    expect(vals(handled)).toEqual([1, 2]);
    expect((rt.cellfun((x: number) => x, Cell.column([1, 2])) as MArray).dims).toEqual([2, 1]);
    expect(rt.cellfun((w: string) => w[0], Cell.row(['ab', 'cd']))).toBe('ac');
    expect(vals(rt.cellfun('isempty', rt.cell(1, 2)) as MArray)).toEqual([1, 1]);
  });
});

describe('text', () => {
  it('strsplit without collapsing, with several delimiters and escapes', () => {
    expect([...rt.strsplit('a,,b', ',', 'CollapseDelimiters', false)]).toEqual(['a', '', 'b']);
    expect([...rt.strsplit('a-b_c', Cell.row(['-', '_']))]).toEqual(['a', 'b', 'c']);
    expect([...rt.strsplit('a\tb', '\\t')]).toEqual(['a', 'b']);
    expect(() => rt.strsplit(5 as unknown as string)).toThrow(/First input must be/);
  });
  it('strjoin, strcat and upper reject non-text', () => {
    expect(() => rt.strjoin(Cell.row([1]) as unknown as string[])).toThrow(/1xN cell array of character vectors/);
    expect(() => rt.strcat('a', 5)).toThrow(/Inputs must be character vectors/);
    expect(() => rt.upper(5)).toThrow(/Input must be a string array/);
    expect(rt.strjoin(Cell.row(['a', 'b']), '\\n')).toBe('a\nb');
  });
  it('mat2str of text, integers, empties and non-2-D arrays', () => {
    expect(rt.mat2str("it's")).toBe("'it''s'");
    expect(rt.mat2str(MArray.row([1, 2], 'uint8'))).toBe('uint8([1 2])');
    expect(rt.mat2str(MArray.zeros([0, 3]))).toBe('zeros(0,3)');
    expect(rt.mat2str(row(Infinity, -Infinity, NaN))).toBe('[Inf -Inf NaN]');
    expect([rt.mat2str([0.5, -1]), rt.int2str([1.5, 2]), rt.num2str([1, 2])]).toEqual(['[0.5 -1]', '2  2', '1  2']);
    expect(() => rt.int2str(Cell.row(['a']))).toThrow(/Input must be numeric/);
    expect(() => rt.mat2str(MArray.zeros([1, 1, 2]))).toThrow(/must be 2-D/);
  });
});

describe('files and timing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dltb-breadth-'));
  it('fileparts of folders, dotfiles and Windows separators', () => {
    expect(rt.fileparts('/a/b/')).toEqual(['/a/b', '', '']);
    expect(rt.fileparts('.bashrc')).toEqual(['', '', '.bashrc']);
    expect(rt.fileparts('C:\\data\\x.png')).toEqual(['C:/data', 'x', '.png']);
    expect(() => rt.fileparts(5 as unknown as string)).toThrow(/row vector of characters/);
  });
  it('delete removes wildcard matches, warns for a missing file, refuses a folder', () => {
    for (const f of ['a.tmp', 'b.tmp', 'keep.txt']) writeFileSync(join(dir, f), 'x');
    rt.delete(join(dir, '*.tmp'));
    expect(['a.tmp', 'b.tmp', 'keep.txt'].map((f) => existsSync(join(dir, f)))).toEqual([false, false, true]);
    const err: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((t) => err.push(String(t)) > 0);
    try {
      rt.delete(join(dir, 'missing.txt'));
    } finally {
      spy.mockRestore();
    }
    expect(err.join('')).toContain(`Warning: File '${join(dir, 'missing.txt')}' not found.`);
    mkdirSync(join(dir, 'sub'));
    expect(() => rt.delete(join(dir, 'sub'))).toThrow(/is a folder/);
    expect(() => rt.exist('x', 'var')).toThrow(/only 'file' and 'dir'/);
    expect(rt.exist(join(dir, 'sub'), 'file')).toBe(7);
  });
  it('toc needs a tic first; toc as a statement prints the elapsed time', () => {
    expect(rt.toc(rt.tic())).toBeGreaterThanOrEqual(0);
    const out = captureOutput(() => rt.tocDisplay());
    expect(out).toMatch(/^Elapsed time is \d+\.\d{6} seconds\.\n$/);
    expect(() => rt.toc(NaN)).toThrow(/You must call TIC/);
  });
});
