/**
 * batchNormalizationLayer(…): per-channel normalisation. Training uses the
 * mini-batch statistics and updates TrainedMean/TrainedVariance as moving
 * averages (MeanDecay, VarianceDecay); prediction uses them, or the
 * population statistics trainNetwork computes at the end.
 */
import { registerLayer } from './registry.ts';
import { tf } from '../engine/tf.ts';
import { batchNormInfer, batchNormTrain } from '../engine/normalization.ts';
import { marrayFromTensor } from '../engine/layout.ts';
import { MArray } from '../runtime/marray.ts';
import { matlabError } from '../runtime/errors.ts';
import { Layer, invalidLayerInput, type ActivationSize, type ForwardContext } from './Layer.ts';
import { NAME_PROPERTY, fillLayer, type LayerDeclaration, type LearnableSpec, type PropertySpec } from './declaration.ts';
import { cachedTensor } from './layerCache.ts';
import { constant } from './initializers.ts';
import { factorProperty, initializerProperty, learnableProperty, positiveInteger, scalarInRange } from './validate.ts';

const FN = 'batchNormalizationLayer';

function channelTensor(m: MArray): tf.Tensor1D {
  return tf.tensor1d(Float32Array.from(m.data));
}

function channelLearnable(name: 'Offset' | 'Scale'): LearnableSpec {
  return {
    name, learnRateFactor: `${name}LearnRateFactor`, l2Factor: `${name}L2Factor`, initializer: `${name}Initializer`,
    shape: (_l, input) => ({ dims: [1, 1, input[2]], fanIn: 1, fanOut: 1 }),
    toEngine: (_l, m) => channelTensor(m),
    fromEngine: (_l, t) => marrayFromTensor(t, 'single', [1, 1, t.size]),
  };
}

function stateProperty(name: string, check?: (fn: string, m: MArray) => void): PropertySpec {
  return { ...learnableProperty(name, check), group: 'State Parameters' };
}

/** A variance below zero would turn every output into NaN. */
function nonnegativeVariance(fn: string, m: MArray): void {
  if (!m.data.every((v) => v >= 0 && Number.isFinite(v))) matlabError(`${fn}:invalidTrainedVariance`, "Invalid value for 'TrainedVariance'. Value must be finite and nonnegative.");
}

function decayProperty(name: string): PropertySpec {
  return { name, group: 'Hyperparameters', default: 0.1, validate: (fn, v) => scalarInRange(fn, name, v, 0, 1, false, false) };
}

export class BatchNormalizationLayer extends Layer {
  static readonly declaration: LayerDeclaration = {
    className: 'BatchNormalizationLayer', type: 'Batch Normalization', defaultName: 'batchnorm', version: 1,
    properties: [
      NAME_PROPERTY,
      { name: 'NumChannels', group: 'Hyperparameters', default: 'auto', validate: (fn, v) => (v === 'auto' ? v : positiveInteger(fn, 'NumChannels', v)) },
      decayProperty('MeanDecay'), decayProperty('VarianceDecay'),
      { name: 'Epsilon', group: 'Hyperparameters', default: 1e-5, validate: (fn, v) => scalarInRange(fn, 'Epsilon', v, 1e-5, Infinity, false, true) },
      learnableProperty('Offset'), learnableProperty('Scale'),
      stateProperty('TrainedMean'), stateProperty('TrainedVariance', nonnegativeVariance),
      initializerProperty('OffsetInitializer', 'zeros', ['zeros', 'ones', 'narrow-normal']),
      initializerProperty('ScaleInitializer', 'ones', ['zeros', 'ones', 'narrow-normal']),
      factorProperty('OffsetLearnRateFactor', 1), factorProperty('OffsetL2Factor', 1),
      factorProperty('ScaleLearnRateFactor', 1), factorProperty('ScaleL2Factor', 1),
    ],
    learnables: [channelLearnable('Offset'), channelLearnable('Scale')],
  };

  declare NumChannels: number | 'auto';
  declare Epsilon: number;
  declare MeanDecay: number;
  declare VarianceDecay: number;
  declare Offset: MArray | null;
  declare Scale: MArray | null;
  declare TrainedMean: MArray | null;
  declare TrainedVariance: MArray | null;
  declare OffsetLearnRateFactor: number;
  declare ScaleLearnRateFactor: number;
  declare OffsetL2Factor: number;
  declare ScaleL2Factor: number;

  describe(): string {
    return this.NumChannels === 'auto' ? 'Batch normalization' : `Batch normalization with ${this.NumChannels} channels`;
  }

  outputSize(input: ActivationSize): ActivationSize {
    if (this.NumChannels !== 'auto' && this.NumChannels !== input[2]) invalidLayerInput(this, `the input has ${input[2]} channels but the layer expects ${this.NumChannels}.`);
    for (const k of ['Offset', 'Scale', 'TrainedMean', 'TrainedVariance'] as const) {
      const m = this[k];
      if (m && m.numel !== input[2]) invalidLayerInput(this, `the input has ${input[2]} channels but the given ${k} has ${m.numel} elements.`);
    }
    return input;
  }

  override configure(input: ActivationSize): void {
    const c = input[2];
    this.NumChannels = c;
    if (!this.TrainedMean) this.TrainedMean = constant([1, 1, c], 0);
    if (!this.TrainedVariance) this.TrainedVariance = constant([1, 1, c], 1);
  }

  /** Set TrainedMean/TrainedVariance (per-channel vectors) and drop the cached tensors. */
  setStatistics(mean: Float32Array | number[], variance: Float32Array | number[]): void {
    const c = mean.length;
    this.TrainedMean = MArray.from(mean, [1, 1, c], 'single');
    this.TrainedVariance = MArray.from(variance, [1, 1, c], 'single');
    this.releaseCache();
  }

  /** TrainedMean and TrainedVariance as engine vectors (cached until they change). */
  statisticTensors(): [tf.Tensor1D, tf.Tensor1D] {
    return [
      cachedTensor(this, 'mean', () => channelTensor(this.TrainedMean!)) as tf.Tensor1D,
      cachedTensor(this, 'variance', () => channelTensor(this.TrainedVariance!)) as tf.Tensor1D,
    ];
  }

  forward(x: tf.Tensor, params: tf.Tensor[], ctx: ForwardContext): tf.Tensor {
    const [offset, scale] = params as [tf.Tensor1D, tf.Tensor1D];
    const x4 = (x.rank === 2 ? x.reshape([x.shape[0], 1, 1, x.size / x.shape[0]]) : x) as tf.Tensor4D;
    if (ctx.training) {
      const report = ctx.onBatchStatistics;
      return batchNormTrain(x4, scale, offset, this.Epsilon, report ? (s) => report(this, s) : undefined);
    }
    const [mean, variance] = this.statisticTensors();
    return batchNormInfer(x4, mean, variance, scale, offset, this.Epsilon);
  }
}
registerLayer(BatchNormalizationLayer);

export function batchNormalizationLayer(...nv: unknown[]): BatchNormalizationLayer {
  const layer = new BatchNormalizationLayer();
  fillLayer(FN, layer, BatchNormalizationLayer.declaration, {}, nv);
  // Given parameters and statistics are per-channel vectors, stored 1×1×C.
  for (const k of ['Offset', 'Scale', 'TrainedMean', 'TrainedVariance'] as const) {
    const m = layer[k];
    if (m) layer[k] = m.reshapedCopy([1, 1, m.numel]);
  }
  return layer;
}
