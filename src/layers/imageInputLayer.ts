/**
 * imageInputLayer(inputSize, …) and featureInputLayer(numFeatures, …): the
 * network's entry, with MATLAB's input normalizations. 'zerocenter' (the
 * default) subtracts the training set's mean image; 'zscore' also divides by
 * the standard deviation; 'rescale-symmetric' / 'rescale-zero-one' map
 * [Min, Max] to [−1, 1] / [0, 1]; a function handle is applied to each batch.
 * trainNetwork computes the statistics in one pass before training.
 */
import { registerLayer } from './registry.ts';
import { tf } from '../engine/tf.ts';
import { matchString } from '../runtime/args.ts';
import { matlabError } from '../runtime/errors.ts';
import { MArray } from '../runtime/marray.ts';
import { reorderImages, tensorFromMArray } from '../engine/layout.ts';
import { Layer, sizeText, type ActivationSize } from './Layer.ts';
import { NAME_PROPERTY, fillLayer, type LayerDeclaration, type PropertySpec } from './declaration.ts';
import { cachedTensor } from './layerCache.ts';
import { numbersOf, positiveInteger } from './validate.ts';

export const NORMALIZATIONS = ['zerocenter', 'zscore', 'rescale-symmetric', 'rescale-zero-one', 'none'] as const;
export type InputNormalization = (typeof NORMALIZATIONS)[number] | ((x: MArray) => MArray);
/** The statistics each normalization uses. */
export type NormalizationStatistic = 'Mean' | 'StandardDeviation' | 'Min' | 'Max';

function normalizationValue(fn: string, v: unknown): InputNormalization {
  if (typeof v === 'function') return v as InputNormalization;
  return matchString(fn, 'Normalization', v, NORMALIZATIONS) as InputNormalization;
}

function statisticValue(name: NormalizationStatistic): PropertySpec {
  return {
    name, group: 'Hyperparameters', default: null,
    validate: (fn, v) => {
      if (typeof v === 'number') return MArray.scalar(v, 'single');
      if (!(v instanceof MArray)) matlabError(`${fn}:invalid${name}`, `Invalid value for '${name}'. Value must be a numeric array.`);
      return MArray.from(v.data, v.dims, 'single');
    },
  };
}

const normalizationProperties: PropertySpec[] = [
  { name: 'Normalization', group: 'Hyperparameters', default: 'zerocenter', validate: normalizationValue },
  { name: 'NormalizationDimension', group: 'Hyperparameters', default: 'auto', validate: (fn, v) => matchString(fn, 'NormalizationDimension', v, ['auto', 'channel', 'element', 'all']) },
  statisticValue('Mean'), statisticValue('StandardDeviation'), statisticValue('Min'), statisticValue('Max'),
];

/** What the input layers share: the normalization and its statistics. */
export abstract class InputLayer extends Layer {
  declare Normalization: InputNormalization;
  declare NormalizationDimension: string;
  declare Mean: MArray | null;
  declare StandardDeviation: MArray | null;
  declare Min: MArray | null;
  declare Max: MArray | null;

  abstract get InputSize(): ActivationSize;

  override get isInput(): boolean {
    return true;
  }

  outputSize(): ActivationSize {
    return this.InputSize;
  }

  /** The statistics this layer's normalization needs. */
  get statisticsNeeded(): NormalizationStatistic[] {
    switch (this.Normalization) {
      case 'zerocenter': return ['Mean'];
      case 'zscore': return ['Mean', 'StandardDeviation'];
      case 'rescale-symmetric': case 'rescale-zero-one': return ['Min', 'Max'];
      default: return [];
    }
  }

  /** Set computed statistics (trainNetwork) and drop the cached tensors. */
  setStatistics(values: Partial<Record<NormalizationStatistic, MArray>>): void {
    for (const [k, v] of Object.entries(values)) (this as unknown as Record<string, unknown>)[k] = v;
    this.releaseCache();
  }

  /** A statistic as a tensor broadcasting over [N,H,W,C] (a scalar, 1×1×C or H×W×C array). */
  private statistic(name: NormalizationStatistic): tf.Tensor {
    const m = (this as unknown as Record<string, MArray | null>)[name];
    if (m === null) matlabError('trainNetwork:missingNormalization', `The input layer '${this.Name}' has no '${name}' for its '${String(this.Normalization)}' normalization.`);
    return cachedTensor(this, name, () => (m.isScalar() ? tf.scalar(m.data[0]) : tensorFromMArray(m, 3)));
  }

  forward(x: tf.Tensor): tf.Tensor {
    const n = this.Normalization;
    if (typeof n === 'function') return applyHandle(n, x);
    if (n === 'none' || (n === 'zerocenter' && this.Mean === null)) return x;
    if (n === 'zerocenter') return tf.sub(x, this.statistic('Mean'));
    if (n === 'zscore') return tf.div(tf.sub(x, this.statistic('Mean')), this.statistic('StandardDeviation'));
    const lo = this.statistic('Min');
    const range = tf.sub(this.statistic('Max'), lo);
    const unit = tf.div(tf.sub(x, lo), range);
    return n === 'rescale-zero-one' ? unit : tf.sub(tf.mul(unit, 2), 1);
  }

