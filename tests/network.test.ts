/**
 * Layers and networks end to end: the slides' convolution and pooling
 * numbers, gradients of whole networks against finite differences, one SGDM
 * step by hand, learning, save/load, no tensor leak, and bad input.
 */
import { describe, it, expect, beforeAll, vi } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MArray, categorical, rng, imageInputLayer, convolution2dLayer, batchNormalizationLayer, reluLayer, maxPooling2dLayer,
  averagePooling2dLayer, fullyConnectedLayer, softmaxLayer, classificationLayer, dropoutLayer, leakyReluLayer, regressionLayer,
  trainingOptions, trainNetwork, classify, predict, activations, assembleNetwork, save, load, SeriesNetwork,
  layerGraph, connectLayers, groupedConvolution2dLayer, additionLayer, depthConcatenationLayer,
} from '../src/index.ts';
import { tf, useExecutionEnvironment } from '../src/engine/tf.ts';
import { displayText } from '../src/runtime/display.ts';
import { assemble, assembleGraph, initializeLayers } from '../src/network/assemble.ts';
import { TrainingState } from '../src/train/trainingState.ts';
import { asMatrix } from '../src/network/forward.ts';
import { forwardTopology, type Topology } from '../src/network/topology.ts';
import { softmaxCrossEntropy } from '../src/engine/losses.ts';
import type { Layer } from '../src/layers/Layer.ts';
import { toyData } from './helpers/toyData.ts';

beforeAll(async () => {
  await useExecutionEnvironment('auto');
});

/** MATLAB matrix literal (rows) → column-major MArray. */
function matrix(rows: number[][], cls: 'double' | 'single' = 'double'): MArray {
  const m = rows.length;
  const n = rows[0].length;
  const data = new Float64Array(m * n);
  rows.forEach((r, i) => r.forEach((v, j) => { data[i + m * j] = v; }));
  return MArray.from(data, [m, n], cls);
}

function rowsOf(a: MArray): number[][] {
  const [m, n] = a.dims;
  return Array.from({ length: m }, (_, i) => Array.from({ length: n }, (_, j) => a.data[i + m * j]));
}

const slideImage = [[3, 4, 5, 2, 5, 2], [1, 3, 8, 10, 2, 3], [3, 5, 2, 1, 3, 10], [5, 5, 6, 7, 5, 3], [8, 2, 4, 2, 1, 4], [6, 2, 1, 3, 5, 5]];

describe('the slides', () => {
  it('convolution2dLayer with given weights reproduces the slide’s filtered image', async () => {
    const w = MArray.from(matrix([[1, 1, 1], [0, 0, 0], [-1, -1, -1]]).data, [3, 3, 1, 1]);
    const net = assembleNetwork([
      imageInputLayer([6, 6, 1], 'Normalization', 'none'),
      convolution2dLayer(3, 1, 'Weights', w, 'Bias', MArray.from([0], [1, 1, 1])),
    ]);
    const out = await activations(net, matrix(slideImage), 2);
    expect(out.dims).toEqual([4, 4]);
    expect(rowsOf(out)).toEqual([[2, 3, 6, -5], [-4, 3, 2, 0], [-4, 0, -1, 7], [7, 12, 9, 2]]);
  });

  it('max and average pooling of the slide’s 3×3 region give 10 and 5.22', async () => {
    const region = matrix(slideImage.slice(1, 4).map((r) => r.slice(1, 4)));
    const pooled = async (layer: Layer) => (await activations(assembleNetwork([imageInputLayer([3, 3, 1], 'Normalization', 'none'), layer]), region, 2)).data[0];
    expect(await pooled(maxPooling2dLayer(3))).toBe(10);
    expect(await pooled(averagePooling2dLayer(3))).toBeCloseTo(47 / 9, 5);
    expect((await pooled(averagePooling2dLayer(3))).toFixed(2)).toBe('5.22');
  });
});

/** A small network, initialised, with its training state. */
function tinyNetwork(layers: Layer[]): { layers: Layer[]; topology: Topology; state: TrainingState } {
  const assembled = assemble('test', layers, true);
  rng(3);
  initializeLayers(assembled);
  return { layers, topology: assembled.topology, state: new TrainingState(layers) };
}

