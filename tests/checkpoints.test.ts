/**
 * CheckpointPath, CheckpointFrequency(Unit) and OutputNetwork (issue #11,
 * item 25): trainNetwork writes MATLAB's net_checkpoint__<iteration>__<date>.mat
 * files holding `net`; a loaded checkpoint is the network of that iteration
 * (weights and moving batch-norm statistics), training resumes from its
 * Layers, and writing checkpoints leaves training itself unchanged.
 * 'best-validation-loss' returns the network of the lowest validation loss.
 */
import { describe, it, expect, beforeAll, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  MArray, categorical, rng, imageInputLayer, convolution2dLayer, batchNormalizationLayer, reluLayer, fullyConnectedLayer,
  softmaxLayer, classificationLayer, trainingOptions, trainNetwork, load, layerGraph, SeriesNetwork, DAGNetwork,
} from '../src/index.ts';
import type { Layer } from '../src/layers/Layer.ts';
import type { Network } from '../src/network/Network.ts';
import { checkpointName } from '../src/train/checkpoints.ts';
import { toyData } from './helpers/toyData.ts';
import { errorOf } from './helpers/errors.ts';

beforeAll(() => {
  delete process.env.DLTB_BACKEND;
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'dltb-checkpoints-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const NAME = /^net_checkpoint__(\d+)__\d{4}_\d{2}_\d{2}__\d{2}_\d{2}_\d{2}\.mat$/;

function layers(): Layer[] {
  return [
    imageInputLayer([8, 8, 1], 'Name', 'in'),
    convolution2dLayer(3, 4, 'Padding', 'same', 'Name', 'conv'),
    batchNormalizationLayer('Name', 'bn'),
    reluLayer('Name', 'relu'),
    fullyConnectedLayer(2, 'Name', 'fc'),
    softmaxLayer('Name', 'sm'),
    classificationLayer('Name', 'out'),
  ];
}

/** 48 images, batches of 16: 3 iterations an epoch, always the same batches. */
const { X, Y } = toyData(48, 7);
const base = ['InitialLearnRate', 0.01, 'MiniBatchSize', 16, 'Shuffle', 'never', 'Verbose', false, 'BatchNormalizationStatistics', 'moving'];

/** Checkpoint files in `dir` by iteration. */
function checkpoints(): Map<number, string> {
  const files = readdirSync(dir);
  for (const f of files) expect(f).toMatch(NAME);
  return new Map(files.map((f) => [Number(NAME.exec(f)![1]), path.join(dir, f)]));
}

/** The learnables and moving statistics of a network, by layer and property. */
function state(net: Network): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const l of [...net.Layers] as unknown as Record<string, unknown>[]) {
    for (const p of ['Weights', 'Bias', 'Offset', 'Scale', 'TrainedMean', 'TrainedVariance']) {
      const v = l[p];
      if (v instanceof MArray) out[`${String(l.Name)}.${p}`] = Array.from(v.data);
    }
  }
  return out;
}

function expectClose(a: Record<string, number[]>, b: Record<string, number[]>): void {
  expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
  for (const k of Object.keys(a)) {
    const worst = Math.max(...a[k].map((x, i) => Math.abs(x - b[k][i])));
    expect(worst, k).toBeLessThan(1e-5);
  }
}

describe('checkpoint files', () => {
  it('names them like MATLAB: iteration, then yyyy_MM_dd__HH_mm_ss', () => {
    expect(checkpointName(195, new Date(2018, 6, 3, 9, 5, 1))).toBe('net_checkpoint__195__2018_07_03__09_05_01.mat');
  });

  it('writes one after each epoch by default, the network of that iteration, without disturbing training', async () => {
    rng(5);
    const [net, info] = await trainNetwork(X, Y, layers(), trainingOptions('sgdm', ...base, 'MaxEpochs', 2, 'CheckpointPath', dir));
    const files = checkpoints();
    expect([...files.keys()].sort((a, b) => a - b)).toEqual([3, 6]);

    const loaded = await load(files.get(3)!);
    expect(Object.keys(loaded)).toEqual(['net']);
    expect(loaded.net).toBeInstanceOf(SeriesNetwork);
    // The same training stopped after one epoch is the epoch-1 checkpoint.
    rng(5);
    const [oneEpoch] = await trainNetwork(X, Y, layers(), trainingOptions('sgdm', ...base, 'MaxEpochs', 1));
    expectClose(state(loaded.net), state(oneEpoch));
    // The last checkpoint is the returned network (moving statistics), and checkpointing changed nothing.
    expectClose(state((await load(files.get(6)!)).net), state(net));
    rng(5);
    const [plain, plainInfo] = await trainNetwork(X, Y, layers(), trainingOptions('sgdm', ...base, 'MaxEpochs', 2));
    expectClose(state(net), state(plain));
    expect(Array.from(info.TrainingLoss.data)).toEqual(Array.from(plainInfo.TrainingLoss.data));
  });

  it('resumes training from a loaded checkpoint network', async () => {
    rng(5);
    const [, info] = await trainNetwork(X, Y, layers(), trainingOptions('sgdm', ...base, 'MaxEpochs', 2, 'CheckpointPath', dir));
    const { net } = await load(checkpoints().get(3)!);
    const [resumed, resumedInfo] = await trainNetwork(X, Y, net.Layers, trainingOptions('sgdm', ...base, 'MaxEpochs', 1));
    expect(resumed).toBeInstanceOf(SeriesNetwork);
    // Its first iteration sees the epoch-1 weights on the first batch, as iteration 4 of the full run did.
    const full = Array.from(info.TrainingLoss.data);
    const again = Array.from(resumedInfo.TrainingLoss.data);
    expect(Math.abs(again[0] - full[3])).toBeLessThan(1e-5);
    expect(again[0]).toBeLessThan(full[0]);
  });

  it("saves every CheckpointFrequency iterations with CheckpointFrequencyUnit 'iteration'", async () => {
    rng(5);
    await trainNetwork(X, Y, layers(), trainingOptions('sgdm', ...base, 'MaxEpochs', 2, 'CheckpointPath', dir,
      'CheckpointFrequency', 2, 'CheckpointFrequencyUnit', 'iteration'));
    expect([...checkpoints().keys()].sort((a, b) => a - b)).toEqual([2, 4, 6]);
  });

  it('saves every CheckpointFrequency epochs, and a layer graph as a DAGNetwork', async () => {
    rng(5);
    await trainNetwork(X, Y, layerGraph(layers()), trainingOptions('sgdm', ...base, 'MaxEpochs', 3, 'CheckpointPath', dir, 'CheckpointFrequency', 2));
    const files = checkpoints();
    expect([...files.keys()]).toEqual([6]);
    expect((await load(files.get(6)!)).net).toBeInstanceOf(DAGNetwork);
  });
});

