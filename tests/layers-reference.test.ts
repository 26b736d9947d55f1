/**
 * The layers of issue #7 against outside references:
 * - PyTorch (Debian python3-torch): forward pass and the gradients of
 *   loss = Σ y·r (input, Weights, Bias, in MATLAB's layouts) on the fixtures
 *   scripts/make_layer_fixtures.py writes, on the cpu and wasm backends;
 * - central finite differences of our forward (cpu backend, the loss summed
 *   in double), including the new PaddingValue options;
 * - our wasm forward and gradients against tfjs's own cpu kernels.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { tf } from '../src/engine/tf.ts';
import { MArray } from '../src/runtime/marray.ts';
import type { Layer } from '../src/layers/Layer.ts';
import {
  convolution2dLayer, groupedConvolution2dLayer, averagePooling2dLayer, crossChannelNormalizationLayer,
} from '../src/layers/index.ts';
import {
  makeFixtures, prepared, forwardOf, probeLoss, relativeError, matlabGradient, columnMajor, tensorOf, type Fixture,
} from './helpers/layerFixtures.ts';
import { seeded } from './helpers/engine.ts';

const { torch, fixtures } = makeFixtures();

/** Every layer constructor of the issue has at least one fixture. */
const NEW_LAYERS = ['crossChannelNormalizationLayer', 'groupedConvolution2dLayer', 'globalAveragePooling2dLayer', 'globalMaxPooling2dLayer',
  'sigmoidLayer', 'tanhLayer', 'eluLayer', 'clippedReluLayer', 'additionLayer', 'depthConcatenationLayer', 'concatenationLayer', 'flattenLayer'];

it(`the PyTorch ${torch} fixtures cover every new layer and the PaddingValue options, and their own cross-checks passed`, () => {
  const covered = new Set(fixtures.map((f) => f.layer.split('(')[0]));
  for (const l of NEW_LAYERS) expect(covered.has(l), l).toBe(true);
  expect(fixtures.some((f) => f.params.NumGroups === 'channel-wise')).toBe(true);
  for (const l of ['convolution2dLayer', 'groupedConvolution2dLayer']) expect(fixtures.some((f) => f.layer.startsWith(l) && f.params.PaddingValue !== 0), l).toBe(true);
  expect(fixtures.some((f) => f.params.PaddingValue === 'mean')).toBe(true);
  for (const f of fixtures) {
    expect(f.checks.max_rel_err_vs_central_differences, f.name).toBeLessThan(1e-6);
    for (const [k, v] of Object.entries(f.checks)) if (k.startsWith('max_abs_diff_vs_matlab') || k.endsWith('loop')) expect(v, `${f.name} ${k}`).toBeLessThan(1e-12);
  }
});

describe.each(['cpu', 'wasm'])('forward and gradients against PyTorch on the %s backend', (backend) => {
  beforeAll(async () => {
    await tf.setBackend(backend);
  });

  it.each(fixtures.map((f) => [f.name, f] as [string, Fixture]))('%s: output and d input, d Weights, d Bias to 1e-5', (_name, f) => {
    const { layer, params, xs } = prepared(f);
    const y = forwardOf(layer, xs, params);
    expect(y.size).toBe(f.output.data.length);
    if (f.output.dims === 'NHWC') expect(y.shape).toEqual(f.output.shape);
    else expect([y.shape[0], y.size / y.shape[0]]).toEqual(f.output.shape);
    expect(relativeError(y.dataSync(), f.output.data), 'forward').toBeLessThan(1e-5);

    const r = tensorOf(f.r);
    const grads = tf.grads((...all: tf.Tensor[]) => probeLoss(forwardOf(layer, all.slice(0, xs.length), all.slice(xs.length)), r))([...xs, ...params]);
    f.grad.inputs.forEach((g, i) => expect(relativeError(grads[i].dataSync(), g.data), `d ${g.name}`).toBeLessThan(1e-5));
    layer.learnables().forEach((p, k) => {
      const ref = f.grad[p.property] as { data: number[]; shape: number[] };
      const ours = matlabGradient(layer, k, grads[xs.length + k]);
      expect(ours.dims, p.property).toEqual(ref.shape);
      expect(relativeError(ours.data, columnMajor(ref.data, ref.shape)), `d ${p.property}`).toBeLessThan(1e-5);
    });
    expect(layer.learnables().map((p) => p.property)).toEqual(Object.keys(f.weights ?? {}));
  });
});

/**
 * Worst relative error of tf.grads against central differences of the loss
 * (float32 forward, loss summed in double) at `count` coordinates of every
 * tensor; an error is relative to max(|analytic|, floor).
 */
