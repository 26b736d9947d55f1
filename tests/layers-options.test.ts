/**
 * The options issue #7 adds to layers, against hand computation:
 * initializer statistics, batch normalization's given statistics and its
 * MeanDecay/VarianceDecay moving averages, the input normalizations,
 * ClassWeights in the loss, ResponseNames; and bad input, each rejected
 * with a message naming the problem.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import {
  MArray, categorical, rng, imageInputLayer, featureInputLayer, convolution2dLayer, fullyConnectedLayer, batchNormalizationLayer,
  softmaxLayer, classificationLayer, regressionLayer, maxPooling2dLayer, averagePooling2dLayer, trainingOptions, trainNetwork,
  predict, classify, activations, assembleNetwork, layerGraph, addLayers, connectLayers, groupedConvolution2dLayer, crossChannelNormalizationLayer,
  clippedReluLayer, eluLayer, additionLayer, depthConcatenationLayer, concatenationLayer,
} from '../src/index.ts';
import { tf, useExecutionEnvironment } from '../src/engine/tf.ts';
import { softmaxCrossEntropy } from '../src/engine/losses.ts';
import type { Layer } from '../src/layers/Layer.ts';
import { finiteDifferenceError, seeded } from './helpers/engine.ts';

beforeAll(async () => {
  await useExecutionEnvironment('auto');
});

type Props = Record<string, unknown>;
const prop = (l: Layer, name: string) => (l as unknown as Props)[name] as MArray;

function stats(values: ArrayLike<number>): { mean: number; std: number; maxAbs: number; beyond2std: number } {
  const v = Array.from(values);
  const mean = v.reduce((a, x) => a + x, 0) / v.length;
  const std = Math.sqrt(v.reduce((a, x) => a + (x - mean) ** 2, 0) / v.length);
  return { mean, std, maxAbs: Math.max(...v.map(Math.abs)), beyond2std: v.filter((x) => Math.abs(x) > 2 * std).length / v.length };
}

describe('WeightsInitializer and BiasInitializer', () => {
  // Convolution 3×3 on 16 channels, 32 filters: fanIn 144, fanOut 288 (MATLAB's FilterSize·NumChannels and FilterSize·NumFilters).
  const conv = (...nv: unknown[]) => {
    rng(11);
    const l = convolution2dLayer(3, 32, ...nv);
    l.initialize([8, 8, 16]);
    return l;
  };

  it("'glorot' (the default): uniform on ±√(6/(fanIn+fanOut)), for convolution, grouped convolution and fully connected", () => {
    const grouped = groupedConvolution2dLayer(3, 8, 2);
    grouped.initialize([8, 8, 16]);
    const fc = fullyConnectedLayer(10);
    fc.initialize([4, 4, 3]);
    for (const [layer, fanIn, fanOut, dims] of [
      [conv(), 144, 288, [3, 3, 16, 32]],
      [conv('WeightsInitializer', 'glorot'), 144, 288, [3, 3, 16, 32]],
      [grouped, 9 * 8, 9 * 8, [3, 3, 8, 8, 2]],
      [fc, 48, 10, [10, 48]],
    ] as [Layer, number, number, number[]][]) {
      const w = prop(layer, 'Weights');
      expect(w.dims).toEqual(dims);
      const bound = Math.sqrt(6 / (fanIn + fanOut));
      const s = stats(w.data);
      expect(s.maxAbs).toBeLessThanOrEqual(bound);
      expect(s.maxAbs).toBeGreaterThan(0.97 * bound);
      // A uniform on ±b has standard deviation b/√3.
      expect(s.std / (bound / Math.sqrt(3))).toBeCloseTo(1, 1);
      expect(Math.abs(s.mean)).toBeLessThan(0.1 * s.std);
      expect(Array.from(prop(layer, 'Bias').data).every((v) => v === 0)).toBe(true);
    }
  });

  it("'he': normal with standard deviation √(2/fanIn)", () => {
    const s = stats(prop(conv('WeightsInitializer', 'he'), 'Weights').data);
    expect(s.std / Math.sqrt(2 / 144)).toBeCloseTo(1, 1);
    expect(Math.abs(s.mean)).toBeLessThan(0.05 * s.std);
    // Gaussian tails: about 4.6 % beyond two standard deviations (a uniform has none).
    expect(s.beyond2std).toBeGreaterThan(0.03);
    expect(s.beyond2std).toBeLessThan(0.065);
    const fc = fullyConnectedLayer(50, 'WeightsInitializer', 'he');
    fc.initialize([1, 1, 200]);
    expect(stats(prop(fc, 'Weights').data).std / Math.sqrt(2 / 200)).toBeCloseTo(1, 1);
  });

  it("'narrow-normal': normal with standard deviation 0.01, for weights, biases and batch-norm scale and offset", () => {
    const w = stats(prop(conv('WeightsInitializer', 'narrow-normal'), 'Weights').data);
    expect(w.std / 0.01).toBeCloseTo(1, 1);
    expect(w.beyond2std).toBeGreaterThan(0.03);
    const fc = fullyConnectedLayer(3000, 'BiasInitializer', 'narrow-normal');
    fc.initialize([1, 1, 2]);
    expect(stats(prop(fc, 'Bias').data).std / 0.01).toBeCloseTo(1, 1);
    const bn = batchNormalizationLayer('ScaleInitializer', 'narrow-normal', 'OffsetInitializer', 'narrow-normal');
    bn.initialize([1, 1, 3000]);
    expect(stats(prop(bn, 'Scale').data).std / 0.01).toBeCloseTo(1, 1);
    expect(stats(prop(bn, 'Offset').data).std / 0.01).toBeCloseTo(1, 1);
  });

  it("'zeros' and 'ones', for weights, biases, scale and offset", () => {
    const l = conv('WeightsInitializer', 'ones', 'BiasInitializer', 'ones');
    expect(Array.from(prop(l, 'Weights').data).every((v) => v === 1)).toBe(true);
    expect(Array.from(prop(l, 'Bias').data).every((v) => v === 1)).toBe(true);
    expect(prop(l, 'Bias').dims).toEqual([1, 1, 32]);
    const z = conv('WeightsInitializer', 'zeros');
    expect(Array.from(prop(z, 'Weights').data).every((v) => v === 0)).toBe(true);
    const bn = batchNormalizationLayer('ScaleInitializer', 'zeros', 'OffsetInitializer', 'ones');
    bn.initialize([2, 2, 5]);
    expect(Array.from(prop(bn, 'Scale').data)).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(prop(bn, 'Offset').data)).toEqual([1, 1, 1, 1, 1]);
  });

  it('a function handle is called with the learnable’s size and its values are used as they are', () => {
    const calls: number[][] = [];
    const handle = (sz: MArray) => {
      calls.push(Array.from(sz.data));
      const n = Array.from(sz.data).reduce((a, b) => a * b, 1);
      return MArray.from(Array.from({ length: n }, (_, i) => i / 100), Array.from(sz.data), 'single');
    };
    const l = convolution2dLayer([3, 2], 4, 'WeightsInitializer', handle, 'BiasInitializer', handle);
    l.initialize([5, 5, 2]);
    expect(calls).toEqual([[3, 2, 2, 4], [1, 1, 4]]);
    Array.from(prop(l, 'Weights').data).forEach((v, i) => expect(v).toBeCloseTo(i / 100, 6));
    expect(Array.from(prop(l, 'Bias').data).map((v) => Math.round(v * 100))).toEqual([0, 1, 2, 3]);
    const fcCalls: number[][] = [];
    const fc = fullyConnectedLayer(3, 'WeightsInitializer', (sz: MArray) => { fcCalls.push(Array.from(sz.data)); return MArray.from(new Array(3 * 12).fill(0.5), [3, 12]); });
    fc.initialize([2, 2, 3]);
    expect(fcCalls).toEqual([[3, 12]]);
    expect(Array.from(prop(fc, 'Weights').data).every((v) => v === 0.5)).toBe(true);
    const bnCalls: number[][] = [];
    const bn = batchNormalizationLayer('ScaleInitializer', (sz: MArray) => { bnCalls.push(Array.from(sz.data)); return MArray.from([2, 3, 4], [1, 1, 3]); });
    bn.initialize([4, 4, 3]);
    expect(bnCalls).toEqual([[1, 1, 3]]);
    expect(Array.from(prop(bn, 'Scale').data)).toEqual([2, 3, 4]);
  });

  it('trainNetwork initialises with the chosen initializer (a fully connected layer starting at zero weights and ones bias)', async () => {
    // One SGD step at a negligible rate leaves the initial values visible.
    const X = MArray.from([1, 2, 3, 4, 5, 6], [1, 1, 2, 3], 'single');
    const net = await trainNetwork(X, categorical(['a', 'b', 'a']), [imageInputLayer([1, 1, 2], 'Normalization', 'none'),
      fullyConnectedLayer(2, 'WeightsInitializer', 'zeros', 'BiasInitializer', 'ones'), softmaxLayer(), classificationLayer()],
    trainingOptions('sgdm', 'InitialLearnRate', 1e-12, 'MaxEpochs', 1, 'MiniBatchSize', 3, 'Verbose', false));
    const fc = net.Layers.get(2);
    Array.from(prop(fc, 'Weights').data).forEach((v) => expect(Math.abs(v)).toBeLessThan(1e-9));
    Array.from(prop(fc, 'Bias').data).forEach((v) => expect(v).toBeCloseTo(1, 9));
  });
});

describe('batchNormalizationLayer statistics', () => {
  const col = (v: number[]) => MArray.from(v, [1, 1, v.length], 'single');

  it('given TrainedMean, TrainedVariance, Scale, Offset and Epsilon are what prediction uses, also folded into a convolution', async () => {
    const mean = [0.5, -1, 2];
    const variance = [4, 0.25, 1.5];
    const scale = [2, -0.5, 1];
    const offset = [0.1, 0.2, -0.3];
    const eps = 1e-3;
    const bn = () => batchNormalizationLayer('TrainedMean', col(mean), 'TrainedVariance', col(variance), 'Scale', col(scale), 'Offset', col(offset), 'Epsilon', eps);
    const n = 2;
    const X = MArray.from(Array.from({ length: 2 * 2 * 3 * n }, (_, i) => Math.sin(i * 0.7) * 3), [2, 2, 3, n], 'single');
    const hand = (x: number, c: number) => ((x - mean[c]) / Math.sqrt(variance[c] + eps)) * scale[c] + offset[c];
    const channelOf = (i: number) => Math.floor(i / 4) % 3;
    const direct = await predict(assembleNetwork([imageInputLayer([2, 2, 3], 'Normalization', 'none'), bn(), regressionLayer()]), X);
    expect(direct.dims).toEqual([2, 2, 3, n]);
    Array.from(direct.data).forEach((v, i) => expect(v).toBeCloseTo(hand(X.data[i], channelOf(i)), 5));
    // A 1×1 convolution (weights W[c_in, c_out]) before it: the inference pass folds the statistics into the convolution.
    const W = [[1, 0, 2], [0, -1, 0.5], [0.5, 1, 0]];
    const conv = convolution2dLayer(1, 3, 'Weights', MArray.from(Array.from({ length: 9 }, (_, k) => W[k % 3][Math.floor(k / 3)]), [1, 1, 3, 3], 'single'),
      'Bias', col([0.5, 0, -0.5]));
    const folded = await predict(assembleNetwork([imageInputLayer([2, 2, 3], 'Normalization', 'none'), conv, bn(), regressionLayer()]), X);
    Array.from(folded.data).forEach((v, i) => {
      const pixel = i % 4;
      const obs = Math.floor(i / 12);
      const co = channelOf(i);
      let z = [0.5, 0, -0.5][co];
      for (let ci = 0; ci < 3; ci++) z += W[ci][co] * X.data[pixel + 4 * ci + 12 * obs];
      expect(v).toBeCloseTo(hand(z, co), 4);
    });
  });

  it("training updates TrainedMean and TrainedVariance with each layer's MeanDecay and VarianceDecay", async () => {
    // BN right after a 1×1×3 input: its input is the data. Two mini-batches of 4, no shuffling, moving statistics kept.
    const N = 8;
    const X = MArray.from(Array.from({ length: 3 * N }, (_, i) => Math.cos(i * 1.1) * (1 + (i % 3)) + (i % 3)), [1, 1, 3, N], 'single');
    const Y = categorical(Array.from({ length: N }, (_, i) => (i % 2 ? 'a' : 'b')));
    const [muDecay, varDecay] = [0.3, 0.05];
    const net = await trainNetwork(X, Y, [imageInputLayer([1, 1, 3], 'Normalization', 'none'), batchNormalizationLayer('MeanDecay', muDecay, 'VarianceDecay', varDecay),
      fullyConnectedLayer(2), softmaxLayer(), classificationLayer()],
    trainingOptions('sgdm', 'MaxEpochs', 1, 'MiniBatchSize', 4, 'Shuffle', 'never', 'BatchNormalizationStatistics', 'moving', 'Verbose', false));
    const bn = net.Layers.get(2);
    let m = [0, 0, 0];
    let v = [1, 1, 1];
    for (const batch of [[0, 1, 2, 3], [4, 5, 6, 7]]) {
      for (let c = 0; c < 3; c++) {
        const xs = batch.map((i) => X.data[c + 3 * i]);
        const bm = xs.reduce((a, x) => a + x, 0) / 4;
        // The batch variance, unbiased (×M/(M−1)) as the moving variance estimates the population's.
        const bv = xs.reduce((a, x) => a + (x - bm) ** 2, 0) / 3;
        m[c] = (1 - muDecay) * m[c] + muDecay * bm;
        v[c] = (1 - varDecay) * v[c] + varDecay * bv;
      }
      m = [...m];
      v = [...v];
    }
    Array.from(prop(bn, 'TrainedMean').data).forEach((x, c) => expect(x).toBeCloseTo(m[c], 5));
    Array.from(prop(bn, 'TrainedVariance').data).forEach((x, c) => expect(x).toBeCloseTo(v[c], 5));
  });
});

describe('input normalizations', () => {
  // 2×2×2 images, 5 of them; channel c's values differ in offset and spread.
  const N = 5;
  const X = MArray.from(Array.from({ length: 8 * N }, (_, i) => Math.sin(i * 2.3) * (1 + Math.floor(i / 4) % 2) * 3 + (Math.floor(i / 4) % 2) * 10), [2, 2, 2, N], 'single');
  const Y = categorical(Array.from({ length: N }, (_, i) => (i % 2 ? 'p' : 'q')));
  const channel = (c: number) => Array.from({ length: N }, (_, n) => [0, 1, 2, 3].map((p) => X.data[p + 4 * c + 8 * n])).flat();
  const inputOf = async (normalization: unknown, ...nv: unknown[]) => {
    const [net] = await trainNetwork(X, Y, [imageInputLayer([2, 2, 2], 'Normalization', normalization, ...nv), fullyConnectedLayer(2), softmaxLayer(), classificationLayer()],
      trainingOptions('sgdm', 'MaxEpochs', 1, 'MiniBatchSize', N, 'Verbose', false));
    return { layer: net.Layers.get(1), out: await activations(net, X, 1) };
  };
  const expectEach = (out: MArray, f: (x: number, c: number) => number) => {
    expect(out.dims).toEqual([2, 2, 2, N]);
    Array.from(out.data).forEach((v, i) => expect(v).toBeCloseTo(f(X.data[i], Math.floor(i / 4) % 2), 4));
  };

  it("'zscore': per-channel mean and (population) standard deviation from the training data, (x − μ)/σ", async () => {
    const { layer, out } = await inputOf('zscore');
    const mu = [0, 1].map((c) => channel(c).reduce((a, x) => a + x, 0) / (4 * N));
    const sd = [0, 1].map((c) => Math.sqrt(channel(c).reduce((a, x) => a + (x - mu[c]) ** 2, 0) / (4 * N)));
    expect(prop(layer, 'Mean').dims).toEqual([1, 1, 2]);
    Array.from(prop(layer, 'Mean').data).forEach((v, c) => expect(v).toBeCloseTo(mu[c], 4));
    Array.from(prop(layer, 'StandardDeviation').data).forEach((v, c) => expect(v).toBeCloseTo(sd[c], 4));
    expectEach(out, (x, c) => (x - mu[c]) / sd[c]);
  });

  it("'rescale-zero-one' and 'rescale-symmetric': per-channel Min and Max, mapped to [0, 1] and [−1, 1]", async () => {
    const lo = [0, 1].map((c) => Math.min(...channel(c)));
    const hi = [0, 1].map((c) => Math.max(...channel(c)));
    const zeroOne = await inputOf('rescale-zero-one');
    Array.from(prop(zeroOne.layer, 'Min').data).forEach((v, c) => expect(v).toBeCloseTo(lo[c], 5));
    Array.from(prop(zeroOne.layer, 'Max').data).forEach((v, c) => expect(v).toBeCloseTo(hi[c], 5));
    expectEach(zeroOne.out, (x, c) => (x - lo[c]) / (hi[c] - lo[c]));
    const symmetric = await inputOf('rescale-symmetric');
    expectEach(symmetric.out, (x, c) => (2 * (x - lo[c])) / (hi[c] - lo[c]) - 1);
  });

  it('given Mean and StandardDeviation are kept when ResetInputNormalization is false', async () => {
    const [net] = await trainNetwork(X, Y, [imageInputLayer([2, 2, 2], 'Normalization', 'zscore', 'Mean', MArray.from([1, 2], [1, 1, 2]), 'StandardDeviation', MArray.from([2, 4], [1, 1, 2])),
      fullyConnectedLayer(2), softmaxLayer(), classificationLayer()],
    trainingOptions('sgdm', 'MaxEpochs', 1, 'MiniBatchSize', N, 'Verbose', false, 'ResetInputNormalization', false));
    expectEach(await activations(net, X, 1), (x, c) => (x - [1, 2][c]) / [2, 4][c]);
  });

  it('a function handle receives the H×W×C×N batch and its result is the layer’s output', async () => {
    const seen: number[][] = [];
    const f = (batch: MArray) => {
      seen.push([...batch.dims]);
      return MArray.from(Array.from(batch.data, (v) => 3 * v - 1), batch.dims, 'single');
    };
    const { out } = await inputOf(f);
    expect(seen.some((d) => d.join() === [2, 2, 2, N].join())).toBe(true);
    expectEach(out, (x) => 3 * x - 1);
  });

  it("featureInputLayer 'rescale-zero-one' on an N×F matrix: per-feature Min and Max", async () => {
    const F = MArray.from([1, 5, 3, 10, 20, 15, -1, 0, 1], [3, 3]);
    const [net] = await trainNetwork(F, categorical(['a', 'b', 'a']), [featureInputLayer(3, 'Normalization', 'rescale-zero-one'), fullyConnectedLayer(2), softmaxLayer(), classificationLayer()],
      trainingOptions('sgdm', 'MaxEpochs', 1, 'MiniBatchSize', 3, 'Verbose', false));
    const input = net.Layers.get(1);
    expect(Array.from(prop(input, 'Min').data)).toEqual([1, 10, -1]);
    expect(Array.from(prop(input, 'Max').data)).toEqual([5, 20, 1]);
    const out = await activations(net, F, 1, 'OutputAs', 'rows');
    expect(out.dims).toEqual([3, 3]);
    const expected = [[0, 0, 0], [1, 1, 0.5], [0.5, 0.5, 1]];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(out.data[i + 3 * j]).toBeCloseTo(expected[i][j], 6);
  });
});

describe('classificationLayer ClassWeights and regressionLayer ResponseNames', () => {
  // 1×1×2 inputs, a fully connected layer with given weights: the first iteration's loss is the initial network's.
  const X = MArray.from([1, 2, -1, 0.5, 0.3, -2, 2, 1, 0, -1], [1, 1, 2, 5], 'single');
  const labels = ['a', 'c', 'b', 'c', 'a'];
  const W0 = [[0.3, -0.2], [0.1, 0.4], [-0.5, 0.2]];
  const b0 = [0.1, -0.2, 0.05];
  const firstLoss = async (...output: unknown[]) => {
    const fc = fullyConnectedLayer(3, 'Weights', MArray.from([0, 1, 2, 0, 1, 2].map((k, i) => W0[k][i < 3 ? 0 : 1]), [3, 2], 'single'), 'Bias', MArray.from(b0, [3, 1], 'single'));
    const [, info] = await trainNetwork(X, categorical(labels), [imageInputLayer([1, 1, 2], 'Normalization', 'none'), fc, softmaxLayer(), classificationLayer(...output)],
      trainingOptions('sgdm', 'MaxEpochs', 1, 'MiniBatchSize', 5, 'Verbose', false));
    return info.TrainingLoss.data[0];
  };
  /** −Σᵢ wᵢ·Tᵢ·log Yᵢ / N in double; output k of the network is class `order[k]`. */
  const hand = (w: Record<string, number>, order = ['a', 'b', 'c']) => {
    let s = 0;
    labels.forEach((label, n) => {
      const x = [X.data[2 * n], X.data[2 * n + 1]];
      const z = W0.map((r, k) => r[0] * x[0] + r[1] * x[1] + b0[k]);
      const e = z.map((v) => Math.exp(v));
      const k = order.indexOf(label);
      s -= w[label] * Math.log(e[k] / (e[0] + e[1] + e[2]));
    });
    return s / labels.length;
  };

  it('the loss is −Σ wᵢ Tᵢ log Yᵢ / N with the weights of Classes, and the plain cross-entropy without them', async () => {
    expect(await firstLoss()).toBeCloseTo(hand({ a: 1, b: 1, c: 1 }), 5);
    const weighted = await firstLoss('Classes', ['a', 'b', 'c'], 'ClassWeights', [0.5, 2, 3]);
    expect(weighted).toBeCloseTo(hand({ a: 0.5, b: 2, c: 3 }), 5);
    expect(Math.abs(weighted - hand({ a: 1, b: 1, c: 1 }))).toBeGreaterThan(0.1);
  });

  it('the outputs and the weights follow the order of Classes, not the alphabetical order of the labels', async () => {
    const weighted = await firstLoss('Classes', ['c', 'a', 'b'], 'ClassWeights', [3, 0.5, 2]);
    expect(weighted).toBeCloseTo(hand({ a: 0.5, b: 2, c: 3 }, ['c', 'a', 'b']), 5);
  });

  it('a network trained with Classes in a given order classifies by that order', async () => {
    rng(4);
    const n = 40;
    const x = MArray.from(Array.from({ length: 2 * n }, (_, i) => (i % 2 === 0 ? (Math.floor(i / 2) % 2 ? 1 : -1) + 0.3 * Math.sin(i) : Math.cos(i))), [1, 1, 2, n], 'single');
    const truth = Array.from({ length: n }, (_, i) => (i % 2 ? 'yes' : 'no'));
    const net = await trainNetwork(x, categorical(truth), [imageInputLayer([1, 1, 2], 'Normalization', 'none'), fullyConnectedLayer(2), softmaxLayer(), classificationLayer('Classes', ['yes', 'no'])],
      trainingOptions('sgdm', 'InitialLearnRate', 0.5, 'MaxEpochs', 20, 'MiniBatchSize', 10, 'Verbose', false));
    expect((net.Layers.get(4) as unknown as { Classes: string[] }).Classes).toEqual(['yes', 'no']);
    const [labels, scores] = await classify(net, x);
    expect(labels.toStrings()).toEqual(truth);
    // Column 1 of the scores is 'yes'.
    truth.forEach((t, i) => expect(scores.data[i] > 0.5).toBe(t === 'yes'));
  });

  it('the weighted fused softmax–cross-entropy gradient matches finite differences', async () => {
    await tf.setBackend('cpu');
    try {
      const z = seeded([4, 3], 71, 2);
      const t = tf.mul(tf.tensor2d([[1, 0, 0], [0, 0, 1], [0, 1, 0], [0, 0, 1]]), tf.tensor2d([[0.5, 2, 3]]));
      expect(finiteDifferenceError((a) => softmaxCrossEntropy(a as tf.Tensor2D, t as tf.Tensor2D, true), [z], 0, [0, 2, 4, 7, 9, 11])).toBeLessThan(1e-2);
    } finally {
      await useExecutionEnvironment('auto');
    }
  });

  it('ResponseNames is kept and shown', () => {
    const l = regressionLayer('ResponseNames', ['height', 'weight']);
    expect(l.ResponseNames).toEqual(['height', 'weight']);
    expect(l.displayMatlab()).toContain("ResponseNames: {'height'  'weight'}");
    expect(regressionLayer().ResponseNames).toEqual([]);
  });
});

