/**
 * maxPooling2dLayer and averagePooling2dLayer: one module, since they share
 * every property and differ only in the reduction.
 */
import { tf } from '../engine/tf.ts';
import { avgPool, maxPool } from '../engine/pooling.ts';
import { windowOutputSize } from '../engine/convolution.ts';
import { parseNameValues } from '../runtime/args.ts';
import { matlabError } from '../runtime/errors.ts';
import { Layer, sizeText, vectorText, type ActivationSize } from './Layer.ts';
import { layerName, padding, positiveIntegerPair, samePadding, type PaddingSpec } from './validate.ts';

type PoolKind = 'max' | 'average';

export class Pooling2DLayer extends Layer {
  readonly Type: string;
  readonly defaultName: string;
  readonly kind: PoolKind;
  readonly PoolSize: [number, number];
  readonly Stride: [number, number];
  readonly PaddingMode: 'manual' | 'same';
  PaddingSize: [number, number, number, number];

  constructor(kind: PoolKind, poolSize: [number, number], stride: [number, number], pad: PaddingSpec, name: string) {
    super(name);
    this.kind = kind;
    this.Type = kind === 'max' ? 'Max Pooling' : 'Average Pooling';
    this.defaultName = kind === 'max' ? 'maxpool' : 'avgpool';
    this.PoolSize = poolSize;
    this.Stride = stride;
    this.PaddingMode = pad.same ? 'same' : 'manual';
    this.PaddingSize = pad.same ? [0, 0, 0, 0] : pad.tblr;
  }

  override get className(): string {
    return this.kind === 'max' ? 'MaxPooling2DLayer' : 'AveragePooling2DLayer';
  }

  describe(): string {
    const pad = this.PaddingMode === 'same' ? "'same'" : vectorText(this.PaddingSize);
    return `${sizeText(this.PoolSize)} ${this.kind} pooling with stride ${vectorText(this.Stride)} and padding ${pad}`;
  }

  private resolvedPadding(input: ActivationSize): [number, number, number, number] {
    return this.PaddingMode === 'same' ? samePadding([input[0], input[1]], this.PoolSize, this.Stride) : this.PaddingSize;
  }

  outputSize(input: ActivationSize): ActivationSize {
    const pad = this.resolvedPadding(input);
    const oh = windowOutputSize(input[0], this.PoolSize[0], this.Stride[0], 1, pad[0], pad[1]);
    const ow = windowOutputSize(input[1], this.PoolSize[1], this.Stride[1], 1, pad[2], pad[3]);
    if (oh < 1 || ow < 1) matlabError('trainNetwork:invalidLayers', `Layer '${this.Name || this.defaultName}': the ${sizeText([input[0], input[1]])} input is smaller than the ${sizeText(this.PoolSize)} pooling window.`);
    return [oh, ow, input[2]];
  }

  override initialize(input: ActivationSize): void {
    this.PaddingSize = this.resolvedPadding(input);
  }

  forward(x: tf.Tensor): tf.Tensor {
    const g = { pool: this.PoolSize, stride: this.Stride, padding: this.PaddingSize };
    return this.kind === 'max' ? maxPool(x as tf.Tensor4D, g) : avgPool(x as tf.Tensor4D, g);
  }

  override properties(): Record<string, unknown> {
    return { Name: this.Name, PoolSize: [...this.PoolSize], Stride: [...this.Stride], PaddingMode: this.PaddingMode, PaddingSize: [...this.PaddingSize] };
  }
}

function poolingLayer(kind: PoolKind, fn: string, poolSize: unknown, nv: unknown[]): Pooling2DLayer {
  const size = positiveIntegerPair(fn, 'poolSize', poolSize);
  const opts = parseNameValues(fn, nv, ['Stride', 'Padding', 'Name']);
  return new Pooling2DLayer(
    kind, size,
    positiveIntegerPair(fn, 'Stride', opts.get('Stride') ?? 1),
    padding(fn, opts.get('Padding') ?? 0),
    layerName(fn, opts.get('Name') ?? ''),
  );
}

export function maxPooling2dLayer(poolSize: unknown, ...nv: unknown[]): Pooling2DLayer {
  return poolingLayer('max', 'maxPooling2dLayer', poolSize, nv);
}

export function averagePooling2dLayer(poolSize: unknown, ...nv: unknown[]): Pooling2DLayer {
  return poolingLayer('average', 'averagePooling2dLayer', poolSize, nv);
}
