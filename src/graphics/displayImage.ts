/**
 * MArray → displayable RGB bytes with imshow's rules: uint8 spans 0–255,
 * double/single 0–1, logical black/white; a display range [low high]
 * maps low to black and high to white (imshow(I, []) uses min and max).
 */
import { MArray } from '../runtime/marray.ts';
import { matlabError } from '../runtime/errors.ts';
import { classMax } from '../image/imageInput.ts';
import type { DisplayImage } from './figureModel.ts';

export function toDisplayImage(fn: string, a: MArray, range?: [number, number]): DisplayImage {
  const [h, w, c = 1, ...rest] = a.dims;
  if ((c !== 1 && c !== 3) || rest.some((d) => d !== 1)) {
    matlabError(`MATLAB:${fn}:invalidImage`, `${fn} expects an M×N grayscale or M×N×3 truecolor image; the array is ${a.dims.join('×')}.`);
  }
  if (h === 0 || w === 0) matlabError(`MATLAB:${fn}:emptyImage`, `${fn}: the image is empty.`);
  const [lo, hi] = range ?? (a.cls === 'logical' ? [0, 1] : [0, classMax(a.cls)]);
  const span = hi > lo ? hi - lo : 1;
  const rgb = new Uint8Array(h * w * 3);
  const plane = h * w;
  const src = a.data;
  for (let r = 0; r < h; r++) {
    for (let col = 0; col < w; col++) {
      const o = (r * w + col) * 3;
      for (let k = 0; k < 3; k++) {
        const v = src[r + col * h + (c === 3 ? k * plane : 0)];
        // NaN shows as black, like MATLAB's lowest colormap entry.
        const t = Number.isNaN(v) ? 0 : (v - lo) / span;
        rgb[o + k] = Math.round(Math.min(1, Math.max(0, t)) * 255);
      }
    }
  }
  return { rgb, width: w, height: h };
}

/** imshow(I, []) → [min max] of the data (finite values). */
export function dataRange(a: MArray): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of a.data) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(lo <= hi)) return [0, 1];
  return lo === hi ? [lo, lo + 1] : [lo, hi];
}
