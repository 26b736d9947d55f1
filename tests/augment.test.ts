/**
 * Image augmentation: imageDataAugmenter's defaults, validation and display;
 * transforms checked against hand-computed arrays; rng reproducibility; the
 * augmented datastore's pipeline; and training through it.
 */
import { describe, it, expect } from 'vitest';
import {
  MArray, Categorical, categorical, rng, imageInputLayer, convolution2dLayer, batchNormalizationLayer, reluLayer,
  maxPooling2dLayer, fullyConnectedLayer, softmaxLayer, classificationLayer, trainingOptions, trainNetwork, classify,
} from '../src/index.ts';
import { displayText } from '../src/runtime/display.ts';
import { imageDataAugmenter, augment, augmentedImageDatastore, augmentedImageSource, AugmentedImageDatastore } from '../src/augment/index.ts';
import type { ImageSource } from '../src/data/observations.ts';

/** MArray from rows (MATLAB's [a b; c d]). */
function mat(rows: number[][], cls: 'double' | 'uint8' = 'double'): MArray {
  const h = rows.length, w = rows[0].length;
  return MArray.from(Array.from({ length: h * w }, (_, k) => rows[k % h][Math.floor(k / h)]), [h, w], cls);
}

/** Rows of a 2-D MArray. */
function rowsOf(m: MArray): number[][] {
  const [h, w] = m.dims;
  return Array.from({ length: h }, (_, i) => Array.from({ length: w }, (_, j) => m.data[i + j * h]));
}

function expectClose(actual: MArray, expected: number[][]): void {
  const got = rowsOf(actual);
  expect(got.length).toBe(expected.length);
  got.forEach((r, i) => r.forEach((v, j) => expect(v, `(${i + 1},${j + 1})`).toBeCloseTo(expected[i][j], 9)));
}

const ramp = () => mat([[11, 12, 13, 14], [21, 22, 23, 24], [31, 32, 33, 34]]);

