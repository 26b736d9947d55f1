/**
 * exportONNXNetwork checked against ONNX Runtime (onnxruntime-node) as the
 * independent reference: the exported file, run by ONNX Runtime on the same
 * random inputs, gives this toolbox's predict within 1e-4 relative — the
 * course CNN and the graph network of #5 trained briefly on MNIST digits, the
 * ImageNet architectures with random weights and batch-norm statistics, and
 * networks holding every other exported layer form, over the opsets. Also
 * ONNX's own checker on each file, BatchSize, and the errors.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import {
  MArray, exportONNXNetwork, useExecutionEnvironment, activations, layerGraph, connectLayers, addLayers, imageInputLayer, featureInputLayer,
  convolution2dLayer, groupedConvolution2dLayer, batchNormalizationLayer, reluLayer, leakyReluLayer, clippedReluLayer, eluLayer, sigmoidLayer,
  tanhLayer, maxPooling2dLayer, averagePooling2dLayer, globalAveragePooling2dLayer, globalMaxPooling2dLayer, crossChannelNormalizationLayer,
  dropoutLayer, fullyConnectedLayer, softmaxLayer, classificationLayer, regressionLayer, additionLayer, depthConcatenationLayer,
  concatenationLayer, flattenLayer, ShapePreservingLayer,
} from '../src/index.ts';
import type { Network } from '../src/network/Network.ts';
import { SoftmaxLayer } from '../src/layers/outputLayers.ts';
import { NAME_PROPERTY, type LayerDeclaration } from '../src/layers/declaration.ts';
import { decodeModel, toNumber } from '../src/onnx/protobuf.ts';
import { tf } from '../src/engine/tf.ts';
import {
  trainedMnistNetworks, concreteArchitecture, concreteNetwork, courseLayers, randomImages, onnxInput, ortPredict, relativeDifference,
  toolboxPredict, ARCHITECTURES,
} from './helpers/onnxNetworks.ts';
import { onnxCheck, withOutputs } from './helpers/onnxChecks.ts';
import { expectMatlabError } from './helpers/errors.ts';

const TOLERANCE = 1e-4;
const work = mkdtempSync(path.join(tmpdir(), 'dltb-onnx-export-'));
const file = (name: string) => path.join(work, name);

beforeAll(async () => {
  await useExecutionEnvironment('auto');
});

/** Export, check with onnx.checker, run in ONNX Runtime, compare with predict; returns the relative difference. */
async function exportAndCompare(net: Network, x: MArray, name: string, ...nv: unknown[]): Promise<number> {
  const f = file(`${name}.onnx`);
  await exportONNXNetwork(net, f, ...nv);
  onnxCheck(f);
  const features = net.ownLayers[0].declaration.className === 'FeatureInputLayer';
  const d = relativeDifference(await ortPredict(f, onnxInput(x, features)), await toolboxPredict(net, x));
  expect(d).toBeLessThan(TOLERANCE);
  return d;
}

/** The layer whose output the softmax normalises (its logits). */
function logitsLayer(net: Network): string {
  const { layers, sources } = net.graph;
  const i = layers.findIndex((l) => l instanceof SoftmaxLayer);
  return layers[sources[i][0]].Name;
}

/** ONNX Runtime's logits (an extra graph output) against activations(net, x, logits layer). */
async function compareLogits(net: Network, f: string, x: MArray): Promise<number> {
  const name = logitsLayer(net);
  const theirs = await ortPredict(withOutputs(f, [name]), onnxInput(x), name);
  const ours = await activations(net, x, name, 'OutputAs', 'rows');
  const d = relativeDifference(theirs.reshapedCopy(ours.dims), ours);
  expect(d).toBeLessThan(TOLERANCE);
  return d;
}

function opsetOf(f: string): { opset: number; ir: number; batch: string } {
  const m = decodeModel('test', readFileSync(f), f);
  const dim = m.graph!.input![0].type!.tensorType!.shape!.dim![0];
  return { opset: toNumber(m.opsetImport![0].version), ir: toNumber(m.irVersion), batch: dim.dimParam || String(toNumber(dim.dimValue)) };
}

