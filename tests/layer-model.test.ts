/**
 * The declared layer model and value semantics: files of the previous format
 * load, layers taken from a network are copies, a trained network's layers
 * retrain (transfer learning) without touching the original, versioned
 * save/load with clear errors, and the grouped property display.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MArray, rng, imageInputLayer, convolution2dLayer, batchNormalizationLayer, reluLayer, maxPooling2dLayer, fullyConnectedLayer,
  softmaxLayer, classificationLayer, additionLayer, trainingOptions, trainNetwork, classify, predict, save, load, SeriesNetwork,
  DAGNetwork, LayerArray, layerGraph, replaceLayer, connectLayers, end,
} from '../src/index.ts';
import { useExecutionEnvironment } from '../src/engine/tf.ts';
import { displayText } from '../src/runtime/display.ts';
import { toyData } from './helpers/toyData.ts';
import { containerChunks, readContainer } from '../src/io/container.ts';

/** A saved file with its JSON header edited by `edit` (then sealed again with a valid checksum, as a hand edit that knows the format would be). */
function editSaved(file: string, out: string, edit: (header: string) => string): void {
  const { meta, blobs } = readContainer(new Uint8Array(readFileSync(file)), file);
  const edited = JSON.parse(edit(JSON.stringify(meta)));
  writeFileSync(out, Buffer.concat([...containerChunks(edited, blobs)]));
}

beforeAll(async () => {
  await useExecutionEnvironment('auto');
});

const quiet = (epochs = 2) => trainingOptions('sgdm', 'MaxEpochs', epochs, 'MiniBatchSize', 16, 'Verbose', false, 'InitialLearnRate', 0.05);

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'dltb-model-'));
}

const layersOf = () => [
  imageInputLayer([8, 8, 1]), convolution2dLayer(3, 4, 'Padding', 'same'), batchNormalizationLayer(), reluLayer(),
  maxPooling2dLayer(2, 'Stride', 2), fullyConnectedLayer(8), reluLayer(), fullyConnectedLayer(2), softmaxLayer(), classificationLayer(),
];

describe('files written by the previous format', () => {
  // tests/fixtures/legacy/workspace-v0.mat was written by commit 6b34c4b (before the declared model):
  // a trained classification net, a regression net, an untrained layer array, the inputs and the scores then predicted.
  const file = join(import.meta.dirname, 'fixtures', 'legacy', 'workspace-v0.mat');

  it('load, and the networks predict exactly what they predicted when saved', async () => {
    const { net, rnet, X, scores, rscores } = await load(file) as Record<string, any>;
    expect(net).toBeInstanceOf(SeriesNetwork);
    expect(Array.from((await predict(net, X)).data)).toEqual(Array.from((scores as MArray).data));
    expect(Array.from((await predict(rnet, X)).data)).toEqual(Array.from((rscores as MArray).data));
  });

  it('restore every layer class with its properties (pooling kinds, factors, padding)', async () => {
    const { net, layers } = await load(file) as Record<string, any>;
    const l = net.Layers as LayerArray;
    expect(Array.from(l, (x) => x.className)).toEqual([
      'ImageInputLayer', 'Convolution2DLayer', 'BatchNormalizationLayer', 'ReLULayer', 'MaxPooling2DLayer', 'Convolution2DLayer',
      'LeakyReLULayer', 'AveragePooling2DLayer', 'DropoutLayer', 'FullyConnectedLayer', 'SoftmaxLayer', 'ClassificationOutputLayer',
    ]);
    expect(l.get(6).WeightLearnRateFactor).toBe(2);
    expect(l.get(2).PaddingMode).toBe('same');
    expect(l.get(7).Scale).toBe(0.1);
    expect(l.get(10).BiasL2Factor).toBe(1);
    expect(l.get(12).Classes).toEqual(['a', 'b']);
    // Options absent from the old format take their defaults.
    expect(l.get(2).WeightsInitializer).toBe('glorot');
    expect(l.get(3).MeanDecay).toBe(0.1);
    expect((layers as LayerArray).length).toBe(12);
    expect(displayText('layers', layers)).toContain("4 3×3 convolutions with stride [1  1] and padding 'same'");
  });
});

