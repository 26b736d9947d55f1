import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { MArray, Cell, rng, save, load, figure, close } from '../src/index.ts';
import { renderOpenFigures } from '../src/graphics/index.ts';
import { trainAutoencoder, plotWeights, weightsMosaic, encode, Autoencoder } from '../src/autoencoder/index.ts';
import { MseSparse } from '../src/autoencoder/msesparse.ts';
import { initialParams } from '../src/autoencoder/params.ts';
import { scg } from '../src/autoencoder/scg.ts';
import { minMaxSettings, applyMinMax, reverseMinMax } from '../src/autoencoder/mapminmax.ts';
import { useTempFiguresFolder } from './helpers/figures.ts';

useTempFiguresFolder('dltb-autoenc-');

/** 8×8 images with one horizontal or vertical bar: 16 patterns, `copies` of each. */
function bars(copies: number): { X: MArray; images: Cell<MArray> } {
  const values: number[] = [];
  for (let s = 0; s < 16 * copies; s++) {
    const k = s % 16;
    for (let c = 0; c < 8; c++) for (let r = 0; r < 8; r++) values.push(k < 8 ? +(r === k) : +(c === k - 8));
  }
  const X = MArray.from(values, [64, 16 * copies]);
  const images = Cell.from({ length: 16 * copies }, (_, j) => MArray.from(values.slice(j * 64, (j + 1) * 64), [8, 8]));
  return { X, images };
}

function lcg(seed: number) {
  let s = seed;
  return () => ((s = (s * 16807) % 2147483647) / 2147483647);
}

const mse = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let e = 0;
  for (let k = 0; k < a.length; k++) e += (a[k] - b[k]) ** 2;
  return e / a.length;
};

describe('msesparse gradient', () => {
  const shapes = { input: 5, hidden: 3 };
  const u = lcg(7);
  const X = Float64Array.from({ length: 5 * 7 }, u);
  const w = initialParams(shapes, u).map((v) => 3 * v + 0.1);
  // Each term alone (MSE; MSE + L2; MSE + sparsity), then all together.
  for (const [l2, sparsity] of [[0, 0], [0.3, 0], [0, 0.7], [0.3, 0.7]]) {
    it(`matches central differences (λ=${l2}, β=${sparsity})`, () => {
      const loss = new MseSparse(X, X, shapes, { encoder: 'logsig', decoder: 'logsig', l2, sparsity, proportion: 0.2 });
      const g = loss.evaluate(w).grad!;
      const h = 1e-3;
      let num = 0;
      let den = 0;
      for (let k = 0; k < w.length; k++) {
        const at = (d: number) => { const v = Float64Array.from(w); v[k] += d; return loss.evaluate(v, false).terms.loss; };
        const fd = (at(h) - at(-h)) / (2 * h);
        num += (fd - g[k]) ** 2;
        den += g[k] ** 2;
      }
      loss.dispose();
      expect(Math.sqrt(num / den)).toBeLessThan(5e-3); // float32 engine: ~1e-3 at worst
    });
  }

  it('adds λ·½Σw² over weights only and β·ΣKL', () => {
    const loss = new MseSparse(X, X, shapes, { encoder: 'logsig', decoder: 'logsig', l2: 0.3, sparsity: 0.7, proportion: 0.2 });
    const { terms } = loss.evaluate(w, false);
    loss.dispose();
    let sumSq = 0;
    for (let k = 0; k < 15; k++) sumSq += w[k] ** 2; // W1
    for (let k = 18; k < 33; k++) sumSq += w[k] ** 2; // W2 (after b1)
    expect(terms.l2).toBeCloseTo(sumSq / 2, 6);
    expect(terms.loss).toBeCloseTo(terms.mse + 0.3 * terms.l2 + 0.7 * terms.sparsity, 5);
  });
});

