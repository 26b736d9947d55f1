/**
 * Text functions on char vectors (JS strings) and cells of them: strcat,
 * strcmp(i), upper/lower, strsplit/strjoin, int2str, mat2str.
 */
import { matlabError } from './errors.ts';
import { MArray } from './marray.ts';
import { Cell } from './cell.ts';
import { parseNameValues } from './args.ts';
import { num2str, sprintf } from './format.ts';
import { isCellLike, toMArray } from './operand.ts';

const isText = (x: unknown): x is string => typeof x === 'string';

function sameShapeCell<T>(like: readonly unknown[], values: T[]): Cell<T> {
  const c = Cell.from(values);
  c.isRow = like instanceof Cell ? like.isRow : true;
  return c;
}

/**
 * MATLAB `strcat(s1, s2, …)`: char arguments lose their trailing whitespace;
 * with a cell argument the result is a cell, joined element by element.
 */
export function strcat(...args: unknown[]): string | Cell<string> {
  for (const a of args) {
    if (!isText(a) && !isCellLike(a)) matlabError('MATLAB:strcat:InvalidInputType', 'Inputs must be character vectors, cell arrays of character vectors, or string arrays.');
  }
  const cells = args.filter(isCellLike);
  if (cells.length === 0) return (args as string[]).map((s) => s.replace(/[ \t\n\v\f\r\0]+$/, '')).join('');
  const n = Math.max(...cells.map((c) => c.length));
  for (const c of cells) {
    if (c.length !== n && c.length !== 1) matlabError('MATLAB:strcat:InvalidInputSize', 'All the inputs must be the same size or any of them can be scalar.');
  }
  const out = Array.from({ length: n }, (_, i) => args.map((a) => (isText(a) ? a : String((a as unknown[])[(a as unknown[]).length === 1 ? 0 : i] ?? ''))).join(''));
  return sameShapeCell(cells.find((c) => c.length === n)!, out);
}

function comparer(fn: string, same: (a: string, b: string) => boolean) {
  return (a: unknown, b: unknown): boolean | MArray => {
    if (isCellLike(a) || isCellLike(b)) {
      const ca = isCellLike(a) ? a : undefined;
      const cb = isCellLike(b) ? b : undefined;
      if (ca && cb && ca.length !== cb.length && ca.length !== 1 && cb.length !== 1) {
        matlabError(`MATLAB:${fn}:InputsSizeMismatch`, 'Inputs must be the same size or either one can be a scalar.');
      }
      const like = ca && cb ? (ca.length >= cb.length ? ca : cb) : (ca ?? cb)!;
      const pick = (x: unknown, i: number) => (isCellLike(x) ? x[x.length === 1 ? 0 : i] : x);
      const values = Array.from({ length: like.length }, (_, i) => {
        const x = pick(a, i);
        const y = pick(b, i);
        return isText(x) && isText(y) && same(x, y) ? 1 : 0;
      });
      return MArray.from(values, like instanceof Cell ? like.dims : [1, like.length], 'logical');
    }
    return isText(a) && isText(b) && same(a, b);
  };
}

/** MATLAB `strcmp(a, b)`: true for identical text; non-text is never equal; cells compare element-wise. */
export const strcmp = comparer('strcmp', (a, b) => a === b);
/** MATLAB `strcmpi(a, b)`: strcmp ignoring case. */
export const strcmpi = comparer('strcmpi', (a, b) => a.toLowerCase() === b.toLowerCase());

function caseMap(fn: string, f: (s: string) => string) {
  return <T>(x: T): T => {
    if (isText(x)) return f(x) as T;
    if (isCellLike(x)) {
      return sameShapeCell(x, x.map((v) => {
        if (!isText(v)) matlabError(`MATLAB:${fn}:cellNotAllStrings`, 'Cell array must contain only character vectors.');
        return f(v);
      })) as T;
    }
    return matlabError(`MATLAB:${fn}:InvalidInput`, 'Input must be a string array, character array, or cell array of character vectors.');
  };
}

/** MATLAB `upper(s)` on text or a cell of texts. */
export const upper = caseMap('upper', (s) => s.toUpperCase());
/** MATLAB `lower(s)` on text or a cell of texts. */
export const lower = caseMap('lower', (s) => s.toLowerCase());

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** MATLAB's escapes in strsplit/strjoin delimiters (`\t`, `\n`, `\\`…). */
function unescape(s: string): string {
  const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v' };
  return s.replace(/\\([ntr\\0abfv])/g, (_, c: string) => map[c]);
}