describe('value semantics', () => {
  it('a layer taken from net.Layers is a copy: changing it never changes the network', async () => {
    rng(1);
    const { X, Y } = toyData(32, 2);
    const net = await trainNetwork(X, Y, layersOf(), quiet());
    const before = Array.from((await predict(net, X)).data);
    const conv = net.Layers.get(2);
    conv.WeightLearnRateFactor = 0;
    conv.Weights!.set(1, 1, 1, 1, 1000);
    expect(net.Layers.get(2).WeightLearnRateFactor).toBe(1);
    expect(net.Layers.get(2).Weights!.get(1, 1, 1, 1)).not.toBe(1000);
    expect(Array.from((await predict(net, X)).data)).toEqual(before);
  });

  it('copy-on-write arrays: a copy shares the data until one side writes', () => {
    const a = MArray.from([1, 2, 3], [1, 3], 'single');
    const b = a.shareCopy();
    expect(b.data).toBe(a.data);
    b.set(2, 20);
    expect(a.get(2)).toBe(2);
    expect(b.get(2)).toBe(20);
    a.set(1, 10);
    expect(b.get(1)).toBe(1);
  });

  it('end in indices: net.Layers(end) and Layers(1:end-3)', async () => {
    rng(1);
    const { X, Y } = toyData(16, 4);
    const net = await trainNetwork(X, Y, layersOf(), quiet(1));
    expect(net.Layers.get(end).className).toBe('ClassificationOutputLayer');
    expect(net.Layers.range(1, end.minus(3)).length).toBe(7);
    expect(MArray.from([5, 6, 7], [1, 3]).get(end)).toBe(7);
    expect(() => net.Layers.range(1, end.plus(1))).toThrow(/Index exceeds/);
  });
});

describe('transfer learning from a trained network', () => {
  it('retrains [net.Layers(1:end-3); new head] with frozen layers; the original is untouched bit for bit', async () => {
    rng(3);
    const { X, Y } = toyData(48, 5);
    const net = await trainNetwork(X, Y, layersOf(), quiet());
    // Classify first: this builds the network's tensor caches (the crash the issue found came from cloning them).
    const [labels0] = await classify(net, X);
    const scores0 = Array.from((await predict(net, X)).data);
    const transferred = net.Layers.range(1, end.minus(3));
    for (const l of transferred) {
      const p = l as unknown as Record<string, unknown>;
      if ('WeightLearnRateFactor' in p) p.WeightLearnRateFactor = 0;
      if ('BiasLearnRateFactor' in p) p.BiasLearnRateFactor = 0;
      if ('ScaleLearnRateFactor' in p) { p.ScaleLearnRateFactor = 0; p.OffsetLearnRateFactor = 0; }
    }
    const frozenBefore = Array.from(transferred.get(2).Weights!.data);
    const head = [fullyConnectedLayer(2, 'WeightLearnRateFactor', 10, 'BiasLearnRateFactor', 10, 'Name', 'fcNew'), softmaxLayer(), classificationLayer()];
    const net2 = await trainNetwork(X, Y, [...transferred, ...head], quiet(3));
    expect(Array.from(net2.Layers.get(2).Weights!.data)).toEqual(frozenBefore);
    expect(Array.from(net2.Layers.get(6).Weights!.data)).toEqual(Array.from(net.Layers.get(6).Weights!.data));
    expect(Array.from((await predict(net, X)).data)).toEqual(scores0);
    const [labels1] = await classify(net, X);
    expect(labels1.toStrings()).toEqual(labels0.toStrings());
    const [labels2] = await classify(net2, X);
    const correct = labels2.toStrings().filter((s, i) => s === Y.toStrings()[i]).length;
    expect(correct / 48).toBeGreaterThan(0.9);
  });

  it('works through layerGraph(net) and replaceLayer, giving a DAGNetwork', async () => {
    rng(4);
    const { X, Y } = toyData(48, 6);
    const net = await trainNetwork(X, Y, layersOf(), quiet());
    const scores0 = Array.from((await predict(net, X)).data);
    let lgraph = layerGraph(net);
    lgraph = replaceLayer(lgraph, 'fc_2', fullyConnectedLayer(2, 'Name', 'fcNew', 'WeightLearnRateFactor', 10));
    const names = lgraph.Layers.map((l) => l.Name);
    expect(names).toContain('fcNew');
    expect(names).not.toContain('fc_2');
    const net2 = await trainNetwork(X, Y, lgraph, quiet());
    expect(net2).toBeInstanceOf(DAGNetwork);
    expect(Array.from((await predict(net, X)).data)).toEqual(scores0);
    const [labels] = await classify(net2, X);
    expect(labels.toStrings().filter((s, i) => s === Y.toStrings()[i]).length / 48).toBeGreaterThan(0.9);
  });
});

