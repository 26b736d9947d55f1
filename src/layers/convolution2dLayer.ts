/**
 * convolution2dLayer(filterSize, numFilters, …): 2-D convolution with
 * MATLAB's Padding forms, PaddingValue, Stride, DilationFactor, initializers,
 * learn-rate and L2 factors. Weights are H×W×C×F, Bias 1×1×F (single).
 */
import { registerLayer } from './registry.ts';
import { tf } from '../engine/tf.ts';
import { conv2d } from '../engine/convolution.ts';
import { tensorFromMArray, marrayFromTensor } from '../engine/layout.ts';
import { MArray } from '../runtime/marray.ts';
import { matlabError } from '../runtime/errors.ts';
import { Layer, invalidLayerInput, sizeText, vectorText, type ActivationSize, type ForwardContext } from './Layer.ts';
import { NAME_PROPERTY, fillLayer, type LayerDeclaration, type LearnableSpec, type OptionSpec, type PropertySpec } from './declaration.ts';
import { factorProperty, initializerProperty, learnableProperty, positiveInteger, positiveIntegerPair } from './validate.ts';
import { paddingOption, paddingText, paddingValueProperty, resolvePadding, windowedOutput, padInput, type PaddedWindow } from './windowGeometry.ts';

const FN = 'convolution2dLayer';

/** The properties convolution2dLayer and groupedConvolution2dLayer share, after their own. */
export function convolutionGeometryProperties(): PropertySpec[] {
  return [
    { name: 'Stride', group: 'Hyperparameters', default: () => [1, 1], validate: (fn, v) => positiveIntegerPair(fn, 'Stride', v) },
    { name: 'DilationFactor', group: 'Hyperparameters', default: () => [1, 1], validate: (fn, v) => positiveIntegerPair(fn, 'DilationFactor', v) },
    { name: 'PaddingMode', group: 'Hyperparameters', default: 'manual', option: false },
    { name: 'PaddingSize', group: 'Hyperparameters', default: () => [0, 0, 0, 0], option: false },
    paddingValueProperty(),
  ];
}

/** Weights and bias learnables with their initializers and factors, as MATLAB names them. */
export function weightsAndBiasProperties(weightInit = 'glorot'): PropertySpec[] {
  return [
    learnableProperty('Weights'), learnableProperty('Bias'),
    initializerProperty('WeightsInitializer', weightInit), initializerProperty('BiasInitializer', 'zeros', ['narrow-normal', 'zeros', 'ones']),
    factorProperty('WeightLearnRateFactor', 1), factorProperty('WeightL2Factor', 1),
    factorProperty('BiasLearnRateFactor', 1), factorProperty('BiasL2Factor', 0),
  ];
}

export function weightLearnable(shape: LearnableSpec['shape'], toEngine: LearnableSpec['toEngine'] = (_l, m) => tensorFromMArray(m, 4), fromEngine: LearnableSpec['fromEngine'] = (_l, t) => marrayFromTensor(t)): LearnableSpec {
  return { name: 'Weights', learnRateFactor: 'WeightLearnRateFactor', l2Factor: 'WeightL2Factor', initializer: 'WeightsInitializer', shape, toEngine, fromEngine };
}

/** A per-filter bias, 1×1×F in MATLAB and rank 1 in the engine. */
export function channelBiasLearnable(count: (layer: any) => number): LearnableSpec {
  return {
    name: 'Bias', learnRateFactor: 'BiasLearnRateFactor', l2Factor: 'BiasL2Factor', initializer: 'BiasInitializer',
    shape: (l) => ({ dims: [1, 1, count(l)], fanIn: 1, fanOut: 1 }),
    // A fresh rank-1 tensor: the wasm FusedConv2D kernel reads the rank of the buffer's first owner, so a reshaped bias fails there.
    toEngine: (_l, m) => tf.tensor1d(Float32Array.from(m.data)),
    fromEngine: (l, t) => marrayFromTensor(t, 'single', [1, 1, count(l)]),
  };
}

/** The properties of a layer with weights and a bias (convolutions, fully connected), for TypeScript. */
export abstract class WeightedLayer extends Layer {
  declare Weights: MArray | null;
  declare Bias: MArray | null;
  declare WeightLearnRateFactor: number;
  declare BiasLearnRateFactor: number;
  declare WeightL2Factor: number;
  declare BiasL2Factor: number;
}

/** What convolution2dLayer and groupedConvolution2dLayer share: the filter's sliding window. */
export abstract class ConvolutionLayer extends WeightedLayer implements PaddedWindow {
  declare FilterSize: [number, number];
  declare Stride: [number, number];
  declare DilationFactor: [number, number];
  declare PaddingMode: 'manual' | 'same';
  /** [t b l r]; for 'same', resolved when the input size is known. */
  declare PaddingSize: [number, number, number, number];
  declare PaddingValue: number;

