/**
 * The toolbox itself: trainNetwork and predict on the course CNN, timed
 * through the public API exactly as a course script calls it.
 */
import {
  MArray, categorical, rng, imageInputLayer, convolution2dLayer, batchNormalizationLayer, reluLayer,
  maxPooling2dLayer, fullyConnectedLayer, softmaxLayer, classificationLayer, trainingOptions, trainNetwork, predict,
} from '../../src/index.ts';
import { tf } from '../../src/engine/tf.ts';
import { wasmThreadCount } from '../../src/engine/wasmThreads.ts';
import { BATCH, inferWarmupCount, type BenchConfig } from './config.ts';
import { SIDE, PIXELS, type Digits } from './data.ts';
import { steadyRate, rate, peakRssMb } from './timing.ts';

export interface OursResult {
  /** Training with ExecutionEnvironment 'auto' (every core on one mini-batch), the course's setting. */
  trainImgS: number;
  /** Training with ExecutionEnvironment 'parallel' (this thread plus one worker per further core). */
  parallelTrainImgS: number;
  inferImgS: number;
  rssMb: number;
  backend: string;
  /** Threads of the wasm engine ('auto'); null on another backend. */
  threads: number | null;
  iterations: number;
  /** Accuracy (%) on the last training mini-batch: a sanity check that it learns. */
  lastBatchAccuracy: number;
}

export function courseLayers(): unknown[] {
  return [
    imageInputLayer([SIDE, SIDE, 1]),
    convolution2dLayer(3, 16, 'Padding', 1), batchNormalizationLayer(), reluLayer(), maxPooling2dLayer(2, 'Stride', 2),
    convolution2dLayer(3, 32, 'Padding', 1), batchNormalizationLayer(), reluLayer(), maxPooling2dLayer(2, 'Stride', 2),
    convolution2dLayer(3, 64, 'Padding', 1), batchNormalizationLayer(), reluLayer(),
    fullyConnectedLayer(10), softmaxLayer(), classificationLayer(),
  ];
}

/** The first n images as an H×W×C×N single array, without copying. */
function images(d: Digits, n: number): MArray {
  return MArray.wrap(d.cols.subarray(0, n * PIXELS), [SIDE, SIDE, 1, n], 'single');
}

/** Steady-state training rate of trainNetwork under an ExecutionEnvironment; returns the trained net too. */
async function measureTraining(d: Digits, cfg: BenchConfig, environment: string) {
  rng('default');
  const nTrain = Math.min(cfg.train, d.count);
  const ends: number[] = [];
  let lastAccuracy = Number.NaN;
  const options = trainingOptions('sgdm', 'MaxEpochs', cfg.epochs, 'MiniBatchSize', BATCH, 'Verbose', false,
    'Shuffle', 'every-epoch', 'ExecutionEnvironment', environment, 'OutputFcn', (info: { Iteration: number; TrainingAccuracy: number }) => {
      // Called after each iteration's loss is read back, so the step has finished.
      ends[info.Iteration - 1] = performance.now();
      lastAccuracy = info.TrainingAccuracy;
      return false;
    });
  const labels = categorical(Array.from(d.labels.subarray(0, nTrain)));
  const [net] = await trainNetwork(images(d, nTrain), labels, courseLayers(), options);
  return { net, rate: steadyRate(ends, cfg.warmup), iterations: ends.length, lastAccuracy };
}

export async function measureOurs(d: Digits, cfg: BenchConfig): Promise<OursResult> {
  const nInfer = Math.min(cfg.infer, d.count);
  const single = await measureTraining(d, cfg, 'auto');
  const parallel = await measureTraining(d, cfg, 'parallel');
  const net = single.net;

  await predict(net, images(d, inferWarmupCount(nInfer)), 'MiniBatchSize', BATCH);
  const t0 = performance.now();
  await predict(net, images(d, nInfer), 'MiniBatchSize', BATCH);
  const inferMs = performance.now() - t0;

  return {
    trainImgS: single.rate,
    parallelTrainImgS: parallel.rate,
    inferImgS: rate(nInfer, inferMs),
    rssMb: peakRssMb(),
    backend: tf.getBackend(),
    threads: tf.getBackend() === 'wasm' ? wasmThreadCount() : null,
    iterations: single.iterations,
    lastBatchAccuracy: single.lastAccuracy,
  };
}
