/**
 * Weight initialisers under MATLAB's names ('glorot', 'he', 'narrow-normal',
 * 'zeros', 'ones', or a function handle taking the size), drawing from the
 * global generator so that `rng(seed)` makes a training run reproducible.
 */
import { globalRandom, standardNormal as normal } from '../runtime/random.ts';
import { matchString } from '../runtime/args.ts';
import { matlabError } from '../runtime/errors.ts';
import { MArray } from '../runtime/marray.ts';
import type { LearnableShape } from './declaration.ts';

export const INITIALIZER_NAMES = ['glorot', 'he', 'narrow-normal', 'zeros', 'ones'] as const;
export type Initializer = (typeof INITIALIZER_NAMES)[number] | ((size: MArray) => unknown);

/** Validator of the `…Initializer` property `property`: one of `names` (unambiguous prefix) or a function handle; errors name the property. */
export function initializerValue(names: readonly string[], property = 'initializer') {
  return (fn: string, v: unknown): Initializer => {
    if (typeof v === 'function') return v as Initializer;
    if (typeof v !== 'string') matlabError(`${fn}:invalidInitializer`, `Invalid value for '${property}'. Value must be one of ${names.map((n) => `'${n}'`).join(', ')}, or a function handle.`);
    return matchString(fn, property, v, names) as Initializer;
  };
}

function filled(dims: number[], draw: () => number): MArray {
  const n = dims.reduce((a, b) => a * b, 1);
  const values = new Float32Array(n);
  for (let i = 0; i < n; i++) values[i] = draw();
  return MArray.wrap(values, dims, 'single');
}

/** Glorot (Xavier) uniform: U(±√(6/(nIn+nOut))), MATLAB's default for conv and fc. */
export function glorotUniform(dims: number[], fanIn: number, fanOut: number): MArray {
  const bound = Math.sqrt(6 / (fanIn + fanOut));
  const rand = globalRandom();
  return filled(dims, () => (2 * rand.nextDouble() - 1) * bound);
}

export function constant(dims: number[], value: number): MArray {
  return filled(dims, () => value);
}

/** The initial value of a learnable of `shape` (MATLAB calls the handle with the size vector). */
export function initialValue(fn: string, init: Initializer, shape: LearnableShape, owner = 'The'): MArray {
  const { dims, fanIn, fanOut } = shape;
  if (typeof init === 'function') {
    const v = init(MArray.row(dims));
    const n = dims.reduce((a, b) => a * b, 1);
    const values = v instanceof MArray ? v.data : typeof v === 'number' ? new Float32Array(n).fill(v) : null;
    if (!values || values.length !== n) matlabError(`${fn}:invalidInitializer`, `${owner} initializer function must return an array of size ${dims.join('×')}.`);
    return MArray.from(values, dims, 'single');
  }
  switch (init) {
    case 'glorot': return glorotUniform(dims, fanIn, fanOut);
    case 'he': return filled(dims, () => normal() * Math.sqrt(2 / fanIn));
    case 'narrow-normal': return filled(dims, () => normal() * 0.01);
    case 'zeros': return constant(dims, 0);
    case 'ones': return constant(dims, 1);
  }
}
