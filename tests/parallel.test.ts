/**
 * Data-parallel training (ExecutionEnvironment 'parallel'): the combination
 * of shares is exact, gradients equal the single-thread ones for a network
 * without batch norm, and a parallel training run learns.
 */
import { describe, it, expect, beforeAll, vi } from 'vitest';
import { Worker } from 'node:worker_threads';
import { tf, useExecutionEnvironment } from '../src/engine/tf.ts';
import {
  MArray, categorical, rng, imageInputLayer, convolution2dLayer, reluLayer, maxPooling2dLayer, fullyConnectedLayer,
  softmaxLayer, classificationLayer, batchNormalizationLayer, trainingOptions, trainNetwork, classify,
} from '../src/index.ts';
import { combineShares, shareSizes } from '../src/train/parallel/combine.ts';
import { ParallelGradientEngine } from '../src/train/parallel/parallelEngine.ts';
import { LocalGradientEngine } from '../src/train/gradientEngine.ts';
import { TrainingState } from '../src/train/trainingState.ts';
import { assemble, initializeLayers } from '../src/network/assemble.ts';
import { lossInput } from '../src/network/topology.ts';
import { maxRelativeDifference } from './helpers/engine.ts';
import { rejectionOf } from './helpers/errors.ts';

beforeAll(async () => {
  await useExecutionEnvironment('auto');
});

describe('combining shares', () => {
  it('share sizes cover the batch and differ by at most one', () => {
    expect(shareSizes(128, 2)).toEqual([64, 64]);
    expect(shareSizes(7, 3)).toEqual([3, 2, 2]);
  });

  it('weighted gradients and losses, exact pooled batch statistics', () => {
    // Channel values: share A = [1, 3], share B = [2, 6, 10] → whole batch mean 4.4, variance 53.2/5 = 10.64.
    const mv = (xs: number[]) => {
      const m = xs.reduce((a, b) => a + b, 0) / xs.length;
      return { mean: Float32Array.of(m), variance: Float32Array.of(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length) };
    };
    const c = combineShares([
      { n: 2, loss: 1, metric: 1, grads: [Float32Array.of(1, 2)], stats: new Map([[4, mv([1, 3])]]) },
      { n: 3, loss: 2, metric: 2, grads: [Float32Array.of(4, 8)], stats: new Map([[4, mv([2, 6, 10])]]) },
    ]);
    expect(c.loss).toBeCloseTo(1.6, 6);
    expect(c.metric).toBe(3);
    expect(Array.from(c.grads[0])).toEqual([expect.closeTo(2.8, 5), expect.closeTo(5.6, 5)]);
    expect(c.stats.get(4)!.mean[0]).toBeCloseTo(4.4, 5);
    expect(c.stats.get(4)!.variance[0]).toBeCloseTo(10.64, 4);
  });
});

function toy(n: number): { X: MArray; Y: ReturnType<typeof categorical> } {
  const data = new Float32Array(8 * 8 * n);
  const labels: string[] = [];
  for (let i = 0; i < n; i++) {
    const up = i % 2 === 0;
    labels.push(up ? 'up' : 'down');
    for (let k = 0; k < 64; k++) data[k + 64 * i] = ((k % 8 < 4) === up ? 180 : 40) + ((i * 31 + k * 7) % 50);
  }
  return { X: MArray.from(data, [8, 8, 1, n], 'single'), Y: categorical(labels) };
}

