/**
 * Class names and conversions: class, the casts double/single/uint8/uint16/
 * logical/char/string, and isequal (values and sizes, classes ignored, as in
 * MATLAB).
 */
import { matlabError } from './errors.ts';
import { MArray, type MClass } from './marray.ts';
import { Cell } from './cell.ts';
import { Categorical } from './categorical.ts';
import { Table } from './table.ts';
import { dimsOf } from './shape.ts';
import { sameDims } from './dims.ts';
import { num2str } from './format.ts';
import { isCellLike, isPlainObject, toMArray } from './operand.ts';

/** MATLAB `class(x)`. Plain objects are structs; arrays of them struct arrays. */
function classOf(x: unknown): string {
  if (x instanceof MArray) return x.cls;
  if (typeof x === 'number') return 'double';
  if (typeof x === 'boolean') return 'logical';
  if (typeof x === 'string') return 'char';
  if (typeof x === 'function') return 'function_handle';
  if (x instanceof Categorical) return 'categorical';
  if (x instanceof Table) return 'table';
  if (x instanceof Cell) return 'cell';
  if (x === undefined || x === null) return 'double';
  if (Array.isArray(x)) {
    if (x.length === 0) return 'double';
    if (x.every((v) => typeof v === 'number')) return 'double';
    if (x.every(isPlainObject)) return 'struct';
    return x.every((v) => v !== null && typeof v === 'object' && v.constructor === x[0].constructor) ? classOf(x[0]) : 'cell';
  }
  if (isPlainObject(x)) return 'struct';
  return (x as object).constructor?.name ?? 'struct';
}

// `class` is a reserved word in JavaScript: exported under its MATLAB name.
export { classOf as class };

function numericCast(cls: MClass) {
  return (x: unknown): MArray => {
    if (x instanceof Categorical) {
      if (cls !== 'double' && cls !== 'single') matlabError('MATLAB:invalidConversion', `Conversion to ${cls} from categorical is not possible.`);
      return MArray.from(x.double().data, x.dims, cls);
    }
    if (x instanceof Cell || (Array.isArray(x) && !x.every((v) => typeof v === 'number' || typeof v === 'boolean'))) {
      return matlabError('MATLAB:invalidConversion', `Conversion to ${cls} from ${classOf(x)} is not possible.`);
    }
    const m = toMArray(cls, x);
    return MArray.from(m.data, m.dims, cls);
  };
}

/** MATLAB `double(x)`: numbers, logicals, char codes, categorical codes. */
export const double = numericCast('double');
/** MATLAB `single(x)`. */
export const single = numericCast('single');
/** MATLAB `uint8(x)`: rounded half away from zero, saturated to 0…255. */
export const uint8 = numericCast('uint8');
/** MATLAB `uint16(x)`: rounded, saturated to 0…65535. */
export const uint16 = numericCast('uint16');
/** MATLAB `logical(x)`: nonzero → true; NaN is an error. */
export const logical = numericCast('logical');

/** MATLAB `char(x)`: character codes to text; a cell of one char vector gives it back. */
export function char(x: unknown): string {
  if (typeof x === 'string') return x;
  if (x instanceof Categorical) {
    if (!x.isScalar()) matlabError('MATLAB:char:notSupported', 'char of a categorical array with several elements is not supported (it would be a char matrix).');
    return x.toStrings()[0];
  }
  if (x instanceof Cell || Array.isArray(x) && x.some((v) => typeof v === 'string')) {
    const items = x as unknown[];
    if (items.length === 1 && typeof items[0] === 'string') return items[0];
    return matlabError('MATLAB:char:notSupported', 'char of a cell of several char vectors (a char matrix) is not supported; use strjoin or a cell array.');
  }
  const m = toMArray('char', x);
  if (m.dims.length > 2 || m.dims[0] > 1) matlabError('MATLAB:char:notSupported', 'char of a matrix (a char matrix) is not supported: only rows of character codes.');
  return String.fromCharCode(...Array.from(m.data, (v) => Math.max(0, Math.round(v))));
}

