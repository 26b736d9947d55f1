/**
 * One limit on the pixels of an image file, for every decoder (sharp's and
 * the JS PNG, BMP and Netpbm ones): a crafted or huge file is refused from
 * its header, before any pixel memory is allocated.
 */
import { matlabError } from '../runtime/errors.ts';

/** sharp's default limitInputPixels (0x3FFF²), used for sharp and the JS decoders alike. */
export const MAX_INPUT_PIXELS = 0x3fff * 0x3fff;

/** Thrown by the decoders, which do not know the file name; imread words it. */
export class PixelLimitError extends Error {
  constructor(readonly width: number, readonly height: number) {
    super(`the image is ${width}×${height} pixels, more than the limit of ${MAX_INPUT_PIXELS} pixels`);
  }
}

/** Throw when width × height is over the limit (call it from the header, before allocating). */
export function checkPixelCount(width: number, height: number): void {
  if (width * height > MAX_INPUT_PIXELS) throw new PixelLimitError(width, height);
}

/** imread's error for an image over the limit. */
export function tooManyPixels(file: string, e: PixelLimitError): never {
  return matlabError('MATLAB:imagesci:imread:tooManyPixels', `Unable to read file '${file}': ${e.message}.`);
}