describe('ParallelGradientEngine', () => {
  it('gives the single-thread gradients for a network without batch norm', async () => {
    rng(2);
    const layers = [imageInputLayer([8, 8, 1], 'Normalization', 'none'), convolution2dLayer(3, 4, 'Padding', 1), reluLayer(),
      maxPooling2dLayer(2, 'Stride', 2), fullyConnectedLayer(2), softmaxLayer(), classificationLayer()];
    const assembled = assemble('test', layers, true);
    initializeLayers(assembled);
    const state = new TrainingState(layers);
    const { end, fusedSoftmax } = lossInput(assembled.topology);
    const net = { topology: assembled.topology, counts: state.counts, trained: state.trained, size: [8, 8, 1] as [number, number, number], head: { kind: 'classification' as const, width: 2, end, fusedSoftmax } };
    const n = 9;
    const pixels = Float32Array.from({ length: n * 64 }, (_, i) => Math.sin(i) * 100);
    const targets = Float32Array.from({ length: n * 2 }, (_, i) => ((i >> 1) % 2 === i % 2 ? 1 : 0));
    const local = await new LocalGradientEngine(net).compute(state.params, pixels, targets, n);
    const parallel = await ParallelGradientEngine.start(net, state.params.map((p) => p.shape), 2);
    try {
      const shared = await parallel.compute(state.params, pixels, targets, n);
      expect(shared.loss).toBeCloseTo(local.loss, 5);
      expect(shared.metric).toBe(local.metric);
      shared.grads.forEach((g, k) => expect(maxRelativeDifference(g, local.grads[k])).toBeLessThan(1e-5));
      // A batch smaller than the thread count: the idle worker gets no share.
      const one = await new LocalGradientEngine(net).compute(state.params, pixels.subarray(0, 2 * 64), targets.subarray(0, 4), 2);
      const oneShared = await parallel.compute(state.params, pixels.subarray(0, 2 * 64), targets.subarray(0, 4), 2);
      oneShared.grads.forEach((g, k) => expect(maxRelativeDifference(g, one.grads[k])).toBeLessThan(1e-5));
      const single = await parallel.compute(state.params, pixels.subarray(0, 64), targets.subarray(0, 2), 1);
      expect(Number.isFinite(single.loss)).toBe(true);
    } finally {
      await parallel.dispose();
      state.dispose();
    }
  });

  it('trainNetwork with ExecutionEnvironment parallel learns, with batch norm, and leaks no tensors', async () => {
    rng(0);
    const { X, Y } = toy(96);
    const before = tf.memory().numTensors;
    const net = await trainNetwork(X, Y, [imageInputLayer([8, 8, 1]), convolution2dLayer(3, 4, 'Padding', 1), batchNormalizationLayer(), reluLayer(),
      fullyConnectedLayer(2), softmaxLayer(), classificationLayer()],
    trainingOptions('sgdm', 'MaxEpochs', 5, 'MiniBatchSize', 32, 'Verbose', false, 'ExecutionEnvironment', 'parallel'));
    const [labels] = await classify(net, X);
    const correct = Array.from(labels.codes).filter((c, i) => c === Y.codes[i]).length;
    expect(correct / 96).toBeGreaterThan(0.9);
    net.releaseTensors();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a worker that dies mid-training fails trainNetwork with trainNetwork:workerFailed and stops the other workers', async () => {
    rng(0);
    const { X, Y } = toy(48);
    const started: Worker[] = [];
    const exited = new Set<Worker>();
    let steps = 0;
    const post = Worker.prototype.postMessage;
    // The first worker dies (as on a crash or out of memory) as it is sent the third step.
    const spy = vi.spyOn(Worker.prototype, 'postMessage').mockImplementation(function (this: Worker, m: unknown, transfer?: readonly unknown[]) {
      if (!started.includes(this)) {
        started.push(this);
        this.once('exit', () => exited.add(this));
      }
      // The third step is never delivered: terminate() is asynchronous, and a delivered step could still be
      // answered before the thread stops, letting a fourth one through (seen once in CI under load).
      if ((m as { type?: string }).type === 'step' && this === started[0] && ++steps === 3) {
        void this.terminate();
        return undefined;
      }
      return post.call(this, m, transfer as never);
    });
    const previous = process.env.DLTB_WORKERS;
    process.env.DLTB_WORKERS = '2';
    try {
      const training = trainNetwork(X, Y, [imageInputLayer([8, 8, 1]), convolution2dLayer(3, 4, 'Padding', 1), reluLayer(),
        fullyConnectedLayer(2), softmaxLayer(), classificationLayer()],
      trainingOptions('sgdm', 'MaxEpochs', 4, 'MiniBatchSize', 12, 'Verbose', false, 'ExecutionEnvironment', 'parallel'));
      // Without an answer to the dead worker's request, training would wait forever.
      const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('trainNetwork never settled')), 30_000).unref());
      const err = await rejectionOf(Promise.race([training, timeout]));
      expect(err.identifier).toBe('trainNetwork:workerFailed');
      expect(err.message).toMatch(/parallel training worker failed: the worker thread stopped unexpectedly \(exit code \d+\)/);
      expect(started).toHaveLength(2);
      expect(steps).toBe(3);
      await vi.waitFor(() => expect(exited.size).toBe(2), { timeout: 10_000 });
    } finally {
      spy.mockRestore();
      if (previous === undefined) delete process.env.DLTB_WORKERS;
      else process.env.DLTB_WORKERS = previous;
    }
  });
});
