/**
 * Transfer functions of the autoencoder's two layers, as tensor ops with the
 * derivative expressed from the pre-activation (what backprop needs).
 */
import { tf } from '../engine/tf.ts';

export const ENCODER_TRANSFERS = ['logsig', 'satlin'] as const;
export const DECODER_TRANSFERS = ['logsig', 'satlin', 'purelin'] as const;
export type TransferName = (typeof DECODER_TRANSFERS)[number];

export function applyTransfer(name: TransferName, z: tf.Tensor): tf.Tensor {
  if (name === 'logsig') return tf.sigmoid(z);
  if (name === 'satlin') return tf.clipByValue(z, 0, 1);
  return z;
}

/** f'(z), given z and a = f(z). satlin's derivative is 1 strictly inside (0, 1). */
export function transferDerivative(name: TransferName, z: tf.Tensor, a: tf.Tensor): tf.Tensor {
  if (name === 'logsig') return tf.mul(a, tf.sub(1, a));
  if (name === 'satlin') return tf.cast(tf.logicalAnd(tf.greater(z, 0), tf.less(z, 1)), 'float32');
  return tf.onesLike(z);
}

/** The output range ScaleData maps data to: the decoder's range (purelin: [-1, 1], as mapminmax's default). */
export function outputRange(name: TransferName): [number, number] {
  return name === 'purelin' ? [-1, 1] : [0, 1];
}