/** Every parameter's gradient (first, middle and last element) against central differences, through the executor. */
function checkGradients(topology: Topology, state: TrainingState, x: tf.Tensor, t: tf.Tensor2D, target: number): void {
  const loss = (...p: tf.Tensor[]) => softmaxCrossEntropy(asMatrix(forwardTopology(topology, x, state.perLayer(p), { training: true }, target)), t);
  const grads = tf.grads(loss)(state.params);
  state.params.forEach((p, k) => {
    const base = p.dataSync().slice();
    const analytic = grads[k].dataSync();
    for (const c of [0, Math.floor(base.length / 2), base.length - 1]) {
      const at = (d: number) => {
        const v = base.slice();
        v[c] += d;
        const moved = state.params.map((q, j) => (j === k ? tf.tensor(v, q.shape) : q));
        return loss(...moved).dataSync()[0];
      };
      const eps = 1e-2;
      const numeric = (at(eps) - at(-eps)) / (2 * eps);
      expect(Math.abs(numeric - analytic[c]), `parameter ${k}, element ${c}`).toBeLessThan(2e-2 * Math.max(1e-2, Math.abs(numeric)) + 2e-4);
    }
  });
}

describe('whole-network gradients against finite differences', () => {
  it('conv → batch norm → relu → max pool → fc → softmax: every parameter', () => {
    const { topology, state } = tinyNetwork([
      imageInputLayer([6, 6, 2], 'Normalization', 'none'),
      convolution2dLayer(3, 3, 'Padding', 'same'), batchNormalizationLayer(), leakyReluLayer(0.1), maxPooling2dLayer(2, 'Stride', 2),
      fullyConnectedLayer(4), softmaxLayer(), classificationLayer(),
    ]);
    const n = 5;
    const x = tf.tensor4d(Array.from({ length: n * 72 }, (_, i) => Math.sin(i * 1.7) * 2), [n, 6, 6, 2]);
    const t = tf.oneHot(tf.tensor1d([0, 1, 2, 3, 1], 'int32'), 4).toFloat() as tf.Tensor2D;
    checkGradients(topology, state, x, t, 5);
  });

  it('a graph: residual addition, grouped convolution and a depth concatenation, every parameter', () => {
    let g = layerGraph([
      imageInputLayer([6, 6, 2], 'Normalization', 'none', 'Name', 'in'),
      convolution2dLayer(3, 4, 'Padding', 'same', 'Name', 'c1'), reluLayer('Name', 'r1'),
      groupedConvolution2dLayer(3, 2, 2, 'Padding', 'same', 'Name', 'g'), batchNormalizationLayer('Name', 'bn'),
      additionLayer(2, 'Name', 'add'), depthConcatenationLayer(2, 'Name', 'cat'), fullyConnectedLayer(3, 'Name', 'fc'),
      softmaxLayer('Name', 'sm'), classificationLayer('Name', 'out'),
    ]);
    g = connectLayers(g, 'r1', 'add/in2');
    g = connectLayers(g, 'in', 'cat/in2');
    const { layers, edges } = g.toEdges();
    const assembled = assembleGraph('test', layers, edges, true);
    rng(3);
    initializeLayers(assembled);
    const state = new TrainingState(assembled.topology.layers);
    const n = 4;
    const x = tf.tensor4d(Array.from({ length: n * 72 }, (_, i) => Math.cos(i * 0.9) * 2), [n, 6, 6, 2]);
    const t = tf.oneHot(tf.tensor1d([0, 1, 2, 1], 'int32'), 3).toFloat() as tf.Tensor2D;
    checkGradients(assembled.topology, state, x, t, assembled.topology.layers.findIndex((l) => l.Name === 'fc'));
  });
});

