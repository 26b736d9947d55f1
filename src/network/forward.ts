/**
 * Shapes between the executor and the losses.
 */
import type { tf } from '../engine/tf.ts';

/** [N, …] → [N, K]. */
export function asMatrix(t: tf.Tensor): tf.Tensor2D {
  return t.reshape([t.shape[0], t.size / t.shape[0]]) as tf.Tensor2D;
}
