/**
 * dropoutLayer(p): inverted dropout (kept values scaled by 1/(1−p)) during
 * training only; the identity at prediction.
 */
import { registerLayer } from './registry.ts';
import { tf } from '../engine/tf.ts';
import { globalRandom } from '../runtime/random.ts';
import { ShapePreservingLayer, type ForwardContext } from './Layer.ts';
import { NAME_PROPERTY, fillLayer, type LayerDeclaration } from './declaration.ts';
import { scalarInRange } from './validate.ts';

export class DropoutLayer extends ShapePreservingLayer {
  static readonly declaration: LayerDeclaration = {
    className: 'DropoutLayer', type: 'Dropout', defaultName: 'dropout', version: 1,
    properties: [NAME_PROPERTY, { name: 'Probability', group: 'Hyperparameters', default: 0.5, option: false }],
  };
  declare Probability: number;
  describe(): string {
    return `${Math.round(this.Probability * 100)}% dropout`;
  }
  forward(x: tf.Tensor, _p: tf.Tensor[], ctx: ForwardContext): tf.Tensor {
    if (!ctx.training || this.Probability === 0) return x;
    // The mask comes from the global generator so rng(seed) reproduces a run.
    const keep = 1 - this.Probability;
    const rand = globalRandom();
    const mask = new Float32Array(x.size);
    for (let i = 0; i < mask.length; i++) mask[i] = rand.nextDouble() < keep ? 1 / keep : 0;
    return tf.mul(x, tf.tensor(mask, x.shape));
  }
}
registerLayer(DropoutLayer);

export function dropoutLayer(...args: unknown[]): DropoutLayer {
  const FN = 'dropoutLayer';
  const hasP = args.length % 2 === 1;
  const layer = new DropoutLayer();
  fillLayer(FN, layer, DropoutLayer.declaration, hasP ? { Probability: scalarInRange(FN, 'probability', args[0], 0, 1, false, true) } : {}, hasP ? args.slice(1) : args);
  return layer;
}
