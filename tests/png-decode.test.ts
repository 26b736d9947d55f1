/**
 * The JS PNG decoder against sharp (libspng) on every colour type and bit
 * depth, on Adam7-interlaced files of awkward sizes, and on damaged files
 * (issue 11, items 15 and 28).
 */
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { decodePng } from '../src/image/pngDecode.ts';
import { pngBytes } from './fixtures/pngFiles.ts';

/** Deterministic pseudo-random integers below `max`. */
function samples(n: number, max: number, seed: number): number[] {
  let s = seed;
  return Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) >>> 0;
    return Math.floor((s / 2 ** 32) * max);
  });
}

/** What sharp decodes `file` to, in imread's layout (alpha dropped; 16-bit kept). */
async function sharpReference(file: Buffer, gray: boolean, deep: boolean): Promise<{ data: number[]; channels: number }> {
  const space = gray ? (deep ? 'grey16' : 'b-w') : deep ? 'rgb16' : 'srgb';
  const { data, info } = await sharp(file).toColourspace(space).removeAlpha()
    .raw({ depth: deep ? 'ushort' : 'uchar' }).toBuffer({ resolveWithObject: true });
  const values = deep ? new Uint16Array(data.buffer, data.byteOffset, data.length / 2) : data;
  return { data: Array.from(values), channels: info.channels };
}

const SAMPLES: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const COMBINATIONS: [number, number][] = [
  [0, 1], [0, 2], [0, 4], [0, 8], [0, 16], [2, 8], [2, 16], [3, 1], [3, 2], [3, 4], [3, 8], [4, 8], [4, 16], [6, 8], [6, 16],
];

describe('decodePng', () => {
  it.each(COMBINATIONS)('colour type %i, bit depth %i: the same pixels as sharp', async (colourType, depth) => {
    const [w, h] = [7, 5]; // odd width: sub-byte rows end mid-byte
    const entries = 2 ** Math.min(depth, 8);
    const palette = colourType === 3 ? Array.from({ length: entries }, (_, i) => samples(3, 256, 100 + i)) : undefined;
    const file = pngBytes(w, h, colourType, depth, samples(w * h * SAMPLES[colourType], colourType === 3 ? entries : 2 ** depth, colourType * 31 + depth), { palette });
    const ours = decodePng(file)!;
    const gray = colourType === 0 || colourType === 4;
    const deep = depth === 16;
    const ref = await sharpReference(file, gray, deep);
    expect([ours.width, ours.height, ours.channels]).toEqual([w, h, ref.channels]);
    expect(ours.data).toBeInstanceOf(deep ? Uint16Array : Uint8Array);
    expect(Array.from(ours.data)).toEqual(ref.data);
  });

  it.each([[1, 1], [2, 3], [5, 5], [9, 9], [17, 11], [33, 2]])('Adam7-interlaced %i×%i files: the same pixels as sharp', async (w, h) => {
    const base = sharp(Uint8Array.from(samples(w * h * 4, 256, w * 100 + h)), { raw: { width: w, height: h, channels: 4 } });
    const variants: [string, ReturnType<typeof sharp>, boolean, boolean][] = [
      ['rgba', base.clone().png({ progressive: true }), false, false],
      ['gray', base.clone().toColourspace('b-w').png({ progressive: true }), true, false],
      ['palette', base.clone().removeAlpha().png({ progressive: true, palette: true, colours: 16 }), false, false],
      ['rgb16', base.clone().removeAlpha().toColourspace('rgb16').png({ progressive: true }), false, true],
    ];
    for (const [name, img, gray, deep] of variants) {
      const file = await img.toBuffer();
      expect(file[28], `${name} is interlaced`).toBe(1);
      const ours = decodePng(file)!;
      const ref = await sharpReference(file, gray, deep);
      expect(ours.channels, name).toBe(ref.channels);
      expect(Array.from(ours.data), name).toEqual(ref.data);
    }
  });

  it('checks every chunk\'s CRC', () => {
    const file = pngBytes(4, 4, 0, 8, samples(16, 256, 5));
    const idat = file.indexOf('IDAT', 0, 'latin1');
    const bad = Buffer.from(file);
    bad[idat + 4 + 3] ^= 0x01; // one bit of the compressed data: still a valid zlib stream header
    expect(() => decodePng(bad)).toThrow(/CRC error in the IDAT chunk/);
    const badHeader = Buffer.from(file);
    badHeader[29] ^= 0xff; // IHDR's CRC itself
    expect(() => decodePng(badHeader)).toThrow(/CRC error in the IHDR chunk/);
  });

  it('rejects truncated files, invalid headers and palette indices past the palette', () => {
    const file = pngBytes(4, 4, 2, 8, samples(48, 256, 6));
    expect(() => decodePng(file.subarray(0, file.length - 20))).toThrow(/truncated|ends before/);
    expect(() => decodePng(pngBytes(2, 2, 2, 4, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).toThrow(/colour type 2 with bit depth 4 is not valid/);
    expect(() => decodePng(pngBytes(2, 1, 3, 8, [0, 5], { palette: [[1, 2, 3]] }))).toThrow(/palette index 5/);
  });

  it('leaves other files alone', () => {
    expect(decodePng(Buffer.from('GIF89a........'))).toBeUndefined();
  });
});
