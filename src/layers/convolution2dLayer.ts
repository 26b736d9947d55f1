/**
 * convolution2dLayer(filterSize, numFilters, …): 2-D convolution with
 * MATLAB's Padding forms, Stride, DilationFactor, glorot weights, zero bias,
 * learn-rate and L2 factors. Weights are H×W×C×F, Bias 1×1×F (single).
 */
import { tf } from '../engine/tf.ts';
import { conv2d, windowOutputSize } from '../engine/convolution.ts';
import { tensorFromMArray, marrayFromTensor } from '../engine/layout.ts';
import { parseNameValues } from '../runtime/args.ts';
import { matlabError } from '../runtime/errors.ts';
import { MArray } from '../runtime/marray.ts';
import { Layer, sizeText, vectorText, type ActivationSize, type ForwardContext, type Learnable } from './Layer.ts';
import { glorotUniform, constant } from './initializers.ts';
import { layerName, nonnegativeScalar, padding, positiveInteger, positiveIntegerPair, samePadding, type PaddingSpec } from './validate.ts';

const FN = 'convolution2dLayer';

export interface ConvolutionOptions {
  stride: [number, number];
  dilation: [number, number];
  padding: PaddingSpec;
  weightLearnRateFactor: number;
  biasLearnRateFactor: number;
  weightL2Factor: number;
  biasL2Factor: number;
}

export class Convolution2DLayer extends Layer {
  readonly Type = 'Convolution';
  readonly defaultName = 'conv';
  readonly FilterSize: [number, number];
  readonly NumFilters: number;
  NumChannels: number | 'auto';
  readonly Stride: [number, number];
  readonly DilationFactor: [number, number];
  readonly PaddingMode: 'manual' | 'same';
  /** [t b l r]; for 'same', resolved when the input size is known. */
  PaddingSize: [number, number, number, number];
  Weights: MArray | null;
  Bias: MArray | null;
  WeightLearnRateFactor: number;
  BiasLearnRateFactor: number;
  WeightL2Factor: number;
  BiasL2Factor: number;

  constructor(filterSize: [number, number], numFilters: number, o: ConvolutionOptions, name: string, weights: MArray | null, bias: MArray | null) {
    super(name);
    this.FilterSize = filterSize;
    this.NumFilters = numFilters;
    this.NumChannels = weights ? (weights.dims[2] ?? 1) : 'auto';
    this.Stride = o.stride;
    this.DilationFactor = o.dilation;
    this.PaddingMode = o.padding.same ? 'same' : 'manual';
    this.PaddingSize = o.padding.same ? [0, 0, 0, 0] : o.padding.tblr;
    this.Weights = weights;
    this.Bias = bias;
    this.WeightLearnRateFactor = o.weightLearnRateFactor;
    this.BiasLearnRateFactor = o.biasLearnRateFactor;
    this.WeightL2Factor = o.weightL2Factor;
    this.BiasL2Factor = o.biasL2Factor;
  }

  describe(): string {
    const size = this.NumChannels === 'auto' ? sizeText(this.FilterSize) : sizeText([...this.FilterSize, this.NumChannels]);
    const pad = this.PaddingMode === 'same' && this.NumChannels === 'auto' ? "'same'" : vectorText(this.PaddingSize);
    return `${this.NumFilters} ${size} convolutions with stride ${vectorText(this.Stride)} and padding ${pad}`;
  }

  outputSize(input: ActivationSize): ActivationSize {
    const [h, w, c] = input;
    if (this.NumChannels !== 'auto' && this.NumChannels !== c) {
      matlabError('trainNetwork:invalidLayers', `Layer '${this.Name || this.defaultName}': the input has ${c} channels but the layer's weights expect ${this.NumChannels}.`);
    }
    const pad = this.resolvedPadding(input);
    const oh = windowOutputSize(h, this.FilterSize[0], this.Stride[0], this.DilationFactor[0], pad[0], pad[1]);
    const ow = windowOutputSize(w, this.FilterSize[1], this.Stride[1], this.DilationFactor[1], pad[2], pad[3]);
    if (oh < 1 || ow < 1) {
      matlabError('trainNetwork:invalidLayers', `Layer '${this.Name || this.defaultName}': the ${sizeText([h, w])} input is smaller than the ${sizeText(this.FilterSize)} filter (after padding and dilation).`);
    }
    return [oh, ow, this.NumFilters];
  }

  private resolvedPadding(input: ActivationSize): [number, number, number, number] {
    if (this.PaddingMode !== 'same') return this.PaddingSize;
    const effective: [number, number] = [0, 1].map((i) => this.DilationFactor[i] * (this.FilterSize[i] - 1) + 1) as [number, number];
    return samePadding([input[0], input[1]], effective, this.Stride);
  }

  override initialize(input: ActivationSize): void {
    this.PaddingSize = this.resolvedPadding(input);
    const c = input[2];
    this.NumChannels = c;
    const [fh, fw] = this.FilterSize;
    const f = this.NumFilters;
    if (!this.Weights) this.Weights = glorotUniform([fh, fw, c, f], fh * fw * c, fh * fw * f);
    if (!this.Bias) this.Bias = constant([1, 1, f], 0);
  }

