/**
 * Batch normalisation in training mode with a closed-form gradient.
 *
 * Why: autodiff of tf.moments produces Tile and reductions over outer axes,
 * both naive loops on wasm. Here every per-channel mean over the N·H·W
 * positions is a global average pooling (XNNPACK) followed by a mean over
 * the N rows, and the gradient is the textbook closed form:
 *   dx = γ/σ · (dy − mean(dy) − x̂·mean(dy·x̂)),
 * regrouped so that each full-size tensor meets one per-channel product.
 * Per-channel products and shifts go through channelAffine (XNNPACK on
 * every thread; the broadcasting Mul/Sub/Add of wasm are four times slower).
 */
import { tf } from './tf.ts';
import { differentiable } from './differentiable.ts';
import { channelMean } from './channelMean.ts';
import { channelAffine } from './channelAffine.ts';

export interface BatchStatistics {
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
}

/**
 * y = γ·(x − μ_B)/√(σ²_B + ε) + β over the batch; `onStatistics` receives μ_B and
 * σ²_B (biased), kept alive for the caller, which must dispose them.
 */
export function batchNormTrain(
  x: tf.Tensor4D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  epsilon: number,
  onStatistics?: (s: BatchStatistics) => void,
): tf.Tensor4D {
  const op = differentiable((xi: tf.Tensor, g: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => {
    const x4 = xi as tf.Tensor4D;
    const mean = channelMean(x4);
    const centred = channelAffine(x4, null, tf.neg(mean));
    const variance = channelMean(tf.square(centred) as tf.Tensor4D);
    const invStd = tf.rsqrt(tf.add(variance, epsilon));
    // γ/σ·(x − μ) + β in one pass; x̂ = (x − μ)/σ is never stored, the gradient works from x − μ.
    const y = channelAffine(centred, tf.mul(g, invStd), b);
    if (onStatistics) onStatistics({ mean: tf.keep(mean), variance: tf.keep(variance) });
    save([centred, invStd, g]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [sc, sinv, sg] = saved as [tf.Tensor4D, tf.Tensor1D, tf.Tensor1D];
        const d = dy as tf.Tensor4D;
        const m = d.shape[0] * d.shape[1] * d.shape[2];
        const meanDy = channelMean(d);
        const meanDyXhat = tf.mul(channelMean(tf.mul(d, sc) as tf.Tensor4D), sinv);
        // dx = a·dy − a·mean(dy) − a/σ·mean(dy·x̂)·(x − μ), a = γ/σ: two per-channel passes and a sum.
        const a = tf.mul(sg, sinv);
        const dx = tf.add(channelAffine(d, a, tf.neg(tf.mul(a, meanDy))), channelAffine(sc, tf.neg(tf.mul(tf.mul(a, sinv), meanDyXhat)), null));
        return [dx, tf.mul(meanDyXhat, m), tf.mul(meanDy, m)];
      },
    };
  }) as unknown as (a: tf.Tensor4D, b: tf.Tensor1D, c: tf.Tensor1D) => tf.Tensor4D;
  return op(x, gamma, beta);
}

/**
 * Inference: y = x·scale + shift with precomputed per-channel scale = γ/√(σ²+ε), shift = β − μ·scale.
 * Broadcasting Mul and Add, not channelAffine: deepDreamImage differentiates through this with respect
 * to x, and channelAffine's depthwise convolution has no input gradient on wasm
 * (DepthwiseConv2dNativeBackpropInput is not registered). predict folds batch norm into the convolution.
 */
export function batchNormInfer(x: tf.Tensor4D, mean: tf.Tensor1D, variance: tf.Tensor1D, gamma: tf.Tensor1D, beta: tf.Tensor1D, epsilon: number): tf.Tensor4D {
  const scale = tf.mul(gamma, tf.rsqrt(tf.add(variance, epsilon)));
  const shift = tf.sub(beta, tf.mul(mean, scale));
  return tf.add(tf.mul(x, scale), shift);
}
