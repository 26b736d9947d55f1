/**
 * softmaxLayer, classificationLayer and regressionLayer: the network's head.
 * The losses themselves live in engine/losses.ts.
 */
import { tf } from '../engine/tf.ts';
import { parseNameValues } from '../runtime/args.ts';
import { matlabError } from '../runtime/errors.ts';
import { Layer, ShapePreservingLayer, type ActivationSize } from './Layer.ts';
import { layerName } from './validate.ts';

export class SoftmaxLayer extends ShapePreservingLayer {
  readonly Type = 'Softmax';
  readonly defaultName = 'softmax';
  describe(): string {
    return 'softmax';
  }
  /** Softmax over channels. */
  forward(x: tf.Tensor): tf.Tensor {
    return tf.softmax(x);
  }
}

export function softmaxLayer(...nv: unknown[]): SoftmaxLayer {
  const opts = parseNameValues('softmaxLayer', nv, ['Name']);
  return new SoftmaxLayer(layerName('softmaxLayer', opts.get('Name') ?? ''));
}

export class ClassificationOutputLayer extends Layer {
  readonly Type = 'Classification Output';
  readonly defaultName = 'classoutput';
  /** Class names, set by trainNetwork from the training labels ('auto' until then). */
  Classes: string[] | 'auto';
  OutputSize: number | 'auto' = 'auto';
  readonly LossFunction = 'crossentropyex';

  constructor(name: string, classes: string[] | 'auto') {
    super(name);
    this.Classes = classes;
  }
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
  override properties(): Record<string, unknown> {
    return { Name: this.Name, Classes: this.Classes, OutputSize: this.OutputSize, LossFunction: this.LossFunction };
  }
}

export function classificationLayer(...nv: unknown[]): ClassificationOutputLayer {
  const FN = 'classificationLayer';
  const opts = parseNameValues(FN, nv, ['Name', 'Classes']);
  const classes = opts.get('Classes') ?? 'auto';
  if (classes !== 'auto' && !(Array.isArray(classes) && classes.every((c) => typeof c === 'string'))) {
    matlabError(`${FN}:invalidClasses`, "Invalid value for 'Classes'. Value must be 'auto' or a list of class names.");
  }
  return new ClassificationOutputLayer(layerName(FN, opts.get('Name') ?? ''), classes as string[] | 'auto');
}

export class RegressionOutputLayer extends ShapePreservingLayer {
  readonly Type = 'Regression Output';
  readonly defaultName = 'regressionoutput';
  readonly LossFunction = 'mean-squared-error';
  ResponseNames: string[] = [];
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

export function regressionLayer(...nv: unknown[]): RegressionOutputLayer {
  const opts = parseNameValues('regressionLayer', nv, ['Name']);
  return new RegressionOutputLayer(layerName('regressionLayer', opts.get('Name') ?? ''));
}
