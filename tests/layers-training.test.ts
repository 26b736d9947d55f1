/**
 * Every layer of issue #7 trains on the wasm backend: a tiny trainNetwork
 * run (a layer array, or a layerGraph for the layers of several inputs)
 * must lower the loss, and the learnables before the new layer must move
 * (the gradient passes through it). featureInputLayer trains on an N×F
 * matrix.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import {
  MArray, categorical, rng, imageInputLayer, featureInputLayer, convolution2dLayer, reluLayer, fullyConnectedLayer, softmaxLayer,
  classificationLayer, regressionLayer, trainingOptions, trainNetwork, classify, predict, layerGraph, addLayers, connectLayers, DAGNetwork,
  crossChannelNormalizationLayer, groupedConvolution2dLayer, globalAveragePooling2dLayer, globalMaxPooling2dLayer, additionLayer,
  depthConcatenationLayer, concatenationLayer, flattenLayer, sigmoidLayer, tanhLayer, eluLayer, clippedReluLayer, batchNormalizationLayer,
} from '../src/index.ts';
import { tf } from '../src/engine/tf.ts';
import type { Layer } from '../src/layers/Layer.ts';
import type { LayerGraph } from '../src/network/LayerGraph.ts';
import type { Network } from '../src/network/Network.ts';

beforeAll(() => {
  // Training picks its backend from ExecutionEnvironment; force nothing else.
  delete process.env.DLTB_BACKEND;
});

/**
 * Two-class 8×8 images a small network learns wherever it pools: vertical
 * stripes ('vertical', even columns bright) or horizontal ones (even rows),
 * with noise, values in about [0, 1].
 */
function toyImages(n: number, seed: number): { X: MArray; Y: ReturnType<typeof categorical> } {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const data = new Float32Array(64 * n);
  const labels: string[] = [];
  for (let i = 0; i < n; i++) {
    const vertical = i % 2 === 0;
    labels.push(vertical ? 'vertical' : 'horizontal');
    for (let col = 0; col < 8; col++) for (let row = 0; row < 8; row++) {
      const bright = (vertical ? col : row) % 2 === 0;
      data[row + 8 * col + 64 * i] = (bright ? 0.7 : 0.2) + rand() * 0.3;
    }
  }
  return { X: MArray.from(data, [8, 8, 1, n], 'single'), Y: categorical(labels) };
}

const options = () => trainingOptions('adam', 'InitialLearnRate', 0.01, 'MaxEpochs', 8, 'MiniBatchSize', 8, 'Shuffle', 'every-epoch', 'Verbose', false);

/** Mean of the first and last three iteration losses. */
function lossEnds(info: { TrainingLoss: MArray }): [number, number] {
  const v = Array.from(info.TrainingLoss.data);
  const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
  return [mean(v.slice(0, 3)), mean(v.slice(-3))];
}

function layerNamed(net: Network, name: string): Record<string, MArray> {
  return [...net.Layers].find((l: Layer) => l.Name === name) as unknown as Record<string, MArray>;
}

/** conv_first's given starting weights (3×3×1×4, small and fixed). */
const FIRST_WEIGHTS = MArray.from(Array.from({ length: 36 }, (_, i) => 0.05 * Math.sin(1.3 * i + 0.2)), [3, 3, 1, 4], 'single');

function firstConvolution(): Layer {
  return convolution2dLayer(3, 4, 'Padding', 'same', 'Name', 'conv_first', 'Weights', FIRST_WEIGHTS, 'Bias', MArray.zeros([1, 1, 4], 'single'));
}

/**
 * Train on the toy images (wasm): the loss falls, the training set is
 * classified, and conv_first — before the layers under test — has moved
 * from its given weights, so the gradient passed through them.
 */