  override learnables(): Learnable[] {
    return [
      {
        property: 'Weights', learnRateFactor: this.WeightLearnRateFactor, l2Factor: this.WeightL2Factor,
        toTensor: () => tensorFromMArray(this.Weights!, 4),
        fromTensor: (t) => { this.Weights = marrayFromTensor(t); },
      },
      {
        property: 'Bias', learnRateFactor: this.BiasLearnRateFactor, l2Factor: this.BiasL2Factor,
        // A fresh rank-1 tensor: the wasm FusedConv2D kernel reads the rank of the buffer's first owner, so a reshaped bias fails there.
        toTensor: () => tf.tensor1d(Float32Array.from(this.Bias!.data)),
        fromTensor: (t) => { this.Bias = marrayFromTensor(t, 'single', [1, 1, this.NumFilters]); },
      },
    ];
  }

  forward(x: tf.Tensor, params: tf.Tensor[], ctx: ForwardContext): tf.Tensor {
    const [w, b] = params;
    const geometry = { stride: this.Stride, dilation: this.DilationFactor, padding: this.PaddingSize };
    return conv2d(x as tf.Tensor4D, w as tf.Tensor4D, b as tf.Tensor1D, geometry, ctx.inputGradient ?? true);
  }

  override properties(): Record<string, unknown> {
    return {
      Name: this.Name, FilterSize: [...this.FilterSize], NumChannels: this.NumChannels, NumFilters: this.NumFilters,
      Stride: [...this.Stride], DilationFactor: [...this.DilationFactor], PaddingMode: this.PaddingMode, PaddingSize: [...this.PaddingSize],
      Weights: this.Weights, Bias: this.Bias,
      WeightLearnRateFactor: this.WeightLearnRateFactor, WeightL2Factor: this.WeightL2Factor,
      BiasLearnRateFactor: this.BiasLearnRateFactor, BiasL2Factor: this.BiasL2Factor,
    };
  }
}

function checkGivenWeights(filterSize: [number, number], numFilters: number, w: unknown, b: unknown): [MArray | null, MArray | null] {
  let weights: MArray | null = null;
  let bias: MArray | null = null;
  if (w !== undefined) {
    if (!(w instanceof MArray)) matlabError(`${FN}:invalidWeights`, "Invalid value for 'Weights'. Value must be a numeric array.");
    const [h, wd, , f = 1] = w.dims;
    if (h !== filterSize[0] || wd !== filterSize[1] || f !== numFilters) {
      matlabError(`${FN}:invalidWeights`, `Invalid value for 'Weights'. Expected size ${filterSize[0]}×${filterSize[1]}×NumChannels×${numFilters}, got ${sizeText(w.dims)}.`);
    }
    weights = MArray.from(w.data, [h, wd, w.dims[2] ?? 1, f], 'single');
  }
  if (b !== undefined) {
    if (!(b instanceof MArray) || b.numel !== numFilters) matlabError(`${FN}:invalidBias`, `Invalid value for 'Bias'. Value must be a numeric array with ${numFilters} elements (1×1×${numFilters}).`);
    bias = MArray.from(b.data, [1, 1, numFilters], 'single');
  }
  return [weights, bias];
}

export function convolution2dLayer(filterSize: unknown, numFilters: unknown, ...nv: unknown[]): Convolution2DLayer {
  const size = positiveIntegerPair(FN, 'filterSize', filterSize);
  const n = positiveInteger(FN, 'numFilters', numFilters);
  const opts = parseNameValues(FN, nv, [
    'Stride', 'DilationFactor', 'Padding', 'Weights', 'Bias', 'NumChannels',
    'WeightLearnRateFactor', 'BiasLearnRateFactor', 'WeightL2Factor', 'BiasL2Factor', 'Name',
  ]);
  const factor = (name: string, def: number) => (opts.has(name) ? nonnegativeScalar(FN, name, opts.get(name)) : def);
  const o: ConvolutionOptions = {
    stride: positiveIntegerPair(FN, 'Stride', opts.get('Stride') ?? 1),
    dilation: positiveIntegerPair(FN, 'DilationFactor', opts.get('DilationFactor') ?? 1),
    padding: padding(FN, opts.get('Padding') ?? 0),
    weightLearnRateFactor: factor('WeightLearnRateFactor', 1),
    biasLearnRateFactor: factor('BiasLearnRateFactor', 1),
    weightL2Factor: factor('WeightL2Factor', 1),
    biasL2Factor: factor('BiasL2Factor', 0),
  };
  const [weights, bias] = checkGivenWeights(size, n, opts.get('Weights'), opts.get('Bias'));
  const layer = new Convolution2DLayer(size, n, o, layerName(FN, opts.get('Name') ?? ''), weights, bias);
  if (opts.has('NumChannels') && opts.get('NumChannels') !== 'auto') layer.NumChannels = positiveInteger(FN, 'NumChannels', opts.get('NumChannels'));
  return layer;
}
