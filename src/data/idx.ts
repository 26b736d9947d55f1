/**
 * Reader for the IDX format of the official MNIST / Fashion-MNIST files
 * (big-endian header: magic 0x0000 08 <ndims>, then ndims uint32 sizes,
 * then unsigned bytes), plain or gzip-compressed.
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { matlabError } from '../runtime/errors.ts';

const FN = 'convertIdx';
const UBYTE = 0x08;

export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

export interface IdxImages {
  count: number;
  height: number;
  width: number;
  /** count·height·width bytes, image after image, each row-major. */
  pixels: Uint8Array;
}

function badFile(file: string, why: string): never {
  return matlabError(`${FN}:badIdxFile`, `File '${file}' is not a valid IDX file: ${why}.`);
}

/** Read an IDX file of unsigned bytes; gzip is detected from the content, not the name. */
export async function readIdx(file: string): Promise<IdxArray> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') matlabError(`${FN}:fileNotFound`, `Unable to find file or directory '${file}'.`);
    throw err;
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (err) {
      badFile(file, `gzip data is corrupt (${(err as Error).message})`);
    }
  }
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) badFile(file, 'bad magic number');
  if (bytes[2] !== UBYTE) badFile(file, `element type 0x${bytes[2].toString(16)} is not unsigned byte`);
  const ndims = bytes[3];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = 4 + 4 * ndims;
  if (ndims === 0 || bytes.length < header) badFile(file, 'truncated header');
  const dims = Array.from({ length: ndims }, (_, k) => view.getUint32(4 + 4 * k));
  const n = dims.reduce((a, b) => a * b, 1);
  if (bytes.length - header < n) badFile(file, `expected ${n} data bytes, found ${bytes.length - header} (truncated?)`);
  return { dims, data: bytes.subarray(header, header + n) };
}

export async function readIdxImages(file: string): Promise<IdxImages> {
  const { dims, data } = await readIdx(file);
  if (dims.length !== 3) badFile(file, `expected 3 dimensions (images), found ${dims.length}`);
  return { count: dims[0], height: dims[1], width: dims[2], pixels: data };
}

export async function readIdxLabels(file: string): Promise<Uint8Array> {
  const { dims, data } = await readIdx(file);
  if (dims.length !== 1) badFile(file, `expected 1 dimension (labels), found ${dims.length}`);
  return data;
}

export interface IdxPair {
  images: string;
  labels: string;
}

/**
 * Find `<prefix>-images-idx3-ubyte[.gz]` and `<prefix>-labels-idx1-ubyte[.gz]`
 * in `dir` (also the `images.idx3-ubyte` spelling some mirrors use).
 */
export function findIdxPair(dir: string, prefix: 'train' | 't10k'): IdxPair | undefined {
  const find = (kind: string, rank: number): string | undefined => {
    for (const sep of ['-', '.']) {
      for (const gz of ['', '.gz']) {
        const p = path.join(dir, `${prefix}-${kind}${sep}idx${rank}-ubyte${gz}`);
        if (existsSync(p)) return p;
      }
    }
    return undefined;
  };
  const images = find('images', 3);
  const labels = find('labels', 1);
  if (images && labels) return { images, labels };
  if (images || labels) {
    matlabError(`${FN}:incompletePair`, `Found '${images ?? labels}' in '${dir}' but not the matching ${images ? 'labels' : 'images'} file.`);
  }
  return undefined;
}
