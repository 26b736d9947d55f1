/**
 * The uint16 class (issue 11, item 15: 16-bit PNGs read as uint16): storage,
 * saturation, display, arithmetic rules, and the image functions that rescale
 * by class (im2double, im2single, im2uint8, im2uint16, mat2gray, imshow, imwrite).
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MArray, castValue } from '../src/runtime/marray.ts';
import { zeros, horzcat } from '../src/runtime/shape.ts';
import { plus, times } from '../src/runtime/elementwise.ts';
import { displayText } from '../src/runtime/display.ts';
import { im2double, im2single, im2uint8, im2uint16, imread, imwrite, mat2gray } from '../src/image/index.ts';
import { toDisplayImage } from '../src/graphics/displayImage.ts';
import { save, load } from '../src/io/saveload.ts';
import { tempDir, removeDir } from './fixtures/imageTree.ts';

let dir: string;
beforeAll(() => {
  dir = tempDir('dltb-uint16-');
});
afterAll(() => removeDir(dir));

const u16 = (values: number[], dims = [1, values.length]) => MArray.from(values, dims, 'uint16');

describe('MArray uint16', () => {
  it('stores in a Uint16Array, rounding and saturating like MATLAB', () => {
    const a = u16([-5, 0.4, 0.5, 1000.6, 65535, 70000, Number.NaN]);
    expect(a.data).toBeInstanceOf(Uint16Array);
    expect(Array.from(a.data)).toEqual([0, 0, 1, 1001, 65535, 65535, 0]);
    expect(castValue('uint16', 65535.4)).toBe(65535);
    expect(zeros(2, 3, 'uint16').cls).toBe('uint16');
  });

  it('wins in arithmetic with doubles (saturating), refuses other integer classes, wins concatenation', () => {
    const s = plus(u16([65000, 10]), 1000) as MArray;
    expect(s.cls).toBe('uint16');
    expect(Array.from(s.data)).toEqual([65535, 1010]);
    expect(Array.from((times(u16([3]), 0.5) as MArray).data)).toEqual([2]);
    expect(() => plus(u16([1]), MArray.from([1], [1, 1], 'uint8'))).toThrow(/Integers can only be combined with integers of the same class/);
    expect(horzcat(u16([1]), MArray.from([2.6], [1, 1])).cls).toBe('uint16');
  });

  it('saves and loads as uint16', async () => {
    const file = path.join(dir, 'w.mat');
    await save(file, { a: u16([1, 65535, 300]) });
    const { a } = await load(file);
    expect(a.cls).toBe('uint16');
    expect(a.data).toBeInstanceOf(Uint16Array);
    expect(Array.from(a.data)).toEqual([1, 65535, 300]);
  });

  it('displays as integers with its class in the header', () => {
    const text = displayText('x', u16([1, 65535, 300, 7], [2, 2]));
    expect(text).toContain('2×2 uint16 matrix');
    expect(text).toMatch(/\b65535\b/);
    expect(text).not.toMatch(/\./);
  });
});

describe('image functions on uint16', () => {
  it('im2double / im2single divide by 65535; im2uint8 and im2uint16 rescale by 257', () => {
    expect(Array.from(im2double(u16([0, 65535, 32768])).data)).toEqual([0, 1, 32768 / 65535]);
    expect(im2single(u16([65535])).data[0]).toBe(1);
    expect(Array.from(im2uint8(u16([0, 257, 65535, 128])).data)).toEqual([0, 1, 255, 0]);
    expect(Array.from(im2uint16(MArray.from([0, 1, 255], [1, 3], 'uint8')).data)).toEqual([0, 257, 65535]);
    expect(Array.from(im2uint16(MArray.from([0.5, 2, -1], [1, 3])).data)).toEqual([32768, 65535, 0]);
    expect(im2uint16(u16([5])).cls).toBe('uint16');
  });

  it('mat2gray maps the uint16 range to [0, 1]', () => {
    expect(Array.from(mat2gray(u16([1000, 3000, 2000])).data)).toEqual([0, 1, 0.5]);
  });

  it('imshow spans 0–65535', () => {
    const img = toDisplayImage('imshow', u16([0, 32768, 65535], [1, 3]));
    expect(Array.from(img.rgb)).toEqual([0, 0, 0, 128, 128, 128, 255, 255, 255]);
  });

  it('imwrite writes a 16-bit PNG that imread reads back exactly; other formats get 8 bits', async () => {
    const a = u16([0, 1, 257, 65535, 40000, 12345], [2, 3]);
    const file = path.join(dir, 'deep.png');
    await imwrite(a, file);
    const bytes = readFileSync(file);
    expect([bytes[24], bytes[25]]).toEqual([16, 0]); // IHDR: bit depth 16, grayscale
    const back = await imread(file);
    expect(back.cls).toBe('uint16');
    expect(back.dims).toEqual([2, 3]);
    expect(Array.from(back.data)).toEqual(Array.from(a.data));
    const rgb = u16(Array.from({ length: 12 }, (_, i) => i * 5000), [2, 2, 3]);
    await imwrite(rgb, path.join(dir, 'rgb16.png'));
    expect(Array.from((await imread(path.join(dir, 'rgb16.png'))).data)).toEqual(Array.from(rgb.data));
    await imwrite(a, path.join(dir, 'deep.tif'));
    const tif = await imread(path.join(dir, 'deep.tif'));
    expect(tif.cls).toBe('uint8');
    expect(Array.from(tif.data)).toEqual(Array.from(im2uint8(a).data));
  });
});
