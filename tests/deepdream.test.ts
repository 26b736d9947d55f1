import { describe, it, expect, beforeAll } from 'vitest';
import {
  MArray, categorical, imageInputLayer, convolution2dLayer, batchNormalizationLayer, reluLayer, maxPooling2dLayer,
  fullyConnectedLayer, softmaxLayer, classificationLayer, crossChannelNormalizationLayer, additionLayer, dropoutLayer,
  layerGraph, connectLayers, trainingOptions, trainNetwork, classify, rng, deepDreamImage, SeriesNetwork, DAGNetwork,
} from '../src/index.ts';
import { setWriter } from '../src/runtime/output.ts';
import { initializedNetwork } from '../src/network/assembleNetwork.ts';
import { tf } from '../src/engine/tf.ts';
import { dreamGradient, dreamTarget, predictionStages } from '../src/visualize/dreamObjective.ts';
import { layerStages } from '../src/network/topology.ts';
import { laplacianMerge, laplacianNormalize, laplacianSplit } from '../src/visualize/laplacianNormalize.ts';
import { rejectionOf } from './helpers/errors.ts';
import { mnistSubset } from './helpers/mnistSubset.ts';
import type { Network } from '../src/network/Network.ts';

/** Printed strengths of a verbose run, in order. */
function strengthsOf(text: string): number[] {
  return [...text.matchAll(/^\|\s+\d+ \|\s+(-?[\d.]+) \|\s+\d+ \|$/gm)].map((m) => Number(m[1]));
}

async function captured<T>(fn: () => Promise<T>): Promise<{ value: T; text: string }> {
  let text = '';
  const prev = setWriter((t) => { text += t; });
  try {
    return { value: await fn(), text };
  } finally {
    setWriter(prev);
  }
}

let net: SeriesNetwork;
let trainAccuracy = 0;

beforeAll(async () => {
  const { X, labels } = mnistSubset(60);
  rng(1);
  const layers = [imageInputLayer([28, 28, 1]),
    convolution2dLayer(3, 8, 'Padding', 1), batchNormalizationLayer(), reluLayer(), maxPooling2dLayer(2, 'Stride', 2),
    convolution2dLayer(3, 16, 'Padding', 1), batchNormalizationLayer(), reluLayer(),
    fullyConnectedLayer(10, 'Name', 'fc'), softmaxLayer(), classificationLayer()];
  net = await trainNetwork(X, categorical(labels), layers, trainingOptions('sgdm', 'MaxEpochs', 6, 'MiniBatchSize', 64, 'Verbose', false)) as SeriesNetwork;
  const predicted = (await classify(net, X)).toStrings();
  trainAccuracy = predicted.filter((p, i) => p === labels[i]).length / labels.length;
}, 120_000);

