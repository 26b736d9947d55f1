/**
 * imwrite(A, filename, [fmt], 'Quality', q): save through sharp. The format
 * comes from the extension (or fmt); double/single images are taken as
 * [0, 1] intensities and logical ones as black/white, as MATLAB does.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { MArray } from '../runtime/marray.ts';
import { matlabError } from '../runtime/errors.ts';
import { parseNameValues } from '../runtime/args.ts';
import { normalizePath } from '../data/paths.ts';
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

/** uint8 bytes, row-major interleaved, as sharp wants them. */
function toBytes(a: MArray): { data: Uint8Array; width: number; height: number; channels: 1 | 3 } {
  const c = a.dims[2] ?? 1;
  if (a.dims.length > 3 || (c !== 1 && c !== 3)) {
    matlabError('MATLAB:imagesci:imwrite:invalidImage', `Image data must be M×N (grayscale) or M×N×3 (truecolor); the array is ${a.dims.join('×')}.`);
  }
  const u8 = a.cls === 'uint8' ? a : convertImage(a, 'uint8');
  const raw = mArrayToRaw(u8);
  return { data: raw.data as Uint8Array, width: raw.width, height: raw.height, channels: c as 1 | 3 };
}

export async function imwrite(a: MArray, filename: string, ...rest: unknown[]): Promise<void> {
  requireArray('imwrite', a, 1, 'A');
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
  const { data, width, height, channels } = toBytes(a);
  let img = sharp(data, { raw: { width, height, channels } });
  // Keep grayscale files single-channel so imread gives back H×W.
  if (channels === 1) img = img.toColourspace('b-w');
  img = format === 'jpeg' ? img.jpeg({ quality }) : format === 'webp' ? img.webp({ quality }) : img.toFormat(format);
  const file = normalizePath(filename);
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  try {
    await img.toFile(file);
  } catch (err) {
    matlabError('MATLAB:imagesci:imwrite:fileOpen', `Unable to write file '${filename}': ${err instanceof Error ? err.message : String(err)}.`);
  }
}
