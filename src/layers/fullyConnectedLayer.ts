/**
 * fullyConnectedLayer(outputSize, …): y = W·x + b over the flattened input.
 *
 * MATLAB's Weights are OutputSize×InputSize with the input flattened
 * column-major (h fastest, then w, then c); the engine flattens NHWC
 * row-major (c fastest). The conversion lives here, with the layer.
 */
import { tf } from '../engine/tf.ts';
import { dense } from '../engine/dense.ts';
import { parseNameValues } from '../runtime/args.ts';
import { matlabError } from '../runtime/errors.ts';
import { MArray } from '../runtime/marray.ts';
import { Layer, type ActivationSize, type Learnable } from './Layer.ts';
import { glorotUniform, constant } from './initializers.ts';
import { layerName, nonnegativeScalar, positiveInteger } from './validate.ts';

const FN = 'fullyConnectedLayer';

export class FullyConnectedLayer extends Layer {
  readonly Type = 'Fully Connected';
  readonly defaultName = 'fc';
  readonly OutputSize: number;
  InputSize: number | 'auto' = 'auto';
  /** Input activation size, needed to map MATLAB's flattening order to the engine's. */
  private inputActivation: ActivationSize | null = null;
  Weights: MArray | null;
  Bias: MArray | null;
  WeightLearnRateFactor: number;
  BiasLearnRateFactor: number;
  WeightL2Factor: number;
  BiasL2Factor: number;

  constructor(outputSize: number, name: string, f: { wlr: number; blr: number; wl2: number; bl2: number }, weights: MArray | null, bias: MArray | null) {
    super(name);
    this.OutputSize = outputSize;
    this.Weights = weights;
    this.Bias = bias;
    if (weights) this.InputSize = weights.dims[1];
    this.WeightLearnRateFactor = f.wlr;
    this.BiasLearnRateFactor = f.blr;
    this.WeightL2Factor = f.wl2;
    this.BiasL2Factor = f.bl2;
  }

  describe(): string {
    return `${this.OutputSize} fully connected layer`;
  }

  outputSize(input: ActivationSize): ActivationSize {
    const n = input[0] * input[1] * input[2];
    if (this.InputSize !== 'auto' && this.InputSize !== n) {
      matlabError('trainNetwork:invalidLayers', `Layer '${this.Name || this.defaultName}': the input has ${n} elements but the layer's weights expect ${this.InputSize}.`);
    }
    return [1, 1, this.OutputSize];
  }

  override initialize(input: ActivationSize): void {
    this.inputActivation = input;
    const n = input[0] * input[1] * input[2];
    this.InputSize = n;
    if (!this.Weights) this.Weights = glorotUniform([this.OutputSize, n], n, this.OutputSize);
    if (!this.Bias) this.Bias = constant([this.OutputSize, 1], 0);
  }

  /** MATLAB K×D (column-major flattening) → engine [D,K] (NHWC flattening). */
  private weightsToEngine(): tf.Tensor2D {
    const [h, w, c] = this.inputActivation ?? [1, 1, this.InputSize as number];
    const k = this.OutputSize;
    return tf.tidy(() => {
      // Column-major K×H×W×C is row-major [C,W,H,K]; permute to [H,W,C,K].
      const rowMajor = tf.tensor4d(Float32Array.from(this.Weights!.data), [c, w, h, k]);
      return tf.transpose(rowMajor, [2, 1, 0, 3]).reshape([h * w * c, k]) as tf.Tensor2D;
    });
  }

  private weightsFromEngine(t: tf.Tensor): MArray {
    const [h, w, c] = this.inputActivation ?? [1, 1, this.InputSize as number];
    const k = this.OutputSize;
    const values = tf.tidy(() => tf.transpose(t.reshape([h, w, c, k]), [2, 1, 0, 3]).dataSync() as Float32Array);
    return MArray.from(values, [k, h * w * c], 'single');
  }

  override learnables(): Learnable[] {
    return [
      {
        property: 'Weights', learnRateFactor: this.WeightLearnRateFactor, l2Factor: this.WeightL2Factor,
        toTensor: () => this.weightsToEngine(),
        fromTensor: (t) => { this.Weights = this.weightsFromEngine(t); },
      },
      {
        property: 'Bias', learnRateFactor: this.BiasLearnRateFactor, l2Factor: this.BiasL2Factor,
        toTensor: () => tf.tensor1d(Float32Array.from(this.Bias!.data)),
        fromTensor: (t) => { this.Bias = MArray.from(t.dataSync() as Float32Array, [this.OutputSize, 1], 'single'); },
      },
    ];
  }

  forward(x: tf.Tensor, params: tf.Tensor[]): tf.Tensor {
    const flat = x.reshape([x.shape[0], x.size / x.shape[0]]) as tf.Tensor2D;
    return dense(flat, params[0] as tf.Tensor2D, params[1] as tf.Tensor1D);
  }

  override properties(): Record<string, unknown> {
    return {
      Name: this.Name, InputSize: this.InputSize, OutputSize: this.OutputSize, Weights: this.Weights, Bias: this.Bias,
      WeightLearnRateFactor: this.WeightLearnRateFactor, WeightL2Factor: this.WeightL2Factor,
      BiasLearnRateFactor: this.BiasLearnRateFactor, BiasL2Factor: this.BiasL2Factor,
    };
  }
}

export function fullyConnectedLayer(outputSize: unknown, ...nv: unknown[]): FullyConnectedLayer {
  const k = positiveInteger(FN, 'outputSize', outputSize);
  const opts = parseNameValues(FN, nv, ['Weights', 'Bias', 'WeightLearnRateFactor', 'BiasLearnRateFactor', 'WeightL2Factor', 'BiasL2Factor', 'Name']);
  const factor = (name: string, def: number) => (opts.has(name) ? nonnegativeScalar(FN, name, opts.get(name)) : def);
  const w = opts.get('Weights');
  const b = opts.get('Bias');
  if (w !== undefined && (!(w instanceof MArray) || w.dims.length !== 2 || w.dims[0] !== k)) {
    matlabError(`${FN}:invalidWeights`, `Invalid value for 'Weights'. Value must be a ${k}×InputSize matrix.`);
  }
  if (b !== undefined && (!(b instanceof MArray) || b.numel !== k)) {
    matlabError(`${FN}:invalidBias`, `Invalid value for 'Bias'. Value must be a ${k}×1 vector.`);
  }
  return new FullyConnectedLayer(
    k, layerName(FN, opts.get('Name') ?? ''),
    { wlr: factor('WeightLearnRateFactor', 1), blr: factor('BiasLearnRateFactor', 1), wl2: factor('WeightL2Factor', 1), bl2: factor('BiasL2Factor', 0) },
    w ? MArray.from((w as MArray).data, (w as MArray).dims, 'single') : null,
    b ? MArray.from((b as MArray).data, [k, 1], 'single') : null,
  );
}
