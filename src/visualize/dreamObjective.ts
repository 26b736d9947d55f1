/**
 * What deep dream climbs: the mean activation of one channel of one layer
 * (a fully connected layer's channel k is its output k), and its gradient
 * with respect to the network's input image. The pass is the layers' own
 * forward in prediction mode (dropout off, batch norm on its trained
 * statistics), taken under the gradient tape: prediction mode never skips
 * the first convolution's input gradient, which only training does.
 */
import { tf } from '../engine/tf.ts';
import { matlabError } from '../runtime/errors.ts';
import type { Network } from '../network/Network.ts';
import { layerStages, runTopology, type Stage } from '../network/topology.ts';
import { layerLabel } from '../layers/Layer.ts';
import { numbersOf } from '../layers/validate.ts';
import { FN } from './deepDreamOptions.ts';

export interface DreamTarget {
  net: Network;
  /** 0-based index of the layer in the network's (topological) layer order. */
  layer: number;
  /** 0-based channel of each dream. */
  channels: number[];
}

/** The layer (index or name) and channels, checked against the network. */
export function dreamTarget(net: Network, layer: unknown, channels: unknown): DreamTarget {
  const i = net.layerIndex(FN, layer);
  const l = net.ownLayers[i];
  if (l.isOutput) {
    matlabError(`${FN}:outputLayer`, `Layer '${layerLabel(l)}' is an output layer, which has no activations to visualize. Choose a layer before it (for class scores, the fully connected layer before the softmax).`);
  }
  const count = net.outputSizeOf(i)[2];
  const given = numbersOf(FN, 'channels', channels);
  if (given.length === 0) matlabError(`${FN}:invalidChannels`, 'The channels must be a nonempty vector of channel indices.');
  for (const c of given) {
    if (!Number.isInteger(c) || c < 1) matlabError(`${FN}:invalidChannels`, `Invalid channel index ${c}: channel indices must be positive integers.`);
    if (c > count) matlabError(`${FN}:channelOutOfRange`, `Channel index ${c} exceeds the number of channels of layer '${layerLabel(l)}' (${count}).`);
  }
  return { net, layer: i, channels: given.map((c) => c - 1) };
}

export interface DreamGradient {
  /** ∂(mean activation)/∂input, one observation per channel, [N,H,W,C]. */
  grad: tf.Tensor4D;
  /** Mean activation of each observation's channel. */
  strengths: number[];
}

/** The objective's gradient for a batch with one observation per target channel. */
export function dreamGradient(target: DreamTarget, stages: readonly Stage[], x: tf.Tensor4D): DreamGradient {
  const { net, layer, channels } = target;
  const [h, w, c] = net.outputSizeOf(layer);
  // One-hot weights: observation n reads channel channels[n], averaged over the h×w positions.
  const weights = new Float32Array(channels.length * c);
  channels.forEach((ch, n) => { weights[n * c + ch] = 1 / (h * w); });
  let perObservation: tf.Tensor | null = null;
  const { grad } = tf.tidy(() => {
    const mask = tf.tensor3d(weights, [channels.length, 1, c]);
    const f = (input: tf.Tensor) => {
      const y = runTopology(net.graph, stages, input, layer, false);
      const per = tf.sum(tf.mul(y.reshape([channels.length, h * w, c]), mask), [1, 2]);
      perObservation = tf.keep(per.clone());
      return tf.sum(per);
    };
    return { grad: tf.keep(tf.grad(f)(x) as tf.Tensor4D) };
  });
  const strengths = Array.from((perObservation as unknown as tf.Tensor).dataSync());
  (perObservation as unknown as tf.Tensor).dispose();
  return { grad, strengths };
}

/** The layers' prediction-mode passes, made once per call of deepDreamImage. */
export function predictionStages(net: Network): Stage[] {
  return layerStages(net.graph, net.parameterTensors(), { training: false, constantParameters: true });
}
