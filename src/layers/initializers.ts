/**
 * Weight initialisers, drawing from the global generator so that `rng(seed)`
 * makes a training run reproducible, as in MATLAB.
 */
import { globalRandom } from '../runtime/random.ts';
import { MArray } from '../runtime/marray.ts';

/** Glorot (Xavier) uniform: U(±√(6/(nIn+nOut))), MATLAB's default for conv and fc. */
export function glorotUniform(dims: number[], fanIn: number, fanOut: number): MArray {
  const bound = Math.sqrt(6 / (fanIn + fanOut));
  const n = dims.reduce((a, b) => a * b, 1);
  const values = new Float32Array(n);
  const rand = globalRandom();
  for (let i = 0; i < n; i++) values[i] = (2 * rand.nextDouble() - 1) * bound;
  return MArray.from(values, dims, 'single');
}

export function constant(dims: number[], value: number): MArray {
  const n = dims.reduce((a, b) => a * b, 1);
  return MArray.from(new Float32Array(n).fill(value), dims, 'single');
}
