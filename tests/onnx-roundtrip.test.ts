/**
 * exportONNXNetwork → importONNXNetwork → predict gives the original
 * network's predictions: the trained course CNN (over the opsets) and graph
 * network, the four ImageNet architectures with random weights and
 * statistics, and the networks holding the other layer forms. The imported
 * network has the original's layer classes in order — its input
 * normalization, exported as Sub/Div/Mul/Add nodes, comes back as MATLAB's
 * importer brings such nodes, an imageInputLayer with 'Normalization','none'
 * followed by one elementwise affine layer per node — and its class names
 * when they are given. Where the weights and statistics come back unchanged
 * (every network but the divided or rescaled inputs, whose factors come back
 * as reciprocals), the predictions are bit for bit the same.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  MArray, exportONNXNetwork, importONNXNetwork, useExecutionEnvironment, imageInputLayer, featureInputLayer, convolution2dLayer,
  groupedConvolution2dLayer, batchNormalizationLayer, reluLayer, leakyReluLayer, clippedReluLayer, eluLayer, sigmoidLayer, tanhLayer,
  maxPooling2dLayer, averagePooling2dLayer, globalAveragePooling2dLayer, crossChannelNormalizationLayer, dropoutLayer, fullyConnectedLayer,
  softmaxLayer, classificationLayer, regressionLayer,
} from '../src/index.ts';
import type { Network } from '../src/network/Network.ts';
import type { InputLayer } from '../src/layers/imageInputLayer.ts';
import { ONNXElementwiseAffineLayer } from '../src/onnx/importLayers.ts';
import { trainedMnistNetworks, concreteArchitecture, concreteNetwork, randomImages, relativeDifference, toolboxPredict, ARCHITECTURES } from './helpers/onnxNetworks.ts';

const work = mkdtempSync(path.join(tmpdir(), 'dltb-onnx-roundtrip-'));

beforeAll(async () => {
  await useExecutionEnvironment('auto');
});

const AFFINE = 'nnet.onnx.layer.ElementwiseAffineLayer';

/** The layer classes in order, the output layer aside. */
function classesOf(net: Network): string[] {
  return net.ownLayers.filter((l) => !l.isOutput).map((l) => l.declaration.className);
}

/** The ONNX nodes exportONNXNetwork writes for an input normalization (each imported as an affine layer). */
function normalizationSteps(input: InputLayer): number {
  const n = input.Normalization;
  return n === 'zerocenter' ? (input.Mean ? 1 : 0) : n === 'zscore' || n === 'rescale-zero-one' ? 2 : n === 'rescale-symmetric' ? 3 : 0;
}

/** The imported network's affine layers right after its input. */
function affineLayers(net: Network): ONNXElementwiseAffineLayer[] {
  return net.ownLayers.filter((l): l is ONNXElementwiseAffineLayer => l instanceof ONNXElementwiseAffineLayer);
}

/** Export at `opset`, import (class names as the original's), predict both on `x`; returns the relative difference. */
async function roundTrip(net: Network, x: MArray, name: string, opset: number): Promise<{ d: number; back: Network }> {
  const f = path.join(work, `${name}-${opset}.onnx`);
  await exportONNXNetwork(net, f, 'OpsetVersion', opset);
  const classes = net.classNames;
  const back = (classes.length ? importONNXNetwork(f, 'OutputLayerType', 'classification', 'ClassNames', classes) : importONNXNetwork(f, 'OutputLayerType', 'regression')) as unknown as Network;
  const original = net.ownLayers[0] as InputLayer;
  const expected = classesOf(net);
  expected.splice(1, 0, ...Array<string>(normalizationSteps(original)).fill(AFFINE));
  expect(classesOf(back)).toEqual(expected);
  expect(back.classNames).toEqual(classes);
  expect((back.ownLayers[0] as InputLayer).Normalization).toBe('none');
  const d = relativeDifference(await toolboxPredict(back, x), await toolboxPredict(net, x));
  expect(d).toBeLessThan(1e-5);
  return { d, back };
}

describe('export → import → predict: trained MNIST networks', () => {
  let nets: Awaited<ReturnType<typeof trainedMnistNetworks>>;
  beforeAll(async () => {
    nets = await trainedMnistNetworks();
  });

  it.each([6, 8, 11, 13, 17])('the course CNN at opset %i: same layers, same normalization, same scores', async (opset) => {
    const x = randomImages(nets.course, 6, opset);
    const { d, back } = await roundTrip(nets.course, x, 'course', opset);
    // The mean image comes back as the affine layer's Offset, negated, H×W×C.
    const mean = (nets.course.ownLayers[0] as InputLayer).Mean!;
    const [affine] = affineLayers(back);
    expect(Array.from(affine.Offset.data)).toEqual(Array.from(mean.data, (v) => -v));
    expect(affine.Offset.dims).toEqual([28, 28]);
    expect(Array.from(affine.Scale.data)).toEqual([1]);
    expect(d).toBe(0); // the same weights in the same layers: bit for bit
    console.log(`course CNN, opset ${opset}: round trip ${d.toExponential(2)} relative`);
  });

  it('the graph network of #5', async () => {
    const { d } = await roundTrip(nets.graph, randomImages(nets.graph, 4, 2), 'graph', 13);
    expect(d).toBe(0);
    console.log(`graph network: round trip ${d.toExponential(2)} relative`);
  });
});