function finiteDifferenceWorst(loss: (ts: tf.Tensor[]) => number, grad: (ts: tf.Tensor[]) => tf.Tensor[], tensors: tf.Tensor[], count = 6, eps = 1e-2): number[] {
  const analytic = grad(tensors).map((g) => g.dataSync());
  return tensors.map((t, k) => {
    const base = t.dataSync().slice();
    let worst = 0;
    // Evenly spread coordinates, and the two of largest gradient (a max pool's maxima, …).
    const spread = Array.from({ length: Math.min(count, base.length) }, (_, j) => Math.floor(((j + 0.5) * base.length) / Math.min(count, base.length)));
    const largest = Array.from(analytic[k].keys()).sort((a, b) => Math.abs(analytic[k][b]) - Math.abs(analytic[k][a])).slice(0, 2);
    for (const c of new Set([...spread, ...largest])) {
      const at = (d: number) => {
        const v = base.slice();
        v[c] += d;
        return loss(tensors.map((u, i) => (i === k ? tf.tensor(v, u.shape) : u)));
      };
      const numeric = (at(eps) - at(-eps)) / (2 * eps);
      worst = Math.max(worst, Math.abs(numeric - analytic[k][c]) / Math.max(0.1, Math.abs(analytic[k][c])));
    }
    return worst;
  });
}

/** Σ y·r in double from the float32 output. */
function doubleLoss(y: tf.Tensor, r: ArrayLike<number>): number {
  const v = y.dataSync();
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * r[i];
  return s;
}

function checkLayerByDifferences(layer: Layer, xs: tf.Tensor[], params: tf.Tensor[], r: tf.Tensor, tolerance = 1e-3): void {
  const n = xs.length;
  const rv = r.dataSync();
  const worst = finiteDifferenceWorst(
    (ts) => tf.tidy(() => doubleLoss(forwardOf(layer, ts.slice(0, n), ts.slice(n)), rv)),
    (ts) => tf.grads((...all: tf.Tensor[]) => probeLoss(forwardOf(layer, all.slice(0, n), all.slice(n)), r))(ts),
    [...xs, ...params],
  );
  worst.forEach((w, k) => expect(w, k < n ? `d input ${k + 1}` : `d ${layer.learnables()[k - n].property}`).toBeLessThan(tolerance));
}

describe('gradients against central finite differences (cpu backend)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each(fixtures.map((f) => [f.name, f] as [string, Fixture]))('%s: every input and learnable', (_name, f) => {
    const { layer, params, xs } = prepared(f);
    checkLayerByDifferences(layer, xs, params, tensorOf(f.r));
  });

  /** A layer sized for `shape`, its initialised params and a probe for its output. */
  const sized = (layer: Layer, shape: [number, number, number, number], seed: number) => {
    layer.initialize([shape[1], shape[2], shape[3]]);
    const params = layer.learnables().map((p) => p.toTensor());
    const x = seeded(shape, seed, 2);
    const r = seeded(forwardOf(layer, [x], params).shape, seed + 1);
    return { params, x, r };
  };

  it.each([
    ["convolution2dLayer 'PaddingValue' 1.5", () => convolution2dLayer([3, 2], 3, 'Padding', [1, 2, 0, 1], 'PaddingValue', 1.5, 'Stride', 2, 'BiasInitializer', 'narrow-normal'), [2, 6, 5, 2]],
    ["groupedConvolution2dLayer 'PaddingValue' -2", () => groupedConvolution2dLayer(3, 2, 2, 'Padding', 1, 'PaddingValue', -2, 'BiasInitializer', 'ones'), [2, 5, 4, 4]],
    ["channel-wise, 'same' padding, dilation 2", () => groupedConvolution2dLayer(3, 2, 'channel-wise', 'Padding', 'same', 'DilationFactor', 2), [2, 6, 6, 3]],
    ["averagePooling2dLayer 'PaddingValue' 'mean'", () => averagePooling2dLayer(3, 'Stride', 2, 'Padding', [1, 1, 2, 0], 'PaddingValue', 'mean'), [2, 7, 6, 2]],
    ['crossChannelNormalizationLayer, even window 2', () => crossChannelNormalizationLayer(2, 'Alpha', 0.8, 'Beta', 0.9, 'K', 1.5), [2, 3, 3, 5]],
  ] as [string, () => Layer, [number, number, number, number]][])('%s', (_name, make, shape) => {
    const layer = make();
    const { params, x, r } = sized(layer, shape, 50);
    checkLayerByDifferences(layer, [x], params, r);
  });
});