  get window(): [number, number] {
    return this.FilterSize;
  }
}

export class Convolution2DLayer extends ConvolutionLayer {
  static readonly declaration: LayerDeclaration = {
    className: 'Convolution2DLayer', type: 'Convolution', defaultName: 'conv', version: 1,
    properties: [
      NAME_PROPERTY,
      { name: 'FilterSize', group: 'Hyperparameters', default: null, option: false },
      { name: 'NumChannels', group: 'Hyperparameters', default: 'auto', validate: (fn, v) => (v === 'auto' ? v : positiveInteger(fn, 'NumChannels', v)) },
      { name: 'NumFilters', group: 'Hyperparameters', default: null, option: false },
      ...convolutionGeometryProperties(),
      ...weightsAndBiasProperties(),
    ],
    options: [paddingOption as OptionSpec],
    learnables: [
      weightLearnable((l: Convolution2DLayer, input) => {
        const [fh, fw] = l.FilterSize;
        const c = input[2];
        return { dims: [fh, fw, c, l.NumFilters], fanIn: fh * fw * c, fanOut: fh * fw * l.NumFilters };
      }),
      channelBiasLearnable((l: Convolution2DLayer) => l.NumFilters),
    ],
  };

  declare NumFilters: number;
  declare NumChannels: number | 'auto';

  describe(): string {
    const size = this.NumChannels === 'auto' ? sizeText(this.FilterSize) : sizeText([...this.FilterSize, this.NumChannels]);
    return `${this.NumFilters} ${size} convolutions with stride ${vectorText(this.Stride)} and padding ${paddingText(this)}`;
  }

  outputSize(input: ActivationSize): ActivationSize {
    if (this.NumChannels !== 'auto' && this.NumChannels !== input[2]) {
      invalidLayerInput(this, `the input has ${input[2]} channels but the layer's weights expect ${this.NumChannels}.`);
    }
    const [oh, ow] = windowedOutput(this, input, 'filter');
    return [oh, ow, this.NumFilters];
  }

  override configure(input: ActivationSize): void {
    this.PaddingSize = resolvePadding(this, input);
    this.NumChannels = input[2];
  }

  forward(x: tf.Tensor, params: tf.Tensor[], ctx: ForwardContext): tf.Tensor {
    const [w, b] = params;
    const { input, padding } = padInput(this, x as tf.Tensor4D);
    return conv2d(input, w as tf.Tensor4D, b as tf.Tensor1D, { stride: this.Stride, dilation: this.DilationFactor, padding }, ctx.inputGradient ?? true, !ctx.constantParameters);
  }
}
registerLayer(Convolution2DLayer);

/** Given Weights (H×W×C×F) and Bias (F elements) must fit the filter size and count. */
export function checkConvolutionParameters(fn: string, layer: { FilterSize: [number, number]; Weights: MArray | null; Bias: MArray | null; NumChannels: number | 'auto' }, filters: number, weightsText: string): void {
  const w = layer.Weights;
  if (w) {
    const [h, wd, c = 1, f = 1] = w.dims;
    if (h !== layer.FilterSize[0] || wd !== layer.FilterSize[1] || w.numel !== h * wd * c * f || f !== filters) {
      invalidParameter(fn, 'Weights', `Expected size ${weightsText}, got ${sizeText(w.dims)}.`);
    }
    layer.Weights = w.reshapedCopy([h, wd, c, f]);
    layer.NumChannels = c;
  }
  if (layer.Bias) {
    if (layer.Bias.numel !== filters) invalidParameter(fn, 'Bias', `Value must be a numeric array with ${filters} elements (1×1×${filters}).`);
    layer.Bias = layer.Bias.reshapedCopy([1, 1, filters]);
  }
}

function invalidParameter(fn: string, name: string, what: string): never {
  return matlabError(`${fn}:invalid${name}`, `Invalid value for '${name}'. ${what}`);
}

export function convolution2dLayer(filterSize: unknown, numFilters: unknown, ...nv: unknown[]): Convolution2DLayer {
  const layer = new Convolution2DLayer();
  fillLayer(FN, layer, Convolution2DLayer.declaration, {
    FilterSize: positiveIntegerPair(FN, 'filterSize', filterSize),
    NumFilters: positiveInteger(FN, 'numFilters', numFilters),
  }, nv);
  checkConvolutionParameters(FN, layer, layer.NumFilters, `${layer.FilterSize[0]}×${layer.FilterSize[1]}×NumChannels×${layer.NumFilters}`);
  return layer;
}
