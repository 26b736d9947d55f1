/**
 * Layer graphs and DAG networks: editing functions with value semantics,
 * MATLAB's Connections table, the structural errors MATLAB reports, a
 * residual network with a concatenation that trains, inference on graphs
 * (no leaked tensors, H×W×C×N predictions), and plot(lgraph).
 */
import { describe, it, expect, beforeAll, beforeEach } from 'vitest';
import sharp from 'sharp';
import {
  rng, imageInputLayer, convolution2dLayer, groupedConvolution2dLayer, batchNormalizationLayer, reluLayer, maxPooling2dLayer,
  fullyConnectedLayer, softmaxLayer, classificationLayer, regressionLayer, additionLayer, depthConcatenationLayer,
  trainingOptions, trainNetwork, classify, predict, activations, assembleNetwork, layerGraph, addLayers, removeLayers, connectLayers,
  disconnectLayers, replaceLayer, analyzeNetwork, DAGNetwork, MArray, captureOutput,
} from '../src/index.ts';
import { tf, useExecutionEnvironment } from '../src/engine/tf.ts';
import { displayText } from '../src/runtime/display.ts';
import { close, plot, renderOpenFigures } from '../src/graphics/index.ts';
import { toyData } from './helpers/toyData.ts';
import { useTempFiguresFolder } from './helpers/figures.ts';
import { expectMatlabError } from './helpers/errors.ts';

useTempFiguresFolder('dltb-graph-');
beforeAll(async () => {
  await useExecutionEnvironment('auto');
});

/** in → conv → relu → [conv → bn → relu → conv → bn] + skip → add → relu → concat(with a 1×1 branch) → pool → fc → softmax → out */
function residualGraph() {
  let g = layerGraph([
    imageInputLayer([8, 8, 1], 'Name', 'in'),
    convolution2dLayer(3, 8, 'Padding', 'same', 'Name', 'conv0'), reluLayer('Name', 'relu0'),
    convolution2dLayer(3, 8, 'Padding', 'same', 'Name', 'convA'), batchNormalizationLayer('Name', 'bnA'), reluLayer('Name', 'reluA'),
    convolution2dLayer(3, 8, 'Padding', 'same', 'Name', 'convB'), batchNormalizationLayer('Name', 'bnB'),
    additionLayer(2, 'Name', 'add'), reluLayer('Name', 'relu1'),
    depthConcatenationLayer(2, 'Name', 'cat'), maxPooling2dLayer(2, 'Stride', 2, 'Name', 'pool'),
    fullyConnectedLayer(2, 'Name', 'fc'), softmaxLayer('Name', 'sm'), classificationLayer('Name', 'out'),
  ]);
  g = connectLayers(g, 'relu0', 'add/in2');
  g = addLayers(g, convolution2dLayer(1, 4, 'Name', 'conv1x1'));
  g = connectLayers(g, 'relu0', 'conv1x1');
  g = connectLayers(g, 'conv1x1', 'cat/in2');
  return g;
}

const quiet = (epochs = 3) => trainingOptions('sgdm', 'MaxEpochs', epochs, 'MiniBatchSize', 16, 'Verbose', false, 'InitialLearnRate', 0.01);

describe('layerGraph editing', () => {
  it('connects an added array in sequence and shows MATLAB\'s Connections table', () => {
    const g = residualGraph();
    expect(g.InputNames).toEqual(['in']);
    expect(g.OutputNames).toEqual(['out']);
    const text = displayText('c', g.Connections);
    expect(text).toContain('17×2 table');
    expect(text).toMatch(/\{'relu0'\s*\}\s+\{'add\/in2'\s*\}/);
    expect(text).toMatch(/\{'bnB'\s*\}\s+\{'add\/in1'\s*\}/);
    expect(text).toMatch(/\{'conv1x1'\}\s+\{'cat\/in2'\s*\}/);
  });

  it('returns new graphs and leaves the given one unchanged (value semantics)', () => {
    const g = residualGraph();
    const before = displayText('c', g.Connections);
    const g2 = disconnectLayers(g, 'relu0', 'add/in2');
    const g3 = removeLayers(g2, 'conv1x1');
    expect(displayText('c', g.Connections)).toBe(before);
    expect(g2.Connections.height).toBe(16);
    expect(g3.Layers.length).toBe(15);
    expect(g3.Connections.height).toBe(14);
    // Layers handed out are copies.
    g.Layers.get(2).NumFilters = 99;
    expect(g.Layers.get(2).NumFilters).toBe(8);
  });

  it('names unnamed layers as MATLAB does when they enter a graph', () => {
    const g = layerGraph([imageInputLayer([4, 4, 1]), reluLayer(), reluLayer()]);
    expect(Array.from(g.Layers, (l) => l.Name)).toEqual(['imageinput_1', 'relu_1', 'relu_2']);
  });
});