describe('exportONNXNetwork: trained MNIST networks against ONNX Runtime', () => {
  let nets: Awaited<ReturnType<typeof trainedMnistNetworks>>;
  beforeAll(async () => {
    nets = await trainedMnistNetworks();
  });

  it('the course CNN: ONNX Runtime gives predict\'s scores on digits and on random images (default opset 8, IR 3, dynamic batch)', async () => {
    const digits = MArray.from(nets.digits.data.slice(0, 784 * 20), [28, 28, 1, 20], 'single');
    const d = await exportAndCompare(nets.course, digits, 'course');
    expect(opsetOf(file('course.onnx'))).toEqual({ opset: 8, ir: 3, batch: 'N' });
    const x = randomImages(nets.course, 5, 11);
    await exportAndCompare(nets.course, x, 'course-random');
    const logits = await compareLogits(nets.course, file('course.onnx'), x);
    console.log(`course CNN: scores ${d.toExponential(2)}, logits ${logits.toExponential(2)} relative`);
  });

  it.each([7, 9, 10, 11, 12, 13, 14, 17])('the course CNN at opset %i', async (opset) => {
    const x = randomImages(nets.course, 3, opset);
    await exportAndCompare(nets.course, x, `course-${opset}`, 'OpsetVersion', opset);
    expect(opsetOf(file(`course-${opset}.onnx`)).opset).toBe(opset);
  });

  it('the course CNN at opset 6: ONNX\'s checker accepts it and its converter\'s opset-7 version runs in ONNX Runtime', async () => {
    // ONNX Runtime has no kernels for opset 6's Sub/BatchNormalization; ONNX's version converter (its own adapters) lifts the file to 7.
    const x = randomImages(nets.course, 3, 6);
    const f = file('course-6.onnx');
    await exportONNXNetwork(nets.course, f, 'OpsetVersion', 6, 'BatchSize', 3);
    expect(opsetOf(f)).toEqual({ opset: 6, ir: 3, batch: '3' });
    onnxCheck(f, { to: 7, file: file('course-6to7.onnx') });
    expect(relativeDifference(await ortPredict(file('course-6to7.onnx'), onnxInput(x)), await toolboxPredict(nets.course, x))).toBeLessThan(TOLERANCE);
  });

  it('the graph network of #5 (residual addition, depth concatenation)', async () => {
    const x = randomImages(nets.graph, 4, 3);
    const d = await exportAndCompare(nets.graph, x, 'graph', 'OpsetVersion', 13);
    const logits = await compareLogits(nets.graph, file('graph.onnx'), x);
    await exportAndCompare(nets.graph, x, 'graph-9', 'OpsetVersion', 9);
    console.log(`graph network: scores ${d.toExponential(2)}, logits ${logits.toExponential(2)} relative`);
  });
});

describe('exportONNXNetwork: the ImageNet architectures (\'Weights\',\'none\', weights drawn, random batch-norm statistics and mean image)', () => {
  it.each(Object.keys(ARCHITECTURES) as (keyof typeof ARCHITECTURES)[])('%s', async (name) => {
    const net = concreteArchitecture(name);
    const x = randomImages(net, 2, 5);
    const d = await exportAndCompare(net, x, name, 'OpsetVersion', name === 'alexnet' ? 8 : 13);
    const logits = await compareLogits(net, file(`${name}.onnx`), x);
    console.log(`${name}: scores ${d.toExponential(2)}, logits ${logits.toExponential(2)} relative`);
  });
});

