/**
 * The engine-side state of a network being trained: parameter tensors per
 * layer, their update factors, and the running batch-norm statistics used
 * for validation while training goes on.
 */
import { tf } from '../engine/tf.ts';
import type { Layer } from '../layers/Layer.ts';
import { BatchNormalizationLayer } from '../layers/batchNormalizationLayer.ts';
import type { ParameterFactors } from './solvers.ts';
import { splitPerLayer, type ChannelStatistics } from './gradientStep.ts';

export class TrainingState {
  /** Flat list of parameter tensors; `counts[i]` of them belong to layer i. */
  params: tf.Tensor[];
  readonly counts: number[];
  readonly factors: ParameterFactors[];
  /** Whether each parameter trains: a learn-rate factor of 0 freezes it (no solver moves it), so it needs no gradient. */
  readonly trained: boolean[];
  /** Indices of the trained parameters. */
  readonly trainedIndices: number[];

  constructor(readonly layers: readonly Layer[]) {
    const all = layers.map((l) => l.learnables());
    this.counts = all.map((a) => a.length);
    this.factors = all.flat().map((p) => ({ learnRateFactor: p.learnRateFactor, l2Factor: p.l2Factor }));
    this.params = all.flat().map((p) => tf.keep(tf.tidy(() => p.toTensor())));
    this.trained = this.factors.map((f) => f.learnRateFactor > 0);
    this.trainedIndices = this.trained.flatMap((t, k) => (t ? [k] : []));
  }

  /** Split a flat parameter list per layer. */
  perLayer(flat: readonly tf.Tensor[] = this.params): tf.Tensor[][] {
    return splitPerLayer(flat, this.counts);
  }

  replaceParams(next: tf.Tensor[]): void {
    this.params.forEach((t) => t.dispose());
    this.params = next;
  }

  /** The trained parameters and their factors, in order. */
  trainedParams(): { params: tf.Tensor[]; factors: ParameterFactors[] } {
    return { params: this.trainedIndices.map((k) => this.params[k]), factors: this.trainedIndices.map((k) => this.factors[k]) };
  }

  /** Replace the trained parameters (frozen ones stay). */
  replaceTrained(next: tf.Tensor[]): void {
    this.trainedIndices.forEach((k, j) => {
      this.params[k].dispose();
      this.params[k] = next[j];
    });
  }

  /**
   * Fold one iteration's batch statistics (by layer index) into each layer's
   * moving TrainedMean/TrainedVariance; `rows[i]` is the number of values
   * per channel layer i normalised over (for the unbiased variance).
   */
  updateMovingStatistics(stats: Map<number, ChannelStatistics>, rows: (layer: number) => number): void {
    for (const [i, s] of stats) {
      const bn = this.layers[i] as BatchNormalizationLayer;
      const oldMean = bn.TrainedMean!.data;
      const oldVar = bn.TrainedVariance!.data;
      const m = rows(i);
      const unbiased = m / Math.max(1, m - 1);
      // Each layer's own decays (MATLAB's MeanDecay, VarianceDecay; 0.1 by default): the new batch's weight.
      const [dm, dv] = [bn.MeanDecay, bn.VarianceDecay];
      const nm = s.mean.map((v, c) => (1 - dm) * oldMean[c] + dm * v);
      const nv = s.variance.map((v, c) => (1 - dv) * oldVar[c] + dv * v * unbiased);
      bn.setStatistics(nm, nv);
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