describe('solver', () => {
  it('two SGDM steps match v ← γv − α·factor·(g + λ·L2factor·θ); θ ← θ + v computed by hand', async () => {
    // 1×1×2 inputs → fc(2) → softmax → cross-entropy, N = 3, one full batch per epoch.
    const X = MArray.from([1, 2, -1, 0.5, 0.3, -2], [1, 1, 2, 3], 'single');
    const Y = categorical(['a', 'b', 'a']);
    const W0 = [[0.1, -0.2], [0.3, 0.05]];
    const b0 = [0.01, -0.02];
    const layers = [
      imageInputLayer([1, 1, 2], 'Normalization', 'none'),
      fullyConnectedLayer(2, 'Weights', matrix(W0, 'single'), 'Bias', MArray.from(b0, [2, 1], 'single'), 'WeightLearnRateFactor', 2, 'BiasL2Factor', 1),
      softmaxLayer(), classificationLayer(),
    ];
    const [alpha, gamma, lambda] = [0.1, 0.9, 0.01];
    const options = trainingOptions('sgdm', 'InitialLearnRate', alpha, 'Momentum', gamma, 'L2Regularization', lambda,
      'MaxEpochs', 2, 'MiniBatchSize', 3, 'Shuffle', 'never', 'Verbose', false);
    const net = await trainNetwork(X, Y, layers, options);
    // By hand, in double precision.
    const xs = [[1, 2], [-1, 0.5], [0.3, -2]];
    const ts = [[1, 0], [0, 1], [1, 0]];
    let W = W0.map((r) => [...r]);
    let b = [...b0];
    let vW = [[0, 0], [0, 0]];
    let vb = [0, 0];
    for (let step = 0; step < 2; step++) {
      const gW = [[0, 0], [0, 0]];
      const gb = [0, 0];
      xs.forEach((x, i) => {
        const z = [0, 1].map((k) => W[k][0] * x[0] + W[k][1] * x[1] + b[k]);
        const e = z.map((v) => Math.exp(v - Math.max(...z)));
        const p = e.map((v) => v / (e[0] + e[1]));
        [0, 1].forEach((k) => {
          const d = (p[k] - ts[i][k]) / 3;
          gW[k][0] += d * x[0];
          gW[k][1] += d * x[1];
          gb[k] += d;
        });
      });
      vW = vW.map((r, k) => r.map((v, j) => gamma * v - alpha * 2 * (gW[k][j] + lambda * 1 * W[k][j])));
      vb = vb.map((v, k) => gamma * v - alpha * 1 * (gb[k] + lambda * 1 * b[k]));
      W = W.map((r, k) => r.map((v, j) => v + vW[k][j]));
      b = b.map((v, k) => v + vb[k]);
    }
    const fc = net.Layers.get(2) as unknown as { Weights: MArray; Bias: MArray };
    rowsOf(fc.Weights).forEach((r, k) => r.forEach((v, j) => expect(v).toBeCloseTo(W[k][j], 5)));
    Array.from(fc.Bias.data).forEach((v, k) => expect(v).toBeCloseTo(b[k], 5));
  });
});

/** Two-class toy images a network can learn: bright left half vs bright right half, with noise. */
const toyLayers = () => [
  imageInputLayer([8, 8, 1]), convolution2dLayer(3, 4, 'Padding', 'same'), batchNormalizationLayer(), reluLayer(),
  maxPooling2dLayer(2, 'Stride', 2), dropoutLayer(0.2), fullyConnectedLayer(2), softmaxLayer(), classificationLayer(),
];