describe('bad input, each rejected with a message naming the problem', () => {
  const opts = () => trainingOptions('sgdm', 'MaxEpochs', 1, 'Verbose', false);
  const images = (c: number, n = 4) => MArray.from(Array.from({ length: 64 * c * n }, (_, i) => Math.sin(i)), [8, 8, c, n], 'single');
  const Y4 = categorical(['a', 'b', 'a', 'b']);
  const head = () => [fullyConnectedLayer(2, 'Name', 'fc'), softmaxLayer('Name', 'sm'), classificationLayer('Name', 'out')];

  it('groups that do not divide the channels', async () => {
    await expect(trainNetwork(images(4), Y4, [imageInputLayer([8, 8, 4]), groupedConvolution2dLayer(3, 2, 3, 'Name', 'g'), ...head()], opts()))
      .rejects.toThrow(/Layer 'g': the number of groups \(3\) must divide the number of input channels \(4\)/);
  });

  /** input → conv_a (4 filters) → join/in1, and input → `second` → join/in2. */
  const twoBranches = (join: Layer, second: Layer[]) => {
    let g = layerGraph([imageInputLayer([8, 8, 1], 'Name', 'in'), convolution2dLayer(3, 4, 'Padding', 'same', 'Name', 'conv_a'), join, ...head()]);
    g = addLayers(g, second);
    g = connectLayers(g, 'in', second[0].Name);
    return connectLayers(g, second[second.length - 1].Name, `${join.Name}/in2`);
  };

  it('an addition of mismatched sizes', async () => {
    const g = twoBranches(additionLayer(2, 'Name', 'add'), [convolution2dLayer(3, 2, 'Padding', 'same', 'Name', 'conv_b')]);
    await expect(trainNetwork(images(1), Y4, g, opts())).rejects.toThrow(/Layer 'add': the inputs must have the same size; in1 is 8×8×4, in2 is 8×8×2/);
  });

  it('a concatenation whose spatial sizes disagree (depth concatenation and concatenation along channels)', async () => {
    const branch = () => [convolution2dLayer(3, 2, 'Padding', 'same', 'Name', 'conv_b'), maxPooling2dLayer(2, 'Stride', 2, 'Name', 'pool_b')];
    await expect(trainNetwork(images(1), Y4, twoBranches(depthConcatenationLayer(2, 'Name', 'cat'), branch()), opts()))
      .rejects.toThrow(/Layer 'cat': the inputs' spatial sizes must match; in1 is 8×8×4, in2 is 4×4×2/);
    await expect(trainNetwork(images(1), Y4, twoBranches(concatenationLayer(3, 2, 'Name', 'cat'), branch()), opts()))
      .rejects.toThrow(/Layer 'cat': the inputs' spatial sizes must match/);
    // Along the width, heights must agree.
    await expect(trainNetwork(images(1), Y4, twoBranches(concatenationLayer(2, 2, 'Name', 'cat'), branch()), opts()))
      .rejects.toThrow(/Layer 'cat': the inputs' sizes in the other dimensions must match; in1 is 8×8×4, in2 is 4×4×2/);
  });

  it('invalid initializer names, initializers a learnable does not take, and handles returning the wrong size', () => {
    expect(() => convolution2dLayer(3, 4, 'WeightsInitializer', 'xavier')).toThrow(/Expected WeightsInitializer to match one of these values:[\s\S]*'glorot', 'he', 'narrow-normal', 'zeros', 'ones'[\s\S]*The input, 'xavier'/);
    expect(() => fullyConnectedLayer(3, 'WeightsInitializer', 5)).toThrow(/Invalid value for 'WeightsInitializer'. Value must be one of .* or a function handle/);
    expect(() => convolution2dLayer(3, 4, 'BiasInitializer', 'glorot')).toThrow(/Expected BiasInitializer to match one of these values:[\s\S]*The input, 'glorot'/);
    expect(() => groupedConvolution2dLayer(3, 4, 2, 'BiasInitializer', 'he')).toThrow(/Expected BiasInitializer/);
    expect(() => batchNormalizationLayer('ScaleInitializer', 'he')).toThrow(/Expected ScaleInitializer to match/);
    expect(() => batchNormalizationLayer('OffsetInitializer', 'glorot')).toThrow(/Expected OffsetInitializer to match/);
    const bad = convolution2dLayer(3, 2, 'WeightsInitializer', () => MArray.zeros([2, 2]));
    expect(() => bad.initialize([4, 4, 1])).toThrow(/initializer function must return an array of size 3×3×1×2/);
  });

  it('bad hyperparameters of the new layers', () => {
    expect(() => crossChannelNormalizationLayer(0)).toThrow(/'windowChannelSize'. Value must be a positive integer/);
    expect(() => crossChannelNormalizationLayer(5, 'Beta', -1)).toThrow(/'Beta'/);
    expect(() => crossChannelNormalizationLayer(5, 'K', 0)).toThrow(/'K'. Value must be a finite positive scalar/);
    expect(() => groupedConvolution2dLayer(3, 2, 0)).toThrow(/'numGroups'/);
    expect(() => groupedConvolution2dLayer(3, 2, 'bogus')).toThrow(/'numGroups'/);
    expect(() => clippedReluLayer(0)).toThrow(/'ceiling'/);
    expect(() => eluLayer(-1)).toThrow(/'alpha'/);
    expect(() => additionLayer(1)).toThrow(/'numInputs'. Value must be an integer greater than or equal to 2/);
    expect(() => concatenationLayer(4, 2)).toThrow(/'dim'/);
    expect(() => featureInputLayer(2.5)).toThrow(/'numFeatures'/);
    expect(() => averagePooling2dLayer(2, 'PaddingValue', 'max')).toThrow(/'PaddingValue'. Value must be a numeric scalar or 'mean'/);
    expect(() => convolution2dLayer(2, 2, 'PaddingValue', 'mean')).toThrow(/'PaddingValue'. Value must be a numeric scalar/);
    expect(() => batchNormalizationLayer('MeanDecay', 1.5)).toThrow(/'MeanDecay'. Value must be a scalar in the range \[0, 1\]/);
    expect(() => batchNormalizationLayer('VarianceDecay', -0.1)).toThrow(/'VarianceDecay'/);
    expect(() => imageInputLayer([2, 2, 1], 'Normalization', 'bogus')).toThrow(/Expected Normalization to match/);
    expect(() => imageInputLayer([2, 2, 1], 'Normalization', 'zscore', 'Mean', 'x')).toThrow(/'Mean'. Value must be a numeric array/);
    expect(() => regressionLayer('ResponseNames', 5)).toThrow(/'ResponseNames'/);
  });

  it('class weights: not positive, not one per class, or without Classes', async () => {
    expect(() => classificationLayer('Classes', ['a', 'b'], 'ClassWeights', [1, -2])).toThrow(/'ClassWeights'. Value must be 'none' or a vector of positive numbers/);
    expect(() => classificationLayer('Classes', ['a', 'b'], 'ClassWeights', [1, 2, 3])).toThrow(/'ClassWeights'. It has 3 elements but there are 2 classes/);
    expect(() => classificationLayer('ClassWeights', [1, 2])).toThrow(/you must also specify the classes with 'Classes'/);
    expect(() => classificationLayer('Classes', ['a', 'a'])).toThrow(/Class names must be unique/);
    await expect(trainNetwork(images(1), Y4, [imageInputLayer([8, 8, 1]), fullyConnectedLayer(2), softmaxLayer(), classificationLayer('Classes', ['a', 'z'], 'ClassWeights', [1, 2])], opts()))
      .rejects.toThrow(/the Classes of layer 'classoutput' \('a', 'z'\) do not match the categories of the training labels \('a', 'b'\)/);
  });

  it('batch normalization given statistics of the wrong channel count', () => {
    const col = (v: number[]) => MArray.from(v, [1, 1, v.length], 'single');
    const bn = batchNormalizationLayer('TrainedMean', col([1, 2]), 'TrainedVariance', col([1, 2]), 'Offset', col([0, 0, 0]), 'Scale', col([1, 1, 1]), 'Name', 'bn');
    expect(() => assembleNetwork([imageInputLayer([2, 2, 3], 'Normalization', 'none'), bn, regressionLayer()])).toThrow(/Layer 'bn': the input has 3 channels but the given TrainedMean has 2 elements/);
  });

  it('feature data whose columns do not match featureInputLayer', async () => {
    await expect(trainNetwork(MArray.from(new Array(12).fill(1), [4, 3]), Y4, [featureInputLayer(2), fullyConnectedLayer(2), softmaxLayer(), classificationLayer()], opts()))
      .rejects.toThrow(/the matrix has 3 columns but the input layer expects 2 features/);
    await expect(trainNetwork(images(1), Y4, [featureInputLayer(2), fullyConnectedLayer(2), softmaxLayer(), classificationLayer()], opts()))
      .rejects.toThrow(/expected an N×2 numeric matrix/);
  });
});
