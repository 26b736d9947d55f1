import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { imread, readImageRaw, rawToMArray, mArrayToRaw } from '../src/image/imread.ts';
import { decodePng } from '../src/image/pngDecode.ts';
import { sniffColour } from '../src/image/imageHeader.ts';
import { pwd, fullfile, normalizePath } from '../src/runtime/paths.ts';
import { MArray } from '../src/runtime/marray.ts';
import { MatlabError } from '../src/runtime/errors.ts';
import { tempDir, removeDir } from './fixtures/imageTree.ts';
import { pngBytes } from './fixtures/pngFiles.ts';
import { rejectionOf } from './helpers/errors.ts';

let dir: string;
const W = 5;
const H = 4;

/** Deterministic pseudo-random bytes (so sharp's adaptive PNG filters all get used). */
function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

async function writeRaw(file: string, px: Uint8Array, channels: 1 | 2 | 3 | 4, f: (s: Sharp) => Sharp): Promise<string> {
  const p = path.join(dir, file);
  await f(sharp(px, { raw: { width: W, height: H, channels } })).toFile(p);
  return p;
}

const rgb = bytes(W * H * 3, 1);
const rgba = bytes(W * H * 4, 2);
const gray = bytes(W * H, 3);
const grayAlpha = bytes(W * H * 2, 4);

beforeAll(async () => {
  dir = tempDir();
  await writeRaw('rgb.png', rgb, 3, (s) => s.png());
  await writeRaw('rgba.png', rgba, 4, (s) => s.png());
  await writeRaw('gray.png', gray, 1, (s) => s.toColourspace('b-w').png());
  await writeRaw('grayalpha.png', grayAlpha, 2, (s) => s.toColourspace('b-w').png());
  await writeRaw('gray.jpg', gray, 1, (s) => s.toColourspace('b-w').jpeg({ quality: 100 }));
  await writeRaw('rgb.jpg', rgb, 3, (s) => s.jpeg({ quality: 100 }));
  await writeRaw('palette.png', rgb, 3, (s) => s.png({ palette: true, colours: 256 }));
  await writeRaw('rgb.tif', rgb, 3, (s) => s.tiff({ compression: 'lzw' })); // sharp's default TIFF compression is lossy JPEG
  await writeRaw('rgb16.png', rgb, 3, (s) => s.toColourspace('rgb16').png());
  await writeRaw('interlaced.png', rgb, 3, (s) => s.png({ progressive: true }));
  writeFileSync(path.join(dir, 'garbage.png'), 'definitely not an image');
  const real = await sharp(rgb, { raw: { width: W, height: H, channels: 3 } }).png().toBuffer();
  writeFileSync(path.join(dir, 'truncated.png'), real.subarray(0, real.length - 20));
});
afterAll(() => removeDir(dir));