/** Every remaining layer form in one chain: asymmetric and dilated convolutions, groups, PaddingValue, both average-pooling paddings, an even LRN window, the activations. */
function zooSeries() {
  const stat = (v: number[]) => MArray.from(Float32Array.from(v), [1, 1, v.length], 'single');
  return [
    imageInputLayer([13, 12, 3], 'Normalization', 'zscore', 'Mean', stat([120, 100, 80]), 'StandardDeviation', stat([60, 50, 40])),
    convolution2dLayer([3, 2], 6, 'Padding', [1, 0, 2, 1], 'Stride', [1, 2]), batchNormalizationLayer(), leakyReluLayer(0.2),
    groupedConvolution2dLayer(3, 2, 3, 'Padding', 'same', 'DilationFactor', 2), clippedReluLayer(0.8),
    convolution2dLayer(3, 4, 'Padding', 1, 'PaddingValue', 0.5), eluLayer(0.7),
    groupedConvolution2dLayer(3, 2, 'channel-wise', 'Padding', [0, 1, 1, 0], 'Stride', 2),
    averagePooling2dLayer(3, 'Stride', 1, 'Padding', [1, 0, 1, 2]),
    crossChannelNormalizationLayer(4, 'Alpha', 0.01, 'Beta', 0.6, 'K', 1.5),
    averagePooling2dLayer(2, 'Stride', 1, 'Padding', [0, 1, 1, 1], 'PaddingValue', 'mean'), tanhLayer(),
    maxPooling2dLayer(3, 'Stride', 1, 'Padding', [1, 1, 0, 1]), sigmoidLayer(), dropoutLayer(0.3),
    fullyConnectedLayer(7), reluLayer(), fullyConnectedLayer(5), softmaxLayer(), classificationLayer(),
  ];
}

/** Sum of three, concatenations along H and W and channels, a spatial softmax, a regression output. */
function zooGraph() {
  const stat = (v: number[]) => MArray.from(Float32Array.from(v), [1, 1, v.length], 'single');
  let g = layerGraph([
    imageInputLayer([6, 5, 2], 'Name', 'in', 'Normalization', 'rescale-symmetric', 'Min', stat([0, 10]), 'Max', stat([255, 200])),
    convolution2dLayer(3, 4, 'Padding', 'same', 'Name', 'a'),
    additionLayer(3, 'Name', 'sum3'),
    concatenationLayer(1, 2, 'Name', 'catH'),
    concatenationLayer(2, 2, 'Name', 'catW'),
    depthConcatenationLayer(2, 'Name', 'catC'),
    softmaxLayer('Name', 'sm'), regressionLayer('Name', 'out'),
  ]);
  g = addLayers(g, convolution2dLayer(1, 4, 'Name', 'b'));
  g = addLayers(g, convolution2dLayer(3, 4, 'Padding', 1, 'Name', 'c'));
  g = addLayers(g, convolution2dLayer(1, 4, 'Name', 'd'));
  g = addLayers(g, convolution2dLayer(3, 3, 'Padding', 1, 'Name', 'e'));
  for (const [from, to] of [['in', 'b'], ['in', 'c'], ['b', 'sum3/in2'], ['c', 'sum3/in3'], ['a', 'catH/in2'], ['catH', 'd'], ['d', 'catW/in2'], ['catW', 'e'], ['e', 'catC/in2']]) {
    g = connectLayers(g, from, to);
  }
  return g;
}

/** Flatten, global pools, a rank-2 batch norm and addition. */
function zooPools() {
  let g = layerGraph([
    imageInputLayer([5, 4, 3], 'Name', 'in', 'Normalization', 'rescale-zero-one', 'Min', 0, 'Max', 255),
    convolution2dLayer(2, 6, 'Name', 'conv'), globalMaxPooling2dLayer('Name', 'gmax'),
    depthConcatenationLayer(2, 'Name', 'cat'), fullyConnectedLayer(6, 'Name', 'fc1'), batchNormalizationLayer('Name', 'bn'), tanhLayer('Name', 'tanh'),
    additionLayer(2, 'Name', 'add'), fullyConnectedLayer(4, 'Name', 'fc2'), softmaxLayer('Name', 'sm'), classificationLayer('Name', 'out'),
  ]);
  g = addLayers(g, globalAveragePooling2dLayer('Name', 'gavg'));
  g = addLayers(g, flattenLayer('Name', 'flat'));
  g = addLayers(g, [fullyConnectedLayer(6, 'Name', 'fcflat'), batchNormalizationLayer('Name', 'bnflat')]);
  // Both addends through a batch norm: the toolbox's addition needs inputs of one engine rank (a fully connected output is N×K, a batch norm's N×1×1×K).
  for (const [from, to] of [['conv', 'gavg'], ['gavg', 'cat/in2'], ['in', 'flat'], ['flat', 'fcflat'], ['bnflat', 'add/in2']]) g = connectLayers(g, from, to);
  return g;
}