describe('scg', () => {
  it('minimises a quadratic and the Rosenbrock function', () => {
    const c = Float64Array.from({ length: 10 }, (_, i) => i + 1);
    const q = scg((v) => ({ f: v.reduce((s, x, i) => s + 0.5 * c[i] * x * x, 0), g: v.map((x, i) => c[i] * x) }), new Float64Array(10).fill(1), { maxEpochs: 100 });
    expect(q.f).toBeLessThan(1e-12);
    expect(q.stop).toBe('minGrad');
    const r = scg((v) => {
      const [x, y] = v;
      return { f: (1 - x) ** 2 + 100 * (y - x * x) ** 2, g: Float64Array.from([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)]) };
    }, Float64Array.from([-1.2, 1]), { maxEpochs: 500 });
    expect(r.w[0]).toBeCloseTo(1, 4);
    expect(r.w[1]).toBeCloseTo(1, 4);
    // Accepted steps only: the recorded loss never rises.
    for (let k = 1; k < r.history.length; k++) expect(r.history[k]).toBeLessThanOrEqual(r.history[k - 1]);
  });
});

describe('trainAutoencoder', () => {
  it('reconstructs 8×8 bars far better than the mean image, loss decreasing', () => {
    rng(0);
    const { X } = bars(4);
    const a = trainAutoencoder(X, 16, 'MaxEpochs', 300);
    const Y = a.predict(X) as MArray;
    expect(Y.dims).toEqual([64, 64]);
    const mean = new Float64Array(X.data.length);
    for (let k = 0; k < mean.length; k++) mean[k] = 1 / 8; // every pixel is lit in 2 of 16 patterns
    expect(mse(Y.data, X.data)).toBeLessThan(0.2 * mse(mean, X.data));
    expect(a.TrainingParameters.Epochs).toBe(300);
  });

  it('has MATLAB defaults and shapes; encode/decode sizes', () => {
    rng(1);
    const { images } = bars(1);
    const a = trainAutoencoder(images, 'MaxEpochs', 5);
    expect(a.HiddenSize).toBe(10);
    expect(a.EncoderTransferFunction).toBe('logsig');
    expect(a.DecoderTransferFunction).toBe('logsig');
    expect(a.ScaleData).toBe(true);
    expect(a.TrainingParameters).toMatchObject({ MaxEpochs: 5, L2WeightRegularization: 0.001, SparsityRegularization: 1, SparsityProportion: 0.05, LossFunction: 'msesparse', TrainingAlgorithm: 'trainscg' });
    expect(a.EncoderWeights.dims).toEqual([10, 64]);
    expect(a.EncoderBiases.dims).toEqual([10, 1]);
    expect(a.DecoderWeights.dims).toEqual([64, 10]);
    expect(a.DecoderBiases.dims).toEqual([64, 1]);
    const z = encode(a, images);
    expect(z.dims).toEqual([10, 16]);
    const back = a.decode(z) as Cell<MArray>;
    expect(back.length).toBe(16);
    expect(back.get(1).dims).toEqual([8, 8]);
    expect(a.displayMatlab()).toContain('HiddenSize: 10');
  });

  it('validates its options', () => {
    const { X } = bars(1);
    expect(() => trainAutoencoder(X, 0)).toThrow(/positive integer/);
    expect(() => trainAutoencoder(X, 4, 'EncoderTransferFunction', 'purelin')).toThrow(/logsig/);
    expect(() => trainAutoencoder(X, 4, 'SparsityProportion', 1.5)).toThrow(/between 0 and 1/);
    expect(() => trainAutoencoder(X, 4, 'L2WeightRegularization', -1)).toThrow(/nonnegative/);
    expect(() => trainAutoencoder(X, 4, 'TrainingAlgorithm', 'trainlm')).toThrow(/trainscg/);
    expect(() => trainAutoencoder(X, 4, 'MaxEpoch', 2.5)).toThrow(/positive integer/);
    expect(() => trainAutoencoder(X, 4, 'Bogus', 1)).toThrow(/not a recognized parameter/);
    expect(() => trainAutoencoder(Cell.of(MArray.zeros([2, 2]), MArray.zeros([3, 3])), 2)).toThrow(/same size/);
    // Accepted and ignored.
    expect(() => trainAutoencoder(X, 2, 'MaxEpochs', 1, 'ShowProgressWindow', false, 'UseGPU', true)).not.toThrow();
  });
});