describe('deepDreamImage on an MNIST network trained here', () => {
  it('dreams each class into an image the network classifies as that class', async () => {
    expect(trainAccuracy).toBeGreaterThan(0.95);
    rng(0);
    const I = await deepDreamImage(net, 'fc', MArray.row([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
      'PyramidLevels', 1, 'NumIterations', 20, 'OutputScaling', 'none', 'Verbose', false);
    expect(I.dims).toEqual([28, 28, 1, 10]);
    expect(I.cls).toBe('single');
    const [labels] = await classify(net, I);
    const right = labels.toStrings().filter((l, k) => l === String(k)).length;
    expect(right).toBeGreaterThanOrEqual(9);
  });

  it('prints MATLAB\'s table, whose activation strength rises over the iterations', async () => {
    rng(0);
    const { value: I, text } = await captured(() => deepDreamImage(net, 9, 4, 'PyramidLevels', 1));
    const lines = text.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      '|==============================================|',
      '|  Iteration  |  Activation  |  Pyramid Level  |',
      '|             |   Strength   |                 |',
      '|==============================================|',
    ]);
    expect(lines[4]).toMatch(/^\|           1 \|\s+-?\d+\.\d\d \|               1 \|$/);
    expect(lines[14]).toBe(lines[0]);
    const s = strengthsOf(text);
    expect(s).toHaveLength(10); // NumIterations defaults to 10
    for (let k = 1; k < s.length; k++) expect(s[k]).toBeGreaterThan(s[k - 1]);
    expect(s[9] - s[0]).toBeGreaterThan(1);
    // OutputScaling 'linear' (the default) maps the image to [0, 1].
    expect(Math.min(...I.data)).toBe(0);
    expect(Math.max(...I.data)).toBe(1);
  });

  it('runs the pyramid: each level enlarges the image by PyramidScale and restarts the iteration count', async () => {
    rng(0);
    const { value: I, text } = await captured(() => deepDreamImage(net, 'fc', [3, 8], 'NumIterations', 4, 'PyramidScale', 1.5));
    expect(I.dims).toEqual([Math.round(28 * 1.5 ** 2), Math.round(28 * 1.5 ** 2), 1, 2]);
    const rows = [...text.matchAll(/^\|\s+(\d+) \|\s+-?[\d.]+ \|\s+(\d+) \|$/gm)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(rows).toEqual([1, 2, 3].flatMap((level) => [1, 2, 3, 4].map((it) => [it, level])));
    // The strength climbs within every level, the enlarged ones (seen tile by tile) included.
    const s = strengthsOf(text);
    for (let level = 0; level < 3; level++) expect(s[4 * level + 3]).toBeGreaterThan(s[4 * level]);
    // Each image is scaled on its own.
    const half = I.numel / 2;
    expect(Math.min(...I.data.subarray(half))).toBe(0);
    expect(Math.max(...I.data.subarray(0, half))).toBe(1);
  });

  it('starts from InitialImage, and a layer by index is the layer by name', async () => {
    const start = MArray.from(Float32Array.from({ length: 40 * 35 }, (_, i) => (i * 37) % 255), [40, 35], 'uint8');
    rng(5);
    const a = await deepDreamImage(net, 6, 2, 'InitialImage', start, 'PyramidLevels', 1, 'NumIterations', 3, 'OutputScaling', 'none', 'Verbose', false);
    rng(5);
    const b = await deepDreamImage(net, net.Layers.get(6).Name, 2, 'initialimage', start, 'pyramidl', 1, 'NumIter', 3, 'OutputScaling', 'none', 'Verbose', 0);
    expect(a.dims).toEqual([40, 35]);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    // The dream stays near the start image: three normalised steps of size 1.
    let far = 0;
    for (let i = 0; i < a.numel; i++) far = Math.max(far, Math.abs(a.data[i] - start.data[i]));
    expect(far).toBeGreaterThan(0.5);
    expect(far).toBeLessThan(60);
  });
});

describe('deepDreamImage rejects bad input with clear messages', () => {
  const call = (...args: unknown[]) => rejectionOf(deepDreamImage(net, ...(args as [unknown, unknown])));
  it('a channel beyond the layer', async () => {
    expect((await call('fc', 11)).message).toBe("Channel index 11 exceeds the number of channels of layer 'fc' (10).");
    expect((await call(2, 9)).message).toMatch(/Channel index 9 exceeds the number of channels of layer '.*' \(8\)\./);
    expect((await call('fc', 0)).message).toMatch(/positive integers/);
  });
  it('a layer name that does not exist, an index out of range', async () => {
    expect((await call('fc8', 1)).message).toBe("Invalid layer name 'fc8': the network has no layer of that name.");
    expect((await call(12, 1)).message).toBe('Invalid layer index 12: the network has 11 layers.');
  });
  it('the output layer', async () => {
    expect((await call(11, 1)).message).toMatch(/^Layer '.*' is an output layer, which has no activations to visualize\./);
  });
  it('a negative NumIterations, a PyramidScale not above 1, an unknown option', async () => {
    expect((await call('fc', 1, 'NumIterations', -2)).message).toBe("Invalid value for 'NumIterations'. Value must be a positive integer.");
    expect((await call('fc', 1, 'PyramidLevels', 0)).message).toBe("Invalid value for 'PyramidLevels'. Value must be a positive integer.");
    expect((await call('fc', 1, 'PyramidScale', 1)).message).toMatch(/greater than 1/);
    expect((await call('fc', 1, 'OutputScaling', 'log')).message).toMatch(/'linear', 'none'/);
    expect((await call('fc', 1, 'Jitter', 3)).message).toMatch(/'Jitter' is not a recognized parameter/);
  });
  it('an InitialImage of the wrong size', async () => {
    expect((await call('fc', 1, 'InitialImage', MArray.zeros([20, 28]))).message)
      .toBe("Invalid value for 'InitialImage': the image is 20×28; it must have 1 channel(s), as the network's input layer, and be at least 28×28.");
    expect((await call('fc', 1, 'InitialImage', MArray.zeros([28, 28, 3]))).message).toMatch(/the image is 28×28×3; it must have 1 channel/);
  });
  it('something that is not a network', async () => {
    expect((await rejectionOf(deepDreamImage({}, 1, 1))).message).toMatch(/must be a SeriesNetwork or DAGNetwork/);
  });
});

/**
 * grad·v against the central difference (f(x+εv) − f(x−εv)) / 2ε, v of unit norm:
 * along the gradient itself, and along each of the 4 pixels with the largest
 * gradients (directions whose derivative stands well above float32 rounding;
 * random directions over all pixels do not).
 */
async function directionalCheck(n: Network, layer: unknown, channel: number, x: tf.Tensor4D, eps: number): Promise<number[]> {
  const target = dreamTarget(n, layer, channel);
  const stages = predictionStages(n);
  const strength = (t: tf.Tensor) => {
    const g = dreamGradient(target, stages, t as tf.Tensor4D);
    g.grad.dispose();
    return g.strengths[0];
  };
  const { grad } = dreamGradient(target, stages, x);
  const g = Array.from(grad.dataSync());
  const norm = Math.hypot(...g);
  const top = g.map((v, i) => [Math.abs(v), i]).sort((p, q) => q[0] - p[0]).slice(0, 4).map((p) => p[1]);
  const directions = [g.map((v) => v / norm), ...top.map((i) => g.map((_, k) => (k === i ? 1 : 0)))];
  return directions.map((d) => {
    const v = tf.tensor4d(d, x.shape);
    const analytic = d.reduce((sum, di, i) => sum + di * g[i], 0);
    const fd = (strength(tf.add(x, tf.mul(v, eps))) - strength(tf.sub(x, tf.mul(v, eps)))) / (2 * eps);
    return Math.abs(analytic - fd) / Math.max(Math.abs(fd), Math.abs(analytic));
  });
}

describe('the input gradient', () => {
  it('matches finite differences on the trained series network (first convolution included)', async () => {
    const x = tf.add(tf.mul(tf.randomUniform([1, 28, 28, 1], 0, 1, 'float32', 7), 200), 20) as tf.Tensor4D;
    for (const [layer, ch] of [['fc', 3], [2, 5], [7, 12]] as const) {
      const errors = await directionalCheck(net, layer, ch, x, 0.5);
      for (const e of errors) expect(e).toBeLessThan(2e-2);
    }
  });

  it('matches finite differences on a graph network with cross-channel normalisation, strided convolution and a skip connection', async () => {
    rng(3);
    let g = layerGraph([imageInputLayer([12, 12, 3], 'Normalization', 'none', 'Name', 'in'),
      convolution2dLayer(3, 6, 'Padding', 1, 'Stride', 2, 'Name', 'c1'), crossChannelNormalizationLayer(5, 'Name', 'lrn', 'K', 1, 'Alpha', 0.1),
      reluLayer('Name', 'r1'), convolution2dLayer(3, 6, 'Padding', 'same', 'Name', 'c2'), additionLayer(2, 'Name', 'add'),
      dropoutLayer(0.5, 'Name', 'drop'), fullyConnectedLayer(4, 'Name', 'fc'), softmaxLayer('Name', 'sm'), classificationLayer('Name', 'out')]);
    g = connectLayers(g, 'r1', 'add/in2');
    const dag = initializedNetwork(g) as DAGNetwork;
    expect(dag).toBeInstanceOf(DAGNetwork);
    const x = tf.randomNormal([1, 12, 12, 3], 0, 1, 'float32', 11) as tf.Tensor4D;
    for (const [layer, ch] of [['fc', 2], ['add', 4], ['lrn', 1], ['sm', 3]] as const) {
      const errors = await directionalCheck(dag, layer, ch, x, 1e-2);
      for (const e of errors) expect(e).toBeLessThan(2e-2);
    }
    // And the dream climbs on the graph network too.
    rng(0);
    const { text } = await captured(() => deepDreamImage(dag, 'add', [1, 2], 'PyramidLevels', 2, 'NumIterations', 3));
    const s = strengthsOf(text);
    expect(s[2]).toBeGreaterThan(s[0]);
  });

  it('training still skips the first convolution\'s input gradient; prediction does not', () => {
    const topo = net.graph;
    const seen: (boolean | undefined)[] = [];
    const first = topo.layers[1];
    const original = first.forward.bind(first);
    first.forward = (x, p, ctx) => { seen.push(ctx.inputGradient); return original(x, p, ctx); };
    try {
      const params = net.parameterTensors();
      tf.tidy(() => {
        const x = tf.zeros([1, 28, 28, 1]);
        layerStages(topo, params, { training: true })[1]([x]);
        layerStages(topo, params, { training: false })[1]([x]);
      });
    } finally {
      delete (first as { forward?: unknown }).forward;
    }
    expect(seen).toEqual([false, undefined]);
  });
});

describe('Laplacian-pyramid gradient normalisation', () => {
  it('splits into bands that merge back to the input; the normalisation is scale-free and per observation', () => {
    for (const shape of [[2, 28, 28, 1], [2, 31, 45, 3]] as [number, number, number, number][]) {
      tf.tidy(() => {
        const x = tf.randomNormal(shape, 0, 3, 'float32', 2) as tf.Tensor4D;
        const bands = laplacianSplit(x);
        expect(bands.map((b) => b.shape.slice(1, 3))).toEqual([0, 1, 2, 3, 4].map((k) => shape.slice(1, 3).map((s) => Math.ceil(s / 2 ** k))));
        expect(tf.max(tf.abs(tf.sub(laplacianMerge(bands), x))).dataSync()[0]).toBeLessThan(1e-5);
        const n = laplacianNormalize(x);
        // Scaling one observation's gradient by 1000 changes nothing, and the other observation is untouched.
        const scaled = laplacianNormalize(tf.mul(x, tf.tensor4d([1000, 1], [2, 1, 1, 1])) as tf.Tensor4D);
        expect(tf.max(tf.abs(tf.sub(scaled, n))).dataSync()[0]).toBeLessThan(1e-4);
        // The result is of order one whatever the gradient's size.
        const rms = tf.sqrt(tf.mean(tf.square(n))).dataSync()[0];
        expect(rms).toBeGreaterThan(1);
        expect(rms).toBeLessThan(5);
      });
    }
  });
});
