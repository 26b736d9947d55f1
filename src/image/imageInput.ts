/**
 * Argument checks and class facts shared by the image functions, so every
 * function rejects bad input with the same MATLAB-style wording.
 */
import { MArray, CLASSES, INT_MAX, type MClass } from '../runtime/marray.ts';
import { matlabError } from '../runtime/errors.ts';
import { typeName } from '../runtime/operand.ts';

/** Rows, columns and the number of planes behind them (channels × frames). */
export interface ImageShape {
  h: number;
  w: number;
  planes: number;
}

/** MATLAB's validateattributes wording: "Expected input number 1, A, to be ...". */
export function requireArray(fn: string, x: unknown, pos: number, name: string): MArray {
  // A number is MATLAB's 1×1 double (or logical): imresize(5, 2) is a 2×2 image.
  if (typeof x === 'number' || typeof x === 'boolean') return MArray.scalar(x);
  if (!(x instanceof MArray)) {
    return matlabError(`MATLAB:${fn}:invalidType`,
      `Expected input number ${pos}, ${name}, to be one of these types:\n\n${CLASSES.join(', ')}\n\nInstead its type was ${typeName(x)}.`);
  }
  return x;
}

export function requireNonEmpty(fn: string, a: MArray, pos: number, name: string): void {
  if (a.numel === 0) matlabError(`MATLAB:${fn}:expectedNonempty`, `Expected input number ${pos}, ${name}, to be nonempty.`);
}

export function shapeOf(a: MArray): ImageShape {
  const [h, w, ...rest] = a.dims;
  return { h, w, planes: rest.reduce((p, d) => p * d, 1) };
}

/** True for H×W×3 (one RGB image). */
export function isRgb(a: MArray): boolean {
  return a.dims.length === 3 && a.dims[2] === 3;
}

/** The value that means "full intensity" for each image class. */
export function classMax(cls: MClass): number {
  return INT_MAX[cls] ?? 1;
}

/** A real finite number argument (scalar MArray accepted). */
export function requireScalar(fn: string, x: unknown, pos: number, name: string): number {
  const v = x instanceof MArray && x.isScalar() ? x.data[0] : x;
  if (typeof v !== 'number' || Number.isNaN(v)) {
    return matlabError(`MATLAB:${fn}:expectedScalar`, `Expected input number ${pos}, ${name}, to be a numeric scalar.`);
  }
  return v;
}

/** Numbers from a JS array, MArray or scalar (size vectors, ranges). */
export function numbersOf(fn: string, x: unknown, pos: number, name: string): number[] {
  if (typeof x === 'number') return [x];
  if (x instanceof MArray) return Array.from(x.data);
  if (Array.isArray(x) && x.every((v) => typeof v === 'number')) return x as number[];
  return matlabError(`MATLAB:${fn}:invalidType`, `Expected input number ${pos}, ${name}, to be numeric.`);
}
