/**
 * The inference pass, compiled: a convolution followed by batch
 * normalisation becomes one convolution with folded weights
 * (W·s, (b − μ)·s + β with s = γ/√(σ²+ε)), and a following ReLU is fused into
 * the same kernel with the bias (FusedConv2D: one pass over memory instead of
 * four). Other layers run their own forward.
 */
import { tf } from '../engine/tf.ts';
import type { Layer } from '../layers/Layer.ts';
import { Convolution2DLayer } from '../layers/convolution2dLayer.ts';
import { BatchNormalizationLayer } from '../layers/batchNormalizationLayer.ts';
import { ReLULayer } from '../layers/activationLayers.ts';

type Stage = (x: tf.Tensor) => tf.Tensor;

export interface InferencePlan {
  stages: Stage[];
  /** Tensors the plan owns (folded weights), disposed with it. */
  owned: tf.Tensor[];
}

/** BN statistics and parameters as per-channel scale and shift. */
function foldedBatchNorm(bn: BatchNormalizationLayer, params: tf.Tensor[]): { scale: tf.Tensor1D; shift: tf.Tensor1D } {
  const [offset, gamma] = params;
  const c = bn.TrainedMean!.numel;
  const mean = tf.tensor1d(Float32Array.from(bn.TrainedMean!.data));
  const variance = tf.tensor1d(Float32Array.from(bn.TrainedVariance!.data));
  const scale = tf.mul(gamma, tf.rsqrt(tf.add(variance, bn.Epsilon))) as tf.Tensor1D;
  return { scale, shift: tf.sub(offset, tf.mul(mean, scale)).reshape([c]) as tf.Tensor1D };
}

/** A fused convolution stage, or null when the geometry is outside what FusedConv2D runs (stride and dilation both > 1). */
function fusedConvolution(conv: Convolution2DLayer, convParams: tf.Tensor[], bn: { layer: BatchNormalizationLayer; params: tf.Tensor[] } | null, relu: boolean, owned: tf.Tensor[]): Stage | null {
  const stridesOne = conv.Stride.every((s) => s === 1);
  const dilationsOne = conv.DilationFactor.every((d) => d === 1);
  if (!stridesOne && !dilationsOne) return null;
  const [filter, bias] = tf.tidy(() => {
    const [w, b] = convParams;
    if (!bn) return [w.clone(), b.clone()];
    const { scale, shift } = foldedBatchNorm(bn.layer, bn.params);
    return [tf.mul(w, scale), tf.add(tf.mul(b, scale), shift)];
  });
  owned.push(tf.keep(filter), tf.keep(bias));
  const [t, b, l, r] = conv.PaddingSize;
  const pad: [[number, number], [number, number], [number, number], [number, number]] = [[0, 0], [t, b], [l, r], [0, 0]];
  return (x) => tf.fused.conv2d({
    x: x as tf.Tensor4D, filter: filter as tf.Tensor4D, bias, strides: conv.Stride, pad, dilations: conv.DilationFactor,
    activation: relu ? 'relu' : 'linear',
  });
}

/** Compile layers [0, end) for inference; fusion never crosses `end`, so activations of any layer stay exact. */
export function compileInference(layers: readonly Layer[], params: readonly tf.Tensor[][], end: number): InferencePlan {
  const owned: tf.Tensor[] = [];
  const stages: Stage[] = [];
  for (let i = 0; i < end; i++) {
    const layer = layers[i];
    if (layer instanceof Convolution2DLayer) {
      const hasBn = i + 1 < end && layers[i + 1] instanceof BatchNormalizationLayer;
      const reluAt = hasBn ? i + 2 : i + 1;
      const hasRelu = reluAt < end && layers[reluAt] instanceof ReLULayer;
      const bn = hasBn ? { layer: layers[i + 1] as BatchNormalizationLayer, params: params[i + 1] } : null;
      const stage = fusedConvolution(layer, params[i], bn, hasRelu, owned);
      if (stage) {
        stages.push(stage);
        i = hasRelu ? reluAt : hasBn ? i + 1 : i;
        continue;
      }
    }
    const p = params[i];
    stages.push((x) => layer.forward(x, p, { training: false }));
  }
  return { stages, owned };
}

export function runPlan(plan: InferencePlan, x: tf.Tensor): tf.Tensor {
  return plan.stages.reduce((y, stage) => stage(y), x);
}
