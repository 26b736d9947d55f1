/** Image plumbing for the augmented datastore: raw pixels ↔ MArray, crops, colour conversion. */
import { MArray } from '../runtime/marray.ts';
import { matlabError } from '../runtime/errors.ts';
import { rgb2gray } from '../image/rgb2gray.ts';
import type { RawPixels } from '../image/imread.ts';

/** Row-major interleaved pixels → column-major H×W×C (uint8 stays uint8, float data becomes single). */
export function rawToImage(raw: RawPixels): MArray {
  const { data, height: h, width: w, channels: c } = raw;
  const out = MArray.zeros([h, w, c], data instanceof Uint8Array ? 'uint8' : 'single');
  const plane = h * w;
  for (let r = 0; r < h; r++) {
    for (let col = 0; col < w; col++) {
      for (let k = 0; k < c; k++) out.data[r + col * h + k * plane] = data[(r * w + col) * c + k];
    }
  }
  return out;
}

/** Image k (0-based) of an H×W×C×N stack. */
export function stackImage(stack: MArray, k: number): MArray {
  const [h, w, c = 1] = stack.dims;
  const size = h * w * c;
  return MArray.wrap(stack.data.slice(k * size, (k + 1) * size), [h, w, c], stack.cls);
}

/** The h×w window of `img` whose top-left pixel is (top, left), 0-based. */
export function crop(img: MArray, h: number, w: number, top: number, left: number): MArray {
  const [H, W] = img.dims;
  const planes = img.numel / (H * W);
  const out = MArray.zeros([h, w, planes], img.cls);
  for (let p = 0; p < planes; p++) {
    for (let j = 0; j < w; j++) {
      const from = top + (left + j) * H + p * H * W;
      out.data.set(img.data.subarray(from, from + h), j * h + p * h * w);
    }
  }
  return out;
}

export type ColorPreprocessing = 'none' | 'gray2rgb' | 'rgb2gray';

/** 'gray2rgb' copies a single channel three times; 'rgb2gray' converts RGB; other images pass unchanged. */
export function preprocessColor(img: MArray, mode: ColorPreprocessing): MArray {
  const channels = img.dims[2] ?? 1;
  if (mode === 'rgb2gray' && channels === 3) return rgb2gray(img);
  if (mode !== 'gray2rgb' || channels !== 1) return img;
  const out = MArray.zeros([img.dims[0], img.dims[1], 3], img.cls);
  for (let k = 0; k < 3; k++) out.data.set(img.data, k * img.numel);
  return out;
}

/** Fail unless `img` is at least h×w (crops cannot grow an image). */
export function requireCroppable(fn: string, img: MArray, h: number, w: number): void {
  if (img.dims[0] < h || img.dims[1] < w) {
    matlabError(`${fn}:cropTooLarge`, `Unable to crop a ${img.dims[0]}×${img.dims[1]} image to the output size ${h}×${w}: the output size must not exceed the image size.`);
  }
}