describe('training', () => {
  it('learns a toy task far above chance, reports MATLAB’s training info, and leaves the layer array untouched', async () => {
    rng(0);
    const { X, Y } = toyData(96, 1);
    const test = toyData(64, 2);
    const layers = toyLayers();
    const [net, info] = await trainNetwork(X, Y, layers, trainingOptions('sgdm', 'MaxEpochs', 6, 'MiniBatchSize', 16, 'Verbose', false, 'ValidationData', [test.X, test.Y], 'ValidationFrequency', 5));
    const [labels, scores] = await classify(net, test.X);
    const correct = Array.from(labels.codes).filter((c, i) => c === test.Y.codes[i]).length;
    expect(correct / 64).toBeGreaterThan(0.9);
    expect(scores.dims).toEqual([64, 2]);
    expect(info.TrainingLoss.numel).toBe(36);
    expect(info.FinalValidationAccuracy).toBeGreaterThan(90);
    expect(Number.isNaN(info.ValidationLoss.data[1])).toBe(true);
    expect(Number.isNaN(info.ValidationLoss.data[4])).toBe(false);
    expect((layers[1] as unknown as { Weights: MArray | null }).Weights).toBeNull();
    expect(net.Layers.get(9).describe()).toBe("crossentropyex with 'left' and 1 other classes");
  });

  it('Verbose true prints MATLAB’s table: rows at iteration 1, every VerboseFrequency, every validation and the last', async () => {
    rng(0);
    const { X, Y } = toyData(64, 8);
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { lines.push(a.join(' ')); });
    try {
      await trainNetwork(X, Y, toyLayers(), trainingOptions('sgdm', 'MaxEpochs', 3, 'MiniBatchSize', 16, 'VerboseFrequency', 5, 'ValidationData', [X, Y], 'ValidationFrequency', 4));
    } finally {
      spy.mockRestore();
    }
    const text = lines.join('\n');
    // MATLAB names the hardware first (issue 11).
    expect(lines[0]).toBe('Training on single CPU.');
    expect(lines[1]).toBe('Initializing input data normalization.');
    expect(text).toContain('|  Epoch  |  Iteration  |  Time Elapsed  |  Mini-batch  |  Validation  |  Mini-batch  |  Validation  |  Base Learning  |');
    const iterations = lines.filter((l) => /^\|\s+\d+ \|/.test(l)).map((l) => Number(l.split('|')[2]));
    expect(iterations).toEqual([1, 4, 5, 8, 10, 12]);
    expect(lines[lines.length - 1]).toBe('Training finished: Max epochs completed.');
    expect(text.split('\n').filter((l) => l.startsWith('|')).every((l) => l.length === 120)).toBe(true);
  });

  it('stops on ValidationPatience: after that many validations without a new lowest loss', async () => {
    rng(0);
    const X = MArray.from(Array.from({ length: 64 * 8 }, (_, i) => Math.sin(i * 1.3)), [1, 1, 8, 64], 'single');
    const Y = categorical(Array.from({ length: 64 }, (_, i) => (Math.sin(i * 7.7) > 0 ? 'a' : 'b')));
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { lines.push(a.join(' ')); });
    let info;
    try {
      [, info] = await trainNetwork(X, Y, [imageInputLayer([1, 1, 8], 'Normalization', 'none'), fullyConnectedLayer(2), softmaxLayer(), classificationLayer()],
        trainingOptions('sgdm', 'MaxEpochs', 50, 'MiniBatchSize', 16, 'InitialLearnRate', 0.5, 'ValidationData', [X, Y], 'ValidationFrequency', 1, 'ValidationPatience', 3));
    } finally {
      spy.mockRestore();
    }
    const v = Array.from(info.ValidationLoss.data);
    expect(v.length).toBeLessThan(200);
    const best = Math.min(...v.slice(0, -3));
    expect(v.slice(-3).every((x) => x >= best)).toBe(true);
    expect(lines[lines.length - 1]).toBe('Training finished: Met validation criterion.');
  });

  it('stops when the training loss becomes NaN, as MATLAB', async () => {
    rng(0);
    const { X, Y } = toyData(32, 9);
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { lines.push(a.join(' ')); });
    let info;
    try {
      // No input normalisation, no batch norm and a huge learning rate: the run diverges.
      [, info] = await trainNetwork(X, Y, [imageInputLayer([8, 8, 1], 'Normalization', 'none'), fullyConnectedLayer(2), softmaxLayer(), classificationLayer()],
        trainingOptions('sgdm', 'MaxEpochs', 50, 'MiniBatchSize', 8, 'InitialLearnRate', 1e6));
    } finally {
      spy.mockRestore();
    }
    expect(info.TrainingLoss.numel).toBeLessThan(200);
    expect(Number.isNaN(info.TrainingLoss.data[info.TrainingLoss.numel - 1])).toBe(true);
    expect(lines[lines.length - 1]).toBe('Training finished: Training loss is NaN.');
  });

  it('regression: learns y = mean intensity (RMSE far below the spread of y)', async () => {
    rng(1);
    const { X: raw } = toyData(64, 3);
    const X = MArray.from(Array.from(raw.data, (v) => v / 255), raw.dims, 'single');
    // A linear response of two pixels: y = 2·x(1,1) − x(8,8).
    const y = MArray.from(Array.from({ length: 64 }, (_, i) => 2 * X.data[i * 64] - X.data[i * 64 + 63]), [64, 1]);
    const [net, info] = await trainNetwork(X, y, [imageInputLayer([8, 8, 1], 'Normalization', 'none'), fullyConnectedLayer(1), regressionLayer()],
      trainingOptions('adam', 'MaxEpochs', 100, 'MiniBatchSize', 16, 'InitialLearnRate', 0.02, 'Verbose', false));
    const p = await predict(net, X);
    const mean = Array.from(y.data).reduce((a, v) => a + v, 0) / 64;
    const err = Math.sqrt(Array.from(p.data).reduce((a, v, i) => a + (v - y.data[i]) ** 2, 0) / 64);
    const spread = Math.sqrt(Array.from(y.data).reduce((a, v) => a + (v - mean) ** 2, 0) / 64);
    expect(err).toBeLessThan(0.3 * spread);
    // The mini-batch RMSE MATLAB reports falls as training goes.
    expect(info.TrainingAccuracy.data[399]).toBeLessThan(info.TrainingAccuracy.data[0]);
  });

  it('keeps the tensor count flat across epochs (no leak)', async () => {
    rng(0);
    const { X, Y } = toyData(64, 4);
    const counts: number[] = [];
    const options = trainingOptions('sgdm', 'MaxEpochs', 4, 'MiniBatchSize', 16, 'Verbose', false, 'ValidationData', [X, Y], 'ValidationFrequency', 4,
      'OutputFcn', (s: { Iteration: number }) => { if (s.Iteration % 4 === 0) counts.push(tf.memory().numTensors); return false; });
    const before = tf.memory().numTensors;
    const net = await trainNetwork(X, Y, toyLayers(), options);
    expect(counts).toHaveLength(4);
    expect(new Set(counts).size).toBe(1);
    net.releaseTensors();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the compiled inference pass (BN folded, bias and ReLU fused) matches the layer-by-layer pass', async () => {
    rng(0);
    const { X, Y } = toyData(48, 7);
    const layers = [imageInputLayer([8, 8, 1]), convolution2dLayer(3, 4, 'Padding', 1), batchNormalizationLayer(), reluLayer(),
      convolution2dLayer(3, 6, 'Stride', 2, 'Padding', 'same'), batchNormalizationLayer(), maxPooling2dLayer(2),
      convolution2dLayer(1, 3, 'DilationFactor', 2), reluLayer(), fullyConnectedLayer(2), softmaxLayer(), classificationLayer()];
    const net = await trainNetwork(X, Y, layers, trainingOptions('sgdm', 'MaxEpochs', 2, 'MiniBatchSize', 16, 'Verbose', false));
    const x = tf.tensor4d(Array.from({ length: 48 * 64 }, (_, i) => (i * 37) % 255), [48, 8, 8, 1]);
    for (const end of [2, 3, 4, 6, 9, 12]) {
      const fused = net.forward(x, end - 1).dataSync();
      const plain = net.forwardUnfused(x, end - 1).dataSync();
      const scale = Math.max(...Array.from(plain, Math.abs));
      const worst = Math.max(...Array.from(fused, (v, i) => Math.abs(v - plain[i])));
      expect(worst / scale, `layers 1..${end}`).toBeLessThan(1e-5);
    }
  });

  it('save/load round trip of a trained network gives identical predictions', async () => {
    rng(0);
    const { X, Y } = toyData(32, 5);
    const net = await trainNetwork(X, Y, toyLayers(), trainingOptions('sgdm', 'MaxEpochs', 2, 'MiniBatchSize', 16, 'Verbose', false));
    const dir = mkdtempSync(join(tmpdir(), 'dltb-net-'));
    const file = await save(join(dir, 'alldata'), { net, X });
    const back = await load(file);
    expect(back.net).toBeInstanceOf(SeriesNetwork);
    const a = await predict(net, X);
    const b = await predict(back.net, back.X);
    expect(Array.from(b.data)).toEqual(Array.from(a.data));
    expect(back.net.Layers.displayMatlab()).toBe(net.Layers.displayMatlab());
  });
});

