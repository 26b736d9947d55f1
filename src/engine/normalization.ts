/**
 * Batch normalisation in training mode with a closed-form gradient.
 *
 * Why: autodiff of tf.moments produces Tile and reductions over outer axes,
 * both naive loops on wasm. Here every reduction over the M = N·H·W rows is
 * a matrix product with a ones row (XNNPACK) and the gradient is the textbook
 * closed form:  dx = γ/(σ·M) · (M·dy − Σdy − x̂·Σ(dy·x̂)).
 */
import { tf } from './tf.ts';
import { differentiable } from './differentiable.ts';

export interface BatchStatistics {
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
}

/** Column sums of a [M,C] matrix as a [1,C] row, through a matrix product. */
function columnSums(m: tf.Tensor2D, scale = 1): tf.Tensor2D {
  return tf.matMul(tf.fill([1, m.shape[0]], scale), m);
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
  const shape = x.shape;
  const c = shape[3];
  const m = shape[0] * shape[1] * shape[2];
  const op = differentiable((xi: tf.Tensor, g: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => {
    const x2 = xi.reshape([m, c]) as tf.Tensor2D;
    const mean = columnSums(x2, 1 / m);
    const centred = tf.sub(x2, mean);
    const variance = columnSums(tf.square(centred) as tf.Tensor2D, 1 / m);
    const invStd = tf.rsqrt(tf.add(variance, epsilon));
    const xhat = tf.mul(centred, invStd) as tf.Tensor2D;
    const y = tf.add(tf.mul(xhat, g), b).reshape(shape);
    if (onStatistics) onStatistics({ mean: tf.keep(mean.reshape([c])), variance: tf.keep(variance.reshape([c])) });
    save([xhat, invStd, g]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [sxhat, sinv, sg] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D];
        const dy2 = (dy as tf.Tensor).reshape([m, c]) as tf.Tensor2D;
        const dBeta = columnSums(dy2);
        const dGamma = columnSums(tf.mul(dy2, sxhat) as tf.Tensor2D);
        const scale = tf.mul(sinv, sg).div(m);
        const inner = tf.sub(tf.sub(tf.mul(dy2, m), dBeta), tf.mul(sxhat, dGamma));
        return [tf.mul(inner, scale).reshape(shape), dGamma.reshape([c]), dBeta.reshape([c])];
      },
    };
  }) as unknown as (a: tf.Tensor4D, b: tf.Tensor1D, c: tf.Tensor1D) => tf.Tensor4D;
  return op(x, gamma, beta);
}

/** Inference: y = x·scale + shift with precomputed per-channel scale = γ/√(σ²+ε), shift = β − μ·scale. */
export function batchNormInfer(x: tf.Tensor4D, mean: tf.Tensor1D, variance: tf.Tensor1D, gamma: tf.Tensor1D, beta: tf.Tensor1D, epsilon: number): tf.Tensor4D {
  const scale = tf.mul(gamma, tf.rsqrt(tf.add(variance, epsilon)));
  const shift = tf.sub(beta, tf.mul(mean, scale));
  return tf.add(tf.mul(x, scale), shift);
}
