/**
 * Asynchronous reads feeding figures and datastores: a figure waits for the
 * image reads it will show (a forgotten `await imshow(file)` still draws),
 * and a ReadFcn built on imread (a Promise here) works as the course writes it.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import sharp from 'sharp';
import { MArray } from '../src/runtime/marray.ts';
import { imread, imresize, imwrite } from '../src/image/index.ts';
import { figure, imshow, montage, renderOpenFigures, close } from '../src/graphics/index.ts';
import { imageDatastore } from '../src/data/imageDatastore.ts';
import { useTempFiguresFolder } from './helpers/figures.ts';

const folder = useTempFiguresFolder('dltb-pending-');

/** A 6×6 pure red RGB image file. */
async function redImage(name: string): Promise<string> {
  const data = new Uint8Array(6 * 6 * 3);
  data.fill(255, 0, 36); // column-major: the red plane first
  const file = path.join(folder(), name);
  await imwrite(MArray.from(data, [6, 6, 3], 'uint8'), file);
  return file;
}

async function redPixels(png: string): Promise<number> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let n = 0;
  for (let i = 0; i < info.width * info.height; i++) if (data[3 * i] > 200 && data[3 * i + 1] < 60 && data[3 * i + 2] < 60) n++;
  return n;
}

describe('figures wait for pending image reads', () => {
  it('a forgotten await on imshow(file) still draws the image', async () => {
    const file = await redImage('red.png');
    figure('Name', 'forgotten');
    void imshow(file); // no await, as a new user writes it
    const written = await renderOpenFigures();
    close('all');
    expect(written).toHaveLength(1);
    expect(await redPixels(written[0])).toBeGreaterThan(100);
  });

  it('montage of files without await too', async () => {
    const files = [await redImage('r1.png'), await redImage('r2.png')];
    figure('Name', 'montage-forgotten');
    void montage(files);
    const written = await renderOpenFigures();
    close('all');
    expect(await redPixels(written[0])).toBeGreaterThan(100);
  });

  it('a failed read still rejects the promise the script gets', async () => {
    figure('Name', 'missing');
    await expect(imshow(path.join(folder(), 'missing.png'))).rejects.toThrow();
    await renderOpenFigures();
    close('all');
  });
});

describe('a ReadFcn as the course writes it', () => {
  it('images.ReadFcn = @(loc)imresize(imread(loc), inputSize) reads resized images', async () => {
    await redImage('c.png');
    const ds = imageDatastore(path.join(folder(), 'c.png'));
    ds.ReadFcn = (loc: string) => imresize(imread(loc), [3, 3]);
    expect((await ds.readimage(1)).dims).toEqual([3, 3, 3]);
    expect((await ds.read() as MArray).dims).toEqual([3, 3, 3]);
    const [first] = await ds.readall();
    expect(first.dims).toEqual([3, 3, 3]);
    expect(first.cls).toBe('uint8');
  });
});
