/**
 * batchNormalizationLayer(…): per-channel normalisation. Training uses the
 * mini-batch statistics; prediction uses TrainedMean/TrainedVariance, which
 * trainNetwork sets to population statistics over the training data.
 */
import { tf } from '../engine/tf.ts';
import { batchNormInfer, batchNormTrain } from '../engine/normalization.ts';
import { tensorFromMArray, marrayFromTensor } from '../engine/layout.ts';
import { parseNameValues } from '../runtime/args.ts';
import { matlabError } from '../runtime/errors.ts';
import { MArray } from '../runtime/marray.ts';
import { Layer, type ActivationSize, type ForwardContext, type Learnable } from './Layer.ts';
import { constant } from './initializers.ts';
import { layerName, nonnegativeScalar, scalarInRange } from './validate.ts';

const FN = 'batchNormalizationLayer';

export class BatchNormalizationLayer extends Layer {
  readonly Type = 'Batch Normalization';
  readonly defaultName = 'batchnorm';
  NumChannels: number | 'auto' = 'auto';
  readonly Epsilon: number;
  Offset: MArray | null;
  Scale: MArray | null;
  TrainedMean: MArray | null = null;
  TrainedVariance: MArray | null = null;
  OffsetLearnRateFactor: number;
  ScaleLearnRateFactor: number;
  OffsetL2Factor: number;
  ScaleL2Factor: number;
  private statsTensors: [tf.Tensor1D, tf.Tensor1D] | null = null;

  constructor(name: string, epsilon: number, factors: { olr: number; slr: number; ol2: number; sl2: number }, offset: MArray | null, scale: MArray | null) {
    super(name);
    this.Epsilon = epsilon;
    this.Offset = offset;
    this.Scale = scale;
    this.OffsetLearnRateFactor = factors.olr;
    this.ScaleLearnRateFactor = factors.slr;
    this.OffsetL2Factor = factors.ol2;
    this.ScaleL2Factor = factors.sl2;
  }

  describe(): string {
    return this.NumChannels === 'auto' ? 'Batch normalization' : `Batch normalization with ${this.NumChannels} channels`;
  }

  outputSize(input: ActivationSize): ActivationSize {
    if (this.NumChannels !== 'auto' && this.NumChannels !== input[2]) {
      matlabError('trainNetwork:invalidLayers', `Layer '${this.Name || this.defaultName}': the input has ${input[2]} channels but the layer expects ${this.NumChannels}.`);
    }
    return input;
  }

  override initialize(input: ActivationSize): void {
    const c = input[2];
    this.NumChannels = c;
    if (!this.Offset) this.Offset = constant([1, 1, c], 0);
    if (!this.Scale) this.Scale = constant([1, 1, c], 1);
    if (!this.TrainedMean) this.TrainedMean = constant([1, 1, c], 0);
    if (!this.TrainedVariance) this.TrainedVariance = constant([1, 1, c], 1);
  }

  private channelTensor(m: MArray): tf.Tensor1D {
    return tensorFromMArray(m, 3).reshape([m.numel]) as tf.Tensor1D;
  }

  private channelMArray(t: tf.Tensor): MArray {
    return marrayFromTensor(t, 'single', [1, 1, t.size]);
  }

  override learnables(): Learnable[] {
    return [
      {
        property: 'Offset', learnRateFactor: this.OffsetLearnRateFactor, l2Factor: this.OffsetL2Factor,
        toTensor: () => this.channelTensor(this.Offset!), fromTensor: (t) => { this.Offset = this.channelMArray(t); },
      },
      {
        property: 'Scale', learnRateFactor: this.ScaleLearnRateFactor, l2Factor: this.ScaleL2Factor,
        toTensor: () => this.channelTensor(this.Scale!), fromTensor: (t) => { this.Scale = this.channelMArray(t); },
      },
    ];
  }

  /** Set TrainedMean/TrainedVariance (per-channel vectors) and drop the cached tensors. */
  setStatistics(mean: Float32Array | number[], variance: Float32Array | number[]): void {
    const c = mean.length;
    this.TrainedMean = MArray.from(mean, [1, 1, c], 'single');
    this.TrainedVariance = MArray.from(variance, [1, 1, c], 'single');
    this.releaseCache();
  }

  override releaseCache(): void {
    this.statsTensors?.forEach((t) => t.dispose());
    this.statsTensors = null;
  }

  forward(x: tf.Tensor, params: tf.Tensor[], ctx: ForwardContext): tf.Tensor {
    const [offset, scale] = params as [tf.Tensor1D, tf.Tensor1D];
    if (ctx.training) {
      const report = ctx.onBatchStatistics;
      return batchNormTrain(x as tf.Tensor4D, scale, offset, this.Epsilon, report ? (s) => report(this, s) : undefined);
    }
    if (!this.statsTensors) {
      this.statsTensors = [tf.keep(this.channelTensor(this.TrainedMean!)), tf.keep(this.channelTensor(this.TrainedVariance!))];
    }
    const [mean, variance] = this.statsTensors;
    return batchNormInfer(x as tf.Tensor4D, mean, variance, scale, offset, this.Epsilon);
  }

  override properties(): Record<string, unknown> {
    return {
      Name: this.Name, NumChannels: this.NumChannels, TrainedMean: this.TrainedMean, TrainedVariance: this.TrainedVariance,
      Epsilon: this.Epsilon, Offset: this.Offset, Scale: this.Scale,
      OffsetLearnRateFactor: this.OffsetLearnRateFactor, OffsetL2Factor: this.OffsetL2Factor,
      ScaleLearnRateFactor: this.ScaleLearnRateFactor, ScaleL2Factor: this.ScaleL2Factor,
    };
  }
}

export function batchNormalizationLayer(...nv: unknown[]): BatchNormalizationLayer {
  const opts = parseNameValues(FN, nv, [
    'Epsilon', 'Offset', 'Scale', 'OffsetLearnRateFactor', 'ScaleLearnRateFactor', 'OffsetL2Factor', 'ScaleL2Factor', 'Name',
  ]);
  const factor = (name: string, def: number) => (opts.has(name) ? nonnegativeScalar(FN, name, opts.get(name)) : def);
  const epsilon = opts.has('Epsilon') ? scalarInRange(FN, 'Epsilon', opts.get('Epsilon'), 1e-5, Infinity, false, true) : 1e-5;
  const param = (name: string): MArray | null => {
    const v = opts.get(name);
    if (v === undefined) return null;
    if (!(v instanceof MArray)) matlabError(`${FN}:invalidValue`, `Invalid value for '${name}'. Value must be a numeric array of size 1×1×NumChannels.`);
    return MArray.from(v.data, [1, 1, v.numel], 'single');
  };
  return new BatchNormalizationLayer(
    layerName(FN, opts.get('Name') ?? ''), epsilon,
    { olr: factor('OffsetLearnRateFactor', 1), slr: factor('ScaleLearnRateFactor', 1), ol2: factor('OffsetL2Factor', 1), sl2: factor('ScaleL2Factor', 1) },
    param('Offset'), param('Scale'),
  );
}