describe('PaddingValue against explicit padding', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('convolution and grouped convolution with PaddingValue v equal the unpadded layer on the input padded with v', () => {
    for (const [make, plain, channels] of [
      [() => convolution2dLayer(3, 2, 'Padding', [1, 0, 2, 1], 'PaddingValue', 3), () => convolution2dLayer(3, 2), 2],
      [() => groupedConvolution2dLayer(3, 2, 2, 'Padding', [1, 0, 2, 1], 'PaddingValue', 3), () => groupedConvolution2dLayer(3, 2, 2), 4],
    ] as [() => Layer, () => Layer, number][]) {
      const layer = make();
      layer.initialize([4, 5, 2]);
      const params = layer.learnables().map((p) => p.toTensor());
      const x = seeded([2, 4, 5, 2], 61);
      const padded = tf.pad(x, [[0, 0], [1, 0], [2, 1], [0, 0]], 3);
      const reference = plain();
      reference.initialize([5, 8, 2]);
      const y = forwardOf(layer, [x], params);
      expect(y.shape).toEqual([2, 3, 6, channels]);
      expect(relativeError(y.dataSync(), forwardOf(reference, [padded], params).dataSync())).toBeLessThan(1e-6);
    }
  });

  it("average pooling 'mean' leaves the padding out of each average (hand values), 0 counts it", () => {
    // 2×2 input [1 2; 3 4], 2×2 windows, stride 1, padding 1 on every side: 3×3 outputs.
    const x = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
    const run = (v: unknown) => {
      const layer = averagePooling2dLayer(2, 'Padding', 1, 'PaddingValue', v);
      layer.initialize([2, 2, 1]);
      return Array.from(forwardOf(layer, [x], []).dataSync());
    };
    const mean = [1, 1.5, 2, 2, 2.5, 3, 3, 3.5, 4];
    const zero = [1, 3, 2, 4, 10, 6, 3, 7, 4].map((s) => s / 4);
    run('mean').forEach((v, i) => expect(v).toBeCloseTo(mean[i], 6));
    run(0).forEach((v, i) => expect(v).toBeCloseTo(zero[i], 6));
  });
});

/** A reference for each fixture built from tfjs ops whose cpu kernels differ from what our layers call where that is possible. */
function cpuReference(f: Fixture): (xs: tf.Tensor[], w: tf.Tensor | null, b: tf.Tensor | null) => tf.Tensor {
  const p = f.params as Record<string, any>;
  const ctor = f.layer.split('(')[0];
  switch (ctor) {
    case 'crossChannelNormalizationLayer': {
      const n = p.WindowChannelSize as number;
      return ([x]) => {
        // Σx² over the window as a 1×n convolution along channels (another kernel than LRN's).
        const [bn, h, w, c] = x.shape;
        const sq = tf.reshape(tf.square(x), [bn * h * w, 1, c, 1]) as tf.Tensor4D;
        const ss = tf.conv2d(tf.pad(sq, [[0, 0], [0, 0], [(n - 1) >> 1, n >> 1], [0, 0]]), tf.ones([1, n, 1, 1]) as tf.Tensor4D, 1, 'valid');
        return tf.div(x, tf.pow(tf.add(tf.mul(tf.reshape(ss, x.shape), p.Alpha / n), p.K), p.Beta));
      };
    }
    case 'convolution2dLayer': {
      const [t, bo, l, r] = p.Padding as number[];
      return ([x], w, b) => tf.add(tf.conv2d(tf.pad(x as tf.Tensor4D, [[0, 0], [t, bo], [l, r], [0, 0]], p.PaddingValue), w as tf.Tensor4D, p.Stride, 'valid'), b!);
    }
    case 'averagePooling2dLayer': {
      const [t, bo, l, r] = p.Padding as number[];
      const padded = (x: tf.Tensor) => tf.pad(x as tf.Tensor4D, [[0, 0], [t, bo], [l, r], [0, 0]]);
      return ([x]) => {
        const sum = tf.mul(tf.avgPool(padded(x), p.PoolSize, p.Stride, 'valid'), p.PoolSize[0] * p.PoolSize[1]);
        // 'mean': divide by the number of input elements in each window (a pooled indicator of the input).
        const count = p.PaddingValue === 'mean' ? tf.mul(tf.avgPool(padded(tf.onesLike(x)), p.PoolSize, p.Stride, 'valid'), p.PoolSize[0] * p.PoolSize[1]) : p.PoolSize[0] * p.PoolSize[1];
        return tf.div(sum, count);
      };
    }
    case 'groupedConvolution2dLayer': {
      const [t, bo, l, r] = p.Padding as number[];
      return ([x], w, b) => {
        const xp = tf.pad(x as tf.Tensor4D, [[0, 0], [t, bo], [l, r], [0, 0]], p.PaddingValue);
        const [fh, fw, cg, nf, g] = w!.shape;
        if (p.NumGroups === 'channel-wise') {
          // Depthwise: filter [fh, fw, C, multiplier], output channel c·m + j, as group c's filter j.
          const depthwise = tf.transpose(tf.reshape(w!, [fh, fw, nf, g]), [0, 1, 3, 2]) as tf.Tensor4D;
          return tf.add(tf.depthwiseConv2d(xp, depthwise, p.Stride, 'valid'), b!);
        }
        const parts = tf.split(xp, g, 3).map((xg, k) => tf.conv2d(xg as tf.Tensor4D, tf.reshape(tf.slice(w!, [0, 0, 0, 0, k], [fh, fw, cg, nf, 1]), [fh, fw, cg, nf]) as tf.Tensor4D, p.Stride, 'valid'));
        return tf.add(tf.concat(parts, 3), b!);
      };
    }
    case 'globalAveragePooling2dLayer': return ([x]) => tf.mean(x, [1, 2], true);
    case 'globalMaxPooling2dLayer': return ([x]) => tf.max(x, [1, 2], true);
    case 'sigmoidLayer': return ([x]) => tf.sigmoid(x);
    case 'tanhLayer': return ([x]) => tf.tanh(x);
    case 'eluLayer': return ([x]) => (p.Alpha === 1 ? tf.elu(x) : tf.add(tf.maximum(x, 0), tf.mul(tf.sub(tf.exp(tf.minimum(x, 0)), 1), p.Alpha)));
    case 'clippedReluLayer': return ([x]) => tf.minimum(tf.relu(x), p.Ceiling);
    case 'additionLayer': return (xs) => xs.reduce((a, x) => tf.add(a, x));
    case 'depthConcatenationLayer': return (xs) => tf.concat(xs, 3);
    case 'concatenationLayer': return (xs) => tf.concat(xs, p.Dim);
    case 'flattenLayer': return ([x]) => tf.reshape(tf.transpose(x, [0, 3, 2, 1]), [x.shape[0], x.size / x.shape[0]]);
    default: throw new Error(`no reference for ${f.name}`);
  }
}