describe('versioned save/load', () => {
  it('a DAGNetwork round-trips with identical predictions and connections', async () => {
    rng(5);
    const { X, Y } = toyData(32, 7);
    let g = layerGraph([imageInputLayer([8, 8, 1], 'Name', 'in'), convolution2dLayer(3, 4, 'Padding', 'same', 'Name', 'c1'), reluLayer('Name', 'r1'),
      convolution2dLayer(3, 4, 'Padding', 'same', 'Name', 'c2'), additionLayer(2, 'Name', 'add'), fullyConnectedLayer(2, 'Name', 'fc'),
      softmaxLayer('Name', 'sm'), classificationLayer('Name', 'out')]);
    g = connectLayers(g, 'r1', 'add/in2');
    const net = await trainNetwork(X, Y, g, quiet());
    const dir = tmp();
    await save(join(dir, 'dag'), { net, g });
    const back = await load(join(dir, 'dag')) as { net: DAGNetwork; g: ReturnType<typeof layerGraph> };
    expect(back.net).toBeInstanceOf(DAGNetwork);
    expect(Array.from((await predict(back.net, X)).data)).toEqual(Array.from((await predict(net, X)).data));
    expect(displayText('C', back.net.Connections)).toBe(displayText('C', net.Connections));
    expect(displayText('C', back.g.Connections)).toBe(displayText('C', g.Connections));
  });

  it('saves each layer with its class version, and refuses a newer version or an invalid property clearly', async () => {
    const dir = tmp();
    const file = await save(join(dir, 'one'), { layer: convolution2dLayer(3, 2, 'Name', 'c') });
    let header = '';
    editSaved(file, join(dir, 'newer.mat'), (h) => (header = h).replace('"_version":1', '"_version":9'));
    expect(header).toContain('"tag":"nnet.Convolution2DLayer","v":{"t":"obj","id":1,"v":{"_version":1');
    await expect(load(join(dir, 'newer.mat'))).rejects.toThrow(/version 9; this toolbox reads versions up to 1/);
  });

  it('a hand-edited layer property gives a clear error at load, not later', async () => {
    const dir = tmp();
    const file = await save(join(dir, 'edit'), { layer: convolution2dLayer(3, 2, 'Name', 'c', 'Stride', 2) });
    editSaved(file, join(dir, 'bad.mat'), (h) => h.replace('"Stride":{"t":"arr","id":3,"v":[2,2]}', '"Stride":"hello"'));
    await expect(load(join(dir, 'bad.mat'))).rejects.toThrow(/Invalid saved Convolution2DLayer: property 'Stride'/);
    editSaved(file, join(dir, 'bad2.mat'), (h) => h.replace('"Weights":null', '"Weights":"hello"'));
    await expect(load(join(dir, 'bad2.mat'))).rejects.toThrow(/property 'Weights'/);
  });
});

describe('grouped display', () => {
  it('shows Name, then Hyperparameters and Learnable Parameters under MATLAB\'s headings', () => {
    const text = convolution2dLayer(3, 16, 'Name', 'conv1').displayMatlab();
    expect(text).toBe([
      '  Convolution2DLayer with properties:', '',
      "              Name: 'conv1'", '',
      '   Hyperparameters',
      '        FilterSize: [3 3]',
      "       NumChannels: 'auto'",
      '        NumFilters: 16',
      '            Stride: [1 1]',
      '    DilationFactor: [1 1]',
      "       PaddingMode: 'manual'",
      '       PaddingSize: [0 0 0 0]',
      '      PaddingValue: 0', '',
      '   Learnable Parameters',
      '           Weights: []',
      '              Bias: []', '',
      '  Show all properties', '',
    ].join('\n'));
    expect(batchNormalizationLayer().displayMatlab()).toContain('   State Parameters\n        TrainedMean: []\n    TrainedVariance: []');
  });
});