async function trainAndCheck(network: Layer[] | LayerGraph): Promise<Network> {
  rng(5);
  const { X, Y } = toyImages(48, 3);
  const [net, info] = await trainNetwork(X, Y, network, options());
  expect(tf.getBackend()).toBe('wasm');
  const [first, last] = lossEnds(info);
  expect(last, `loss ${first} → ${last}`).toBeLessThan(0.7 * first);
  const [labels] = await classify(net, X);
  const correct = Array.from(labels.codes).filter((c, i) => c === Y.codes[i]).length;
  expect(correct / 48).toBeGreaterThan(0.8);
  const after = layerNamed(net, 'conv_first').Weights.data;
  expect(Math.max(...Array.from(after, (v, i) => Math.abs(v - FIRST_WEIGHTS.data[i])))).toBeGreaterThan(1e-3);
  return net;
}

/** imageInput → conv_first → [layers] → fc → softmax → classification (activations see conv_first's signed outputs). */
function chain(layers: Layer[]): Layer[] {
  return [imageInputLayer([8, 8, 1], 'Normalization', 'none'), firstConvolution(), ...layers, fullyConnectedLayer(2), softmaxLayer(), classificationLayer()];
}

describe('each new layer trains on wasm (loss falls, the layers before it learn)', () => {
  it.each([
    ['crossChannelNormalizationLayer(3)', () => [reluLayer(), crossChannelNormalizationLayer(3, 'Alpha', 1)]],
    ['crossChannelNormalizationLayer(2) (even window)', () => [reluLayer(), crossChannelNormalizationLayer(2, 'Alpha', 1)]],
    ['globalAveragePooling2dLayer', () => [reluLayer(), convolution2dLayer(3, 8, 'Padding', 'same'), globalAveragePooling2dLayer()]],
    ['globalMaxPooling2dLayer', () => [reluLayer(), convolution2dLayer(3, 8, 'Padding', 'same'), globalMaxPooling2dLayer()]],
    // Sigmoid outputs are all near 0.5: batch normalization centres them for the 256-input fc.
    ['sigmoidLayer', () => [sigmoidLayer(), batchNormalizationLayer()]],
    ['tanhLayer', () => [tanhLayer()]],
    ['eluLayer', () => [eluLayer()]],
    ['eluLayer(0.5)', () => [eluLayer(0.5)]],
    ['clippedReluLayer(0.5)', () => [clippedReluLayer(0.5)]],
    ['flattenLayer', () => [reluLayer(), flattenLayer()]],
  ] as [string, () => Layer[]][])('%s', async (_name, layers) => {
    await trainAndCheck(chain(layers()));
  });

  it.each([
    ['groups of 2', () => groupedConvolution2dLayer(3, 3, 2, 'Padding', 'same', 'Name', 'grouped')],
    ['channel-wise', () => groupedConvolution2dLayer(3, 2, 'channel-wise', 'Padding', 'same', 'Name', 'grouped')],
  ] as [string, () => Layer][])('groupedConvolution2dLayer, %s: its own Weights and Bias learn too', async (_name, grouped) => {
    const net = await trainAndCheck(chain([reluLayer(), grouped()]));
    expect(Math.max(...Array.from(layerNamed(net, 'grouped').Bias.data, Math.abs))).toBeGreaterThan(1e-3);
  });

  /** input → conv_first → relu_first, then two branches joined by `join` → fc → softmax → output. */
  function branches(join: Layer, second: Layer[]): LayerGraph {
    let g = layerGraph([
      imageInputLayer([8, 8, 1], 'Normalization', 'none', 'Name', 'in'),
      firstConvolution(), reluLayer('Name', 'relu_first'),
      convolution2dLayer(3, 4, 'Padding', 'same', 'Name', 'conv_a'),
      join,
      fullyConnectedLayer(2, 'Name', 'fc'), softmaxLayer('Name', 'sm'), classificationLayer('Name', 'out'),
    ]);
    g = addLayers(g, second);
    g = connectLayers(g, 'relu_first', second[0].Name);
    return connectLayers(g, second[second.length - 1].Name, `${join.Name}/in2`);
  }

  it('additionLayer: a residual connection (layerGraph → DAGNetwork)', async () => {
    const g = branches(additionLayer(2, 'Name', 'add'), [convolution2dLayer(1, 4, 'Name', 'conv_b'), reluLayer('Name', 'relu_b')]);
    expect(await trainAndCheck(g)).toBeInstanceOf(DAGNetwork);
  });

  it('depthConcatenationLayer: two branches stacked along channels', async () => {
    const g = branches(depthConcatenationLayer(2, 'Name', 'cat'), [convolution2dLayer(1, 4, 'Name', 'conv_b')]);
    await trainAndCheck(g);
  });

  it.each([1, 2, 3])('concatenationLayer(%i, 2): two branches joined along that dimension', async (dim) => {
    const g = branches(concatenationLayer(dim, 2, 'Name', 'cat'), [convolution2dLayer(1, 4, 'Name', 'conv_b')]);
    await trainAndCheck(g);
  });
});

