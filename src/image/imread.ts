/**
 * imread. MATLAB returns H×W (grayscale) or H×W×3 (colour) column-major
 * arrays, uint8, or uint16 for 16-bit PNGs; the trainer prefers the decoders'
 * row-major interleaved buffer, so both views are exported.
 */
import { onPath } from '../runtime/searchPath.ts';
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { MArray } from '../runtime/marray.ts';
import { matlabError } from '../runtime/errors.ts';
import { normalizePath } from '../runtime/paths.ts';
import { sniffColour } from './imageHeader.ts';
import { decodePng } from './pngDecode.ts';
import { MAX_INPUT_PIXELS, PixelLimitError, tooManyPixels } from './pixelLimit.ts';
import { rethrowFsError } from '../io/files.ts';
import { decodeBmp } from './bmpDecode.ts';
import { decodePnm } from './pnmDecode.ts';

/** An image as the decoders give it: row-major, channels interleaved (H, W, C); uint16 for 16-bit PNGs. */
export interface RawImage {
  data: Uint8Array | Uint16Array;
  height: number;
  width: number;
  channels: number;
}

/** Same layout for pixels that may not be integers (a custom ReadFcn returning double/single). */
export interface RawPixels {
  data: Uint8Array | Uint16Array | Float32Array;
  height: number;
  width: number;
  channels: number;
}

/** Extensions imread can decode (lower case, with the dot); the datastore's default FileExtensions. */
export const IMREAD_EXTENSIONS: readonly string[] = [
  '.bmp', '.gif', '.jpg', '.jpeg', '.jpe', '.jfif', '.png', '.tif', '.tiff', '.webp', '.pbm', '.pgm', '.ppm', '.pnm',
];

/** MATLAB's "file not found" error, shared with the datastore. */
export function fileNotFound(fn: string, file: string): never {
  return matlabError(`MATLAB:${fn}:fileNotFound`, `Unable to find file or directory '${file}'.`);
}

/** Read the file's bytes, turning fs errors into MATLAB's messages. */
async function readBytes(path: string, file: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') fileNotFound('imread', file);
    if (code === 'EISDIR') matlabError('MATLAB:imagesci:imread:fileFormat', `Unable to read file '${file}': it is a folder, not an image file.`);
    return rethrowFsError(err, 'MATLAB:imagesci:imread:cannotReadFile', 'read', file);
  }
}

/** sharp's decode (JPEG, TIFF, GIF, WebP) to uint8, under the same pixel limit as the JS decoders. */
async function decodeWithSharp(bytes: Buffer): Promise<RawImage> {
  const img = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS });
  let gray: boolean;
  try {
    // sharp converts to sRGB on output unless told otherwise; MATLAB keeps grayscale files H×W.
    const colour = sniffColour(bytes);
    gray = colour ? colour === 1 : ((await img.metadata()).channels ?? 3) <= 2;
    const { data, info } = await img.toColourspace(gray ? 'b-w' : 'srgb').removeAlpha()
      .raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), height: info.height, width: info.width, channels: info.channels };
  } catch (err) {
    // Word sharp's own limit error as the JS decoders' one (its header read is not limited).
    if (err instanceof Error && /pixel limit/.test(err.message)) {
      const { width = 0, height = 0 } = await sharp(bytes, { limitInputPixels: false }).metadata();
      throw new PixelLimitError(width, height);
    }
    throw err;
  }
}

/**
 * Decode `file` into the raw layout: 1 channel for grayscale files (gray+alpha
 * too), 3 for everything else; alpha dropped; uint8, or uint16 for 16-bit PNGs.
 * PNG, BMP and Netpbm files use JS decoders (a sharp call costs ~1 ms whatever
 * the size; sharp cannot load BMP and Netpbm); the rest goes through sharp.
 */
export async function readImageRaw(file: string): Promise<RawImage> {
  const path = normalizePath(file);
  const bytes = await readBytes(path, file);
  try {
    return decodePng(bytes) ?? decodeBmp(bytes) ?? decodePnm(bytes) ?? await decodeWithSharp(bytes);
  } catch (err) {
    if (err instanceof PixelLimitError) return tooManyPixels(file, err);
    const why = err instanceof Error ? err.message : String(err);
    return matlabError('MATLAB:imagesci:imread:fileFormat',
      `Unable to read file '${file}': unable to determine the file format or the image is corrupt (${why}).`);
  }
}

/** Row-major interleaved H,W,C samples → column-major H×W(×C) uint8 (uint16) MArray. */
export function rawToMArray(img: RawImage): MArray {
  const { data, height: h, width: w, channels: c } = img;
  const wide = data instanceof Uint16Array;
  const out = wide ? new Uint16Array(h * w * c) : new Uint8Array(h * w * c);
  const plane = h * w;
  for (let r = 0; r < h; r++) {
    for (let col = 0; col < w; col++) {
      const src = (r * w + col) * c;
      const dst = r + col * h;
      for (let k = 0; k < c; k++) out[dst + k * plane] = data[src + k];
    }
  }
  return MArray.wrap(out, c === 1 ? [h, w] : [h, w, c], wide ? 'uint16' : 'uint8');
}

/** Column-major H×W(×C) MArray → row-major interleaved; uint8/logical stay bytes, uint16 stays uint16, others become float32. */
export function mArrayToRaw(img: MArray): RawPixels {
  const [h, w, c = 1, ...rest] = img.dims;
  if (rest.some((d) => d !== 1)) {
    matlabError('MATLAB:imread:notAnImage', `An image must be H×W or H×W×C, not ${img.dims.join('×')}.`);
  }
  const src = img.data;
  const n = h * w * c;
  const out = img.cls === 'uint8' || img.cls === 'logical' ? new Uint8Array(n) : img.cls === 'uint16' ? new Uint16Array(n) : new Float32Array(n);
  const plane = h * w;
  for (let r = 0; r < h; r++) {
    for (let col = 0; col < w; col++) {
      const dst = (r * w + col) * c;
      const from = r + col * h;
      for (let k = 0; k < c; k++) out[dst + k] = src[from + k * plane];
    }
  }
  return { data: out, height: h, width: w, channels: c };
}

/** MATLAB's imread: H×W for grayscale files, H×W×3 for colour ones; uint8, or uint16 for 16-bit PNGs. */
export async function imread(file: string): Promise<MArray> {
  if (typeof file !== 'string') {
    matlabError('MATLAB:imagesci:imread:badFilename', 'The filename must be a character vector or string scalar.');
  }
  return rawToMArray(await readImageRaw(onPath(file)));
}
