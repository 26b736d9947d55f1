/**
 * Per-channel mean over N, H and W of an NHWC tensor, as a [C] vector: a
 * global average pooling (XNNPACK) then a mean over the N rows. Reductions
 * over outer axes (tf.sum(x, [0, 1, 2])) are naive loops on wasm, and a
 * ones-row matrix product repacks its operand every call: measured 6.3 ms and
 * 24 ms for 128×28×28×16 against 1.4 ms for this.
 */
import { tf } from './tf.ts';

export function channelMean(t: tf.Tensor4D): tf.Tensor1D {
  const [n, h, w, c] = t.shape;
  const pooled = tf.avgPool(t, [h, w], [h, w], 'valid').reshape([n, c]);
  return tf.mean(pooled, 0) as tf.Tensor1D;
}

/** Per-channel sum over N, H and W. */
export function channelSum(t: tf.Tensor4D): tf.Tensor1D {
  const [n, h, w] = t.shape;
  return tf.mul(channelMean(t), n * h * w);
}
