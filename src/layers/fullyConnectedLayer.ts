/**
 * fullyConnectedLayer(outputSize, …): y = W·x + b over the flattened input.
 *
 * MATLAB's Weights are OutputSize×InputSize with the input flattened
 * column-major (h fastest, then w, then c); the engine keeps them
 * OutputSize×InputSize too ([K,D], see engine/dense.ts for why) but flattens
 * NHWC row-major (c fastest). The conversion lives here, with the layer.
 */
import { registerLayer } from './registry.ts';
import { tf } from '../engine/tf.ts';
import { dense, denseInputOnly } from '../engine/dense.ts';
import { readValues } from '../engine/layout.ts';
import { matlabError } from '../runtime/errors.ts';
import { MArray } from '../runtime/marray.ts';
import { invalidLayerInput, type ActivationSize, type ForwardContext } from './Layer.ts';
import { NAME_PROPERTY, fillLayer, type LayerDeclaration, type LearnableSpec } from './declaration.ts';
import { WeightedLayer, weightsAndBiasProperties } from './convolution2dLayer.ts';
import { positiveInteger } from './validate.ts';

const FN = 'fullyConnectedLayer';

/** The input activation as [h, w, c] (a flat input when only InputSize is known). */
function inputShape(l: FullyConnectedLayer): ActivationSize {
  return l.inputActivation ?? [1, 1, l.InputSize as number];
}

const weights: LearnableSpec = {
  name: 'Weights', learnRateFactor: 'WeightLearnRateFactor', l2Factor: 'WeightL2Factor', initializer: 'WeightsInitializer',
  shape: (l: FullyConnectedLayer, input) => {
    const n = input[0] * input[1] * input[2];
    return { dims: [l.OutputSize, n], fanIn: n, fanOut: l.OutputSize };
  },
  /** MATLAB K×D (column-major flattening) → engine [K,D] (NHWC flattening). */
  toEngine: (l: FullyConnectedLayer, m) => {
    const [h, w, c] = inputShape(l);
    const k = l.OutputSize;
    return tf.tidy(() => {
      // Column-major K×H×W×C is row-major [C,W,H,K]; permute to [K,H,W,C].
      const rowMajor = tf.tensor4d(m.data instanceof Float32Array ? m.data : Float32Array.from(m.data), [c, w, h, k]);
      return tf.transpose(rowMajor, [3, 2, 1, 0]).reshape([k, h * w * c]);
    });
  },
  fromEngine: (l: FullyConnectedLayer, t) => {
    const [h, w, c] = inputShape(l);
    const k = l.OutputSize;
    const values = readValues(() => tf.transpose(t.reshape([k, h, w, c]), [3, 2, 1, 0]));
    return MArray.wrap(values, [k, h * w * c], 'single');
  },
};

const bias: LearnableSpec = {
  name: 'Bias', learnRateFactor: 'BiasLearnRateFactor', l2Factor: 'BiasL2Factor', initializer: 'BiasInitializer',
  shape: (l: FullyConnectedLayer) => ({ dims: [l.OutputSize, 1], fanIn: 1, fanOut: 1 }),
  toEngine: (_l, m) => tf.tensor1d(Float32Array.from(m.data)),
  fromEngine: (l: FullyConnectedLayer, t) => MArray.wrap(Float32Array.from(t.dataSync()), [l.OutputSize, 1], 'single'),
};

export class FullyConnectedLayer extends WeightedLayer {
  static readonly declaration: LayerDeclaration = {
    className: 'FullyConnectedLayer', type: 'Fully Connected', defaultName: 'fc', version: 1,
    properties: [
      NAME_PROPERTY,
      { name: 'InputSize', group: 'Hyperparameters', default: 'auto', option: false },
      { name: 'OutputSize', group: 'Hyperparameters', default: null, option: false },
      ...weightsAndBiasProperties(),
      // The input's H×W×C, which maps MATLAB's flattening order to the engine's.
      { name: 'inputActivation', group: 'internal', default: null },
    ],
    learnables: [weights, bias],
  };

  declare OutputSize: number;
  declare InputSize: number | 'auto';
  declare inputActivation: ActivationSize | null;

  describe(): string {
    return `${this.OutputSize} fully connected layer`;
  }

  outputSize(input: ActivationSize): ActivationSize {
    const n = input[0] * input[1] * input[2];
    if (this.InputSize !== 'auto' && this.InputSize !== n) invalidLayerInput(this, `the input has ${n} elements but the layer's weights expect ${this.InputSize}.`);
    return [1, 1, this.OutputSize];
  }

  override configure(input: ActivationSize): void {
    this.inputActivation = [...input];
    this.InputSize = input[0] * input[1] * input[2];
  }

  forward(x: tf.Tensor, params: tf.Tensor[], ctx: ForwardContext): tf.Tensor {
    const flat = x.reshape([x.shape[0], x.size / x.shape[0]]) as tf.Tensor2D;
    return (ctx.constantParameters ? denseInputOnly : dense)(flat, params[0] as tf.Tensor2D, params[1] as tf.Tensor1D);
  }
}
registerLayer(FullyConnectedLayer);

export function fullyConnectedLayer(outputSize: unknown, ...nv: unknown[]): FullyConnectedLayer {
  const k = positiveInteger(FN, 'outputSize', outputSize);
  const layer = new FullyConnectedLayer();
  fillLayer(FN, layer, FullyConnectedLayer.declaration, { OutputSize: k }, nv);
  const w = layer.Weights;
  if (w && (w.dims.length !== 2 || w.dims[0] !== k)) matlabError(`${FN}:invalidWeights`, `Invalid value for 'Weights'. Value must be a ${k}×InputSize matrix.`);
  if (w) layer.InputSize = w.dims[1];
  if (layer.Bias && layer.Bias.numel !== k) matlabError(`${FN}:invalidBias`, `Invalid value for 'Bias'. Value must be a ${k}×1 vector.`);
  if (layer.Bias) layer.Bias = layer.Bias.reshapedCopy([k, 1]);
  return layer;
}