describe('imread', () => {
  it('reads grayscale files as uint8 H×W, column-major', async () => {
    const img = await imread(path.join(dir, 'gray.png'));
    expect(img.cls).toBe('uint8');
    expect(img.dims).toEqual([H, W]);
    for (let r = 0; r < H; r++) for (let c = 0; c < W; c++) expect(img.get(r + 1, c + 1)).toBe(gray[r * W + c]);
  });

  it('reads colour files as H×W×3 and drops alpha', async () => {
    const img = await imread(path.join(dir, 'rgb.png'));
    expect(img.dims).toEqual([H, W, 3]);
    expect(img.get(2, 3, 1)).toBe(rgb[(1 * W + 2) * 3]);
    expect(img.get(2, 3, 3)).toBe(rgb[(1 * W + 2) * 3 + 2]);
    const a = await imread(path.join(dir, 'rgba.png'));
    expect(a.dims).toEqual([H, W, 3]);
    expect(a.get(4, 5, 2)).toBe(rgba[(3 * W + 4) * 4 + 1]);
    const ga = await imread(path.join(dir, 'grayalpha.png'));
    expect(ga.dims).toEqual([H, W]);
    expect(ga.get(1, 2)).toBe(grayAlpha[2]);
  });

  it('reads JPEG, TIFF, palette, 16-bit and interlaced files', async () => {
    expect((await imread(path.join(dir, 'gray.jpg'))).dims).toEqual([H, W]);
    expect((await imread(path.join(dir, 'rgb.jpg'))).dims).toEqual([H, W, 3]);
    const tif = await imread(path.join(dir, 'rgb.tif'));
    expect(Array.from(tif.data)).toEqual(Array.from((await imread(path.join(dir, 'rgb.png'))).data));
    expect((await imread(path.join(dir, 'palette.png'))).dims).toEqual([H, W, 3]);
    // MATLAB reads 16-bit PNGs as uint16: sharp's own 16-bit decode is the reference.
    const deep = await imread(path.join(dir, 'rgb16.png'));
    expect(deep.cls).toBe('uint16');
    expect(deep.data).toBeInstanceOf(Uint16Array);
    const ref16 = await sharp(path.join(dir, 'rgb16.png')).toColourspace('rgb16').raw({ depth: 'ushort' }).toBuffer();
    const ref = new Uint16Array(ref16.buffer, ref16.byteOffset, ref16.length / 2);
    expect(deep.get(1, 1, 1)).toBe(ref[0]);
    expect(Array.from(mArrayToRaw(deep).data)).toEqual(Array.from(ref));
    expect(new Set(ref).size).toBeGreaterThan(10);
    // Known 16-bit samples, written by the test's own PNG writer.
    const file16 = path.join(dir, 'gray16.png');
    writeFileSync(file16, pngBytes(2, 2, 0, 16, [0, 1, 257, 65535]));
    const g16 = await imread(file16);
    expect(g16.cls).toBe('uint16');
    expect(Array.from(g16.data)).toEqual([0, 257, 1, 65535]);
    const inter = await imread(path.join(dir, 'interlaced.png'));
    expect(Array.from(inter.data)).toEqual(Array.from((await imread(path.join(dir, 'rgb.png'))).data));
  });

  it('reports a missing file MATLAB-style', async () => {
    const missing = path.join(dir, 'nope.png');
    const e = await rejectionOf(imread(missing));
    expect(e.identifier).toBe('MATLAB:imread:fileNotFound');
    expect(e.message).toBe(`Unable to find file or directory '${missing}'.`);
  });

  it('names corrupt and truncated files', async () => {
    for (const name of ['garbage.png', 'truncated.png']) {
      const file = path.join(dir, name);
      const e = await rejectionOf(imread(file));
      expect(e.identifier).toBe('MATLAB:imagesci:imread:fileFormat');
      expect(e.message).toContain(`'${file}'`);
    }
    const e = await rejectionOf(imread(dir));
    expect(e.message).toContain('folder');
  });

  it('accepts backslash paths', async () => {
    const img = await imread(path.join(dir, 'gray.png').replace(/\//g, '\\'));
    expect(img.dims).toEqual([H, W]);
  });
});

describe('readImageRaw', () => {
  it('returns row-major interleaved bytes, as sharp lays them out', async () => {
    const raw = await readImageRaw(path.join(dir, 'rgb.png'));
    expect(raw).toMatchObject({ height: H, width: W, channels: 3 });
    expect(Array.from(raw.data)).toEqual(Array.from(rgb));
    const g = await readImageRaw(path.join(dir, 'gray.png'));
    expect(g.channels).toBe(1);
    expect(Array.from(g.data)).toEqual(Array.from(gray));
  });

  it('the JS PNG decoder agrees with sharp on every colour type', async () => {
    for (const name of ['rgb.png', 'rgba.png', 'gray.png', 'grayalpha.png', 'palette.png', 'interlaced.png']) {
      const file = path.join(dir, name);
      const fast = decodePng(readFileSync(file));
      expect(fast, name).toBeDefined();
      const gray1 = name.startsWith('gray');
      const ref = await sharp(file).toColourspace(gray1 ? 'b-w' : 'srgb').removeAlpha().raw().toBuffer({ resolveWithObject: true });
      expect(fast!.channels, name).toBe(ref.info.channels);
      expect(Array.from(fast!.data), name).toEqual(Array.from(ref.data));
    }
  });

  it('leaves files that are not PNGs to the other decoders', async () => {
    for (const name of ['rgb.jpg', 'rgb.tif', 'garbage.png']) {
      expect(decodePng(readFileSync(path.join(dir, name))), name).toBeUndefined();
    }
  });

  it('sniffs grayscale from PNG and JPEG headers', async () => {
    expect(sniffColour(readFileSync(path.join(dir, 'gray.jpg')))).toBe(1);
    expect(sniffColour(readFileSync(path.join(dir, 'rgb.jpg')))).toBe(3);
    expect(sniffColour(readFileSync(path.join(dir, 'grayalpha.png')))).toBe(1);
    expect(sniffColour(readFileSync(path.join(dir, 'rgb.tif')))).toBeUndefined();
  });

  it('rawToMArray and mArrayToRaw are inverses', () => {
    const raw = { data: rgb, height: H, width: W, channels: 3 };
    const m = rawToMArray(raw);
    expect(m.dims).toEqual([H, W, 3]);
    expect(Array.from(mArrayToRaw(m).data)).toEqual(Array.from(rgb));
    const d = mArrayToRaw(MArray.from([1, 2, 3, 4], [2, 2], 'double'));
    expect(d.data).toBeInstanceOf(Float32Array);
    expect(Array.from(d.data)).toEqual([1, 3, 2, 4]);
  });
});

/** A BMP file: 24-bit (rgb given) or 8-bit with a palette (indices given), bottom-up unless topDown. */
function bmp(width: number, height: number, bpp: 8 | 24 | 32, px: Uint8Array, palette?: number[][], topDown = false): Buffer {
  const stride = Math.floor((bpp * width + 31) / 32) * 4;
  const paletteBytes = palette ? palette.length * 4 : 0;
  const dataAt = 54 + paletteBytes;
  const b = Buffer.alloc(dataAt + stride * height);
  b.write('BM', 0, 'latin1');
  b.writeUInt32LE(b.length, 2);
  b.writeUInt32LE(dataAt, 10);
  b.writeUInt32LE(40, 14);
  b.writeInt32LE(width, 18);
  b.writeInt32LE(topDown ? -height : height, 22);
  b.writeUInt16LE(1, 26);
  b.writeUInt16LE(bpp, 28);
  b.writeUInt32LE(palette?.length ?? 0, 46);
  palette?.forEach(([r, g, bl], i) => b.set([bl, g, r, 0], 54 + 4 * i));
  for (let y = 0; y < height; y++) {
    const row = dataAt + (topDown ? y : height - 1 - y) * stride;
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (bpp === 8) b[row + x] = px[i];
      else b.set([px[3 * i + 2], px[3 * i + 1], px[3 * i]], row + x * (bpp / 8));
    }
  }
  return b;
}

describe('formats sharp cannot load', () => {
  it('reads 24-bit, 32-bit and 8-bit BMP files', async () => {
    writeFileSync(path.join(dir, 'rgb.bmp'), bmp(W, H, 24, rgb)); // W=5: rows need padding
    expect(Array.from((await readImageRaw(path.join(dir, 'rgb.bmp'))).data)).toEqual(Array.from(rgb));
    writeFileSync(path.join(dir, 'rgb32.bmp'), bmp(W, H, 32, rgb, undefined, true));
    expect(Array.from((await readImageRaw(path.join(dir, 'rgb32.bmp'))).data)).toEqual(Array.from(rgb));
    const ramp = Array.from({ length: 256 }, (_, i) => [i, i, i]);
    writeFileSync(path.join(dir, 'gray.bmp'), bmp(W, H, 8, gray, ramp));
    const g = await imread(path.join(dir, 'gray.bmp'));
    expect(g.dims).toEqual([H, W]);
    expect(g.get(2, 3)).toBe(gray[1 * W + 2]);
    const colours = [[255, 0, 0], [0, 255, 0], [0, 0, 255]];
    writeFileSync(path.join(dir, 'pal.bmp'), bmp(W, H, 8, gray.map((v) => v % 3), colours));
    const c = await imread(path.join(dir, 'pal.bmp'));
    expect(c.dims).toEqual([H, W, 3]);
    expect([c.get(1, 1, 1), c.get(1, 1, 2), c.get(1, 1, 3)]).toEqual(colours[gray[0] % 3]);
    writeFileSync(path.join(dir, 'short.bmp'), bmp(W, H, 24, rgb).subarray(0, 70));
    expect((await rejectionOf(imread(path.join(dir, 'short.bmp')))).message).toContain('short.bmp');
  });

  it('reads PGM, PPM and PBM files, binary and ASCII', async () => {
    const header = (magic: string, max = '255\n') => Buffer.from(`${magic}\n# comment\n${W} ${H}\n${max}`, 'latin1');
    writeFileSync(path.join(dir, 'g.pgm'), Buffer.concat([header('P5'), gray]));
    expect(Array.from((await readImageRaw(path.join(dir, 'g.pgm'))).data)).toEqual(Array.from(gray));
    writeFileSync(path.join(dir, 'ga.pgm'), Buffer.concat([header('P2'), Buffer.from(Array.from(gray).join(' '))]));
    expect(Array.from((await readImageRaw(path.join(dir, 'ga.pgm'))).data)).toEqual(Array.from(gray));
    writeFileSync(path.join(dir, 'c.ppm'), Buffer.concat([header('P6'), rgb]));
    const c = await imread(path.join(dir, 'c.ppm'));
    expect(c.dims).toEqual([H, W, 3]);
    expect(Array.from(mArrayToRaw(c).data)).toEqual(Array.from(rgb));
    const wide = Buffer.alloc(W * H * 2);
    gray.forEach((v, i) => wide.writeUInt16BE(v * 257, 2 * i));
    writeFileSync(path.join(dir, 'g16.pgm'), Buffer.concat([header('P5', '65535\n'), wide]));
    expect(Array.from((await readImageRaw(path.join(dir, 'g16.pgm'))).data)).toEqual(Array.from(gray));
    // PBM: 1 is black
    writeFileSync(path.join(dir, 'b.pbm'), Buffer.from(`P1\n3 2\n1 0 1\n0 1 0\n`, 'latin1'));
    expect(Array.from((await readImageRaw(path.join(dir, 'b.pbm'))).data)).toEqual([0, 255, 0, 255, 0, 255]);
    writeFileSync(path.join(dir, 'b4.pbm'), Buffer.concat([Buffer.from('P4\n3 2\n', 'latin1'), Buffer.from([0b10100000, 0b01000000])]));
    expect(Array.from((await readImageRaw(path.join(dir, 'b4.pbm'))).data)).toEqual([0, 255, 0, 255, 0, 255]);
    writeFileSync(path.join(dir, 'bad.pgm'), Buffer.concat([header('P5'), gray.subarray(0, 3)]));
    expect((await rejectionOf(imread(path.join(dir, 'bad.pgm')))).message).toContain('bad.pgm');
  });
});

describe('paths', () => {
  it('turns backslashes into separators', () => {
    expect(normalizePath('C:\\data\\MNIST\\train')).toBe('C:/data/MNIST/train');
    expect(normalizePath('a\\\\b//c')).toBe('a/b/c');
    expect(pwd()).toBe(process.cwd());
    expect(normalizePath(pwd() + '\\MNIST\\train')).toBe(path.join(process.cwd(), 'MNIST', 'train'));
  });

  it('fullfile joins like MATLAB', () => {
    expect(fullfile('a', 'b', 'c.png')).toBe('a/b/c.png');
    expect(fullfile('a/', '/b')).toBe('a/b');
    expect(fullfile('a\\b', 'c')).toBe('a/b/c');
    expect(fullfile('a', '')).toBe('a');
    expect(fullfile('/root', 'x')).toBe('/root/x');
    expect(() => fullfile('a', 3 as unknown as string)).toThrow(MatlabError);
  });

  it('reads an image through a Windows-style relative path', async () => {
    const sub = path.join(dir, 'sub');
    mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, 'g.png'), await sharp(gray, { raw: { width: W, height: H, channels: 1 } }).toColourspace('b-w').png().toBuffer());
    const rel = path.relative(pwd(), path.join(sub, 'g.png')).replace(/\//g, '\\');
    expect((await imread(pwd() + '\\' + rel)).dims).toEqual([H, W]);
  });
});
