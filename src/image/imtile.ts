/**
 * imtile(images, Name, Value): one image made of thumbnails on a grid,
 * filled row by row. Inputs: H×W×K (K grayscale frames), H×W×1×K or
 * H×W×3×K stacks, a cell of images, or a list of files (then async).
 * The grid defaults to MATLAB's near-square choice in pixels.
 */
import { MArray, allocData, type MClass } from '../runtime/marray.ts';
import { matlabError } from '../runtime/errors.ts';
import { parseNameValues } from '../runtime/args.ts';
import { convertImage } from './classConvert.ts';
import { parseColor } from './colorSpec.ts';
import { imread } from './imread.ts';
import { imresize } from './imresize.ts';
import { classMax, numbersOf } from './imageInput.ts';

export type ImageList = MArray | readonly MArray[];
/** File names, or anything with a Files list (an ImageDatastore). */
export type FileList = readonly string[] | { readonly Files: readonly string[] };

/** Split a stack or a list into single H×W or H×W×3 frames. */
export function framesOf(fn: string, images: ImageList): MArray[] {
  if (Array.isArray(images)) {
    if (images.length === 0) matlabError(`MATLAB:${fn}:emptyInput`, 'The list of images is empty.');
    return images.map((im, i) => {
      if (!(im instanceof MArray)) matlabError(`MATLAB:${fn}:invalidImage`, `Element ${i + 1} of the image list is not an image array.`);
      return im;
    });
  }
  const a = images as MArray;
  if (!(a instanceof MArray)) {
    return matlabError(`MATLAB:${fn}:invalidInput`, 'Images must be an array (H×W×K, H×W×1×K, H×W×3×K), a cell array of images, or a list of file names.');
  }
  const [h, w, c = 1, n = 1] = a.dims;
  if (a.dims.length > 4) matlabError(`MATLAB:${fn}:invalidInput`, `Image stacks must have at most 4 dimensions; the input is ${a.dims.join('×')}.`);
  // H×W×K: K grayscale frames. H×W×C×N: N frames of C (1 or 3) channels.
  const chans = a.dims.length === 4 ? c : 1;
  const frames = a.dims.length === 4 ? n : c;
  if (chans !== 1 && chans !== 3) {
    matlabError(`MATLAB:${fn}:invalidChannels`, `A 4-D stack must be H×W×1×N or H×W×3×N; the input is ${a.dims.join('×')}.`);
  }
  const size = h * w * chans;
  return Array.from({ length: frames }, (_, f) => MArray.wrap(a.data.slice(f * size, (f + 1) * size) as typeof a.data, chans === 3 ? [h, w, 3] : [h, w], a.cls));
}

export async function readFrames(files: readonly string[]): Promise<MArray[]> {
  if (files.length === 0) matlabError('MATLAB:imtile:emptyInput', 'The list of files is empty.');
  return Promise.all(files.map((f) => imread(f)));
}

/** MATLAB's default grid: columns ≈ sqrt(N·H/W) so the result is about square. */
export function defaultGrid(n: number, thumbH: number, thumbW: number): [number, number] {
  const cols = Math.max(1, Math.ceil(Math.sqrt((thumbH * n) / thumbW)));
  return [Math.ceil(n / cols), cols];
}

interface TileOptions {
  grid?: [number, number];
  border: [number, number];
  background: [number, number, number];
  thumb?: [number, number];
}

function parseTileOptions(fn: string, args: unknown[]): TileOptions {
  const nv = parseNameValues(fn, args, ['BackgroundColor', 'BorderSize', 'GridSize', 'ThumbnailSize']);
  const o: TileOptions = { border: [0, 0], background: [0, 0, 0] };
  if (nv.has('GridSize')) {
    const g = numbersOf(fn, nv.get('GridSize'), 2, 'GridSize');
    if (g.length !== 2 || g.every(Number.isNaN) || g.some((x) => !Number.isNaN(x) && !(x > 0 && Number.isInteger(x)))) {
      matlabError(`MATLAB:${fn}:invalidGridSize`, "'GridSize' must be [ROWS COLS], positive integers (one may be NaN).");
    }
    o.grid = [g[0], g[1]];
  }
  if (nv.has('BorderSize')) {
    const b = numbersOf(fn, nv.get('BorderSize'), 2, 'BorderSize');
    if (b.length < 1 || b.length > 2 || b.some((x) => !(x >= 0) || !Number.isInteger(x))) {
      matlabError(`MATLAB:${fn}:invalidBorderSize`, "'BorderSize' must be a nonnegative integer or [ROWS COLS].");
    }
    o.border = b.length === 1 ? [b[0], b[0]] : [b[0], b[1]];
  }
  if (nv.has('BackgroundColor')) o.background = parseColor(fn, nv.get('BackgroundColor'));
  if (nv.has('ThumbnailSize')) {
    const t = numbersOf(fn, nv.get('ThumbnailSize'), 2, 'ThumbnailSize');
    if (t.length !== 2 || t.some((x) => !(x > 0) || !Number.isInteger(x))) {
      matlabError(`MATLAB:${fn}:invalidThumbnailSize`, "'ThumbnailSize' must be [ROWS COLS], positive integers.");
    }
    o.thumb = [t[0], t[1]];
  }
  return o;
}

