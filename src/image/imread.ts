/**
 * imread through sharp. MATLAB returns uint8 H×W (grayscale) or H×W×3
 * (colour) column-major arrays; the trainer prefers sharp's own row-major
 * interleaved buffer, so both views are exported.
 */
import { onPath } from '../runtime/searchPath.ts';
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { MArray } from '../runtime/marray.ts';
import { matlabError } from '../runtime/errors.ts';
import { normalizePath } from '../data/paths.ts';
import { sniffColour } from './imageHeader.ts';
import { decodePngFast } from './pngDecode.ts';
import { decodeBmp } from './bmpDecode.ts';
import { decodePnm } from './pnmDecode.ts';

/** An image as sharp decodes it: row-major, channels interleaved (H, W, C). */
export interface RawImage {
  data: Uint8Array;
  height: number;
  width: number;
  channels: number;
}

/** Same layout for pixels that may not be uint8 (a custom ReadFcn returning double/single). */
export interface RawPixels {
  data: Uint8Array | Float32Array;
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
    throw err;
  }
}

/**
 * Decode `file` into sharp's raw layout: uint8, 1 channel for grayscale
 * files (gray+alpha too), 3 for everything else; alpha dropped. Plain
 * 8-bit PNGs, BMP and Netpbm files use small JS decoders; the rest goes through sharp.
 */
export async function readImageRaw(file: string): Promise<RawImage> {
  const path = normalizePath(file);
  const bytes = await readBytes(path, file);
  try {
    // JS decoders first: plain PNGs decode ~10× faster than a sharp call, BMP and Netpbm sharp cannot load.
    const decoded = decodePngFast(bytes) ?? decodeBmp(bytes) ?? decodePnm(bytes);
    if (decoded) return decoded;
    const img = sharp(bytes);
    // sharp converts to sRGB on output unless told otherwise; MATLAB keeps grayscale files H×W.
    const colour = sniffColour(bytes);
    const gray = colour ? colour === 1 : ((await img.metadata()).channels ?? 3) <= 2;
    const { data, info } = await img.toColourspace(gray ? 'b-w' : 'srgb').removeAlpha()
      .raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), height: info.height, width: info.width, channels: info.channels };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return matlabError('MATLAB:imagesci:imread:fileFormat',
      `Unable to read file '${file}': unable to determine the file format or the image is corrupt (${why}).`);
  }
}

/** Row-major interleaved H,W,C bytes → column-major H×W(×C) uint8 MArray. */
export function rawToMArray(img: RawImage): MArray {
  const { data, height: h, width: w, channels: c } = img;
  const out = new Uint8Array(h * w * c);
  const plane = h * w;
  for (let r = 0; r < h; r++) {
    for (let col = 0; col < w; col++) {
      const src = (r * w + col) * c;
      const dst = r + col * h;
      for (let k = 0; k < c; k++) out[dst + k * plane] = data[src + k];
    }
  }
  return MArray.wrap(out, c === 1 ? [h, w] : [h, w, c], 'uint8');
}

/** Column-major H×W(×C) MArray → row-major interleaved; uint8/logical stay bytes, others become float32. */
export function mArrayToRaw(img: MArray): RawPixels {
  const [h, w, c = 1, ...rest] = img.dims;
  if (rest.some((d) => d !== 1)) {
    matlabError('MATLAB:imread:notAnImage', `An image must be H×W or H×W×C, not ${img.dims.join('×')}.`);
  }
  const src = img.data;
  const out = img.cls === 'uint8' || img.cls === 'logical' ? new Uint8Array(h * w * c) : new Float32Array(h * w * c);
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

/** MATLAB's imread: uint8 H×W for grayscale files, H×W×3 for colour ones. */
export async function imread(file: string): Promise<MArray> {
  if (typeof file !== 'string') {
    matlabError('MATLAB:imagesci:imread:badFilename', 'The filename must be a character vector or string scalar.');
  }
  return rawToMArray(await readImageRaw(onPath(file)));
}
