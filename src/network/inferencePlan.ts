/**
 * The inference pass, compiled: a convolution followed by batch
 * normalisation becomes one convolution with folded weights
 * (W·s, (b − μ)·s + β with s = γ/√(σ²+ε)), and a following ReLU is fused into
 * the same kernel with the bias (FusedConv2D: one pass over memory instead of
 * four). A layer is fused into the one before only when it is that layer's
 * sole reader, so graph branches stay exact. Other layers run their own forward.
 */
import { tf } from '../engine/tf.ts';
import type { Layer } from '../layers/Layer.ts';
import { Convolution2DLayer } from '../layers/convolution2dLayer.ts';
import { BatchNormalizationLayer } from '../layers/batchNormalizationLayer.ts';
import { ReLULayer } from '../layers/activationLayers.ts';
import { feedsOnlyNext, layerStages, runTopology, type Stage, type Topology } from './topology.ts';

export interface InferencePlan {
  topology: Topology;
  /** stages[i] computes layer i's output, or is null when fused into an earlier stage (whose output stands for it). */
  stages: (Stage | null)[];
  /** The layer whose output the plan returns. */
  target: number;
  /** Tensors the plan owns (folded weights), disposed with it. */
  owned: tf.Tensor[];
}

/** BN statistics and parameters as per-channel scale and shift. */
function foldedBatchNorm(bn: BatchNormalizationLayer, params: tf.Tensor[]): { scale: tf.Tensor1D; shift: tf.Tensor1D } {
  const [offset, gamma] = params;
  const [mean, variance] = bn.statisticTensors();
  const scale = tf.mul(gamma, tf.rsqrt(tf.add(variance, bn.Epsilon))) as tf.Tensor1D;
  return { scale, shift: tf.sub(offset, tf.mul(mean, scale)).reshape([mean.size]) as tf.Tensor1D };
}

/** A fused convolution stage, or null when the geometry is outside what FusedConv2D runs. */
function fusedConvolution(conv: Convolution2DLayer, convParams: tf.Tensor[], bn: { layer: BatchNormalizationLayer; params: tf.Tensor[] } | null, relu: boolean, owned: tf.Tensor[]): Stage | null {
  const stridesOne = conv.Stride.every((s) => s === 1);
  const dilationsOne = conv.DilationFactor.every((d) => d === 1);
  if ((!stridesOne && !dilationsOne) || conv.PaddingValue !== 0) return null;
  const [filter, bias] = tf.tidy(() => {
    const [w, b] = convParams;
    if (!bn) return [w.clone(), b.clone()];
    const { scale, shift } = foldedBatchNorm(bn.layer, bn.params);
    return [tf.mul(w, scale), tf.add(tf.mul(b, scale), shift)];
  });
  owned.push(tf.keep(filter), tf.keep(bias));
  const [t, b, l, r] = conv.PaddingSize;
  const pad: [[number, number], [number, number], [number, number], [number, number]] = [[0, 0], [t, b], [l, r], [0, 0]];
  return ([x]) => tf.fused.conv2d({
    x: x as tf.Tensor4D, filter: filter as tf.Tensor4D, bias, strides: conv.Stride, pad, dilations: conv.DilationFactor,
    activation: relu ? 'relu' : 'linear',
  });
}

/** Whether layer j (> i) may be fused into layer i's stage: j is the next layer and i's only reader, and the fusion stays within the target. */
function fusable(topo: Topology, i: number, j: number, target: number, kind: new (...a: never[]) => Layer): boolean {
  return j <= target && j === i + 1 && topo.layers[j] instanceof kind && feedsOnlyNext(topo, i);
}

/** Compile the pass up to layer `target`'s output; fusion never crosses the target, so activations of any layer stay exact. */
export function compileInference(topo: Topology, params: readonly tf.Tensor[][], target: number): InferencePlan {
  const owned: tf.Tensor[] = [];
  const stages: (Stage | null)[] = layerStages(topo, params, { training: false });
  for (let i = 0; i <= target; i++) {
    const layer = topo.layers[i];
    if (!(layer instanceof Convolution2DLayer)) continue;
    const hasBn = fusable(topo, i, i + 1, target, BatchNormalizationLayer);
    const reluAt = hasBn ? i + 2 : i + 1;
    const hasRelu = fusable(topo, reluAt - 1, reluAt, target, ReLULayer);
    const bn = hasBn ? { layer: topo.layers[i + 1] as BatchNormalizationLayer, params: params[i + 1] } : null;
    const stage = fusedConvolution(layer, params[i], bn, hasRelu, owned);
    if (!stage) continue;
    const last = hasRelu ? reluAt : hasBn ? i + 1 : i;
    // The fused stage produces the last fused layer's output; the layers it absorbed pass it on.
    stages[i] = stage;
    for (let k = i + 1; k <= last; k++) stages[k] = ([x]) => x;
    i = last;
  }
  return { topology: topo, stages, target, owned };
}

export function runPlan(plan: InferencePlan, x: tf.Tensor): tf.Tensor {
  return runTopology(plan.topology, plan.stages, x, plan.target, true);
}

export function disposePlan(plan: InferencePlan): void {
  plan.owned.forEach((t) => t.dispose());
}
