/**
 * rgb2gray: luminance with MATLAB's exact weights (the inverse of the
 * NTSC YIQ transform's first row), output in the input's class.
 */
import { MArray, allocData, castValue } from '../runtime/marray.ts';
import { matlabError } from '../runtime/errors.ts';
import { isRgb, requireArray } from './imageInput.ts';

const WEIGHTS = [0.298936021293775, 0.587043074451121, 0.114020904255103] as const;

export function rgb2gray(rgb: MArray): MArray {
  rgb = requireArray('rgb2gray', rgb, 1, 'RGB');
  if (!isRgb(rgb)) {
    matlabError('images:rgb2gray:invalidInputSize', `RGB must be an M-by-N-by-3 array; the input is ${rgb.dims.join('×')}.`);
  }
  const cls = rgb.cls === 'logical' ? 'double' : rgb.cls;
  const [h, w] = rgb.dims;
  const plane = h * w;
  const src = rgb.data;
  const out = allocData(cls, plane);
  for (let i = 0; i < plane; i++) {
    const v = WEIGHTS[0] * src[i] + WEIGHTS[1] * src[i + plane] + WEIGHTS[2] * src[i + 2 * plane];
    out[i] = castValue(cls, v);
  }
  return MArray.wrap(out, [h, w], cls);
}
