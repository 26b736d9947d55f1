/**
 * Passes over the training data made outside the training loop:
 * the input layer's mean image ('zerocenter') before training, and the
 * batch-norm population statistics after it.
 */
import { tf } from '../engine/tf.ts';
import { MArray } from '../runtime/marray.ts';
import { reorderImages } from '../engine/layout.ts';
import type { Layer, ActivationSize } from '../layers/Layer.ts';
import { forwardTopology, outputIndex, type Topology } from '../network/topology.ts';
import { BatchNormalizationLayer } from '../layers/batchNormalizationLayer.ts';
import type { NormalizationStatistic } from '../layers/imageInputLayer.ts';
import type { ObservationSource } from '../data/observations.ts';
import { sequentialBatches } from '../data/observations.ts';
import type { BatchStatistics } from '../engine/normalization.ts';

/**
 * The input normalization's statistics over every observation, accumulated
 * in double in one pass: the mean per element (H×W×C, 'zerocenter', as
 * MATLAB's mean image) or per channel (1×1×C, 'zscore'), the standard
 * deviation, minimum and maximum per channel.
 */
export async function normalizationStatistics(
  source: ObservationSource, size: ActivationSize, batchSize: number, needed: readonly NormalizationStatistic[], meanPerElement: boolean,
): Promise<Partial<Record<NormalizationStatistic, MArray>>> {
  const [h, w, c] = size;
  const per = h * w * c;
  const sums = new Float64Array(per);
  const squares = new Float64Array(c);
  const lo = new Float64Array(c).fill(Infinity);
  const hi = new Float64Array(c).fill(-Infinity);
  for (const batch of sequentialBatches(source.count, batchSize)) {
    const pixels = await source.readBatch(batch);
    for (let k = 0; k < batch.length; k++) {
      const base = k * per;
      for (let j = 0; j < per; j++) {
        const v = pixels[base + j];
        sums[j] += v;
        const ch = j % c;
        squares[ch] += v * v;
        if (v < lo[ch]) lo[ch] = v;
        if (v > hi[ch]) hi[ch] = v;
      }
    }
  }
  const n = source.count;
  const perChannel = (values: ArrayLike<number>) => MArray.from(values, [1, 1, c], 'single');
  const channelMeans = Array.from({ length: c }, (_, ch) => {
    let t = 0;
    for (let j = ch; j < per; j += c) t += sums[j];
    return t / (n * h * w);
  });
  const out: Partial<Record<NormalizationStatistic, MArray>> = {};
  if (needed.includes('Mean')) {
    // NHWC accumulation order → MATLAB column-major H×W×C.
    out.Mean = meanPerElement ? MArray.from(reorderImages(sums.map((v) => v / n), h, w, c, 1, false), [h, w, c], 'single') : perChannel(channelMeans);
  }
  if (needed.includes('StandardDeviation')) {
    out.StandardDeviation = perChannel(channelMeans.map((m, ch) => Math.sqrt(Math.max(0, squares[ch] / (n * h * w) - m * m))));
  }
  if (needed.includes('Min')) out.Min = perChannel(lo);
  if (needed.includes('Max')) out.Max = perChannel(hi);
  return out;
}

/** Mean image H×W×C (single, column-major) over every observation. */
export async function meanImage(source: ObservationSource, size: ActivationSize, batchSize: number): Promise<MArray> {
  return (await normalizationStatistics(source, size, batchSize, ['Mean'], true)).Mean!;
}

/**
 * Population statistics: one more pass over the training data in training
 * mode, pooling each layer's batch means and second moments over all rows
 * (mean = E[x], variance = E[x²] − E[x]²).
 */
export async function populationStatistics(topo: Topology, params: tf.Tensor[][], source: ObservationSource, size: ActivationSize, batchSize: number): Promise<void> {
  const bns = topo.layers.filter((l): l is BatchNormalizationLayer => l instanceof BatchNormalizationLayer);
  if (bns.length === 0) return;
  const sum = new Map<Layer, Float64Array>();
  const sumSq = new Map<Layer, Float64Array>();
  let rows = 0;
  for (const batch of sequentialBatches(source.count, batchSize)) {
    const pixels = await source.readBatch(batch);
    const stats: [Layer, BatchStatistics][] = [];
    tf.tidy(() => {
      forwardTopology(topo, tf.tensor4d(pixels, [batch.length, ...size]), params, {
        training: true,
        onBatchStatistics: (l, s) => stats.push([l, s]),
      }, outputIndex(topo));
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
