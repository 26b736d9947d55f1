/**
 * Feature data for featureInputLayer networks: MATLAB gives an N×F matrix
 * (one row per observation); the engine sees each row as a 1×1×F image, so
 * the rest of the data path (batches, shuffling, validation) is shared.
 */
import { matlabError } from '../runtime/errors.ts';
import { MArray } from '../runtime/marray.ts';

/** N×F → 1×1×F×N (single), checked against the layer's feature count. */
export function featuresAsImages(fn: string, x: unknown, features: number): MArray {
  if (!(x instanceof MArray) || x.dims.length !== 2) matlabError(`${fn}:invalidData`, `Invalid feature data: expected an N×${features} numeric matrix, one row per observation.`);
  const [n, f] = x.dims;
  if (f !== features) matlabError(`${fn}:invalidData`, `Invalid feature data: the matrix has ${f} columns but the input layer expects ${features} features.`);
  const out = new Float32Array(n * f);
  for (let i = 0; i < n; i++) for (let j = 0; j < f; j++) out[j + f * i] = x.data[i + n * j];
  return MArray.wrap(out, [1, 1, f, n], 'single');
}