describe('exportONNXNetwork: every exported layer form, over the opsets', () => {
  const nets = () => ({ series: concreteNetwork(zooSeries(), 3), graph: concreteNetwork(zooGraph(), 4), pools: concreteNetwork(zooPools(), 5) });

  it.each([7, 9, 10, 11, 12, 13, 17])('opset %i: ONNX Runtime gives predict\'s outputs (N×K scores, an H×W×C×N regression)', async (opset) => {
    const { series, graph, pools } = nets();
    await exportAndCompare(series, randomImages(series, 3, opset), `zoo-series-${opset}`, 'OpsetVersion', opset);
    await exportAndCompare(graph, randomImages(graph, 3, opset), `zoo-graph-${opset}`, 'OpsetVersion', opset);
    await exportAndCompare(pools, randomImages(pools, 3, opset), `zoo-pools-${opset}`, 'OpsetVersion', opset);
  });

  it('opset 6, through ONNX\'s checker and version converter', async () => {
    for (const [name, net] of Object.entries(nets())) {
      const x = randomImages(net, 2, 8);
      const f = file(`zoo-${name}-6.onnx`);
      await exportONNXNetwork(net, f, 'OpsetVersion', 6, 'BatchSize', 2);
      onnxCheck(f, { to: 7, file: file(`zoo-${name}-6to7.onnx`) });
      expect(relativeDifference(await ortPredict(file(`zoo-${name}-6to7.onnx`), onnxInput(x)), await toolboxPredict(net, x))).toBeLessThan(TOLERANCE);
    }
  });

  it('a feature input (zscore) with fully connected layers, a rank-2 batch norm and a regression output', async () => {
    const stat = (v: number[]) => MArray.from(Float32Array.from(v), [1, 1, v.length], 'single');
    const net = concreteNetwork([
      featureInputLayer(4, 'Normalization', 'zscore', 'Mean', stat([1, 2, 3, 4]), 'StandardDeviation', stat([2, 1, 0.5, 3])),
      fullyConnectedLayer(8), batchNormalizationLayer(), reluLayer(), fullyConnectedLayer(3), regressionLayer(),
    ], 6);
    const x = MArray.from(Float32Array.from({ length: 20 }, (_, i) => Math.sin(i * 1.7) * 5), [5, 4], 'single');
    for (const opset of [7, 13]) await exportAndCompare(net, x, `features-${opset}`, 'OpsetVersion', opset);
  });

  it('names nodes and tensors after the MATLAB layers, and holds the weights in ONNX\'s layouts', async () => {
    const { graph } = nets();
    await exportONNXNetwork(graph, file('names.onnx'), 'NetworkName', 'zoo');
    const m = decodeModel('test', readFileSync(file('names.onnx')), 'names.onnx').graph!;
    expect(m.name).toBe('zoo');
    const model = decodeModel('test', readFileSync(file('names.onnx')), 'names.onnx');
    expect([model.producerName, model.producerVersion]).toEqual(['matlab-dltb', JSON.parse(readFileSync('package.json', 'utf8')).version]);
    expect(m.input![0].name).toBe('in');
    expect(m.output![0].name).toBe('sm');
    const conv = m.node!.find((n) => n.name === 'c')!;
    expect(conv.opType).toBe('Conv');
    expect(conv.output).toEqual(['c']);
    const w = m.initializer!.find((t) => t.name === conv.input![1])!;
    expect(w.dims!.map(toNumber)).toEqual([4, 2, 3, 3]);
    expect(m.node!.find((n) => n.name === 'sum3')!.opType).toBe('Sum');
    expect(toNumber(m.node!.find((n) => n.name === 'catH')!.attribute!.find((a) => a.name === 'axis')!.i)).toBe(2);
  });
});

