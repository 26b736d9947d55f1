/**
 * im2double / im2single / im2uint8 / im2uint16: change an image's class and
 * rescale its values so that "full intensity" stays full (255 ↔ 65535 ↔ 1),
 * as MATLAB does.
 */
import { MArray, allocData, castValue, type MClass } from '../runtime/marray.ts';
import { classMax, requireArray } from './imageInput.ts';

/** Convert `a` to class `to` with MATLAB's intensity rescaling (logical true → full intensity). */
export function convertImage(a: MArray, to: Exclude<MClass, 'logical'>): MArray {
  if (a.cls === to) return a.clone();
  const from = a.cls;
  const full = classMax(to);
  // Integer ↔ float scale by the class maxima (uint8 → uint16 is ×257); logical 1 means full intensity.
  const factor = full / classMax(from);
  const out = allocData(to, a.numel);
  const src = a.data;
  for (let i = 0; i < out.length; i++) {
    const v = from === 'logical' ? (src[i] ? full : 0) : src[i] * factor;
    out[i] = castValue(to, v);
  }
  return MArray.wrap(out, a.dims, to);
}

export function im2double(a: MArray): MArray {
  return convertImage(requireArray('im2double', a, 1, 'I'), 'double');
}

export function im2single(a: MArray): MArray {
  return convertImage(requireArray('im2single', a, 1, 'I'), 'single');
}

/** Values outside [0, 1] saturate; NaN becomes 0. */
export function im2uint8(a: MArray): MArray {
  return convertImage(requireArray('im2uint8', a, 1, 'I'), 'uint8');
}

/** Values outside [0, 1] saturate; NaN becomes 0. */
export function im2uint16(a: MArray): MArray {
  return convertImage(requireArray('im2uint16', a, 1, 'I'), 'uint16');
}
