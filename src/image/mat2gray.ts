/**
 * mat2gray(A, [amin amax]): map [amin, amax] linearly to [0, 1] (double),
 * clipping outside. Without limits the array's own min and max are used.
 */
import { MArray } from '../runtime/marray.ts';
import { matlabError } from '../runtime/errors.ts';
import { numbersOf, requireArray } from './imageInput.ts';

export function mat2gray(a: MArray, limits?: readonly number[] | MArray): MArray {
  a = requireArray('mat2gray', a, 1, 'A');
  let lo: number;
  let hi: number;
  if (limits === undefined || (limits instanceof MArray && limits.numel === 0) || (Array.isArray(limits) && limits.length === 0)) {
    [lo, hi] = finiteRange(a.data);
  } else {
    const l = numbersOf('mat2gray', limits, 2, '[AMIN AMAX]');
    if (l.length !== 2) matlabError('images:mat2gray:invalidLimits', 'LIMITS must be a two-element vector [AMIN AMAX].');
    [lo, hi] = l;
  }
  const out = new Float64Array(a.numel);
  const src = a.data;
  for (let i = 0; i < out.length; i++) {
    // MATLAB leaves a constant image at its clipped value (amin == amax gives the input clipped to 0/1).
    const v = src[i];
    if (Number.isNaN(v)) out[i] = Number.NaN;
    else if (hi === lo) out[i] = Math.min(1, Math.max(0, v));
    else out[i] = Math.min(1, Math.max(0, (v - lo) / (hi - lo)));
  }
  return MArray.wrap(out, a.dims, 'double');
}

function finiteRange(data: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}
