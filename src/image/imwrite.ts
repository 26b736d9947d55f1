/**
 * imwrite(A, filename, [fmt], 'Quality', q): encode through sharp (a uint16
 * image as a 16-bit PNG), then write atomically. The format
 * comes from the extension (or fmt); double/single images are taken as
 * [0, 1] intensities and logical ones as black/white, as MATLAB does. The
 * folder must exist, as in MATLAB.
 */
import path from 'node:path';
import sharp from 'sharp';
import { writeFileAtomic } from '../io/atomicWrite.ts';
import { rethrowFsError } from '../io/files.ts';
import { MArray } from '../runtime/marray.ts';
import { matlabError } from '../runtime/errors.ts';
import { parseNameValues } from '../runtime/args.ts';
import { normalizePath } from '../runtime/paths.ts';
import { convertImage } from './classConvert.ts';
import { mArrayToRaw } from './imread.ts';
import { requireArray } from './imageInput.ts';

const FORMATS: Record<string, 'png' | 'jpeg' | 'tiff' | 'gif' | 'webp'> = {
  png: 'png', jpg: 'jpeg', jpeg: 'jpeg', tif: 'tiff', tiff: 'tiff', gif: 'gif', webp: 'webp',
};

function formatOf(file: string, fmt: string | undefined): (typeof FORMATS)[string] {
  const ext = (fmt ?? path.extname(file).slice(1)).toLowerCase();
  const f = FORMATS[ext];
  if (!f) {
    const why = ext ? `'${ext}' is not a supported format` : 'the file name has no extension and no format was given';
    matlabError('MATLAB:imagesci:imwrite:fileFormat', `Unable to determine the file format: ${why}. Supported: ${Object.keys(FORMATS).join(', ')}.`);
  }
  return f;
}

function requireImageShape(a: MArray): 1 | 3 {
  const c = a.dims[2] ?? 1;
  if (a.dims.length > 3 || (c !== 1 && c !== 3)) {
    matlabError('MATLAB:imagesci:imwrite:invalidImage', `Image data must be M×N (grayscale) or M×N×3 (truecolor); the array is ${a.dims.join('×')}.`);
  }
  return c;
}

/** The encoded file: a uint16 image makes a 16-bit PNG, everything else is written as 8-bit. */
async function encodeImage(a: MArray, format: (typeof FORMATS)[string], quality: number): Promise<Uint8Array> {
  const channels = requireImageShape(a);
  if (a.cls === 'uint16' && format === 'png') {
    const raw = mArrayToRaw(a);
    return sharp(raw.data as Uint16Array, { raw: { width: raw.width, height: raw.height, channels } })
      .toColourspace(channels === 1 ? 'grey16' : 'rgb16').png().toBuffer();
  }
  const raw = mArrayToRaw(a.cls === 'uint8' ? a : convertImage(a, 'uint8'));
  let img = sharp(raw.data as Uint8Array, { raw: { width: raw.width, height: raw.height, channels } });
  // Keep grayscale files single-channel so imread gives back H×W.
  if (channels === 1) img = img.toColourspace('b-w');
  // TIFF lossless as MATLAB's (sharp's default TIFF compression is lossy JPEG).
  img = format === 'jpeg' ? img.jpeg({ quality }) : format === 'webp' ? img.webp({ quality })
    : format === 'tiff' ? img.tiff({ compression: 'lzw' }) : img.toFormat(format);
  return img.toBuffer();
}

export async function imwrite(a: MArray, filename: string, ...rest: unknown[]): Promise<void> {
  a = requireArray('imwrite', a, 1, 'A');
  if (typeof filename !== 'string' || filename.length === 0) {
    matlabError('MATLAB:imagesci:imwrite:badFilename', 'The file name must be a nonempty character vector or string scalar.');
  }
  const fmtArg = rest.length % 2 === 1 && typeof rest[0] === 'string' ? (rest.shift() as string) : undefined;
  const nv = parseNameValues('imwrite', rest, ['Quality']);
  const format = formatOf(filename, fmtArg);
  let quality = 75; // MATLAB's JPEG default
  if (nv.has('Quality')) {
    const q = nv.get('Quality');
    if (typeof q !== 'number' || !(q >= 0 && q <= 100)) matlabError('MATLAB:imagesci:imwrite:badQuality', "'Quality' must be a number from 0 to 100.");
    quality = Math.max(1, Math.round(q));
  }
  const bytes = await encodeImage(a, format, quality);
  try {
    await writeFileAtomic(path.resolve(normalizePath(filename)), [bytes]);
  } catch (err) {
    rethrowFsError(err, 'MATLAB:imagesci:imwrite:fileOpen', 'write', filename);
  }
}