describe("OutputNetwork 'best-validation-loss'", () => {
  /** Validation labels the opposite of the training ones: the better training goes, the worse validation gets. */
  const swapped = categorical(Y.toStrings().map((s) => (s === 'left' ? 'right' : 'left')));
  const withValidation = [...base, 'MaxEpochs', 3, 'ValidationData', [X, swapped], 'ValidationFrequency', 1];

  it('returns the network of the lowest validation loss', async () => {
    rng(5);
    const [, info] = await trainNetwork(X, Y, layers(), trainingOptions('sgdm', ...withValidation, 'OutputNetwork', 'best-validation-loss'));
    const losses = Array.from(info.ValidationLoss.data);
    const best = losses.indexOf(Math.min(...losses));
    expect(best).toBeLessThan(losses.length - 1);
    expect(info.OutputNetworkIteration).toBe(best + 1);
    expect(Math.abs(info.FinalValidationLoss - losses[best])).toBeLessThan(1e-4);
    expect(losses[losses.length - 1] - losses[best]).toBeGreaterThan(1e-3);
  });

  it("keeps the last iteration's network by default", async () => {
    rng(5);
    const [, info] = await trainNetwork(X, Y, layers(), trainingOptions('sgdm', ...withValidation));
    const losses = Array.from(info.ValidationLoss.data);
    expect(info.OutputNetworkIteration).toBe(losses.length);
    expect(Math.abs(info.FinalValidationLoss - losses[losses.length - 1])).toBeLessThan(1e-4);
  });
});

describe('checkpoint and output options', () => {
  it('have MATLAB defaults', () => {
    const o = trainingOptions('adam');
    expect([o.CheckpointFrequency, o.CheckpointFrequencyUnit, o.OutputNetwork]).toEqual([1, 'epoch', 'last-iteration']);
  });

  it('reject bad values', () => {
    expect(errorOf(() => trainingOptions('sgdm', 'CheckpointFrequency', 0)).message)
      .toBe("The value of 'CheckpointFrequency' is invalid. Expected input to be positive.");
    expect(errorOf(() => trainingOptions('sgdm', 'CheckpointFrequency', 1.5)).identifier).toBe('trainingOptions:expectedInteger');
    expect(errorOf(() => trainingOptions('sgdm', 'CheckpointFrequencyUnit', 'batch')).message)
      .toMatch(/^The value of 'CheckpointFrequencyUnit' is invalid\..*'epoch', 'iteration'/s);
    expect(errorOf(() => trainingOptions('sgdm', 'OutputNetwork', 'final')).message).toMatch(/'last-iteration', 'best-validation-loss'/);
    expect(trainingOptions('sgdm', 'CheckpointFrequencyUnit', 'iter').CheckpointFrequencyUnit).toBe('iteration');
  });

  it("require ValidationData for 'best-validation-loss'", () => {
    const e = errorOf(() => trainingOptions('sgdm', 'OutputNetwork', 'best-validation-loss'));
    expect(e.identifier).toBe('trainingOptions:outputNetworkNeedsValidationData');
    expect(e.message).toMatch(/ValidationData/);
  });

  it('reject a CheckpointPath folder that does not exist', () => {
    expect(errorOf(() => trainingOptions('sgdm', 'CheckpointPath', path.join(dir, 'missing'))).identifier).toBe('trainingOptions:invalidCheckpointPath');
  });
});
