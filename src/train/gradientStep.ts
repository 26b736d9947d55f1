/**
 * One mini-batch's loss, metric, gradients and batch-norm statistics: the
 * unit of work of a training iteration, shared by the trainer and by the
 * data-parallel workers (each computes it on its share of the batch).
 */
import { tf } from '../engine/tf.ts';
import { matlabError } from '../runtime/errors.ts';
import { softmaxCrossEntropy, crossEntropy, halfMeanSquaredError } from '../engine/losses.ts';
import type { ActivationSize } from '../layers/Layer.ts';
import { asMatrix } from '../network/forward.ts';
import { forwardTopology, type Topology } from '../network/topology.ts';

/** What the loss needs to know about the network head. */
export interface HeadSpec {
  kind: 'classification' | 'regression';
  /** Targets per observation (classes, or responses). */
  width: number;
  /** The layer whose output is the loss input (topological index). */
  end: number;
  /** The loss input is before a softmax that the loss fuses. */
  fusedSoftmax: boolean;
  /** classificationLayer's ClassWeights, when given: the cross-entropy weighs each class's term. */
  classWeights?: number[];
}

/** Per-channel batch statistics of one batch-normalisation layer. */
export interface ChannelStatistics {
  mean: Float32Array;
  variance: Float32Array;
}

export interface GradientResult {
  /** Mean loss over the batch (without the L2 term, as MATLAB prints it). */
  loss: number;
  /** Correct predictions (classification) or sum of squared errors (regression). */
  metric: number;
  /** Gradients of the mean loss of the trained parameters, in parameter order (caller disposes). */
  grads: tf.Tensor[];
  /** Batch statistics by layer index. */
  stats: Map<number, ChannelStatistics>;
}

/**
 * Loss and a metric sum from the network output. `logits` says whether
 * `out` is before a fused softmax.
 */
export function headMetrics(out: tf.Tensor2D, t: tf.Tensor2D, kind: HeadSpec['kind'], logits: boolean, classWeights?: number[]): [tf.Scalar, tf.Scalar] {
  if (kind === 'regression') return [halfMeanSquaredError(out, t), tf.sum(tf.square(tf.sub(out, t)))];
  // Weighted: −Σ wᵢ·Tᵢ·log Yᵢ / N, the weights folded into the targets.
  const wt = classWeights ? tf.mul(t, tf.tensor2d(classWeights, [1, classWeights.length])) as tf.Tensor2D : t;
  const loss = logits ? softmaxCrossEntropy(out, wt, classWeights !== undefined) : crossEntropy(out, wt);
  const correct = tf.sum(tf.cast(tf.equal(tf.argMax(out, 1), tf.argMax(t, 1)), 'float32')) as tf.Scalar;
  return [loss, correct];
}

/** Split a flat parameter list per layer (`counts[i]` parameters for layer i). */
export function splitPerLayer<T>(flat: readonly T[], counts: readonly number[]): T[][] {
  const out: T[][] = [];
  let k = 0;
  for (const c of counts) {
    out.push(flat.slice(k, k + c));
    k += c;
  }
  return out;
}

/**
 * One step's loss, metric, batch statistics and the gradients of the
 * parameters flagged in `trained` (all by default). Frozen parameters
 * (learn-rate factor 0, which no solver ever moves) enter as constants, so
 * neither their gradients nor the input gradients of layers with nothing
 * trained upstream are computed: transfer learning with frozen layers pays
 * only for its new head.
 */
export function computeGradients(
  topo: Topology, counts: readonly number[], params: tf.Tensor[],
  pixels: Float32Array, targets: Float32Array, n: number, size: ActivationSize, head: HeadSpec,
  trained: readonly boolean[] = params.map(() => true),
): GradientResult {
  let metricTensor: tf.Scalar | null = null;
  const statTensors = new Map<number, { mean: tf.Tensor; variance: tf.Tensor }>();
  const index = new Map(topo.layers.map((l, i) => [l, i] as const));
  const xs = tf.tensor4d(pixels, [n, ...size]);
  const ts = tf.tensor2d(targets, [n, head.width]);
  const which = params.flatMap((_, k) => (trained[k] ? [k] : []));
  if (which.length === 0) matlabError('trainNetwork:nothingToTrain', 'Every learnable parameter has a learn-rate factor of 0: there is nothing to train.');
  const learns = splitPerLayer(trained, counts).map((t) => t.some(Boolean));
  const { value, grads } = tf.valueAndGrads((...p: tf.Tensor[]) => {
    const all = [...params];
    which.forEach((k, j) => { all[k] = p[j]; });
    const out = asMatrix(forwardTopology(topo, xs, splitPerLayer(all, counts), {
      training: true,
      onBatchStatistics: (l, s) => statTensors.set(index.get(l)!, s),
    }, head.end, learns));
    const [loss, metric] = headMetrics(out, ts, head.kind, head.fusedSoftmax, head.classWeights);
    metricTensor = tf.keep(metric);
    return loss;
  })(which.map((k) => params[k]));
  xs.dispose();
  ts.dispose();
  const loss = value.dataSync()[0];
  value.dispose();
  const m = metricTensor as tf.Scalar | null;
  const metric = m?.dataSync()[0] ?? 0;
  m?.dispose();
  const stats = new Map<number, ChannelStatistics>();
  for (const [i, s] of statTensors) {
    stats.set(i, { mean: s.mean.dataSync().slice() as Float32Array, variance: s.variance.dataSync().slice() as Float32Array });
    s.mean.dispose();
    s.variance.dispose();
  }
  return { loss, metric, grads, stats };
}