/**
 * MATLAB `strsplit(s)` (at whitespace), `strsplit(s, delim)` with a
 * delimiter or a cell of them, and 'CollapseDelimiters' (default true).
 */
export function strsplit(s: string, delimiter?: string | readonly string[], ...nv: unknown[]): Cell<string> {
  if (!isText(s)) matlabError('MATLAB:strsplit:InvalidStringType', 'First input must be either a character vector or a string scalar.');
  const delims = delimiter === undefined ? [' ', '\f', '\n', '\r', '\t', '\v'] : isText(delimiter) ? [unescape(delimiter)] : isCellLike(delimiter) ? delimiter.map((d) => {
    if (!isText(d)) matlabError('MATLAB:strsplit:InvalidDelimiterType', 'Delimiter must be a character vector, a string, or a cell array of character vectors.');
    return unescape(d);
  }) : matlabError('MATLAB:strsplit:InvalidDelimiterType', 'Delimiter must be a character vector, a string, or a cell array of character vectors.');
  const opts = parseNameValues('strsplit', nv, ['CollapseDelimiters', 'DelimiterType']);
  const collapse = opts.get('CollapseDelimiters') ?? true;
  const alternatives = [...delims].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
  const re = new RegExp(collapse ? `(?:${alternatives})+` : `(?:${alternatives})`);
  return Cell.row(s.split(re));
}

/** MATLAB `strjoin(c)` (with spaces) and `strjoin(c, delimiter)`. */
export function strjoin(c: readonly string[], delimiter = ' '): string {
  if (!isCellLike(c) || !c.every(isText)) matlabError('MATLAB:strjoin:InvalidCellType', 'First input must be a 1xN cell array of character vectors or a string array.');
  if (!isText(delimiter)) matlabError('MATLAB:strjoin:InvalidDelimiterType', 'Delimiter must be a character vector, a string, or a cell array of character vectors.');
  return c.join(unescape(delimiter));
}

/** Numbers, logicals, text, MArrays and JS number rows (`[1 2]` in TypeScript). */
function numericInput(x: unknown): boolean {
  return x instanceof MArray || ['number', 'boolean', 'string'].includes(typeof x) || (Array.isArray(x) && !isCellLike(x));
}

/** MATLAB `int2str(x)`: rounds (halves away from zero), then formats as num2str. */
export function int2str(x: unknown): string {
  const m = numericInput(x) ? toMArray('int2str', x) : matlabError('MATLAB:int2str:nonNumericInput', 'Input must be numeric.');
  const r = MArray.from(Array.from(m.data, (v) => (Number.isFinite(v) ? (v < 0 ? -Math.round(-v) : Math.round(v)) : v)), m.dims, m.cls === 'single' ? 'single' : 'double');
  return num2str(r);
}

function mat2strValue(v: number, digits: number, logical: boolean): string {
  if (logical) return v ? 'true' : 'false';
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Inf' : '-Inf';
  return sprintf(`%.${digits}g`, v);
}

/** MATLAB `mat2str(A)`, `mat2str(A, n)`: text that evaluates back to the 2-D matrix (15 significant digits by default). */
export function mat2str(a: unknown, n = 15): string {
  if (isText(a)) return `'${a.replace(/'/g, "''")}'`;
  const x = numericInput(a) ? toMArray('mat2str', a) : matlabError('MATLAB:mat2str:InvalidInput', 'Input matrix must be numeric, character, or logical.');
  if (x.dims.length > 2) matlabError('MATLAB:mat2str:TwoDInput', 'Input matrix must be 2-D.');
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) matlabError('MATLAB:mat2str:InvalidPrecision', 'Precision must be a positive integer.');
  const [r, c] = x.dims;
  const cast = x.cls === 'double' || x.cls === 'logical' ? (s: string) => s : (s: string) => `${x.cls}(${s})`;
  if (x.numel === 0) return cast(`zeros(${r},${c})`);
  const logical = x.cls === 'logical';
  const cellText = (i: number, j: number) => mat2strValue(x.data[i + j * r], n, logical);
  if (x.isScalar()) return cast(cellText(0, 0));
  const rows = Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => cellText(i, j)).join(' '));
  return cast(`[${rows.join(';')}]`);
}
