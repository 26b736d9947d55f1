/**
 * crossChannelNormalizationLayer(windowChannelSize, …): AlexNet's local
 * response normalization across channels, with MATLAB's formula
 *   y = x / (K + α·Σx²/windowChannelSize)^β,
 * the sum over channels c−⌊(n−1)/2⌋ … c+⌊n/2⌋ (an even window has its extra
 * channel on the next-channel side). For odd windows tfjs's LRN (its own
 * kernel and gradient on every backend) computes x / (bias + alpha·Σx²)^beta,
 * so alpha = α / windowChannelSize; even windows sum shifted slices of x².
 */
import { tf } from '../engine/tf.ts';
import { matlabError } from '../runtime/errors.ts';
import { ShapePreservingLayer } from './Layer.ts';
import { NAME_PROPERTY, fillLayer, type LayerDeclaration, type PropertySpec } from './declaration.ts';
import { numbersOf, positiveInteger } from './validate.ts';
import { registerLayer } from './registry.ts';

function positiveScalar(name: string, def: number, allowZero = false): PropertySpec {
  return {
    name, group: 'Hyperparameters', default: def,
    validate: (fn, v) => {
      const n = numbersOf(fn, name, v);
      if (n.length !== 1 || !Number.isFinite(n[0]) || !(allowZero ? n[0] >= 0 : n[0] > 0)) {
        matlabError(`${fn}:invalid${name}`, `Invalid value for '${name}'. Value must be a finite ${allowZero ? 'nonnegative' : 'positive'} scalar.`);
      }
      return n[0];
    },
  };
}

export class CrossChannelNormalizationLayer extends ShapePreservingLayer {
  static readonly declaration: LayerDeclaration = {
    className: 'CrossChannelNormalizationLayer', type: 'Cross Channel Normalization', defaultName: 'crossnorm', version: 1,
    properties: [
      NAME_PROPERTY,
      { name: 'WindowChannelSize', group: 'Hyperparameters', default: null, option: false },
      positiveScalar('Alpha', 1e-4, true), positiveScalar('Beta', 0.75, true), positiveScalar('K', 2),
    ],
  };
  declare WindowChannelSize: number;
  declare Alpha: number;
  declare Beta: number;
  declare K: number;

  describe(): string {
    return `cross channel normalization with ${this.WindowChannelSize} channels per element`;
  }

  forward(x: tf.Tensor): tf.Tensor {
    const n = this.WindowChannelSize;
    if (n % 2 === 1) return tf.localResponseNormalization(x as tf.Tensor4D, (n - 1) / 2, this.K, this.Alpha / n, this.Beta);
    const c = x.shape[3]!;
    const squares = tf.pad(tf.square(x), [[0, 0], [0, 0], [0, 0], [(n - 1) >> 1, n >> 1]]);
    const windowSum = tf.addN(Array.from({ length: n }, (_, j) => tf.slice(squares, [0, 0, 0, j], [-1, -1, -1, c])));
    return tf.mul(x, tf.pow(tf.add(tf.mul(windowSum, this.Alpha / n), this.K), -this.Beta));
  }
}
registerLayer(CrossChannelNormalizationLayer);

export function crossChannelNormalizationLayer(windowChannelSize: unknown, ...nv: unknown[]): CrossChannelNormalizationLayer {
  const FN = 'crossChannelNormalizationLayer';
  const n = positiveInteger(FN, 'windowChannelSize', windowChannelSize);
  const layer = new CrossChannelNormalizationLayer();
  fillLayer(FN, layer, CrossChannelNormalizationLayer.declaration, { WindowChannelSize: n }, nv);
  return layer;
}
