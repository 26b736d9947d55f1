/**
 * trainNetwork with 'sgdm' against PyTorch (scripts/torch_training_reference.py, in float64):
 * the same initial learnables (given as 'Weights'/'Bias'/'Scale'/'Offset'), the same data and
 * MATLAB's update rules must give the same per-iteration TrainingLoss and the same final
 * learnables and batch-norm statistics — for a series CNN, for a layer graph with a residual
 * addition and a depth concatenation, and with the first convolution frozen (learn-rate factors 0).
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  imageInputLayer, convolution2dLayer, batchNormalizationLayer, reluLayer, maxPooling2dLayer, fullyConnectedLayer,
  softmaxLayer, classificationLayer, additionLayer, depthConcatenationLayer, layerGraph, addLayers, connectLayers,
  trainingOptions, trainNetwork, categorical, MArray,
} from '../src/index.ts';
import type { Layer } from '../src/layers/Layer.ts';
import type { LayerGraph } from '../src/network/LayerGraph.ts';
import { useExecutionEnvironment } from '../src/engine/tf.ts';
import { seededValues, relativeError } from './helpers/engine.ts';
import { torchPython } from './helpers/torchPython.ts';

const SCRIPT = path.resolve('scripts/torch_training_reference.py');
/** Relative agreement required (float32 training against a float64 reference). */
const TOLERANCE = 1e-5;

// H ≠ W, so that a swapped height and width in any layout shows.
const [H, W, C, N] = [8, 6, 2, 16];
const CLASSES = ['a', 'b', 'c'];
const SOLVER = { lr: 0.01, momentum: 0.9, l2: 1e-4, batch: 4, epochs: 2 };

type Learnables = Record<string, Record<string, MArray>>;
interface MatlabJson { dims: number[]; values: number[] }
interface Reference {
  losses: number[];
  params: Record<string, Record<string, MatlabJson>>;
  statistics: Record<string, Record<'TrainedMean' | 'TrainedVariance', MatlabJson>>;
}

/** Debian's Python with PyTorch, installed by beforeAll when missing. */
let python = '';

let seed = 1;
/** Each network's learnables start from their own seed, whichever tests run. */
const seedFrom = (first: number) => { seed = first; };
function values(dims: number[], scale: number, offset = 0): MArray {
  const v = seededValues(dims.reduce((a, b) => a * b, 1), seed++ * 7919, scale).map((x) => x + offset);
  return MArray.from(v, dims, 'single');
}
const conv = (h: number, c: number, f: number) => ({ Weights: values([h, h, c, f], 1 / Math.sqrt(h * h * c)), Bias: values([1, 1, f], 0.1) });
const bn = (c: number) => ({ Scale: values([1, 1, c], 0.2, 1), Offset: values([1, 1, c], 0.1) });
const fc = (k: number, d: number) => ({ Weights: values([k, d], 1 / Math.sqrt(d)), Bias: values([k, 1], 0.1) });
/** A layer's given learnables as name-value arguments. */
const given = (p: Learnables, name: string) => [...Object.entries(p[name]).flat(), 'Name', name];

/**
 * Fixed data: H×W×C×N in [−1, 1) below a black top margin (the first BACKGROUND rows 0, as a
 * digit's background): convolutions give equal values there, so max-pool windows tie, as they
 * do on MNIST. Labels cycle through the classes in a fixed scrambled order.
 */
const BACKGROUND = 4;
const X = values([H, W, C, N], 1);
X.data.forEach((_, k) => { if (k % H < BACKGROUND) X.data[k] = 0; });
const classIndex = Array.from({ length: N }, (_, i) => (i * 7 + Math.floor(i / 3)) % CLASSES.length);
const Y = categorical(classIndex.map((k) => CLASSES[k]));

function seriesLearnables(): Learnables {
  seedFrom(100);
  return { conv1: conv(3, C, 4), bn1: bn(4), conv2: conv(3, 4, 5), fc: fc(CLASSES.length, (H / 2) * (W / 2) * 5) };
}

function seriesLayers(p: Learnables, conv1Factors: unknown[] = []): Layer[] {
  return [
    imageInputLayer([H, W, C], 'Normalization', 'none', 'Name', 'in'),
    convolution2dLayer(3, 4, 'Padding', 1, ...given(p, 'conv1'), ...conv1Factors),
    batchNormalizationLayer(...given(p, 'bn1')), reluLayer('Name', 'relu1'),
    maxPooling2dLayer(2, 'Stride', 2, 'Name', 'pool'),
    convolution2dLayer(3, 5, 'Padding', 1, ...given(p, 'conv2')), reluLayer('Name', 'relu2'),
    fullyConnectedLayer(CLASSES.length, ...given(p, 'fc')), softmaxLayer('Name', 'sm'), classificationLayer('Name', 'out'),
  ];
}

