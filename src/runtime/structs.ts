/**
 * Structs (plain JS objects; struct arrays are JS arrays of them) and cell
 * iteration: struct, fieldnames, isfield, isprop, cellfun.
 */
import { matlabError } from './errors.ts';
import { MArray } from './marray.ts';
import { Cell } from './cell.ts';
import { parseNameValues } from './args.ts';
import { isempty, length, ndims, numel } from './shape.ts';
import { isCellLike, isPlainObject } from './operand.ts';

type Struct = Record<string, unknown>;


/**
 * MATLAB `struct('f1', v1, 'f2', v2, …)`. A cell value makes a struct array
 * with one element per cell entry (a 1×1 cell gives its content); `struct()`
 * is a struct with no fields.
 */
// `any`: a struct's fields are known only at run time, and scripts read them as `s.name`.
export function struct(...args: unknown[]): any {
  if (args.length % 2 !== 0) matlabError('MATLAB:struct:InvalidFieldValuePair', 'Field and value input arguments must come in pairs.');
  const names: string[] = [];
  const values: unknown[] = [];
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i];
    if (typeof name !== 'string' || !/^[A-Za-z]\w*$/.test(name)) {
      matlabError('MATLAB:Cell2Struct:InvalidFieldName', `Invalid field name${typeof name === 'string' ? ` "${name}"` : ''}: a field name starts with a letter and has only letters, digits and underscores.`);
    }
    names.push(name);
    values.push(args[i + 1]);
  }
  const counts = values.filter(isCellLike).map((v) => v.length).filter((n) => n !== 1);
  const n = counts.length === 0 ? 1 : counts[0];
  if (counts.some((c) => c !== n)) matlabError('MATLAB:struct:FieldValueDimensionMismatch', 'Array dimensions of input cell arrays must match.');
  const element = (k: number): Struct => Object.fromEntries(names.map((f, i) => {
    const v = values[i];
    return [f, isCellLike(v) ? v[v.length === 1 ? 0 : k] : v];
  }));
  if (counts.length === 0) return element(0);
  return Array.from({ length: n }, (_, k) => element(k));
}

function fieldsOf(fn: string, s: unknown): string[] {
  const first = Array.isArray(s) && !(s instanceof Cell) ? s[0] : s;
  if (first === null || typeof first !== 'object' || first instanceof MArray || first instanceof Cell) {
    return matlabError(`MATLAB:${fn}:InvalidInput`, 'Invalid input argument of type \'' + (s instanceof Cell ? 'cell' : typeof s === 'string' ? 'char' : 'double') + '\'. Input must be a structure or a Java or COM object.');
  }
  return Object.keys(first);
}

/** MATLAB `fieldnames(s)`: the field names as a column cell. */
export function fieldnames(s: unknown): Cell<string> {
  return Cell.column(fieldsOf('fieldnames', s));
}

/** MATLAB `isfield(s, name)`; with a cell of names, a logical array of the cell's shape. False for a non-struct. */
export function isfield(s: unknown, name: string | readonly string[]): boolean | MArray {
  const isStruct = s !== null && typeof s === 'object' && (isPlainObject(s) || (isCellLike(s) && !(s instanceof Cell) && s.length > 0 && isPlainObject(s[0])));
  const fields = isStruct ? fieldsOf('isfield', s) : [];
  const has = (n: unknown) => isStruct && typeof n === 'string' && fields.includes(n);
  if (isCellLike(name)) return MArray.from(name.map((n) => (has(n) ? 1 : 0)), name instanceof Cell ? name.dims : [1, name.length], 'logical');
  return has(name);
}

/** MATLAB `isprop(obj, name)`: true when the object (a layer, network, options…) has that property. */
export function isprop(obj: unknown, name: string): boolean {
  if (typeof name !== 'string') matlabError('MATLAB:isprop:InvalidInput', 'Property name must be a character vector or string scalar.');
  if (obj === null || typeof obj !== 'object' || obj instanceof MArray || obj instanceof Cell || isPlainObject(obj)) return false;
  return name in obj && typeof (obj as Record<string, unknown>)[name] !== 'function';
}

