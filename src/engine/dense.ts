/**
 * Fully connected product y = x·W + b with gradients as plain matrix products
 * of explicitly transposed operands (transposed MatMul flags are a naive loop
 * on wasm; Transpose followed by a plain MatMul goes through XNNPACK).
 */
import { tf } from './tf.ts';
import { differentiable } from './differentiable.ts';

export function dense(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  const op = differentiable((xi: tf.Tensor, wi: tf.Tensor, bi: tf.Tensor, save: tf.GradSaveFunc) => {
    save([xi, wi]);
    return {
      value: tf.add(tf.matMul(xi as tf.Tensor2D, wi as tf.Tensor2D), bi),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [sx, sw] = saved as [tf.Tensor2D, tf.Tensor2D];
        const g = dy as tf.Tensor2D;
        return [
          tf.matMul(g, tf.transpose(sw)),
          tf.matMul(tf.transpose(sx), g),
          tf.matMul(tf.ones([1, g.shape[0]]), g).reshape([g.shape[1]]),
        ];
      },
    };
  }) as unknown as (a: tf.Tensor2D, b: tf.Tensor2D, c: tf.Tensor1D) => tf.Tensor2D;
  return op(x, w, b);
}

/**
 * x·W + b differentiable in x only, W and b constants (deep dream's input
 * gradients). dx = (W·dyᵀ)ᵀ: W stays the product's left operand, read as it
 * is, so neither is W transposed each pass nor a transposed copy packed anew
 * as XNNPACK's weights (1.2 s a pass for AlexNet's fc6).
 */
export function denseInputOnly(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  const op = differentiable((xi: tf.Tensor, save: tf.GradSaveFunc) => {
    save([w]);
    return {
      value: tf.add(tf.matMul(xi as tf.Tensor2D, w), b),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [sw] = saved as [tf.Tensor2D];
        return [tf.transpose(tf.matMul(sw, tf.transpose(dy as tf.Tensor2D)))];
      },
    };
  }) as unknown as (a: tf.Tensor2D) => tf.Tensor2D;
  return op(x);
}