function graphLearnables(): Learnables {
  seedFrom(200);
  return {
    conv0: conv(3, C, 4), convA: conv(3, 4, 4), bnA: bn(4), convB: conv(3, 4, 4), bnB: bn(4), conv1x1: conv(1, 4, 2),
    fc: fc(CLASSES.length, (H / 2) * (W / 2) * 6),
  };
}

/** Not MATLAB's default 0.1: the moving statistics must follow the layers' own decays. */
const GRAPH_DECAY = 0.3;

/** in → conv0 → relu0 → [convA → bnA → reluA → convB → bnB] + relu0 → relu1 → concat with conv1x1(relu0) → pool → fc. */
function residualGraph(p: Learnables): LayerGraph {
  const decays = ['MeanDecay', GRAPH_DECAY, 'VarianceDecay', GRAPH_DECAY];
  let g = layerGraph([
    imageInputLayer([H, W, C], 'Normalization', 'none', 'Name', 'in'),
    convolution2dLayer(3, 4, 'Padding', 'same', ...given(p, 'conv0')), reluLayer('Name', 'relu0'),
    convolution2dLayer(3, 4, 'Padding', 'same', ...given(p, 'convA')), batchNormalizationLayer(...given(p, 'bnA'), ...decays), reluLayer('Name', 'reluA'),
    convolution2dLayer(3, 4, 'Padding', 'same', ...given(p, 'convB')), batchNormalizationLayer(...given(p, 'bnB'), ...decays),
    additionLayer(2, 'Name', 'add'), reluLayer('Name', 'relu1'),
    depthConcatenationLayer(2, 'Name', 'cat'), maxPooling2dLayer(2, 'Stride', 2, 'Name', 'pool'),
    fullyConnectedLayer(CLASSES.length, ...given(p, 'fc')), softmaxLayer('Name', 'sm'), classificationLayer('Name', 'out'),
  ]);
  g = connectLayers(g, 'relu0', 'add/in2');
  g = addLayers(g, convolution2dLayer(1, 2, ...given(p, 'conv1x1')));
  g = connectLayers(g, 'relu0', 'conv1x1');
  return connectLayers(g, 'conv1x1', 'cat/in2');
}

function options(bnStatistics: 'population' | 'moving') {
  return trainingOptions('sgdm', 'InitialLearnRate', SOLVER.lr, 'Momentum', SOLVER.momentum, 'L2Regularization', SOLVER.l2,
    'MiniBatchSize', SOLVER.batch, 'MaxEpochs', SOLVER.epochs, 'Shuffle', 'never', 'Verbose', false,
    'BatchNormalizationStatistics', bnStatistics);
}

const asJson = (m: MArray): MatlabJson => ({ dims: [...m.dims], values: Array.from(m.data) });

/**
 * Runs the reference in a temp folder; with TORCH_REFERENCE_DIR set, the folder DIR/label is
 * kept for rerunning by hand (`/usr/bin/python3 scripts/torch_training_reference.py DIR/label`).
 */
interface ReferenceRun {
  network: 'series' | 'graph';
  learnables: Learnables;
  /** Layers with learn-rate factors 0. */
  frozen: string[];
  bnStatistics: 'population' | 'moving';
  /** Every batch-norm layer's MeanDecay and VarianceDecay. */
  bnDecay: number;
}

