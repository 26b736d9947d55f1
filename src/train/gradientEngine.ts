/**
 * Where an iteration's gradients are computed: on this thread, or split
 * across this thread and worker threads (ExecutionEnvironment 'parallel').
 */
import type { tf } from '../engine/tf.ts';
import type { ActivationSize } from '../layers/Layer.ts';
import type { Topology } from '../network/topology.ts';
import { computeGradients, type GradientResult, type HeadSpec } from './gradientStep.ts';

export interface GradientEngine {
  /** Gradients of the mean loss over a batch of n observations, with the current parameters. */
  compute(params: tf.Tensor[], pixels: Float32Array, targets: Float32Array, n: number): Promise<GradientResult>;
  dispose(): Promise<void>;
}

export interface NetworkShape {
  topology: Topology;
  /** Per parameter: whether it trains (see TrainingState.trained). */
  trained: readonly boolean[];
  counts: readonly number[];
  size: ActivationSize;
  head: HeadSpec;
}

export class LocalGradientEngine implements GradientEngine {
  constructor(private readonly net: NetworkShape) {}
  async compute(params: tf.Tensor[], pixels: Float32Array, targets: Float32Array, n: number): Promise<GradientResult> {
    const { topology, counts, size, head, trained } = this.net;
    return computeGradients(topology, counts, params, pixels, targets, n, size, head, trained);
  }
  async dispose(): Promise<void> {}
}
