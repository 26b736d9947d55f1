/**
 * The engine-side state of a network being trained: parameter tensors per
 * layer, their update factors, and the running batch-norm statistics used
 * for validation while training goes on.
 */
import { tf } from '../engine/tf.ts';
import type { Layer } from '../layers/Layer.ts';
import { BatchNormalizationLayer } from '../layers/batchNormalizationLayer.ts';
import type { BatchStatistics } from '../engine/normalization.ts';
import type { ParameterFactors } from './solvers.ts';

/** MATLAB's MeanDecay/VarianceDecay default for the moving statistics. */
const STATISTICS_DECAY = 0.1;

export class TrainingState {
  /** Flat list of parameter tensors; `counts[i]` of them belong to layer i. */
  params: tf.Tensor[];
  readonly counts: number[];
  readonly factors: ParameterFactors[];

  constructor(readonly layers: readonly Layer[]) {
    const all = layers.map((l) => l.learnables());
    this.counts = all.map((a) => a.length);
    this.factors = all.flat().map((p) => ({ learnRateFactor: p.learnRateFactor, l2Factor: p.l2Factor }));
    this.params = all.flat().map((p) => tf.keep(tf.tidy(() => p.toTensor())));
  }

  /** Split a flat parameter list per layer. */
  perLayer(flat: readonly tf.Tensor[] = this.params): tf.Tensor[][] {
    const out: tf.Tensor[][] = [];
    let k = 0;
    for (const c of this.counts) {
      out.push(flat.slice(k, k + c));
      k += c;
    }
    return out;
  }

  replaceParams(next: tf.Tensor[]): void {
    this.params.forEach((t) => t.dispose());
    this.params = next;
  }

  /** Fold one iteration's batch statistics into each layer's moving TrainedMean/TrainedVariance. */
  updateMovingStatistics(stats: Map<Layer, BatchStatistics>, batchSize: number, pixelsPerObservation: Map<Layer, number>): void {
    for (const [layer, s] of stats) {
      const bn = layer as BatchNormalizationLayer;
      const m = batchSize * (pixelsPerObservation.get(layer) ?? 1);
      const mean = s.mean.dataSync() as Float32Array;
      const variance = s.variance.dataSync() as Float32Array;
      const oldMean = bn.TrainedMean!.data;
      const oldVar = bn.TrainedVariance!.data;
      const unbiased = m / Math.max(1, m - 1);
      const nm = mean.map((v, i) => (1 - STATISTICS_DECAY) * oldMean[i] + STATISTICS_DECAY * v);
      const nv = variance.map((v, i) => (1 - STATISTICS_DECAY) * oldVar[i] + STATISTICS_DECAY * v * unbiased);
      bn.setStatistics(nm, nv);
      s.mean.dispose();
      s.variance.dispose();
    }
  }

  /** Write the trained tensors back into the layers' MATLAB properties. */
  writeBack(): void {
    let k = 0;
    for (const l of this.layers) for (const p of l.learnables()) p.fromTensor(this.params[k++]);
  }

  dispose(): void {
    this.params.forEach((t) => t.dispose());
  }
}