describe('export → import → predict: the ImageNet architectures', () => {
  it.each(Object.keys(ARCHITECTURES) as (keyof typeof ARCHITECTURES)[])('%s', async (name) => {
    const net = concreteArchitecture(name);
    const { d } = await roundTrip(net, randomImages(net, 2, 9), name, name === 'alexnet' ? 8 : 13);
    expect(d).toBe(0);
    console.log(`${name}: round trip ${d.toExponential(2)} relative`);
  });
});

describe('export → import → predict: other layer forms and normalizations', () => {
  const stat = (v: number[]) => MArray.from(Float32Array.from(v), [1, 1, v.length], 'single');

  it.each([7, 12, 13])('zscore input, padded and grouped convolutions, LRN, both average poolings, the activations, dropout (opset %i)', async (opset) => {
    const net = concreteNetwork([
      imageInputLayer([13, 12, 3], 'Normalization', 'zscore', 'Mean', stat([120, 100, 80]), 'StandardDeviation', stat([60, 50, 40])),
      convolution2dLayer([3, 2], 6, 'Padding', [1, 0, 2, 1], 'Stride', [1, 2]), batchNormalizationLayer(), leakyReluLayer(0.2),
      groupedConvolution2dLayer(3, 2, 3, 'Padding', 'same', 'DilationFactor', 2), clippedReluLayer(0.8),
      convolution2dLayer(3, 4, 'Padding', 1), eluLayer(0.7),
      averagePooling2dLayer(3, 'Stride', 1, 'Padding', [1, 0, 1, 2]), crossChannelNormalizationLayer(3, 'Alpha', 0.01, 'Beta', 0.6, 'K', 1.5),
      averagePooling2dLayer(2, 'Stride', 1, 'Padding', [0, 1, 1, 1], 'PaddingValue', 'mean'), tanhLayer(),
      maxPooling2dLayer(3, 'Stride', 1, 'Padding', [1, 1, 0, 1]), sigmoidLayer(), dropoutLayer(0.3),
      fullyConnectedLayer(7), reluLayer(), fullyConnectedLayer(5), softmaxLayer(), classificationLayer('Classes', ['a', 'b', 'c', 'd', 'e']),
    ], 7);
    const { back } = await roundTrip(net, randomImages(net, 3, 4), 'zoo', opset);
    const [sub, div] = affineLayers(back);
    expect(Array.from(sub.Offset.data)).toEqual([-120, -100, -80]);
    Array.from(div.Scale.data).forEach((v, i) => expect(v).toBeCloseTo(1 / [60, 50, 40][i], 7));
  });

  it.each(['rescale-zero-one', 'rescale-symmetric'])('%s input with a global pool and a regression output', async (normalization) => {
    const net = concreteNetwork([
      imageInputLayer([6, 6, 2], 'Normalization', normalization, 'Min', stat([0, 10]), 'Max', stat([255, 200])),
      convolution2dLayer(3, 4), reluLayer(), globalAveragePooling2dLayer(), fullyConnectedLayer(3), regressionLayer(),
    ], 8);
    const { back } = await roundTrip(net, randomImages(net, 3, 5), normalization, 11);
    const [sub, mul] = affineLayers(back);
    expect(Array.from(sub.Offset.data)).toEqual([-0, -10]);
    const factor = normalization === 'rescale-symmetric' ? 2 : 1;
    Array.from(mul.Scale.data).forEach((v, i) => expect(v).toBeCloseTo(factor / [255, 190][i], 7));
  });

  it('a feature input with zscore statistics', async () => {
    const net = concreteNetwork([
      featureInputLayer(4, 'Normalization', 'zscore', 'Mean', stat([1, 2, 3, 4]), 'StandardDeviation', stat([2, 1, 0.5, 3])),
      fullyConnectedLayer(8), reluLayer(), fullyConnectedLayer(3), regressionLayer(),
    ], 6);
    const x = MArray.from(Float32Array.from({ length: 20 }, (_, i) => Math.sin(i * 1.7) * 5), [5, 4], 'single');
    await roundTrip(net, x, 'features', 13);
  });
});