describe('exportONNXNetwork: BatchSize', () => {
  it('a fixed BatchSize writes that batch dimension (ONNX Runtime refuses another); the default [] writes a dynamic one', async () => {
    const net = concreteNetwork(courseLayers(), 2);
    await exportONNXNetwork(net, file('fixed.onnx'), 'BatchSize', 3);
    await exportONNXNetwork(net, file('dynamic.onnx'), 'BatchSize', []);
    expect(opsetOf(file('fixed.onnx')).batch).toBe('3');
    expect(opsetOf(file('dynamic.onnx')).batch).toBe('N');
    const three = randomImages(net, 3, 1);
    expect(relativeDifference(await ortPredict(file('fixed.onnx'), onnxInput(three)), await toolboxPredict(net, three))).toBeLessThan(TOLERANCE);
    const two = randomImages(net, 2, 2);
    await expect(ortPredict(file('fixed.onnx'), onnxInput(two))).rejects.toThrow(/dimension|Got: 2/i);
    for (const n of [1, 2, 7]) {
      const x = randomImages(net, n, n);
      expect(relativeDifference(await ortPredict(file('dynamic.onnx'), onnxInput(x)), await toolboxPredict(net, x))).toBeLessThan(TOLERANCE);
    }
    const fixedOut = decodeModel('test', readFileSync(file('fixed.onnx')), 'fixed').graph!.output![0].type!.tensorType!.shape!.dim!;
    expect(fixedOut.map((d) => toNumber(d.dimValue))).toEqual([3, 10]);
  });
});

class TimesTwoLayer extends ShapePreservingLayer {
  static readonly declaration: LayerDeclaration = { className: 'TimesTwoLayer', type: 'Times two', defaultName: 'times2', version: 1, properties: [NAME_PROPERTY] };
  describe(): string {
    return 'times two';
  }
  forward(x: tf.Tensor): tf.Tensor {
    return tf.mul(x, 2);
  }
}