describe('bad input', () => {
  const { X, Y } = toyData(8, 6);
  const opts = () => trainingOptions('sgdm', 'MaxEpochs', 1, 'Verbose', false);

  it('a layer array without an input layer', async () => {
    await expect(trainNetwork(X, Y, [fullyConnectedLayer(2), softmaxLayer(), classificationLayer()], opts())).rejects.toThrow(/first layer must be an input layer/);
  });

  it('a layer array without an output layer', async () => {
    await expect(trainNetwork(X, Y, [imageInputLayer([8, 8, 1]), fullyConnectedLayer(2), softmaxLayer()], opts())).rejects.toThrow(/last layer must be an output layer/);
  });

  it('images of the wrong size for the input layer', async () => {
    await expect(trainNetwork(X, Y, [imageInputLayer([9, 9, 1]), fullyConnectedLayer(2), softmaxLayer(), classificationLayer()], opts())).rejects.toThrow(/8×8×1 but the input layer expects images of size 9×9×1/);
  });

  it('an output size that does not match the number of classes', async () => {
    await expect(trainNetwork(X, Y, [imageInputLayer([8, 8, 1]), fullyConnectedLayer(3), softmaxLayer(), classificationLayer()], opts())).rejects.toThrow(/output size \(3\).*number of classes \(2\)/);
  });

  it('options that are not trainingOptions, and labels that do not match the images', async () => {
    await expect(trainNetwork(X, Y, toyLayers(), { MaxEpochs: 1 })).rejects.toThrow(/trainingOptions/);
    await expect(trainNetwork(X, categorical(['a', 'b']), toyLayers(), opts())).rejects.toThrow(/number of labels \(2\) must equal the number of images \(8\)/);
  });

  it('layer constructors reject bad arguments with the option named', () => {
    expect(() => convolution2dLayer(0, 4)).toThrow(/filterSize/);
    expect(() => convolution2dLayer(3, 4, 'Padding', 'valid')).toThrow(/'Padding'/);
    expect(() => convolution2dLayer(3, 4, 'Weight', 1)).toThrow(/'Weight' is an ambiguous parameter name/);
    expect(convolution2dLayer(3, 4, 'strid', 2).Stride).toEqual([2, 2]);
    expect(() => convolution2dLayer(3, 4, 'Bogus', 1)).toThrow(/'Bogus' is not a recognized parameter/);
    expect(() => maxPooling2dLayer(2, 'Stride', -1)).toThrow(/'Stride'/);
    expect(() => fullyConnectedLayer(2.5)).toThrow(/outputSize/);
    expect(() => dropoutLayer(1.5)).toThrow(/probability/);
    expect(() => imageInputLayer([28, 28, 1], 'Normalization', 'zscores')).toThrow(/zerocenter/);
    expect(() => assembleNetwork([imageInputLayer([4, 4, 1]), convolution2dLayer(3, 2)])).toThrow(/has no 'Weights'/);
  });
});