  protected normalizationText(): string {
    const n = this.Normalization;
    if (n === 'none') return '';
    return typeof n === 'function' ? " with custom normalization" : ` with '${n}' normalization`;
  }
}

/** A function-handle normalization sees MATLAB's H×W×C×N array and returns one of the same size. */
function applyHandle(f: (x: MArray) => MArray, x: tf.Tensor): tf.Tensor {
  const [n, h, w, c] = (x.rank === 4 ? x.shape : [x.shape[0], 1, 1, x.size / x.shape[0]]) as [number, number, number, number];
  const values = x.dataSync() as Float32Array;
  const y = f(MArray.wrap(reorderImages(values, h, w, c, n, false), [h, w, c, n], 'single'));
  if (!(y instanceof MArray) || y.numel !== values.length) matlabError('trainNetwork:invalidNormalization', 'The normalization function must return an array of the size of its input.');
  return tf.tensor(reorderImages(y.data, h, w, c, n, true), x.shape);
}

export class ImageInputLayer extends InputLayer {
  static readonly declaration: LayerDeclaration = {
    className: 'ImageInputLayer', type: 'Image Input', defaultName: 'imageinput', version: 1,
    properties: [NAME_PROPERTY, { name: 'InputSize', group: 'Hyperparameters', default: null, option: false }, ...normalizationProperties],
  };

  declare InputSize: ActivationSize;

  describe(): string {
    return `${sizeText(this.InputSize)} images${this.normalizationText()}`;
  }

  /** Set the mean image (H×W×C) used by 'zerocenter'. */
  setMean(mean: MArray): void {
    this.setStatistics({ Mean: mean });
  }
}
registerLayer(ImageInputLayer);

export function imageInputLayer(inputSize: unknown, ...nv: unknown[]): ImageInputLayer {
  const FN = 'imageInputLayer';
  const size = numbersOf(FN, 'inputSize', inputSize);
  if ((size.length !== 2 && size.length !== 3) || !size.every((s) => Number.isInteger(s) && s > 0)) {
    matlabError(`${FN}:invalidInputSize`, 'Invalid input size. Specify a vector of two or three positive integers [h w] or [h w c].');
  }
  const layer = new ImageInputLayer();
  fillLayer(FN, layer, ImageInputLayer.declaration, { InputSize: [size[0], size[1], size[2] ?? 1] }, nv);
  checkStatisticSizes(FN, layer);
  return layer;
}

/** MATLAB's sizes for a given statistic: a scalar, one value per channel (1×1×C) or one per element (H×W×C). */
function checkStatisticSizes(fn: string, layer: ImageInputLayer): void {
  const [h, w, c] = layer.InputSize;
  for (const name of ['Mean', 'StandardDeviation', 'Min', 'Max'] as const) {
    const m = layer[name];
    if (!m || m.numel === 1) continue;
    const [a, b, channels = 1, ...rest] = m.dims;
    if (rest.length === 0 && channels === c && ((a === 1 && b === 1) || (a === h && b === w))) continue;
    matlabError(`${fn}:invalid${name}`, `Invalid value for '${name}'. Value must be a scalar, a 1×1×${c} or a ${sizeText(layer.InputSize)} array; it is ${sizeText(m.dims)}.`);
  }
}

export class FeatureInputLayer extends InputLayer {
  static readonly declaration: LayerDeclaration = {
    className: 'FeatureInputLayer', type: 'Feature Input', defaultName: 'input', version: 1,
    properties: [
      NAME_PROPERTY, { name: 'InputSize', group: 'Hyperparameters', default: null, option: false },
      { ...normalizationProperties[0], default: 'none' }, ...normalizationProperties.slice(1),
    ],
  };

  /** Number of features (MATLAB's InputSize is this scalar). */
  declare InputSize: ActivationSize;

  get NumFeatures(): number {
    return this.InputSize[2];
  }

  describe(): string {
    return `${this.NumFeatures} features${this.normalizationText()}`;
  }

  override properties(): Record<string, unknown> {
    return { ...super.properties(), InputSize: this.NumFeatures };
  }
}
registerLayer(FeatureInputLayer);

/** featureInputLayer(numFeatures, …): N×F feature matrices, seen by the layers after it as 1×1×F. */
export function featureInputLayer(numFeatures: unknown, ...nv: unknown[]): FeatureInputLayer {
  const FN = 'featureInputLayer';
  const f = positiveInteger(FN, 'numFeatures', numFeatures);
  const layer = new FeatureInputLayer();
  fillLayer(FN, layer, FeatureInputLayer.declaration, { InputSize: [1, 1, f] }, nv);
  return layer;
}
