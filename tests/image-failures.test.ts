/**
 * Bad input and failing files in the image functions (issue 11, items 12–14,
 * 16, 17): each ends in a MATLAB-style error, never a raw RangeError or a
 * Node errno, and never in silently doing something else.
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createDeflate } from 'node:zlib';
import path from 'node:path';
import { MArray } from '../src/runtime/marray.ts';
import type { MatlabError } from '../src/runtime/errors.ts';
import { imfilter, imread, imresize, imwrite } from '../src/image/index.ts';
import { MAX_INPUT_PIXELS } from '../src/image/pixelLimit.ts';
import { imageDatastore } from '../src/data/imageDatastore.ts';
import { tempDir, removeDir, makeImageTree } from './fixtures/imageTree.ts';
import { pngChunk, pngBytes } from './fixtures/pngFiles.ts';
import { errorOf, rejectionOf } from './helpers/errors.ts';

let work: string;
beforeAll(() => {
  work = tempDir('dltb-imgfail-');
});
afterAll(() => removeDir(work));

const IMG = MArray.from(Array.from({ length: 28 * 28 }, (_, i) => i % 256), [28, 28], 'uint8');

describe('imfilter', () => {
  it('rejects a character filter instead of filtering with character codes', () => {
    const e = errorOf(() => imfilter(IMG, 'abc' as unknown as number));
    expect(e.identifier).toBe('MATLAB:imfilter:invalidType');
    expect(e.message).toMatch(/Expected input number 2, H, to be one of these types/);
    expect(e.message).toMatch(/Instead its type was char/);
  });
});

describe('imresize', () => {
  it('refuses an output too large for memory with MATLAB\'s size-limit error', () => {
    const e = errorOf(() => imresize(IMG, 1e5));
    expect(e.identifier).toBe('MATLAB:array:SizeLimitExceeded');
    expect(e.message).toMatch(/^Requested 2800000×2800000 \(.* GB\) array exceeds/);
    // A large but possible output still works.
    expect(imresize(IMG, 4).dims).toEqual([112, 112]);
  });
});

describe('readimage of files that cannot be read', () => {
  it('gives a MATLAB-style error, not a raw errno, for a symbolic-link loop and a folder named like an image', async () => {
    const root = await makeImageTree(path.join(work, 'unreadable'), { a: 2 });
    // Root reads everything, so unreadable files are ones that no user can read.
    symlinkSync('loop2.png', path.join(root, 'a', 'loop1.png'));
    symlinkSync('loop1.png', path.join(root, 'a', 'loop2.png'));
    mkdirSync(path.join(root, 'a', 'folder.png'));
    const ds = imageDatastore(root, 'IncludeSubfolders', true);
    const names = [...ds.Files].map((f) => path.basename(f));
    expect(names).toEqual(['img00.png', 'img01.png', 'loop1.png', 'loop2.png']);
    const loop = await rejectionOf(ds.readimage(3));
    expect(loop.identifier).toBe('MATLAB:imagesci:imread:cannotReadFile');
    expect(loop.message).toBe(`Unable to read file '${path.join(root, 'a', 'loop1.png')}': too many levels of symbolic links.`);
    const folder = await rejectionOf(imread(path.join(root, 'a', 'folder.png')));
    expect(folder.identifier).toBe('MATLAB:imagesci:imread:fileFormat');
  });

  it('gives the same error for a file without read permission (when the tests do not run as root)', async () => {
    const file = path.join(work, 'noperm.png');
    writeFileSync(file, pngBytes(1, 1, 0, 8, [7]));
    const { chmodSync } = await import('node:fs');
    chmodSync(file, 0o000);
    const e = await imread(file).then(() => null, (err: unknown) => err);
    // Root reads it anyway (then it decodes); anyone else gets MATLAB's message.
    if (e === null) expect(process.getuid?.()).toBe(0);
    else expect((e as MatlabError).message).toBe(`Unable to read file '${file}': permission denied.`);
  });
});

/** An 8-bit grayscale PNG of width × height zeros, deflated row by row (never all in memory). */
async function hugeZeroPng(file: string, width: number, height: number): Promise<void> {
  const deflate = createDeflate({ level: 1, chunkSize: 1 << 20 });
  const parts: Buffer[] = [];
  deflate.on('data', (b: Buffer) => parts.push(b));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const row = Buffer.alloc(width + 1); // filter byte 0, then zeros
  for (let y = 0; y < height; y++) {
    if (!deflate.write(row)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // depth
  ihdr[9] = 0; // grayscale
  writeFileSync(file, Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr), pngChunk('IDAT', Buffer.concat(parts)), pngChunk('IEND', Buffer.alloc(0)),
  ]));
}

describe('one pixel limit for every decoder', () => {
  it('is sharp\'s default limit', () => {
    expect(MAX_INPUT_PIXELS).toBe(0x3fff * 0x3fff);
  });

  it('refuses a valid 8-bit PNG above the limit (which the JS decoder used to decode) before decoding it', async () => {
    const file = path.join(work, 'huge.png');
    await hugeZeroPng(file, 16384, 16384); // 268,435,456 pixels: one row over the limit
    const e = await rejectionOf(imread(file));
    expect(e.identifier).toBe('MATLAB:imagesci:imread:tooManyPixels');
    expect(e.message).toBe(`Unable to read file '${file}': the image is 16384×16384 pixels, more than the limit of 268402689 pixels.`);
  });

  it('applies the same limit and message to a format that only sharp decodes', async () => {
    const { default: sharp } = await import('sharp');
    const file = path.join(work, 'huge.jpg');
    // 16384×16384 JPEG of one colour: sharp writes it quickly and small.
    await sharp({ create: { width: 16384, height: 16384, channels: 3, background: { r: 0, g: 0, b: 0 } }, limitInputPixels: false })
      .jpeg({ quality: 10 }).toFile(file);
    const e = await rejectionOf(imread(file));
    expect(e.identifier).toBe('MATLAB:imagesci:imread:tooManyPixels');
    expect(e.message).toBe(`Unable to read file '${file}': the image is 16384×16384 pixels, more than the limit of 268402689 pixels.`);
  });
});

describe('imwrite', () => {
  it('errors as MATLAB does when the folder does not exist, and creates nothing', async () => {
    const file = path.join(work, 'missing-folder', 'x.png');
    const e = await rejectionOf(imwrite(IMG, file));
    expect(e.identifier).toBe('MATLAB:imagesci:imwrite:fileOpen');
    expect(e.message).toBe(`Unable to write file '${file}': no such file or directory.`);
    expect(existsSync(path.dirname(file))).toBe(false);
  });

  it('still writes into an existing folder, leaving no temporary file', async () => {
    const dir = path.join(work, 'out');
    mkdirSync(dir);
    await imwrite(IMG, path.join(dir, 'x.png'));
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(dir)).toEqual(['x.png']);
    expect((await imread(path.join(dir, 'x.png'))).data).toEqual(IMG.data);
  });
});