describe('display', () => {
  it('a layer array shows as MATLAB’s, index right-aligned in six characters', () => {
    const layers = [imageInputLayer([28, 28, 1]), convolution2dLayer(3, 16, 'Padding', 1), batchNormalizationLayer(), reluLayer(),
      maxPooling2dLayer(2, 'Stride', 2), convolution2dLayer(3, 32, 'Padding', 1), batchNormalizationLayer(), reluLayer(),
      maxPooling2dLayer(2, 'Stride', 2), convolution2dLayer(3, 64, 'Padding', 1), batchNormalizationLayer(), reluLayer(),
      fullyConnectedLayer(10), softmaxLayer(), classificationLayer()];
    const lines = displayText('layers', layers).split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'layers =',
      '',
      '  15×1 Layer array with layers:',
      '',
      "     1   ''   Image Input             28×28×1 images with 'zerocenter' normalization",
    ]);
    expect(lines).toContain("     2   ''   Convolution             16 3×3 convolutions with stride [1  1] and padding [1  1  1  1]");
    expect(lines).toContain("     5   ''   Max Pooling             2×2 max pooling with stride [2  2] and padding [0  0  0  0]");
    expect(lines).toContain("    13   ''   Fully Connected         10 fully connected layer");
    expect(lines).toContain("    15   ''   Classification Output   crossentropyex");
  });

  it('a copy of a pooling layer (net.Layers, a layer graph, a loaded file) describes itself as the original does', () => {
    for (const l of [maxPooling2dLayer(3, 'Stride', 2, 'Padding', [0, 1, 0, 1]), averagePooling2dLayer(7, 'Stride', 7)]) {
      expect(l.clone().describe()).toBe(l.describe());
    }
    expect(maxPooling2dLayer(3).clone().describe()).toBe('3×3 max pooling with stride [1  1] and padding [0  0  0  0]');
  });
});