describe('structural errors, each naming the problem', () => {
  const head = () => [fullyConnectedLayer(2, 'Name', 'fc'), softmaxLayer('Name', 'sm'), classificationLayer('Name', 'out')];
  const { X, Y } = toyData(16, 1);

  it('a cycle', async () => {
    let g = layerGraph([imageInputLayer([8, 8, 1], 'Name', 'in'), additionLayer(2, 'Name', 'add'), reluLayer('Name', 'r'), ...head()]);
    g = connectLayers(g, 'r', 'add/in2');
    await expectMatlabError(trainNetwork(X, Y, g, quiet(1)), 'trainNetwork:cycle', "'add'", "'r'", 'cycle');
  });

  it('an unconnected input', async () => {
    const g = layerGraph([imageInputLayer([8, 8, 1], 'Name', 'in'), additionLayer(2, 'Name', 'add'), ...head()]);
    await expectMatlabError(trainNetwork(X, Y, g, quiet(1)), 'trainNetwork:unconnectedInput', "input 'in2' of layer 'add' is not connected");
  });

  it('two layers with the same name', () => {
    const g = layerGraph([imageInputLayer([8, 8, 1], 'Name', 'in'), reluLayer('Name', 'r')]);
    expectMatlabError(() => addLayers(g, reluLayer('Name', 'r')), 'addLayers:duplicateName', "'r'");
    expectMatlabError(() => layerGraph([imageInputLayer([8, 8, 1], 'Name', 'a'), reluLayer('Name', 'a')]), 'addLayers:invalidLayers', "'a' is used twice");
  });

  it('an addition of mismatched sizes', async () => {
    let g = layerGraph([imageInputLayer([8, 8, 1], 'Name', 'in'), convolution2dLayer(3, 4, 'Name', 'c'), additionLayer(2, 'Name', 'add'), ...head()]);
    g = connectLayers(g, 'in', 'add/in2');
    await expectMatlabError(trainNetwork(X, Y, g, quiet(1)), 'trainNetwork:invalidLayers', "'add'", 'in1 is 6×6×4', 'in2 is 8×8×1');
  });

  it('a concatenation whose spatial sizes disagree', async () => {
    let g = layerGraph([imageInputLayer([8, 8, 1], 'Name', 'in'), convolution2dLayer(3, 4, 'Name', 'c'), depthConcatenationLayer(2, 'Name', 'cat'), ...head()]);
    g = connectLayers(g, 'in', 'cat/in2');
    await expectMatlabError(trainNetwork(X, Y, g, quiet(1)), 'trainNetwork:invalidLayers', "'cat'", 'spatial sizes must match', '6×6×4', '8×8×1');
  });

  it('groups that do not divide the channels', async () => {
    const layers = [imageInputLayer([8, 8, 3], 'Name', 'in'), groupedConvolution2dLayer(3, 2, 2, 'Name', 'g'), ...head()];
    await expectMatlabError(trainNetwork(MArray.zeros([8, 8, 3, 2], 'single'), toyData(2, 5).Y, layers, quiet(1)), 'trainNetwork:invalidLayers', "'g'", 'groups (2) must divide the number of input channels (3)');
  });

  it('a replaceLayer whose port counts differ', () => {
    const g = residualGraph();
    expectMatlabError(() => replaceLayer(g, 'add', reluLayer('Name', 'r')), 'replaceLayer:inputCountMismatch', "'add'", '2 input(s)', 'first new layer has 1');
  });

  it('a destination port that does not exist, and a classification layer without softmax', async () => {
    const g = layerGraph([imageInputLayer([8, 8, 1], 'Name', 'in'), additionLayer(2, 'Name', 'add')]);
    expectMatlabError(() => connectLayers(g, 'in', 'add/in3'), 'connectLayers:invalidDestination', "'in1', 'in2'");
    expectMatlabError(() => connectLayers(g, 'in', 'add'), 'connectLayers:invalidDestination', "'add/in1'");
    await expectMatlabError(trainNetwork(X, Y, [imageInputLayer([8, 8, 1]), fullyConnectedLayer(2), classificationLayer()], quiet(1)), 'trainNetwork:missingSoftmax', 'missing softmax layer');
  });

  it('validation data whose labels do not match its images', async () => {
    const v = toyData(4, 3);
    const opts = trainingOptions('sgdm', 'MaxEpochs', 1, 'Verbose', false, 'ValidationData', [v.X, categorical3()]);
    await expectMatlabError(trainNetwork(X, Y, [imageInputLayer([8, 8, 1]), fullyConnectedLayer(2), softmaxLayer(), classificationLayer()], opts), 'trainNetwork:invalidValidationData', '4 observations but 3 responses');
  });
});

