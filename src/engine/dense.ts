/**
 * Fully connected product y = x·Wᵀ + b, the weights stored as MATLAB stores
 * them, W [K,D] (output × input), the input flattened [N,D].
 *
 * Why: a plain MatMul on wasm is XNNPACK's fully connected operator, which
 * streams its left operand but packs its right one anew for every new
 * tensor (the packed copy is cached by tensor id only), and transposed
 * MatMul flags are a naive loop. Training's weights are new tensors every
 * step: packing AlexNet's fc6 (9216×4096) took seconds a step. So when W is
 * the larger operand (more outputs K than rows N) it is the left operand,
 * read as it is:
 *   y  = (W·xᵀ)ᵀ      (xᵀ packed: N columns),
 *   dx = (Wᵀ·dyᵀ)ᵀ    (one transpose of W a step: the reduction runs over K),
 *   dW = dyᵀ·x.
 * A small W (the course CNN's last layer) is packed as before: y = x·Wᵀ,
 * dx = dy·W, dW = (xᵀ·dy)ᵀ. Both ways compute the same sums in the same order
 * (one accumulator per output, over the shared axis in order): the same bits.
 */
import { tf } from './tf.ts';
import { differentiable } from './differentiable.ts';

/** a·bᵀ for a [M,D] and b [K,D], b as the streamed left operand: (b·aᵀ)ᵀ. */
function timesTransposed(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return tf.transpose(tf.matMul(b, tf.transpose(a)));
}

/** Stream W (the left operand) rather than pack it: it outweighs the batch. */
function streams(x: tf.Tensor2D, w: tf.Tensor2D): boolean {
  return w.shape[0] > x.shape[0];
}

export function dense(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  const op = differentiable((xi: tf.Tensor, wi: tf.Tensor, bi: tf.Tensor, save: tf.GradSaveFunc) => {
    save([xi, wi]);
    return {
      value: tf.add(streams(xi as tf.Tensor2D, wi as tf.Tensor2D) ? timesTransposed(xi as tf.Tensor2D, wi as tf.Tensor2D) : tf.matMul(xi as tf.Tensor2D, tf.transpose(wi)), bi),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [sx, sw] = saved as [tf.Tensor2D, tf.Tensor2D];
        const g = dy as tf.Tensor2D;
        const streamed = streams(sx, sw);
        return [
          streamed ? timesTransposed(g, tf.transpose(sw)) : tf.matMul(g, sw),
          streamed ? tf.matMul(tf.transpose(g), sx) : tf.transpose(tf.matMul(tf.transpose(sx), g)),
          tf.matMul(tf.ones([1, g.shape[0]]), g).reshape([g.shape[1]]),
        ];
      },
    };
  }) as unknown as (a: tf.Tensor2D, b: tf.Tensor2D, c: tf.Tensor1D) => tf.Tensor2D;
  return op(x, w, b);
}

/**
 * x·Wᵀ + b differentiable in x only, W and b constants (deep dream's input
 * gradients). dx = dy·W with W, the same tensor every pass, as the right
 * operand: XNNPACK packs it once and keeps the packed copy while W lives,
 * where a transpose of W each pass would cost a copy of it every time.
 */
export function denseInputOnly(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  const op = differentiable((xi: tf.Tensor, save: tf.GradSaveFunc) => {
    save([w]);
    return {
      value: tf.add(timesTransposed(xi as tf.Tensor2D, w), b),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [sw] = saved as [tf.Tensor2D];
        return [tf.matMul(dy as tf.Tensor2D, sw)];
      },
    };
  }) as unknown as (a: tf.Tensor2D) => tf.Tensor2D;
  return op(x);
}