describe('imageDataAugmenter', () => {
  it('has MATLAB’s defaults and display', () => {
    const a = imageDataAugmenter();
    expect(a.FillValue).toBe(0);
    expect([a.RandXReflection, a.RandYReflection]).toEqual([false, false]);
    expect(a.RandRotation).toEqual([0, 0]);
    for (const s of [a.RandScale, a.RandXScale, a.RandYScale]) expect(s).toEqual([1, 1]);
    for (const s of [a.RandXShear, a.RandYShear, a.RandXTranslation, a.RandYTranslation]) expect(s).toEqual([0, 0]);
    const text = displayText('augmenter', imageDataAugmenter('RandXReflection', true, 'randxscale', [1, 2], 'RandRotation', [-5.5, 5]));
    expect(text).toContain('  imageDataAugmenter with properties:\n\n           FillValue: 0\n     RandXReflection: 1\n     RandYReflection: 0\n        RandRotation: [-5.5000 5]\n');
    expect(text).toContain('          RandXScale: [1 2]\n');
    expect(text).toContain('    RandYTranslation: [0 0]');
  });

  it('rejects bad values with MATLAB-style messages', () => {
    expect(() => imageDataAugmenter('RandRotation', [10, 5])).toThrow(/RandRotation must be a nondecreasing range/);
    expect(() => imageDataAugmenter('RandRotation', [1, 2, 3])).toThrow(/2-element vector/);
    expect(() => imageDataAugmenter('RandXScale', [0, 1])).toThrow(/RandXScale values to be positive/);
    expect(() => imageDataAugmenter('RandScale', [-1, 2])).toThrow(/positive/);
    expect(() => imageDataAugmenter('RandXShear', [0, 90])).toThrow(/\(-90, 90\)/);
    expect(() => imageDataAugmenter('RandXReflection', 2)).toThrow(/logical scalar/);
    expect(() => imageDataAugmenter('FillValue', 'white')).toThrow(/FillValue/);
    expect(() => imageDataAugmenter('RandWarp', 1)).toThrow(/not a recognized parameter/);
    expect(() => imageDataAugmenter('RandXScale', () => -1).augment(ramp())).toThrow(/positive/);
    expect(() => imageDataAugmenter('FillValue', [1, 2]).augment(ramp())).toThrow(/one per channel/);
  });

  it('RandXReflection gives the image or its column reversal, each about half the time', () => {
    rng(1);
    const a = imageDataAugmenter('RandXReflection', true);
    const flipped = [[14, 13, 12, 11], [24, 23, 22, 21], [34, 33, 32, 31]];
    let flips = 0;
    for (let k = 0; k < 200; k++) {
      const out = rowsOf(a.augment(ramp()));
      if (out[0][0] === 14) { flips++; expect(out).toEqual(flipped); } else expect(out).toEqual(rowsOf(ramp()));
    }
    expect(flips).toBeGreaterThan(70);
    expect(flips).toBeLessThan(130);
  });

  it('RandYReflection reverses the rows', () => {
    rng(0);
    const seen = new Set(Array.from({ length: 20 }, () => JSON.stringify(rowsOf(imageDataAugmenter('RandYReflection', true).augment(ramp())))));
    expect(seen).toEqual(new Set([JSON.stringify(rowsOf(ramp())), JSON.stringify([[31, 32, 33, 34], [21, 22, 23, 24], [11, 12, 13, 14]])]));
  });

  it('RandRotation [90 90] equals rot90 (counter-clockwise, as imrotate and rot90)', () => {
    const a = imageDataAugmenter('RandRotation', [90, 90]);
    expectClose(a.augment(mat([[1, 2, 3], [4, 5, 6], [7, 8, 9]])), [[3, 6, 9], [2, 5, 8], [1, 4, 7]]);
    const four = mat(Array.from({ length: 4 }, (_, i) => Array.from({ length: 4 }, (_, j) => 4 * i + j + 1)));
    // rot90(A)(i,j) = A(j, n+1-i)
    expectClose(a.augment(four), Array.from({ length: 4 }, (_, i) => Array.from({ length: 4 }, (_, j) => 4 * j + (3 - i) + 1)));
  });

  it('RandXScale [2 2] spreads a centred dot horizontally (bilinear)', () => {
    const dot = mat([[0, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]]);
    const z = [0, 0, 0, 0, 0];
    expectClose(imageDataAugmenter('RandXScale', [2, 2]).augment(dot), [z, z, [0, 0.5, 1, 0.5, 0], z, z]);
    // uint8 results are rounded: 127.5 → 128, class kept.
    const out = imageDataAugmenter('RandXScale', [2, 2]).augment(MArray.from(Array.from(dot.data, (v) => v * 255), [5, 5], 'uint8'));
    expect(out.cls).toBe('uint8');
    expect(rowsOf(out)[2]).toEqual([0, 128, 255, 128, 0]);
  });

  it('translation by [1 1] shifts right and down, FillValue entering', () => {
    const a = mat([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
    expectClose(imageDataAugmenter('RandXTranslation', [1, 1], 'RandYTranslation', [1, 1]).augment(a), [[0, 0, 0], [0, 1, 2], [0, 4, 5]]);
    expectClose(imageDataAugmenter('RandXTranslation', [-1, -1], 'FillValue', 7).augment(a), [[2, 3, 7], [5, 6, 7], [8, 9, 7]]);
  });

  it('a function handle supplies the value', () => {
    expectClose(imageDataAugmenter('RandXTranslation', () => 1).augment(mat([[1, 2, 3]])), [[0, 1, 2]]);
  });

  it('is reproducible with rng, random otherwise; cell arrays share one transform, stacks do not', () => {
    const a = imageDataAugmenter('RandRotation', [-40, 40], 'RandScale', [0.8, 1.3], 'RandXShear', [-10, 10], 'RandXTranslation', [-2, 2]);
    const img = MArray.from(Array.from({ length: 64 }, (_, k) => (k * 37) % 11), [8, 8]);
    rng(7);
    const first = a.augment(img);
    const second = a.augment(img);
    rng(7);
    expect(Array.from(a.augment(img).data)).toEqual(Array.from(first.data));
    expect(Array.from(second.data)).not.toEqual(Array.from(first.data));
    const [p, q] = augment(a, [img, img]);
    expect(Array.from(p.data)).toEqual(Array.from(q.data));
    const stack = MArray.from([...img.data, ...img.data], [8, 8, 1, 2]);
    const out = a.augment(stack);
    expect(out.dims).toEqual([8, 8, 1, 2]);
    expect(Array.from(out.data.slice(0, 64))).not.toEqual(Array.from(out.data.slice(64)));
  });
});

/** N H×W grayscale images whose pixel (i,j) of image k is 100k + 10i + j (1-based i, j). */
function numbered(h: number, w: number, n: number): MArray {
  const X = MArray.zeros([h, w, 1, n]);
  for (let k = 0; k < n; k++) for (let j = 0; j < w; j++) for (let i = 0; i < h; i++) X.data[i + j * h + k * h * w] = 100 * k + 10 * (i + 1) + (j + 1);
  return X;
}

describe('augmentedImageDatastore', () => {
  const Y = categorical(['a', 'b', 'a']);

  it('yields OutputSize images with the right labels, and MATLAB’s display', async () => {
    const ds = augmentedImageDatastore([5, 6], numbered(9, 9, 3), Y);
    expect(ds.NumObservations).toBe(3);
    expect(ds.Labels.toStrings()).toEqual(['a', 'b', 'a']);
    expect(ds.repeatableReads).toBe(false);
    const raw = await ds.readImageRawAt(2);
    expect([raw.height, raw.width, raw.channels]).toEqual([5, 6, 1]);
    const text = displayText('source', augmentedImageSource([28, 28, 1], numbered(28, 28, 3), Y, 'DataAugmentation', imageDataAugmenter()));
    expect(text).toContain('  augmentedImageDatastore with properties:\n\n         NumObservations: 3\n           MiniBatchSize: 128\n        DataAugmentation: [1×1 imageDataAugmenter]\n      ColorPreprocessing: \'none\'\n              OutputSize: [28 28]\n          OutputSizeMode: \'resize\'\n    DispatchInBackground: 0');
  });

  it('centercrop and randcrop cut windows of the original', async () => {
    const X = numbered(4, 5, 2);
    const centre = await augmentedImageDatastore([2, 3], X, categorical(['a', 'b']), 'OutputSizeMode', 'centercrop').readImageAt(1);
    expectClose(centre, [[122, 123, 124], [132, 133, 134]]);
    rng(2);
    const ds = augmentedImageDatastore([2, 2], X, categorical(['a', 'b']), 'OutputSizeMode', 'rand');
    const corners = new Set<number>();
    for (let k = 0; k < 40; k++) {
      const [[tl, tr], [bl]] = rowsOf(await ds.readImageAt(0));
      expect([tr - tl, bl - tl]).toEqual([1, 10]);
      corners.add(tl);
    }
    expect(corners.size).toBe(12);
    await expect(augmentedImageDatastore([6, 6], X, categorical(['a', 'b']), 'OutputSizeMode', 'centercrop').readImageAt(0)).rejects.toThrow(/must not exceed/);
  });

  it('converts colour, and checks the channel count of a 3-element OutputSize', async () => {
    const X = numbered(4, 4, 3);
    const rgb = await augmentedImageDatastore([4, 4, 3], X, Y, 'ColorPreprocessing', 'gray2rgb').readImageAt(0);
    expect(rgb.dims).toEqual([4, 4, 3]);
    expect(Array.from(rgb.data.slice(32))).toEqual(Array.from(X.data.slice(0, 16)));
    const back = await augmentedImageDatastore([4, 4], MArray.from(rgb.data, [4, 4, 3, 1]), categorical(['a']), 'ColorPreprocessing', 'rgb2gray').readImageAt(0);
    expect(back.dims).toEqual([4, 4]);
    expect(back.data[0]).toBeCloseTo(X.data[0], 9);
    await expect(augmentedImageDatastore([4, 4, 3], X, Y).readImageAt(0)).rejects.toThrow(/1 channel\(s\) but OutputSize asks for 3/);
    expect(() => augmentedImageDatastore([4, 4], X, Y, 'ColorPreprocessing', 'hsv')).toThrow(/ColorPreprocessing/);
    expect(() => augmentedImageDatastore([4, 4], X, categorical(['a']))).toThrow(/one label per image/);
  });

  it('reads an image source (a datastore) and applies the augmenter', async () => {
    const source: ImageSource = {
      numObservations: 2,
      Labels: Categorical.fromStrings(['x', 'y']),
      readImageRawAt: async (i0) => ({ data: Uint8Array.from([10 * i0, 1, 2, 3, 4, 5]), height: 2, width: 3, channels: 1 }),
    };
    const ds = augmentedImageDatastore([2, 3], source, 'DataAugmentation', imageDataAugmenter('RandXTranslation', [1, 1], 'FillValue', 99));
    const img = await ds.readImageAt(1);
    expect(img.cls).toBe('uint8');
    expectClose(img, [[99, 10, 1], [99, 3, 4]]);
    expect(ds.Labels.toStrings()).toEqual(['x', 'y']);
  });

  it('read/hasdata/reset give MiniBatchSize rows of input and response', async () => {
    const ds = augmentedImageDatastore([3, 3], numbered(3, 3, 3), Y);
    ds.MiniBatchSize = 2;
    const t1 = await ds.read() as unknown as { input: MArray[]; response: Categorical; height: number };
    expect(t1.height).toBe(2);
    expect(t1.response.toStrings()).toEqual(['a', 'b']);
    const t2 = await ds.read() as unknown as { height: number };
    expect(t2.height).toBe(1);
    expect(ds.hasdata()).toBe(false);
    ds.reset();
    expect(ds.hasdata()).toBe(true);
  });
});

/** Bright top half vs bright bottom half with noise: a horizontal reflection keeps the class. */
function topBottom(n: number, seed: number): { X: MArray; Y: Categorical } {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const X = MArray.zeros([10, 10, 1, n], 'single');
  const labels: string[] = [];
  for (let k = 0; k < n; k++) {
    const top = k % 2 === 0;
    labels.push(top ? 'top' : 'bottom');
    for (let j = 0; j < 10; j++) for (let i = 0; i < 10; i++) X.data[i + 10 * j + 100 * k] = ((i < 5) === top ? 160 : 60) + rand() * 80;
  }
  return { X, Y: categorical(labels) };
}

describe('training through an augmented datastore', () => {
  it('learns a task reflection does not break, far above chance', async () => {
    rng(0);
    const train = topBottom(96, 3);
    const layers = [
      imageInputLayer([8, 8, 1]), convolution2dLayer(3, 4, 'Padding', 'same'), batchNormalizationLayer(), reluLayer(),
      maxPooling2dLayer(2, 'Stride', 2), fullyConnectedLayer(2), softmaxLayer(), classificationLayer(),
    ];
    const ds = augmentedImageDatastore([8, 8], train.X, train.Y, 'DataAugmentation', imageDataAugmenter('RandXReflection', true));
    expect(ds).toBeInstanceOf(AugmentedImageDatastore);
    const net = await trainNetwork(ds, layers, trainingOptions('sgdm', 'MaxEpochs', 4, 'MiniBatchSize', 16, 'Verbose', false));
    const test = topBottom(64, 11);
    const predicted = await classify(net, augmentedImageDatastore([8, 8], test.X, test.Y));
    const right = predicted.toStrings().filter((l, k) => l === test.Y.toStrings()[k]).length;
    expect(right / 64).toBeGreaterThan(0.9);
  }, 60_000);
});
