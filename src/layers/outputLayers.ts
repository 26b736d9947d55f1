/**
 * softmaxLayer, classificationLayer and regressionLayer: the network's head.
 * The losses themselves live in engine/losses.ts.
 */
import { registerLayer } from './registry.ts';
import { tf } from '../engine/tf.ts';
import { matlabError } from '../runtime/errors.ts';
import { MArray } from '../runtime/marray.ts';
import { Categorical } from '../runtime/categorical.ts';
import { Layer, ShapePreservingLayer, type ActivationSize } from './Layer.ts';
import { NAME_PROPERTY, fillLayer, type LayerDeclaration } from './declaration.ts';

export class SoftmaxLayer extends ShapePreservingLayer {
  static readonly declaration: LayerDeclaration = { className: 'SoftmaxLayer', type: 'Softmax', defaultName: 'softmax', version: 1, properties: [NAME_PROPERTY] };
  describe(): string {
    return 'softmax';
  }
  /** Softmax over channels. */
  forward(x: tf.Tensor): tf.Tensor {
    return tf.softmax(x);
  }
}
registerLayer(SoftmaxLayer);

export function softmaxLayer(...nv: unknown[]): SoftmaxLayer {
  const layer = new SoftmaxLayer();
  fillLayer('softmaxLayer', layer, SoftmaxLayer.declaration, {}, nv);
  return layer;
}

/** Class names from 'auto', a list of names, or a categorical. */
function classesValue(fn: string, v: unknown): string[] | 'auto' {
  if (v === 'auto') return v;
  if (v instanceof Categorical) return [...v.categories];
  if (Array.isArray(v) && v.every((c) => typeof c === 'string')) {
    if (new Set(v).size !== v.length) matlabError(`${fn}:invalidClasses`, "Invalid value for 'Classes'. Class names must be unique.");
    return [...v];
  }
  return matlabError(`${fn}:invalidClasses`, "Invalid value for 'Classes'. Value must be 'auto', a categorical vector or a list of class names.");
}

function classWeightsValue(fn: string, v: unknown): number[] | 'none' {
  if (v === 'none') return v;
  const values = v instanceof MArray ? v.toArray() : Array.isArray(v) ? v : typeof v === 'number' ? [v] : null;
  if (!values || !values.every((x) => typeof x === 'number' && x > 0 && Number.isFinite(x))) {
    matlabError(`${fn}:invalidClassWeights`, "Invalid value for 'ClassWeights'. Value must be 'none' or a vector of positive numbers.");
  }
  return values as number[];
}

export class ClassificationOutputLayer extends Layer {
  static readonly declaration: LayerDeclaration = {
    className: 'ClassificationOutputLayer', type: 'Classification Output', defaultName: 'classoutput', version: 1,
    properties: [
      NAME_PROPERTY,
      { name: 'Classes', group: 'Hyperparameters', default: 'auto', validate: classesValue },
      { name: 'ClassWeights', group: 'Hyperparameters', default: 'none', validate: classWeightsValue },
      { name: 'OutputSize', group: 'Hyperparameters', default: 'auto', option: false },
      { name: 'LossFunction', group: 'Hyperparameters', default: 'crossentropyex', option: false },
    ],
  };
  /** Class names, set by trainNetwork from the training labels ('auto' until then). */
  declare Classes: string[] | 'auto';
  declare ClassWeights: number[] | 'none';
  declare OutputSize: number | 'auto';
  declare LossFunction: 'crossentropyex';

  override get isOutput(): boolean {
    return true;
  }
  get ClassNames(): string[] {
    return this.Classes === 'auto' ? [] : this.Classes;
  }
  describe(): string {
    if (this.Classes === 'auto' || this.Classes.length === 0) return 'crossentropyex';
    const others = this.Classes.length - 1;
    return `crossentropyex with '${this.Classes[0]}'${others > 0 ? ` and ${others} other classes` : ''}`;
  }
  outputSize(input: ActivationSize): ActivationSize {
    this.OutputSize = input[2];
    return input;
  }
  forward(x: tf.Tensor): tf.Tensor {
    return x;
  }
}
registerLayer(ClassificationOutputLayer);

export function classificationLayer(...nv: unknown[]): ClassificationOutputLayer {
  const FN = 'classificationLayer';
  const layer = new ClassificationOutputLayer();
  fillLayer(FN, layer, ClassificationOutputLayer.declaration, {}, nv);
  // MATLAB: each weight is that of the class at the same place in Classes, so the classes must be given with them.
  if (layer.ClassWeights !== 'none' && layer.Classes === 'auto') {
    matlabError(`${FN}:missingClasses`, "To specify 'ClassWeights', you must also specify the classes with 'Classes' (the weights follow its order).");
  }
  if (layer.ClassWeights !== 'none' && layer.Classes !== 'auto' && layer.ClassWeights.length !== layer.Classes.length) {
    matlabError(`${FN}:invalidClassWeights`, `Invalid value for 'ClassWeights'. It has ${layer.ClassWeights.length} elements but there are ${layer.Classes.length} classes.`);
  }
  return layer;
}

function responseNamesValue(fn: string, v: unknown): string[] {
  if (Array.isArray(v) && v.every((c) => typeof c === 'string')) return [...v];
  if (typeof v === 'string') return [v];
  return matlabError(`${fn}:invalidResponseNames`, "Invalid value for 'ResponseNames'. Value must be a list of names.");
}

export class RegressionOutputLayer extends ShapePreservingLayer {
  static readonly declaration: LayerDeclaration = {
    className: 'RegressionOutputLayer', type: 'Regression Output', defaultName: 'regressionoutput', version: 1,
    properties: [
      NAME_PROPERTY,
      { name: 'ResponseNames', group: 'Hyperparameters', default: () => [], validate: responseNamesValue },
      { name: 'LossFunction', group: 'Hyperparameters', default: 'mean-squared-error', option: false },
    ],
  };
  declare ResponseNames: string[];
  declare LossFunction: 'mean-squared-error';
  override get isOutput(): boolean {
    return true;
  }
  describe(): string {
    return 'mean-squared-error';
  }
  forward(x: tf.Tensor): tf.Tensor {
    return x;
  }
}
registerLayer(RegressionOutputLayer);

export function regressionLayer(...nv: unknown[]): RegressionOutputLayer {
  const layer = new RegressionOutputLayer();
  fillLayer('regressionLayer', layer, RegressionOutputLayer.declaration, {}, nv);
  return layer;
}
