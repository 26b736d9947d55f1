/**
 * tf.customGrad with types loose enough for multi-input kernels
 * (tfjs's own typing cannot express "tensors, then the save function").
 */
import { tf } from './tf.ts';

type GradientFunction = (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor | tf.Tensor[];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export function differentiable(f: (...args: any[]) => { value: tf.Tensor; gradFunc: GradientFunction }): (...inputs: tf.Tensor[]) => tf.Tensor {
  return tf.customGrad(f as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (...inputs: tf.Tensor[]) => tf.Tensor;
}