describe('exportONNXNetwork: errors', () => {
  const net = concreteNetwork(courseLayers(), 3);

  it('refuses what is not a network, bad options and values, each with MATLAB\'s style of message', async () => {
    await expectMatlabError(exportONNXNetwork(courseLayers(), file('x.onnx')), 'exportONNXNetwork:invalidNetwork', 'SeriesNetwork or DAGNetwork');
    await expectMatlabError(exportONNXNetwork(layerGraph(courseLayers()), file('x.onnx')), 'exportONNXNetwork:invalidNetwork');
    await expectMatlabError(exportONNXNetwork(42, file('x.onnx')), 'exportONNXNetwork:invalidNetwork');
    await expectMatlabError(exportONNXNetwork(net, 7), 'exportONNXNetwork:invalidFilename');
    await expectMatlabError(exportONNXNetwork(net, ''), 'exportONNXNetwork:invalidFilename');
    for (const v of [5, 18, 8.5, 'eight', [8, 9], -1]) {
      await expectMatlabError(exportONNXNetwork(net, file('x.onnx'), 'OpsetVersion', v), 'exportONNXNetwork:invalidOpsetVersion', 'from 6 to 17');
    }
    for (const v of [0, -2, 1.5, 'one', [1, 2]]) {
      await expectMatlabError(exportONNXNetwork(net, file('x.onnx'), 'BatchSize', v), 'exportONNXNetwork:invalidBatchSize', "[] or a positive integer");
    }
    await expectMatlabError(exportONNXNetwork(net, file('x.onnx'), 'NetworkName', 3), 'exportONNXNetwork:invalidNetworkName');
    await expectMatlabError(exportONNXNetwork(net, file('x.onnx'), 'Version', 8), 'exportONNXNetwork:unrecognizedParameter');
    await expectMatlabError(exportONNXNetwork(net, file('x.onnx'), 'OpsetVersion'), 'exportONNXNetwork:invalidNameValue');
    // Prefixes and any case, as MATLAB's name-value parsing.
    await exportONNXNetwork(net, file('prefix.onnx'), 'opset', 11, 'batch', 2);
    expect(opsetOf(file('prefix.onnx'))).toEqual({ opset: 11, ir: 6, batch: '2' });
    expect(readdirSync(work)).not.toContain('x.onnx');
  });

  it('names every layer that cannot be exported, and writes nothing', async () => {
    const layers = [
      imageInputLayer([8, 8, 1], 'Name', 'in', 'Normalization', (x: MArray) => x),
      convolution2dLayer(3, 2, 'Name', 'conv'), new TimesTwoLayer(),
      averagePooling2dLayer(2, 'Padding', 1, 'PaddingValue', 3, 'Name', 'pool'),
      fullyConnectedLayer(2, 'Name', 'fc'), softmaxLayer('Name', 'sm'), classificationLayer('Name', 'out'),
    ];
    (layers[2] as TimesTwoLayer).Name = 'twice';
    const bad = concreteNetwork(layers, 4);
    const e = await expectMatlabError(exportONNXNetwork(bad, file('bad.onnx')), 'exportONNXNetwork:unsupportedLayer',
      "layer 'in' (ImageInputLayer): its Normalization is a function handle", "layer 'twice' (TimesTwoLayer): this layer type has no ONNX export",
      "layer 'pool' (AveragePooling2DLayer): its PaddingValue 3");
    expect(e.message).not.toContain("'conv'");
    const mixed = concreteNetwork([
      imageInputLayer([4, 4, 2], 'Name', 'in', 'Normalization', 'rescale-zero-one', 'Min', MArray.from(Float32Array.of(0, 1), [1, 1, 2], 'single'),
        'Max', MArray.from(new Float32Array(32).fill(255), [4, 4, 2], 'single')),
      fullyConnectedLayer(2), softmaxLayer(), classificationLayer(),
    ], 5);
    await expectMatlabError(exportONNXNetwork(mixed, file('bad.onnx')), 'exportONNXNetwork:unsupportedLayer', "layer 'in'", 'Min (2 values) and Max (32 values)');
    expect(readdirSync(work)).not.toContain('bad.onnx');
  });

  it('an unwritable target fails clearly, leaving the folder as it was and an existing file untouched', async () => {
    const folder = path.join(work, 'target');
    mkdirSync(path.join(folder, 'a-folder'), { recursive: true });
    writeFileSync(path.join(folder, 'old.onnx'), 'previous contents');
    const before = readdirSync(folder).sort();
    await expectMatlabError(exportONNXNetwork(net, path.join(folder, 'missing', 'net.onnx')), 'exportONNXNetwork:fileWriteError', 'missing');
    await expectMatlabError(exportONNXNetwork(net, path.join(folder, 'old.onnx', 'net.onnx')), 'exportONNXNetwork:fileWriteError');
    // The rename onto a folder fails after the whole file was written: the temp file goes too.
    await expectMatlabError(exportONNXNetwork(net, path.join(folder, 'a-folder')), 'exportONNXNetwork:fileWriteError', 'a-folder');
    await expectMatlabError(exportONNXNetwork(net, path.join(folder, 'old.onnx'), 'OpsetVersion', 99), 'exportONNXNetwork:invalidOpsetVersion');
    expect(readdirSync(folder).sort()).toEqual(before);
    expect(readdirSync(path.join(folder, 'a-folder'))).toEqual([]);
    expect(readFileSync(path.join(folder, 'old.onnx'), 'utf8')).toBe('previous contents');
    // And a successful export replaces the file whole.
    await exportONNXNetwork(net, path.join(folder, 'old.onnx'));
    const session = await ort.InferenceSession.create(path.join(folder, 'old.onnx'));
    expect(session.inputNames).toEqual([net.ownLayers[0].Name]);
    await session.release();
  });
});
