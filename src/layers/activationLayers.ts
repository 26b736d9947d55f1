/**
 * Element-wise activation layers: reluLayer and leakyReluLayer.
 */
import { tf } from '../engine/tf.ts';
import { parseNameValues } from '../runtime/args.ts';
import { ShapePreservingLayer } from './Layer.ts';
import { layerName, nonnegativeScalar } from './validate.ts';

export class ReLULayer extends ShapePreservingLayer {
  readonly Type = 'ReLU';
  readonly defaultName = 'relu';
  describe(): string {
    return 'ReLU';
  }
  forward(x: tf.Tensor): tf.Tensor {
    return tf.relu(x);
  }
}

export function reluLayer(...nv: unknown[]): ReLULayer {
  const opts = parseNameValues('reluLayer', nv, ['Name']);
  return new ReLULayer(layerName('reluLayer', opts.get('Name') ?? ''));
}

export class LeakyReLULayer extends ShapePreservingLayer {
  readonly Type = 'Leaky ReLU';
  readonly defaultName = 'leakyrelu';
  readonly Scale: number;
  constructor(name: string, scale: number) {
    super(name);
    this.Scale = scale;
  }
  describe(): string {
    return `Leaky ReLU with scale ${this.Scale}`;
  }
  forward(x: tf.Tensor): tf.Tensor {
    return tf.leakyRelu(x, this.Scale);
  }
  override properties(): Record<string, unknown> {
    return { Name: this.Name, Scale: this.Scale };
  }
}

export function leakyReluLayer(...args: unknown[]): LeakyReLULayer {
  const FN = 'leakyReluLayer';
  // leakyReluLayer(scale, 'Name', n) or leakyReluLayer('Name', n).
  const hasScale = args.length % 2 === 1;
  const scale = hasScale ? nonnegativeScalar(FN, 'scale', args[0]) : 0.01;
  const opts = parseNameValues(FN, hasScale ? args.slice(1) : args, ['Name']);
  return new LeakyReLULayer(layerName(FN, opts.get('Name') ?? ''), scale);
}
