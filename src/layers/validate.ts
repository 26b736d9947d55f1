/**
 * Argument validation shared by the layer constructors, with MATLAB's wording.
 */
import { matlabError } from '../runtime/errors.ts';
import { MArray } from '../runtime/marray.ts';
import type { PropertySpec } from './declaration.ts';
import { INITIALIZER_NAMES, initializerValue } from './initializers.ts';

/** Numbers from a number, a numeric array, or an MArray-like iterable. */
export function numbersOf(fn: string, name: string, v: unknown): number[] {
  if (typeof v === 'number') return [v];
  if (typeof v === 'boolean') return [v ? 1 : 0];
  if (v !== null && typeof v === 'object' && Symbol.iterator in (v as object) && typeof v !== 'string') {
    const out = Array.from(v as Iterable<unknown>, (e) => (typeof e === 'number' ? e : Number.NaN));
    if (out.every((e) => !Number.isNaN(e))) return out;
  }
  return matlabError(`${fn}:invalidType`, `Invalid value for '${name}'. Value must be numeric.`);
}

function isPositiveInteger(x: number): boolean {
  return Number.isInteger(x) && x > 0;
}

export function positiveInteger(fn: string, name: string, v: unknown): number {
  const n = numbersOf(fn, name, v);
  if (n.length !== 1 || !isPositiveInteger(n[0])) matlabError(`${fn}:invalidValue`, `Invalid value for '${name}'. Value must be a positive integer.`);
  return n[0];
}

/** A positive-integer scalar or 1×2 vector, expanded to a pair (filter sizes, strides, dilation). */
export function positiveIntegerPair(fn: string, name: string, v: unknown): [number, number] {
  const n = numbersOf(fn, name, v);
  if ((n.length !== 1 && n.length !== 2) || !n.every(isPositiveInteger)) {
    matlabError(`${fn}:invalidValue`, `Invalid value for '${name}'. Value must be a positive integer or a vector of two positive integers.`);
  }
  return n.length === 1 ? [n[0], n[0]] : [n[0], n[1]];
}

export function nonnegativeScalar(fn: string, name: string, v: unknown): number {
  const n = numbersOf(fn, name, v);
  if (n.length !== 1 || !(n[0] >= 0) || !Number.isFinite(n[0])) matlabError(`${fn}:invalidValue`, `Invalid value for '${name}'. Value must be a finite nonnegative scalar.`);
  return n[0];
}

export function scalarInRange(fn: string, name: string, v: unknown, lo: number, hi: number, openLow: boolean, openHigh: boolean): number {
  const n = numbersOf(fn, name, v);
  const x = n[0];
  const ok = n.length === 1 && (openLow ? x > lo : x >= lo) && (openHigh ? x < hi : x <= hi);
  if (!ok) matlabError(`${fn}:invalidValue`, `Invalid value for '${name}'. Value must be a scalar in the range ${openLow ? '(' : '['}${lo}, ${hi}${openHigh ? ')' : ']'}.`);
  return x;
}

export function layerName(fn: string, v: unknown): string {
  if (typeof v !== 'string') matlabError(`${fn}:invalidName`, "Invalid value for 'Name'. Value must be a character vector or string scalar.");
  return v;
}

/** Padding as [top bottom left right]; 'same' is resolved later, when the input size is known. */
export type PaddingSpec = { same: true } | { same: false; tblr: [number, number, number, number] };

/** MATLAB's padding forms: 'same', scalar, [a b] (top/bottom a, left/right b), [t b l r]. */
export function padding(fn: string, v: unknown): PaddingSpec {
  if (typeof v === 'string') {
    if (v.toLowerCase() === 'same') return { same: true };
    matlabError(`${fn}:invalidPadding`, `Invalid value for 'Padding'. Value must be 'same', a nonnegative integer, a vector of two nonnegative integers, or a vector of four nonnegative integers.`);
  }
  const n = numbersOf(fn, 'Padding', v);
  const valid = [1, 2, 4].includes(n.length) && n.every((x) => Number.isInteger(x) && x >= 0);
  if (!valid) matlabError(`${fn}:invalidPadding`, `Invalid value for 'Padding'. Value must be 'same', a nonnegative integer, a vector of two nonnegative integers, or a vector of four nonnegative integers.`);
  if (n.length === 1) return { same: false, tblr: [n[0], n[0], n[0], n[0]] };
  if (n.length === 2) return { same: false, tblr: [n[0], n[0], n[1], n[1]] };
  return { same: false, tblr: [n[0], n[1], n[2], n[3]] };
}

/** 'same' padding: output ceil(in/stride), total max(0,(out−1)·stride+window−in), the extra on bottom/right. */
export function samePadding(input: [number, number], window: [number, number], stride: [number, number]): [number, number, number, number] {
  const total = [0, 1].map((i) => {
    const out = Math.ceil(input[i] / stride[i]);
    return Math.max(0, (out - 1) * stride[i] + window[i] - input[i]);
  });
  return [Math.floor(total[0] / 2), Math.ceil(total[0] / 2), Math.floor(total[1] / 2), Math.ceil(total[1] / 2)];
}

/** A learn-rate or L2 factor property: a finite nonnegative scalar, shown under "Show all properties". */
export function factorProperty(name: string, value: number): PropertySpec {
  return { name, group: 'hidden', default: value, validate: (fn, v) => nonnegativeScalar(fn, name, v) };
}

/** A learnable's property: empty (null) until given or initialised, else a numeric array stored as single. */
export function learnableProperty(name: string, check?: (fn: string, m: MArray) => void): PropertySpec {
  return {
    name, group: 'Learnable Parameters', default: null,
    validate: (fn, v) => {
      if (!(v instanceof MArray)) matlabError(`${fn}:invalidValue`, `Invalid value for '${name}'. Value must be a numeric array.`);
      const m = v.cls === 'single' ? v.shareCopy() : MArray.from(v.data, v.dims, 'single');
      check?.(fn, m);
      return m;
    },
  };
}

/** An `…Initializer` property. */
export function initializerProperty(name: string, value: string, names: readonly string[] = INITIALIZER_NAMES): PropertySpec {
  return { name, group: 'hidden', default: value, validate: initializerValue(names, name) };
}