function torchReference(label: string, run: ReferenceRun): Reference {
  const keep = process.env.TORCH_REFERENCE_DIR;
  const dir = keep ? path.join(keep, label) : mkdtempSync(path.join(tmpdir(), 'dltb-torch-training-'));
  mkdirSync(dir, { recursive: true });
  try {
    const params = Object.fromEntries(Object.entries(run.learnables).map(([l, props]) => [l, Object.fromEntries(Object.entries(props).map(([k, m]) => [k, asJson(m)]))]));
    writeFileSync(path.join(dir, 'input.json'), JSON.stringify({
      case: run.network, data: asJson(X), labels: classIndex, classes: CLASSES.length, params, frozen: run.frozen,
      options: { ...SOLVER, bnStatistics: run.bnStatistics, bnDecay: run.bnDecay },
    }));
    execFileSync(python, [SCRIPT, dir], { stdio: ['ignore', 'inherit', 'inherit'] });
    return JSON.parse(readFileSync(path.join(dir, 'output.json'), 'utf8')) as Reference;
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

/** max |ours − ref| / max |ref|, after checking the sizes agree. */
function relativeDifference(ours: MArray, ref: MatlabJson): number {
  expect(ours.dims).toEqual(ref.dims);
  return relativeError(ours.data, ref.values);
}

/** Every compared quantity's relative difference, by name. */
function compare(layers: readonly Layer[], ref: Reference, losses: MArray, skip: string[] = []): Record<string, number> {
  const byName = new Map(layers.map((l) => [l.Name, l as Layer & Record<string, MArray>]));
  const diffs: Record<string, number> = {};
  for (const [layer, props] of Object.entries(ref.params)) {
    if (skip.includes(layer)) continue;
    for (const [prop, r] of Object.entries(props)) diffs[`${layer}.${prop}`] = relativeDifference(byName.get(layer)![prop], r);
  }
  for (const [layer, props] of Object.entries(ref.statistics)) {
    for (const [prop, r] of Object.entries(props)) diffs[`${layer}.${prop}`] = relativeDifference(byName.get(layer)![prop], r);
  }
  expect(losses.numel).toBe(ref.losses.length);
  diffs.TrainingLoss = Math.max(...ref.losses.map((r, i) => Math.abs(losses.data[i] - r) / Math.abs(r)));
  return diffs;
}

/** Each difference within the tolerance; the worst is printed for the record. */
function expectAgreement(label: string, diffs: Record<string, number>): void {
  const worst = Object.entries(diffs).reduce((a, b) => (b[1] > a[1] ? b : a));
  console.log(`${label}: max relative difference to PyTorch ${worst[1].toExponential(2)} (${worst[0]}) over ${Object.keys(diffs).length} quantities; TrainingLoss ${diffs.TrainingLoss.toExponential(2)}`);
  for (const [name, d] of Object.entries(diffs)) expect(d, name).toBeLessThanOrEqual(TOLERANCE);
}

/** Training moved the parameter (so agreement is not two untouched copies). */
function expectMoved(before: MArray, after: MArray): void {
  const moved = Math.max(...Array.from(after.data, (v, i) => Math.abs(v - before.data[i])));
  expect(moved).toBeGreaterThan(1e-4);
}

beforeAll(async () => {
  python = torchPython();
  await useExecutionEnvironment('auto');
}, 900_000);

describe("trainNetwork 'sgdm' agrees with PyTorch", () => {
  it('series CNN: per-iteration losses, final learnables and population statistics', async () => {
    const p = seriesLearnables();
    const [net, info] = await trainNetwork(X, Y, seriesLayers(p), options('population'));
    const ref = torchReference('series', { network: 'series', learnables: p, frozen: [], bnStatistics: 'population', bnDecay: 0.1 });
    const layers = [...net.Layers];
    expect(info.TrainingLoss.numel).toBe((N / SOLVER.batch) * SOLVER.epochs);
    expectMoved(p.conv1.Weights, layers[1].Weights as MArray);
    expectMoved(p.fc.Weights, layers[7].Weights as MArray);
    expectAgreement('series', compare(layers, ref, info.TrainingLoss));
  });

  it('layer graph (residual addition, depth concatenation): losses, learnables and moving statistics (MeanDecay 0.3)', async () => {
    const p = graphLearnables();
    const [net, info] = await trainNetwork(X, Y, residualGraph(p), options('moving'));
    const ref = torchReference('graph', { network: 'graph', learnables: p, frozen: [], bnStatistics: 'moving', bnDecay: GRAPH_DECAY });
    const layers = [...net.Layers];
    const conv1x1 = layers.find((l) => l.Name === 'conv1x1')!;
    expectMoved(p.conv1x1.Weights, conv1x1.Weights as MArray);
    expectAgreement('graph', compare(layers, ref, info.TrainingLoss));
  });

  it('frozen first convolution: its learnables come back bit for bit, the rest match PyTorch with requires_grad off', async () => {
    const p = seriesLearnables();
    const frozen = ['WeightLearnRateFactor', 0, 'BiasLearnRateFactor', 0];
    const [net, info] = await trainNetwork(X, Y, seriesLayers(p, frozen), options('population'));
    const ref = torchReference('frozen', { network: 'series', learnables: p, frozen: ['conv1'], bnStatistics: 'population', bnDecay: 0.1 });
    const layers = [...net.Layers];
    expect(layers[1].Weights.data).toEqual(p.conv1.Weights.data);
    expect(layers[1].Bias.data).toEqual(p.conv1.Bias.data);
    // PyTorch left them alone too (its float64 copy of the same float32 values).
    expect(relativeDifference(p.conv1.Weights, ref.params.conv1.Weights)).toBe(0);
    expectMoved(p.conv2.Weights, layers[5].Weights as MArray);
    expectAgreement('frozen', compare(layers, ref, info.TrainingLoss, ['conv1']));
  });
});
