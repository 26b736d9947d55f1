/**
 * maxPooling2dLayer, averagePooling2dLayer and the global pooling layers.
 * The windowed ones share PoolSize, Stride and the Padding forms; average
 * pooling's PaddingValue is 0 (padding counted in the average, MATLAB's
 * default) or 'mean' (padding left out of it).
 */
import { registerLayer } from './registry.ts';
import { tf } from '../engine/tf.ts';
import { avgPool, maxPool } from '../engine/pooling.ts';
import { Layer, sizeText, vectorText, type ActivationSize } from './Layer.ts';
import { NAME_PROPERTY, fillLayer, type LayerDeclaration, type PropertySpec } from './declaration.ts';
import { positiveIntegerPair } from './validate.ts';
import { paddingOption, paddingText, paddingValueProperty, resolvePadding, windowedOutput, type PaddedWindow } from './windowGeometry.ts';

function windowProperties(): PropertySpec[] {
  return [
    NAME_PROPERTY,
    { name: 'PoolSize', group: 'Hyperparameters', default: null, option: false },
    { name: 'Stride', group: 'Hyperparameters', default: () => [1, 1], validate: (fn, v) => positiveIntegerPair(fn, 'Stride', v) },
    { name: 'PaddingMode', group: 'Hyperparameters', default: 'manual', option: false },
    { name: 'PaddingSize', group: 'Hyperparameters', default: () => [0, 0, 0, 0], option: false },
  ];
}

abstract class WindowPoolingLayer extends Layer implements PaddedWindow {
  declare PoolSize: [number, number];
  declare Stride: [number, number];
  declare PaddingMode: 'manual' | 'same';
  declare PaddingSize: [number, number, number, number];
  /** On the prototype (a getter, not a field), so clones and loaded layers, made without the constructor, have it. */
  protected abstract get kind(): 'max' | 'average';

  get window(): [number, number] {
    return this.PoolSize;
  }

  describe(): string {
    return `${sizeText(this.PoolSize)} ${this.kind} pooling with stride ${vectorText(this.Stride)} and padding ${paddingText(this)}`;
  }

  outputSize(input: ActivationSize): ActivationSize {
    const [oh, ow] = windowedOutput(this, input, 'pooling window');
    return [oh, ow, input[2]];
  }

  override configure(input: ActivationSize): void {
    this.PaddingSize = resolvePadding(this, input);
  }

  protected geometry() {
    return { pool: this.PoolSize, stride: this.Stride, padding: this.PaddingSize };
  }
}

export class MaxPooling2DLayer extends WindowPoolingLayer {
  static readonly declaration: LayerDeclaration = {
    className: 'MaxPooling2DLayer', type: 'Max Pooling', defaultName: 'maxpool', version: 1,
    properties: [...windowProperties(), { name: 'HasUnpoolingOutputs', group: 'Hyperparameters', default: false, option: false }],
    options: [paddingOption],
  };
  protected get kind(): 'max' {
    return 'max';
  }
  forward(x: tf.Tensor): tf.Tensor {
    return maxPool(x as tf.Tensor4D, this.geometry());
  }
}
registerLayer(MaxPooling2DLayer);

export class AveragePooling2DLayer extends WindowPoolingLayer {
  static readonly declaration: LayerDeclaration = {
    className: 'AveragePooling2DLayer', type: 'Average Pooling', defaultName: 'avgpool', version: 1,
    properties: [...windowProperties(), paddingValueProperty(['mean'])],
    options: [paddingOption],
  };
  declare PaddingValue: number | 'mean';
  protected get kind(): 'average' {
    return 'average';
  }
  forward(x: tf.Tensor): tf.Tensor {
    const g = this.geometry();
    const y = avgPool(x as tf.Tensor4D, g);
    if (this.PaddingValue !== 'mean' || g.padding.every((p) => p === 0)) return y;
    // 'mean': divide by the share of each window inside the input instead of the whole window.
    const [, h, w] = x.shape;
    const inside = tf.tidy(() => avgPool(tf.ones([1, h, w, 1]) as tf.Tensor4D, g));
    return tf.div(y, inside);
  }
}
registerLayer(AveragePooling2DLayer);

function poolingLayer<L extends WindowPoolingLayer>(layer: L, fn: string, poolSize: unknown, nv: unknown[]): L {
  const decl = (layer.constructor as unknown as { declaration: LayerDeclaration }).declaration;
  fillLayer(fn, layer, decl, { PoolSize: positiveIntegerPair(fn, 'poolSize', poolSize) }, nv);
  return layer;
}

export function maxPooling2dLayer(poolSize: unknown, ...nv: unknown[]): MaxPooling2DLayer {
  return poolingLayer(new MaxPooling2DLayer(), 'maxPooling2dLayer', poolSize, nv);
}

export function averagePooling2dLayer(poolSize: unknown, ...nv: unknown[]): AveragePooling2DLayer {
  return poolingLayer(new AveragePooling2DLayer(), 'averagePooling2dLayer', poolSize, nv);
}

abstract class GlobalPoolingLayer extends Layer {
  outputSize(input: ActivationSize): ActivationSize {
    return [1, 1, input[2]];
  }
}

export class GlobalAveragePooling2DLayer extends GlobalPoolingLayer {
  static readonly declaration: LayerDeclaration = {
    className: 'GlobalAveragePooling2DLayer', type: 'Global Average Pooling', defaultName: 'gapool', version: 1, properties: [NAME_PROPERTY],
  };
  describe(): string {
    return 'Global average pooling';
  }
  forward(x: tf.Tensor): tf.Tensor {
    const [, h, w] = x.shape;
    // One window over the whole map: the tiling pool, with a gradient of our own.
    return avgPool(x as tf.Tensor4D, { pool: [h, w], stride: [h, w], padding: [0, 0, 0, 0] });
  }
}
registerLayer(GlobalAveragePooling2DLayer);

export class GlobalMaxPooling2DLayer extends GlobalPoolingLayer {
  static readonly declaration: LayerDeclaration = {
    className: 'GlobalMaxPooling2DLayer', type: 'Global Max Pooling', defaultName: 'gmpool', version: 1, properties: [NAME_PROPERTY],
  };
  describe(): string {
    return 'Global max pooling';
  }
  forward(x: tf.Tensor): tf.Tensor {
    const [, h, w] = x.shape;
    return maxPool(x as tf.Tensor4D, { pool: [h, w], stride: [h, w], padding: [0, 0, 0, 0] });
  }
}
registerLayer(GlobalMaxPooling2DLayer);

export function globalAveragePooling2dLayer(...nv: unknown[]): GlobalAveragePooling2DLayer {
  const layer = new GlobalAveragePooling2DLayer();
  fillLayer('globalAveragePooling2dLayer', layer, GlobalAveragePooling2DLayer.declaration, {}, nv);
  return layer;
}

export function globalMaxPooling2dLayer(...nv: unknown[]): GlobalMaxPooling2DLayer {
  const layer = new GlobalMaxPooling2DLayer();
  fillLayer('globalMaxPooling2dLayer', layer, GlobalMaxPooling2DLayer.declaration, {}, nv);
  return layer;
}
