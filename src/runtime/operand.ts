/**
 * Operand coercion for the functional ops: TypeScript callers pass plain
 * numbers, booleans and number arrays where MATLAB code would have literals.
 */
import { matlabError } from './errors.ts';
import { MArray, isIntegerClass, type MClass } from './marray.ts';
import { Cell } from './cell.ts';

export type Numeric = MArray | number | boolean | string | readonly number[];

/**
 * A number, boolean, MArray, JS number array (a row, like `[1 2 3]`) or a
 * char vector (a row of character codes, as MATLAB computes with chars).
 */
export function toMArray(fn: string, x: unknown): MArray {
  if (x instanceof MArray) return x;
  if (typeof x === 'number') return MArray.scalar(x);
  if (typeof x === 'boolean') return MArray.scalar(x);
  if (typeof x === 'string') return MArray.from(Array.from(x, (ch) => ch.codePointAt(0) ?? 0), [x.length === 0 ? 0 : 1, x.length]);
  // A Cell is a MATLAB cell even when it holds numbers: {1, 2} + 1 is an error, [1, 2] + 1 is not.
  if (Array.isArray(x) && !(x instanceof Cell) && x.every((v) => typeof v === 'number' || typeof v === 'boolean')) {
    return MArray.row(x.map(Number), literalClass(x));
  }
  return matlabError('MATLAB:UndefinedFunction', `Undefined function '${fn}' for input arguments of type '${typeName(x)}'.`);
}

/** `[true false]` is logical in MATLAB; any number in the row makes it double. */
export function literalClass(row: readonly unknown[]): MClass {
  return row.length > 0 && row.every((v) => typeof v === 'boolean') ? 'logical' : 'double';
}

/** MATLAB's class name for a value (for error messages). */
export function typeName(x: unknown): string {
  if (x instanceof MArray) return x.cls;
  if (typeof x === 'number') return 'double';
  if (typeof x === 'boolean') return 'logical';
  if (typeof x === 'string') return 'char';
  if (x === null || x === undefined) return 'double';
  if (Array.isArray(x)) return 'cell';
  return (x as object).constructor?.name?.toLowerCase() ?? 'struct';
}

/**
 * Result class of arithmetic (MATLAB rules): an integer operand wins (values
 * are rounded and saturated), then single; logical and double give double.
 */
export function arithmeticClass(a: MClass, b: MClass): MClass {
  if (isIntegerClass(a) && isIntegerClass(b) && a !== b) {
    matlabError('MATLAB:mixedClasses', 'Integers can only be combined with integers of the same class, or scalar doubles.');
  }
  if (isIntegerClass(a)) return a;
  if (isIntegerClass(b)) return b;
  if (a === 'single' || b === 'single') return 'single';
  return 'double';
}

/** Unary numeric functions keep float/integer classes; logical becomes double. */
export function numericClass(c: MClass): MClass {
  return c === 'logical' ? 'double' : c;
}

/** A cell array, or a JS array of non-numbers standing for one (`['a', 'b']` in TypeScript; `[1, 2]` is a row). */
export function isCellLike(x: unknown): x is readonly unknown[] {
  if (!Array.isArray(x)) return false;
  return x instanceof Cell || (x.length > 0 && !x.every((v) => typeof v === 'number' || typeof v === 'boolean'));
}

/** A struct: a plain JS object (not a class instance). */
export function isPlainObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && Object.getPrototypeOf(x) === Object.prototype;
}