describe('wasm forward and gradients against the tfjs cpu kernels', () => {
  it.each(fixtures.map((f) => [f.name, f] as [string, Fixture]))('%s (≤1e-5)', async (_name, f) => {
    await tf.setBackend('wasm');
    const { layer, params, xs } = prepared(f);
    const r = tensorOf(f.r);
    const n = xs.length;
    const y = forwardOf(layer, xs, params);
    const ours = [y, ...tf.grads((...all: tf.Tensor[]) => probeLoss(forwardOf(layer, all.slice(0, n), all.slice(n)), r))([...xs, ...params])].map((t) => t.dataSync().slice());
    const shapes = [...xs, ...params].map((t) => t.shape);
    const values = [...xs, ...params].map((t) => t.dataSync().slice());
    await tf.setBackend('cpu');
    const onCpu = values.map((v, i) => tf.tensor(v, shapes[i]));
    const ref = cpuReference(f);
    const split = (all: tf.Tensor[]) => ref(all.slice(0, n), all[n] ?? null, all[n + 1] ?? null);
    const reference = [split(onCpu), ...tf.grads((...all: tf.Tensor[]) => probeLoss(split(all), tf.tensor(f.r.data)))(onCpu)].map((t) => t.dataSync());
    // The cpu reference is itself checked against PyTorch's output.
    expect(relativeError(reference[0], f.output.data)).toBeLessThan(1e-5);
    reference.forEach((v, i) => expect(relativeError(ours[i], v), i === 0 ? 'forward' : `gradient ${i}`).toBeLessThan(1e-5));
  });
});

it('fixture layouts: MATLAB column-major Weights round-trip through the layer', () => {
  const f = fixtures.find((x) => x.name === 'groupedconv_g2')!;
  const layer = prepared(f).layer as unknown as { Weights: MArray };
  expect(layer.Weights.dims).toEqual([3, 3, 2, 3, 2]);
  // Element (h=1, w=2, c=0, f=2, g=1) 0-based, row-major index in the fixture.
  const [H, W, C, F] = [3, 3, 2, 3];
  const rowMajor = (((1 * W + 2) * C + 0) * F + 2) * 2 + 1;
  expect(layer.Weights.data[1 + H * (2 + W * (0 + C * (2 + F * 1)))]).toBeCloseTo(f.weights!.Weights.data[rowMajor], 6);
});