/** The legacy text names cellfun accepts instead of a handle. */
const NAMED: Record<string, (x: any) => unknown> = { isempty, length, numel, ndims, isreal: () => true };

/**
 * MATLAB `cellfun(f, C1, C2, …)` and `cellfun(…, 'UniformOutput', false)`:
 * f applied to the entries; uniform results (one number, logical or char
 * each) gather into an array of the cells' shape, otherwise into a cell.
 */
export function cellfun(f: ((...x: any[]) => unknown) | string, ...rest: unknown[]): MArray | Cell<unknown> | string {
  const fn = typeof f === 'string' ? NAMED[f] ?? matlabError('MATLAB:cellfun:InvalidFunction', `'${f}' is not a function cellfun knows by name; pass a function handle (@${f}).`) : f;
  if (typeof fn !== 'function') matlabError('MATLAB:cellfun:InvalidFirstInput', 'First input must be a function handle.');
  const firstOption = rest.findIndex((a, i) => i > 0 && typeof a === 'string'); // options follow at least one cell
  const cells = firstOption < 0 ? rest : rest.slice(0, firstOption);
  const opts = parseNameValues('cellfun', firstOption < 0 ? [] : rest.slice(firstOption), ['UniformOutput', 'ErrorHandler']);
  if (cells.length === 0) matlabError('MATLAB:minrhs', 'Not enough input arguments.');
  cells.forEach((c, k) => {
    if (!isCellLike(c)) matlabError('MATLAB:cellfun:NotACell', `Input #${k + 2} expected to be a cell array, was ${typeof c === 'string' ? 'char' : 'double'} instead.`);
  });
  const lists = cells as (readonly unknown[])[];
  const n = lists[0].length;
  lists.forEach((c, k) => {
    if (c.length !== n) matlabError('MATLAB:cellfun:InputSizeMismatch', `All of the input arguments must be of the same size and shape.\nPrevious inputs had size ${n} in dimension 1. Input #${k + 2} has size ${c.length}`);
  });
  const like = lists[0];
  const dims = like instanceof Cell ? like.dims : n === 0 ? [0, 0] : [1, n];
  const uniform = opts.get('UniformOutput') ?? true;
  const handler = opts.get('ErrorHandler') as ((err: unknown, ...x: unknown[]) => unknown) | undefined;
  const results = Array.from({ length: n }, (_, i) => {
    const args = lists.map((c) => c[i] ?? MArray.zeros([0, 0])); // an entry never assigned is MATLAB's []
    try {
      return fn(...args);
    } catch (e) {
      if (!handler) throw e;
      return handler({ message: (e as Error).message, identifier: (e as { identifier?: string }).identifier ?? '', index: i + 1 }, ...args);
    }
  });
  if (!uniform || (uniform instanceof MArray && uniform.data[0] === 0)) {
    const c = Cell.from(results);
    c.isRow = like instanceof Cell ? like.isRow : true;
    return c;
  }
  // Single characters gather into a char row (the only char array text can be here).
  if (n > 0 && dims[0] === 1 && results.every((v) => typeof v === 'string' && v.length === 1)) return (results as string[]).join('');
  let cls: 'double' | 'logical' | 'single' | 'uint8' | 'uint16' = 'double';
  const values = results.map((v, i) => {
    const scalar = typeof v === 'number' || typeof v === 'boolean' || (v instanceof MArray && v.isScalar()) || (typeof v === 'string' && v.length === 1);
    if (!scalar) {
      matlabError('MATLAB:cellfun:NotAScalarOutput', `Non-scalar in Uniform output, at index ${i + 1}, output 1.\nSet 'UniformOutput' to false.`);
    }
    const c = typeof v === 'boolean' ? 'logical' : v instanceof MArray ? v.cls : 'double';
    if (i === 0) cls = c;
    else if (c !== cls) matlabError('MATLAB:cellfun:MismatchInOutputTypes', `Mismatch in type of outputs, at index ${i + 1}, output 1 (${c} versus ${cls}).\nSet 'UniformOutput' to false.`);
    return typeof v === 'string' ? v.charCodeAt(0) : Number(typeof v === 'boolean' ? (v ? 1 : 0) : v.valueOf());
  });
  return MArray.from(values, dims, cls);
}