function resolveGrid(o: TileOptions, n: number, th: number, tw: number): [number, number] {
  if (!o.grid) return defaultGrid(n, th, tw);
  const [r, c] = o.grid;
  if (Number.isNaN(r)) return [Math.ceil(n / c), c];
  if (Number.isNaN(c)) return [r, Math.ceil(n / r)];
  return [r, c];
}

/** Fit `im` in th×tw keeping its aspect ratio, then centre it (gaps hold the background). */
function fitThumb(im: MArray, th: number, tw: number): { im: MArray; top: number; left: number } {
  const [h, w] = im.dims;
  if (h === th && w === tw) return { im, top: 0, left: 0 };
  const s = Math.min(th / h, tw / w);
  const rows = Math.min(th, Math.max(1, Math.round(h * s)));
  const cols = Math.min(tw, Math.max(1, Math.round(w * s)));
  const r = imresize(im, [rows, cols]);
  return { im: r, top: Math.floor((th - rows) / 2), left: Math.floor((tw - cols) / 2) };
}

/** Tile already-decoded frames (the shared core of imtile and montage). */
export function tileFrames(fn: string, frames: MArray[], args: unknown[]): MArray {
  const o = parseTileOptions(fn, args);
  const cls: MClass = frames[0].cls;
  const rgb = frames.some((f) => f.dims[2] === 3);
  const [th, tw] = o.thumb ?? [frames[0].dims[0], frames[0].dims[1]];
  const [gr, gc] = resolveGrid(o, frames.length, th, tw);
  if (gr * gc < frames.length) {
    matlabError(`MATLAB:${fn}:gridTooSmall`, `The grid ${gr}×${gc} holds ${gr * gc} images but ${frames.length} were given.`);
  }
  const [br, bc] = o.border;
  const cellH = th + 2 * br;
  const cellW = tw + 2 * bc;
  const H = gr * cellH;
  const W = gc * cellW;
  const C = rgb ? 3 : 1;
  const outCls: MClass = cls === 'logical' ? (rgb || o.background.some((v) => v !== 0 && v !== 1) ? 'uint8' : 'logical') : cls;
  const full = classMax(outCls);
  const out = allocData(outCls, H * W * C);
  for (let ch = 0; ch < C; ch++) out.fill(o.background[rgb ? ch : 0] * full, ch * H * W, (ch + 1) * H * W);
  frames.forEach((f0, k) => {
    const f = outCls === 'logical' || f0.cls === outCls ? f0 : convertImage(f0, outCls as Exclude<MClass, 'logical'>);
    const { im, top, left } = fitThumb(f, th, tw);
    const [h, w] = im.dims;
    const fc = im.dims[2] === 3 ? 3 : 1;
    const r0 = Math.floor(k / gc) * cellH + br + top;
    const c0 = (k % gc) * cellW + bc + left;
    for (let ch = 0; ch < C; ch++) {
      const sp = (fc === 3 ? ch : 0) * h * w;
      for (let c = 0; c < w; c++) {
        for (let r = 0; r < h; r++) out[ch * H * W + (r0 + r) + (c0 + c) * H] = im.data[sp + r + c * h];
      }
    }
  });
  return MArray.wrap(out, rgb ? [H, W, 3] : [H, W], outCls);
}

/** The file names behind `x`: a list of names, or a datastore's Files (imtile(imds) works in MATLAB). */
export function fileListOf(x: unknown): string[] | null {
  const files = x !== null && typeof x === 'object' && !Array.isArray(x) && 'Files' in x ? (x as { Files: unknown }).Files : x;
  return Array.isArray(files) && files.length > 0 && files.every((v) => typeof v === 'string') ? [...files] : null;
}

/** imtile(images, ...) — synchronous for arrays, a Promise for file lists. */
export function imtile(files: FileList, ...args: unknown[]): Promise<MArray>;
export function imtile(images: ImageList, ...args: unknown[]): MArray;
export function imtile(images: ImageList | FileList, ...args: unknown[]): MArray | Promise<MArray> {
  const files = fileListOf(images);
  if (files) return readFrames(files).then((frames) => tileFrames('imtile', frames, args));
  return tileFrames('imtile', framesOf('imtile', images as ImageList), args);
}
