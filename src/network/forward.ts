/**
 * The forward pass through a series of layers, shared by training and
 * inference.
 */
import { tf } from '../engine/tf.ts';
import type { ForwardContext, Layer } from '../layers/Layer.ts';
import { SoftmaxLayer, ClassificationOutputLayer } from '../layers/outputLayers.ts';

/** Run layers [from, to) on x; params[i] are layer i's learnables. */
export function forwardRange(layers: readonly Layer[], x: tf.Tensor, params: readonly tf.Tensor[][], ctx: ForwardContext, from = 0, to = layers.length): tf.Tensor {
  let y = x;
  // Gradients flow into a layer's input only once some earlier layer learns.
  let upstreamLearns = params.slice(0, from).some((p) => p.length > 0);
  for (let i = from; i < to; i++) {
    y = layers[i].forward(y, params[i], ctx.training ? { ...ctx, inputGradient: upstreamLearns } : ctx);
    upstreamLearns ||= params[i].length > 0;
  }
  return y;
}

/**
 * Where the training loss should read the activations: a softmax directly
 * before a classification layer is folded into a fused softmax–cross-entropy,
 * so training reads the logits (the layer before the softmax).
 */
export function lossInputIndex(layers: readonly Layer[]): { end: number; fusedSoftmax: boolean } {
  const n = layers.length;
  const fused = n >= 2 && layers[n - 1] instanceof ClassificationOutputLayer && layers[n - 2] instanceof SoftmaxLayer;
  return { end: fused ? n - 2 : n - 1, fusedSoftmax: fused };
}

/** [N, …] → [N, K]. */
export function asMatrix(t: tf.Tensor): tf.Tensor2D {
  return t.reshape([t.shape[0], t.size / t.shape[0]]) as tf.Tensor2D;
}