describe('ScaleData (mapminmax)', () => {
  it('maps each row to [0,1], keeps constant rows, and reverses exactly', () => {
    const x = Float64Array.from([2, 5, 7, /* col 2 */ 4, 5, -1]); // 3 rows × 2 cols
    const s = minMaxSettings(x, 3, 2, 0, 1);
    const y = applyMinMax(s, x, 3);
    expect(Array.from(y)).toEqual([0, 5, 1, 1, 5, 0]); // row 2 is constant: unchanged
    expect(Array.from(reverseMinMax(s, y, 3))).toEqual(Array.from(x));
  });

  it('predict returns data in the original range', () => {
    rng(2);
    const { X } = bars(2);
    const big = MArray.from(X.data.map((v) => 100 + 50 * v), X.dims);
    const a = trainAutoencoder(big, 16, 'MaxEpochs', 200);
    const Y = a.predict(big) as MArray;
    expect(mse(Y.data, big.data)).toBeLessThan(0.2 * 50 * 50 / 8);
    expect(Math.min(...Y.data)).toBeGreaterThan(99);
  });
});

describe('plotWeights', () => {
  it('tiles one image per hidden unit with 1-pixel gaps, min-max normalised', () => {
    const W = Float64Array.from({ length: 5 * 6 }, (_, k) => k); // 5 units × (3×2 image)
    const a = new Autoencoder({
      EncoderTransferFunction: 'logsig', EncoderWeights: MArray.from(W, [5, 6]), EncoderBiases: MArray.zeros([5, 1]),
      DecoderTransferFunction: 'logsig', DecoderWeights: MArray.zeros([6, 5]), DecoderBiases: MArray.zeros([6, 1]),
      TrainingParameters: {}, ScaleData: false, scaling: null, imageSize: [3, 2],
    });
    const m = weightsMosaic(a);
    // 5 units → 3 columns × 2 rows of 3×2 tiles, 1-pixel gaps.
    expect(m.dims).toEqual([2 * 3 + 1, 3 * 2 + 2]);
    // Unit 2 (second tile of row 1) pixel (r=2, c=1) is EncoderWeights(2, 2) = W[(2-1)·5 + (2-1)] = 6.
    expect(m.get(2, 3 + 1)).toBeCloseTo(6 / 29, 12);
    expect(m.get(1, 1)).toBe(0);
    expect(Math.max(...m.data)).toBe(1); // unit 5, last pixel: 29
    expect(m.get(4 + 3, 3 + 2)).toBe(1); // unit 5 sits in grid row 2, column 2: top 4, left 3
  });

  it('writes a PNG of the mosaic', async () => {
    rng(3);
    close('all');
    const { images } = bars(1);
    const a = trainAutoencoder(images, 9, 'MaxEpochs', 3);
    figure();
    plotWeights(a);
    const files = await renderOpenFigures();
    expect(files).toHaveLength(1);
    const meta = await sharp(files[0]).metadata();
    expect(meta.format).toBe('png');
    expect(weightsMosaic(a).dims).toEqual([3 * 8 + 2, 3 * 8 + 2]);
  });
});

describe('save/load', () => {
  it('round-trips an autoencoder with identical predictions', async () => {
    rng(4);
    const { images } = bars(1);
    const autoenc1 = trainAutoencoder(images, 6, 'MaxEpochs', 20);
    const dir = mkdtempSync(path.join(tmpdir(), 'dltb-ae-'));
    try {
      const file = path.join(dir, 'DataAutoEncoder');
      await save(file, { autoenc1 });
      const back = (await load(file)).autoenc1 as Autoencoder;
      expect(back).toBeInstanceOf(Autoencoder);
      expect(back.HiddenSize).toBe(6);
      const p0 = autoenc1.predict(images) as Cell<MArray>;
      const p1 = back.predict(images) as Cell<MArray>;
      expect(p1.map((m) => Array.from(m.data))).toEqual(p0.map((m) => Array.from(m.data)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
