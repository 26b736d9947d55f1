/**
 * dropoutLayer(p): inverted dropout (kept values scaled by 1/(1−p)) during
 * training only; the identity at prediction.
 */
import { tf } from '../engine/tf.ts';
import { parseNameValues } from '../runtime/args.ts';
import { globalRandom } from '../runtime/random.ts';
import { ShapePreservingLayer, type ForwardContext } from './Layer.ts';
import { layerName, scalarInRange } from './validate.ts';

export class DropoutLayer extends ShapePreservingLayer {
  readonly Type = 'Dropout';
  readonly defaultName = 'dropout';
  readonly Probability: number;
  constructor(name: string, p: number) {
    super(name);
    this.Probability = p;
  }
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
  override properties(): Record<string, unknown> {
    return { Name: this.Name, Probability: this.Probability };
  }
}

export function dropoutLayer(...args: unknown[]): DropoutLayer {
  const FN = 'dropoutLayer';
  const hasP = args.length % 2 === 1;
  const p = hasP ? scalarInRange(FN, 'probability', args[0], 0, 1, false, true) : 0.5;
  const opts = parseNameValues(FN, hasP ? args.slice(1) : args, ['Name']);
  return new DropoutLayer(layerName(FN, opts.get('Name') ?? ''), p);
}
