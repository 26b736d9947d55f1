/**
 * tf.customGrad with types loose enough for multi-input kernels
 * (tfjs's own typing cannot express "tensors, then the save function").
 */
import { tf } from './tf.ts';

type GradientFunction = (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor | tf.Tensor[];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export function differentiable(f: (...args: any[]) => { value: tf.Tensor; gradFunc: GradientFunction }): (...inputs: tf.Tensor[]) => tf.Tensor {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
  const tidied = (...args: any[]) => {
    const { value, gradFunc } = f(...args);
    // The backward pass keeps every tensor made in it until it ends; a gradient's temporaries
    // (transposed weights, upsampled dy, …) are freed as soon as it is computed instead
    // (AlexNet's step: 1.2 GB of tensors at its peak, ~0.3 GB of them such temporaries).
    return { value, gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.tidy(() => gradFunc(dy, saved)) };
  };
  return tf.customGrad(tidied as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (...inputs: tf.Tensor[]) => tf.Tensor;
}
