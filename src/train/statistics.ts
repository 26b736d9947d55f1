/**
 * Passes over the training data made outside the training loop:
 * the input layer's mean image ('zerocenter') before training, and the
 * batch-norm population statistics after it.
 */
import { tf } from '../engine/tf.ts';
import { MArray } from '../runtime/marray.ts';
import { reorderImages } from '../engine/layout.ts';
import type { Layer, ActivationSize } from '../layers/Layer.ts';
import { BatchNormalizationLayer } from '../layers/batchNormalizationLayer.ts';
import { forwardRange } from '../network/forward.ts';
import type { ObservationSource } from './observations.ts';
import { sequentialBatches } from './observations.ts';
import type { BatchStatistics } from '../engine/normalization.ts';

/** Mean image H×W×C (single, column-major) over every observation, accumulated in double. */
export async function meanImage(source: ObservationSource, size: ActivationSize, batchSize: number): Promise<MArray> {
  const [h, w, c] = size;
  const sums = new Float64Array(h * w * c);
  for (const batch of sequentialBatches(source.count, batchSize)) {
    const pixels = await source.readBatch(batch);
    for (let k = 0; k < batch.length; k++) {
      const base = k * sums.length;
      for (let j = 0; j < sums.length; j++) sums[j] += pixels[base + j];
    }
  }
  // NHWC accumulation order → MATLAB column-major H×W×C.
  const mean = reorderImages(sums.map((v) => v / source.count), h, w, c, 1, false);
  return MArray.from(mean, [h, w, c], 'single');
}

/**
 * Population statistics: one more pass over the training data in training
 * mode, pooling each layer's batch means and second moments over all rows
 * (mean = E[x], variance = E[x²] − E[x]²).
 */
export async function populationStatistics(layers: readonly Layer[], params: tf.Tensor[][], source: ObservationSource, size: ActivationSize, batchSize: number): Promise<void> {
  const bns = layers.filter((l): l is BatchNormalizationLayer => l instanceof BatchNormalizationLayer);
  if (bns.length === 0) return;
  const sum = new Map<Layer, Float64Array>();
  const sumSq = new Map<Layer, Float64Array>();
  let rows = 0;
  for (const batch of sequentialBatches(source.count, batchSize)) {
    const pixels = await source.readBatch(batch);
    const stats: [Layer, BatchStatistics][] = [];
    tf.tidy(() => {
      forwardRange(layers, tf.tensor4d(pixels, [batch.length, ...size]), params, {
        training: true,
        onBatchStatistics: (l, s) => stats.push([l, s]),
      });
    });
    for (const [l, s] of stats) {
      const mean = s.mean.dataSync();
      const variance = s.variance.dataSync();
      const acc = sum.get(l) ?? new Float64Array(mean.length);
      const accSq = sumSq.get(l) ?? new Float64Array(mean.length);
      for (let i = 0; i < mean.length; i++) {
        acc[i] += mean[i] * batch.length;
        accSq[i] += (variance[i] + mean[i] * mean[i]) * batch.length;
      }
      sum.set(l, acc);
      sumSq.set(l, accSq);
      s.mean.dispose();
      s.variance.dispose();
    }
    rows += batch.length;
  }
  for (const l of bns) {
    const acc = sum.get(l)!;
    const accSq = sumSq.get(l)!;
    const mean = Array.from(acc, (v) => v / rows);
    const variance = Array.from(accSq, (v, i) => Math.max(0, v / rows - mean[i] * mean[i]));
    l.setStatistics(mean, variance);
  }
}