/** Text of one value as MATLAB's `string` writes it (numbers with up to 5 significant digits, as num2str). */
function stringOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Categorical) return v.toStrings()[0];
  if (v instanceof MArray && v.cls === 'logical') return v.data[0] ? 'true' : 'false';
  return num2str(v);
}

/**
 * MATLAB `string(x)`. Text is a JS string here (string scalars and char
 * vectors are one type), so `string` of a scalar is its text and of an array
 * or cell a cell of texts of the same shape.
 */
export function string(x: unknown): string | Cell<string> {
  if (typeof x === 'string') return x;
  if (isCellLike(x)) {
    const c = Cell.from(x.map((v) => {
      if (typeof v !== 'string') matlabError('MATLAB:string:MustBeCharCellArray', 'Conversion from cell failed. Element must be a character vector or a string.');
      return v;
    }));
    c.isRow = x instanceof Cell ? x.isRow : true;
    return c;
  }
  if (x instanceof Categorical) return x.isScalar() ? x.toStrings()[0] : Cell.from(x.toStrings());
  if (Array.isArray(x)) return string(toMArray('string', x));
  if (x instanceof MArray && !x.isScalar()) {
    const c = Cell.from(Array.from({ length: x.numel }, (_, i) => stringOf(MArray.scalar(x.data[i], x.cls))));
    c.isRow = x.dims[0] === 1;
    return c;
  }
  if (typeof x !== 'number' && typeof x !== 'boolean' && !(x instanceof MArray)) {
    matlabError('MATLAB:string:UnsupportedConversion', `Conversion to string from ${classOf(x)} is not possible.`);
  }
  return stringOf(x);
}

function equalValues(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' || typeof b === 'string') {
    if (typeof a === 'string' && typeof b === 'string') return a === b;
    const x = typeof a === 'string' ? b : a;
    if (!(x instanceof MArray || typeof x === 'number' || (Array.isArray(x) && !(x instanceof Cell)))) return false;
  }
  if (typeof a === 'function' || typeof b === 'function') return a === b;
  if (a instanceof Categorical || b instanceof Categorical) {
    if (!(a instanceof Categorical && b instanceof Categorical) || !sameDims(a.dims, b.dims)) return false;
    const la = a.toStrings();
    const lb = b.toStrings();
    return la.every((s, i) => s === lb[i] && s !== '<undefined>');
  }
  if (a instanceof Cell || b instanceof Cell || isObjectArray(a) || isObjectArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || !sameDims(dimsOf(a), dimsOf(b))) return false;
    return a.every((v, i) => equalValues(v, b[i]));
  }
  if (isPlainObject(a) || isPlainObject(b)) {
    if (!isPlainObject(a) || !isPlainObject(b)) return false;
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && equalValues(a[k], b[k]));
  }
  if (a === undefined || b === undefined || a === null || b === null) {
    const other = a === undefined || a === null ? b : a;
    return other === undefined || other === null || (other instanceof MArray && other.isEmpty() && sameDims(other.dims, [0, 0]));
  }
  if (typeof a === 'object' && !(a instanceof MArray) && !Array.isArray(a)) return a === b;
  const x = toMArray('isequal', a);
  const y = toMArray('isequal', b);
  if (!sameDims(x.dims, y.dims)) return false;
  for (let i = 0; i < x.numel; i++) if (x.data[i] !== y.data[i]) return false; // NaN is never equal
  return true;
}

function isObjectArray(x: unknown): boolean {
  return Array.isArray(x) && x.some((v) => typeof v !== 'number' && typeof v !== 'boolean');
}

/** MATLAB `isequal(A, B, …)`: same size and values (classes may differ; NaN ≠ NaN). */
export function isequal(a: unknown, b: unknown, ...more: unknown[]): boolean {
  if (b === undefined && more.length === 0 && arguments.length < 2) matlabError('MATLAB:minrhs', 'Not enough input arguments.');
  return [b, ...more].every((v) => equalValues(a, v));
}
