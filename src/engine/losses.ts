/**
 * Output losses, as MATLAB's output layers define them (mean over observations).
 */
import { tf } from './tf.ts';
import { differentiable } from './differentiable.ts';

/**
 * Softmax followed by cross-entropy, −Σ T·log(softmax(z)) / N, with the
 * combined gradient (softmax(z) − T)/N: stable and one op instead of a chain.
 * `weighted` targets (class weights folded in) use (softmax(z)·ΣT − T)/N.
 */
export function softmaxCrossEntropy(logits: tf.Tensor2D, targets: tf.Tensor2D, weighted = false): tf.Scalar {
  const n = logits.shape[0];
  const op = differentiable((z: tf.Tensor, t: tf.Tensor, save: tf.GradSaveFunc) => {
    const logp = tf.logSoftmax(z);
    save([logp, t]);
    return {
      value: tf.neg(tf.sum(tf.mul(t, logp))).div(n) as tf.Scalar,
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [lp, tt] = saved;
        // Weighted targets do not sum to one per row: the gradient is softmax·ΣT − T.
        const p = weighted ? tf.mul(tf.exp(lp), tf.sum(tt, 1, true)) : tf.exp(lp);
        const g = tf.mul(tf.sub(p, tt), tf.div(dy as tf.Tensor, n));
        return [g, tf.zerosLike(tt)];
      },
    };
  }) as unknown as (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Scalar;
  return op(logits, targets);
}

/** Cross-entropy on probabilities already produced by a softmax layer: −Σ T·log(Y) / N. */
export function crossEntropy(probabilities: tf.Tensor2D, targets: tf.Tensor2D): tf.Scalar {
  const n = probabilities.shape[0];
  return tf.neg(tf.sum(tf.mul(targets, tf.log(tf.maximum(probabilities, 1e-30))))).div(n) as tf.Scalar;
}

/** Half mean squared error, Σ ½(Y − T)² / N (MATLAB's regressionLayer). */
export function halfMeanSquaredError(y: tf.Tensor, t: tf.Tensor): tf.Scalar {
  const n = y.shape[0];
  return tf.sum(tf.square(tf.sub(y, t))).mul(0.5 / n) as tf.Scalar;
}
