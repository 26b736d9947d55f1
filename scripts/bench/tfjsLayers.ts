/**
 * Reference: the same network written with tfjs-layers (tf.sequential) on
 * the same engine and backend as the toolbox. On wasm, model.fit of a conv
 * net fails for a missing gradient kernel; that is reported, not hidden.
 */
import * as tfl from '@tensorflow/tfjs';
import { BATCH, inferWarmupCount, type BenchConfig } from './config.ts';
import { SIDE, PIXELS, type Digits } from './data.ts';
import { steadyRate, rate } from './timing.ts';

export interface TfjsResult {
  trainImgS: number | null;
  /** Why training has no figure (null when it has one). */
  trainNote: string | null;
  inferImgS: number;
}

function model(): tfl.Sequential {
  // MATLAB's L2Regularization λ adds λ·w to the gradient; tfjs's l2 adds l2·Σw², whose gradient is 2·l2·w.
  const reg = () => tfl.regularizers.l2({ l2: 5e-5 });
  const block = (filters: number, pool: boolean, first = false): tfl.layers.Layer[] => [
    tfl.layers.conv2d({ ...(first ? { inputShape: [SIDE, SIDE, 1] } : {}), filters, kernelSize: 3, padding: 'same', kernelRegularizer: reg() }),
    tfl.layers.batchNormalization(),
    tfl.layers.reLU(),
    ...(pool ? [tfl.layers.maxPooling2d({ poolSize: 2, strides: 2 })] : []),
  ];
  const m = tfl.sequential({
    layers: [...block(16, true, true), ...block(32, true), ...block(64, false),
      tfl.layers.flatten(), tfl.layers.dense({ units: 10, activation: 'softmax', kernelRegularizer: reg() })],
  });
  m.compile({ optimizer: tfl.train.momentum(0.01, 0.9), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return m;
}

function inputs(d: Digits, n: number): tfl.Tensor4D {
  return tfl.tensor4d(d.rows.subarray(0, n * PIXELS), [n, SIDE, SIDE, 1]);
}

async function train(m: tfl.Sequential, d: Digits, cfg: BenchConfig): Promise<number> {
  const n = Math.floor(Math.min(cfg.train, d.count) / BATCH) * BATCH;
  const x = inputs(d, n);
  const y = tfl.tidy(() => tfl.oneHot(tfl.tensor1d(d.labels.subarray(0, n), 'int32'), 10));
  const ends: number[] = [];
  try {
    await m.fit(x, y, { batchSize: BATCH, epochs: cfg.epochs, shuffle: true, verbose: 0, yieldEvery: 'never',
      callbacks: { onBatchEnd: async () => { ends.push(performance.now()); } } });
  } finally {
    x.dispose();
    y.dispose();
  }
  return steadyRate(ends, cfg.warmup);
}

async function infer(m: tfl.Sequential, d: Digits, n: number): Promise<number> {
  const run = (k: number): void => {
    const x = inputs(d, k);
    const y = m.predict(x, { batchSize: BATCH }) as tfl.Tensor;
    y.dataSync();
    x.dispose();
    y.dispose();
  };
  run(inferWarmupCount(n));
  const t0 = performance.now();
  run(n);
  return rate(n, performance.now() - t0);
}

export async function measureTfjsLayers(d: Digits, cfg: BenchConfig): Promise<TfjsResult> {
  const m = model();
  try {
    let trainImgS: number | null = null;
    let trainNote: string | null = null;
    try {
      trainImgS = await train(m, d, cfg);
    } catch (err) {
      trainNote = `model.fit failed on ${tfl.getBackend()}: ${(err as Error).message.split('\n')[0]}`;
    }
    return { trainImgS, trainNote, inferImgS: await infer(m, d, Math.min(cfg.infer, d.count)) };
  } finally {
    m.dispose();
  }
}
