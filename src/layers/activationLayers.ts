/**
 * Element-wise activation layers: reluLayer, leakyReluLayer,
 * clippedReluLayer, eluLayer, sigmoidLayer and tanhLayer. Their gradients
 * are tfjs's own (element-wise kernels, fast on wasm).
 */
import { registerLayer } from './registry.ts';
import { tf } from '../engine/tf.ts';
import { matlabError } from '../runtime/errors.ts';
import { ShapePreservingLayer } from './Layer.ts';
import { NAME_PROPERTY, fillLayer, type LayerDeclaration, type PropertySpec } from './declaration.ts';
import { nonnegativeScalar, numbersOf } from './validate.ts';

function declaration(className: string, type: string, defaultName: string, hyper: PropertySpec[] = []): LayerDeclaration {
  return { className, type, defaultName, version: 1, properties: [NAME_PROPERTY, ...hyper] };
}

/** The constructor's optional leading scalar (scale, ceiling, alpha) before name-value pairs. */
function leadingScalar(args: unknown[]): [unknown, unknown[]] {
  return args.length % 2 === 1 ? [args[0], args.slice(1)] : [undefined, args];
}

export class ReLULayer extends ShapePreservingLayer {
  static readonly declaration = declaration('ReLULayer', 'ReLU', 'relu');
  describe(): string {
    return 'ReLU';
  }
  forward(x: tf.Tensor): tf.Tensor {
    return tf.relu(x);
  }
}
registerLayer(ReLULayer);

export function reluLayer(...nv: unknown[]): ReLULayer {
  const layer = new ReLULayer();
  fillLayer('reluLayer', layer, ReLULayer.declaration, {}, nv);
  return layer;
}

export class LeakyReLULayer extends ShapePreservingLayer {
  static readonly declaration = declaration('LeakyReLULayer', 'Leaky ReLU', 'leakyrelu', [
    { name: 'Scale', group: 'Hyperparameters', default: 0.01, option: false },
  ]);
  declare Scale: number;
  describe(): string {
    return `Leaky ReLU with scale ${this.Scale}`;
  }
  forward(x: tf.Tensor): tf.Tensor {
    return tf.leakyRelu(x, this.Scale);
  }
}
registerLayer(LeakyReLULayer);

/** leakyReluLayer(scale, 'Name', n) or leakyReluLayer('Name', n). */
export function leakyReluLayer(...args: unknown[]): LeakyReLULayer {
  const FN = 'leakyReluLayer';
  const [scale, nv] = leadingScalar(args);
  const layer = new LeakyReLULayer();
  fillLayer(FN, layer, LeakyReLULayer.declaration, scale === undefined ? {} : { Scale: nonnegativeScalar(FN, 'scale', scale) }, nv);
  return layer;
}

export class ClippedReLULayer extends ShapePreservingLayer {
  static readonly declaration = declaration('ClippedReLULayer', 'Clipped ReLU', 'clippedrelu', [
    { name: 'Ceiling', group: 'Hyperparameters', default: null, option: false },
  ]);
  declare Ceiling: number;
  describe(): string {
    return `Clipped ReLU with ceiling ${this.Ceiling}`;
  }
  forward(x: tf.Tensor): tf.Tensor {
    // min(max(x, 0), c) through element-wise kernels with tfjs's gradients (clipByValue's is zero at the bounds, as here).
    return tf.clipByValue(x, 0, this.Ceiling);
  }
}
registerLayer(ClippedReLULayer);

/** clippedReluLayer(ceiling, 'Name', n). */
export function clippedReluLayer(ceiling: unknown, ...nv: unknown[]): ClippedReLULayer {
  const FN = 'clippedReluLayer';
  const c = numbersOf(FN, 'ceiling', ceiling);
  if (c.length !== 1 || !(c[0] > 0) || !Number.isFinite(c[0])) matlabError(`${FN}:invalidCeiling`, "Invalid value for 'ceiling'. Value must be a finite positive scalar.");
  const layer = new ClippedReLULayer();
  fillLayer(FN, layer, ClippedReLULayer.declaration, { Ceiling: c[0] }, nv);
  return layer;
}

export class ELULayer extends ShapePreservingLayer {
  static readonly declaration = declaration('ELULayer', 'ELU', 'elu', [
    { name: 'Alpha', group: 'Hyperparameters', default: 1, option: false },
  ]);
  declare Alpha: number;
  describe(): string {
    return `ELU with Alpha ${this.Alpha}`;
  }
  forward(x: tf.Tensor): tf.Tensor {
    // tf.elu has alpha 1; otherwise max(x, 0) + α·(e^min(x,0) − 1), differentiable
    // (a tf.where on tf.greater(x, 0) has no gradient through the comparison).
    if (this.Alpha === 1) return tf.elu(x);
    return tf.add(tf.relu(x), tf.mul(tf.expm1(tf.minimum(x, 0)), this.Alpha));
  }
}
registerLayer(ELULayer);

/** eluLayer(alpha, 'Name', n) or eluLayer('Name', n). */
export function eluLayer(...args: unknown[]): ELULayer {
  const FN = 'eluLayer';
  const [alpha, nv] = leadingScalar(args);
  const layer = new ELULayer();
  const a = alpha === undefined ? undefined : numbersOf(FN, 'alpha', alpha);
  if (a && (a.length !== 1 || !(a[0] > 0) || !Number.isFinite(a[0]))) matlabError(`${FN}:invalidAlpha`, "Invalid value for 'alpha'. Value must be a finite positive scalar.");
  fillLayer(FN, layer, ELULayer.declaration, a ? { Alpha: a[0] } : {}, nv);
  return layer;
}

export class SigmoidLayer extends ShapePreservingLayer {
  static readonly declaration = declaration('SigmoidLayer', 'Sigmoid', 'sigmoid');
  describe(): string {
    return 'sigmoid';
  }
  forward(x: tf.Tensor): tf.Tensor {
    return tf.sigmoid(x);
  }
}
registerLayer(SigmoidLayer);

export function sigmoidLayer(...nv: unknown[]): SigmoidLayer {
  const layer = new SigmoidLayer();
  fillLayer('sigmoidLayer', layer, SigmoidLayer.declaration, {}, nv);
  return layer;
}

export class TanhLayer extends ShapePreservingLayer {
  static readonly declaration = declaration('TanhLayer', 'Tanh', 'tanh');
  describe(): string {
    return 'Hyperbolic tangent';
  }
  forward(x: tf.Tensor): tf.Tensor {
    return tf.tanh(x);
  }
}
registerLayer(TanhLayer);

export function tanhLayer(...nv: unknown[]): TanhLayer {
  const layer = new TanhLayer();
  fillLayer('tanhLayer', layer, TanhLayer.declaration, {}, nv);
  return layer;
}