function categorical3() {
  return toyData(3, 9).Y;
}

describe('DAG networks', () => {
  it('a residual network with a concatenation trains, and classifies, predicts and gives activations', async () => {
    rng(7);
    const { X, Y } = toyData(64, 11);
    const [net, info] = await trainNetwork(X, Y, residualGraph(), quiet(4));
    expect(net).toBeInstanceOf(DAGNetwork);
    expect(info.TrainingLoss.data[info.TrainingLoss.numel - 1]).toBeLessThan(info.TrainingLoss.data[0]);
    const test = toyData(64, 12);
    const [labels] = await classify(net, test.X);
    const correct = labels.toStrings().filter((s, i) => s === test.Y.toStrings()[i]).length;
    expect(correct / 64).toBeGreaterThan(0.9);
    const act = await activations(net, test.X, 'cat');
    expect(act.dims).toEqual([8, 8, 12, 64]);
    expect(displayText('net', net)).toContain("  DAGNetwork with properties:\n\n         Layers: [16×1 nnet.cnn.layer.Layer]\n    Connections: [17×2 table]\n     InputNames: {'in'}\n    OutputNames: {'out'}");
  });

  it('inference frees every intermediate tensor (no leak across calls)', async () => {
    rng(8);
    const { X, Y } = toyData(32, 13);
    const net = await trainNetwork(X, Y, residualGraph(), quiet(1));
    // The first calls compile (and keep) one inference pass per target layer.
    await predict(net, X);
    await activations(net, X, 'add');
    const before = tf.memory().numTensors;
    for (let k = 0; k < 3; k++) await predict(net, X);
    await activations(net, X, 'add');
    expect(tf.memory().numTensors).toBe(before);
    net.releaseTensors();
  });

  it('predict returns H×W×C×N for an image-shaped output', async () => {
    rng(9);
    const { X } = toyData(8, 14);
    const layers = [imageInputLayer([8, 8, 1], 'Normalization', 'none'), convolution2dLayer(3, 2, 'Padding', 'same', 'Weights', MArray.from(new Array(18).fill(0.1), [3, 3, 1, 2]), 'Bias', MArray.from([0, 1], [1, 1, 2])), regressionLayer()];
    const y = await predict(assembleNetwork(layers), X);
    expect(y.dims).toEqual([8, 8, 2, 8]);
    // The centre pixel of channel 2 is the 3×3 neighbourhood sum × 0.1 + 1.
    let s = 0;
    for (let c = 3; c <= 5; c++) for (let r = 3; r <= 5; r++) s += X.get(r, c, 1, 1);
    expect(y.get(4, 4, 2, 1)).toBeCloseTo(0.1 * s + 1, 3);
  });

  it('analyzeNetwork counts a graph\'s learnables', () => {
    const out = captureOutput(() => {
      const r = analyzeNetwork(residualGraph());
      // conv0 80 + convA 584 + bnA 16 + convB 584 + bnB 16 + conv1x1 36 + fc (4·4·12·2 + 2 = 386)
      expect(r.TotalLearnables).toBe(80 + 584 + 16 + 584 + 16 + 36 + 386);
    });
    expect(out).toContain('Total learnables: 1702');
    expect(out).toMatch(/'add'\s+Addition\s+8×8×8/);
  });
});

describe('plot(lgraph)', () => {
  beforeEach(() => close('all'));

  it('draws the graph: one blue dot per layer, top to bottom', async () => {
    plot(residualGraph());
    const [file] = await renderOpenFigures();
    const { data, info } = await sharp(file).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    let blue = 0;
    for (let i = 0; i < data.length; i += 3) if (data[i] < 40 && data[i + 1] > 90 && data[i + 1] < 140 && data[i + 2] > 160) blue++;
    expect(info.height).toBeGreaterThan(info.width * 0.5);
    expect(blue).toBeGreaterThan(200);
  });
});