describe('featureInputLayer', () => {
  /** N×F features: class 'pos' when 2·f1 − f3 + 0.5·f4 > 0; f2 is noise. */
  function features(n: number, seed: number): { X: MArray; Y: ReturnType<typeof categorical>; score: number[] } {
    let s = seed;
    const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
    const f = 4;
    const data = new Float64Array(n * f);
    const score: number[] = [];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < f; j++) data[i + n * j] = rand() * (j + 1) + 3;
      score.push(2 * (data[i] - 3) - (data[i + 2 * n] - 3) / 3 + 0.5 * (data[i + 3 * n] - 3) / 4);
    }
    return { X: MArray.from(data, [n, f]), Y: categorical(score.map((v) => (v > 0 ? 'pos' : 'neg'))), score };
  }

  it("classification on an N×F matrix with 'zscore' normalization learns a linear rule", async () => {
    rng(2);
    const { X, Y } = features(200, 7);
    const test = features(100, 8);
    const [net, info] = await trainNetwork(X, Y, [featureInputLayer(4, 'Normalization', 'zscore'), fullyConnectedLayer(8), reluLayer(), fullyConnectedLayer(2), softmaxLayer(), classificationLayer()],
      trainingOptions('adam', 'InitialLearnRate', 0.02, 'MaxEpochs', 20, 'MiniBatchSize', 50, 'Verbose', false));
    expect(tf.getBackend()).toBe('wasm');
    const [first, last] = lossEnds(info);
    expect(last).toBeLessThan(0.5 * first);
    const [labels, scores] = await classify(net, test.X);
    expect(scores.dims).toEqual([100, 2]);
    const correct = Array.from(labels.codes).filter((c, i) => c === test.Y.codes[i]).length;
    expect(correct / 100).toBeGreaterThan(0.9);
    // The input layer kept the statistics of the training matrix's columns.
    const input = net.Layers.get(1) as unknown as { Mean: MArray; StandardDeviation: MArray };
    expect(input.Mean.numel).toBe(4);
    for (let j = 0; j < 4; j++) {
      const col = Array.from(X.data.slice(200 * j, 200 * (j + 1)));
      const m = col.reduce((a, v) => a + v, 0) / 200;
      expect(input.Mean.data[j]).toBeCloseTo(m, 4);
      expect(input.StandardDeviation.data[j]).toBeCloseTo(Math.sqrt(col.reduce((a, v) => a + (v - m) ** 2, 0) / 200), 4);
    }
  });

  it('regression on an N×F matrix with batch normalization: predict returns N×1', async () => {
    rng(3);
    const { X, score } = features(128, 9);
    const y = MArray.from(score, [128, 1]);
    const [net, info] = await trainNetwork(X, y, [featureInputLayer(4), batchNormalizationLayer(), fullyConnectedLayer(1), regressionLayer()],
      trainingOptions('adam', 'InitialLearnRate', 0.05, 'MaxEpochs', 30, 'MiniBatchSize', 32, 'Verbose', false));
    const [first, last] = lossEnds(info);
    expect(last).toBeLessThan(0.1 * first);
    const p = await predict(net, X);
    expect(p.dims).toEqual([128, 1]);
  });
});
