/**
 * groupedConvolution2dLayer(filterSize, numFiltersPerGroup, numGroups, …):
 * the input channels split into numGroups groups, each convolved with its
 * own filters, the results concatenated group after group (AlexNet's conv2,
 * conv4, conv5). numGroups 'channel-wise' makes one group per input channel
 * (depthwise convolution). Weights are
 * FilterSize(1)×FilterSize(2)×NumChannelsPerGroup×NumFiltersPerGroup×NumGroups,
 * Bias 1×1×NumFiltersPerGroup×NumGroups.
 *
 * Each group runs this project's convolution (forward kernels both ways),
 * since the wasm backend has no depthwise-convolution gradients.
 */
import { tf } from '../engine/tf.ts';
import { conv2d } from '../engine/convolution.ts';
import { tensorFromMArray, marrayFromTensor } from '../engine/layout.ts';
import { matlabError } from '../runtime/errors.ts';
import { MArray } from '../runtime/marray.ts';
import { invalidLayerInput, sizeText, vectorText, type ActivationSize, type ForwardContext } from './Layer.ts';
import { NAME_PROPERTY, fillLayer, type LayerDeclaration } from './declaration.ts';
import { ConvolutionLayer, convolutionGeometryProperties, weightsAndBiasProperties } from './convolution2dLayer.ts';
import { positiveInteger, positiveIntegerPair } from './validate.ts';
import { paddingOption, paddingText, padInput, resolvePadding, windowedOutput } from './windowGeometry.ts';
import { registerLayer } from './registry.ts';

const FN = 'groupedConvolution2dLayer';

export class GroupedConvolution2DLayer extends ConvolutionLayer {
  static readonly declaration: LayerDeclaration = {
    className: 'GroupedConvolution2DLayer', type: 'Grouped Convolution', defaultName: 'groupedconv', version: 1,
    properties: [
      NAME_PROPERTY,
      { name: 'FilterSize', group: 'Hyperparameters', default: null, option: false },
      { name: 'NumChannelsPerGroup', group: 'Hyperparameters', default: 'auto', option: false },
      { name: 'NumFiltersPerGroup', group: 'Hyperparameters', default: null, option: false },
      { name: 'NumGroups', group: 'Hyperparameters', default: null, option: false },
      ...convolutionGeometryProperties(),
      ...weightsAndBiasProperties(),
    ],
    options: [paddingOption],
    learnables: [
      {
        name: 'Weights', learnRateFactor: 'WeightLearnRateFactor', l2Factor: 'WeightL2Factor', initializer: 'WeightsInitializer',
        shape: (l: GroupedConvolution2DLayer, input) => {
          const [fh, fw] = l.FilterSize;
          const g = l.groupsFor(input);
          const cg = input[2] / g;
          const f = l.NumFiltersPerGroup;
          return { dims: [fh, fw, cg, f, g], fanIn: fh * fw * cg, fanOut: fh * fw * f };
        },
        toEngine: (_l, m) => tensorFromMArray(m, 5),
        fromEngine: (_l, t) => marrayFromTensor(t),
      },
      {
        name: 'Bias', learnRateFactor: 'BiasLearnRateFactor', l2Factor: 'BiasL2Factor', initializer: 'BiasInitializer',
        shape: (l: GroupedConvolution2DLayer, input) => ({ dims: [1, 1, l.NumFiltersPerGroup, l.groupsFor(input)], fanIn: 1, fanOut: 1 }),
        // Column-major 1×1×F×G: group g's biases are the g-th run of F values, as the output channels are.
        toEngine: (_l, m) => tf.tensor1d(Float32Array.from(m.data)),
        // The engine's g·F + f order is already column-major 1×1×F×G (a row-major reshape would interleave the groups).
        fromEngine: (l: GroupedConvolution2DLayer, t) => MArray.from(t.dataSync(), [1, 1, l.NumFiltersPerGroup, t.size / l.NumFiltersPerGroup], 'single'),
      },
    ],
  };

  declare NumChannelsPerGroup: number | 'auto';
  declare NumFiltersPerGroup: number;
  declare NumGroups: number | 'channel-wise';

  /** The group count for an input ('channel-wise': one per channel). */
  groupsFor(input: ActivationSize): number {
    return this.NumGroups === 'channel-wise' ? input[2] : this.NumGroups;
  }

  describe(): string {
    const groups = this.NumGroups === 'channel-wise' ? 'channel-wise' : `${this.NumGroups} groups of`;
    const size = this.NumChannelsPerGroup === 'auto' ? sizeText(this.FilterSize) : sizeText([...this.FilterSize, this.NumChannelsPerGroup]);
    return `${groups} ${this.NumFiltersPerGroup} ${size} convolutions with stride ${vectorText(this.Stride)} and padding ${paddingText(this)}`;
  }

  outputSize(input: ActivationSize): ActivationSize {
    const g = this.groupsFor(input);
    if (input[2] % g !== 0) invalidLayerInput(this, `the number of groups (${g}) must divide the number of input channels (${input[2]}).`);
    if (this.NumChannelsPerGroup !== 'auto' && this.NumChannelsPerGroup * g !== input[2]) {
      invalidLayerInput(this, `the input has ${input[2]} channels but the layer's weights expect ${g} groups of ${this.NumChannelsPerGroup}.`);
    }
    const [oh, ow] = windowedOutput(this, input, 'filter');
    return [oh, ow, this.NumFiltersPerGroup * g];
  }

  override configure(input: ActivationSize): void {
    this.PaddingSize = resolvePadding(this, input);
    this.NumChannelsPerGroup = input[2] / this.groupsFor(input);
  }

  forward(x: tf.Tensor, params: tf.Tensor[], ctx: ForwardContext): tf.Tensor {
    const [w, b] = params;
    const [fh, fw, cg, f, groups] = w.shape.length === 5 ? w.shape : [...w.shape, 1];
    const { input, padding } = padInput(this, x as tf.Tensor4D);
    const geometry = { stride: this.Stride, dilation: this.DilationFactor, padding };
    const parts = tf.split(input, groups, 3) as tf.Tensor4D[];
    // Groups as rows: slicing the last axis of the 5-D weights is a naive strided copy on wasm
    // (200 ms for AlexNet's conv4), a 2-D transpose and contiguous rows take 2 ms; same values.
    const byGroup = groups === 1 ? w : tf.transpose(w.reshape([fh * fw * cg * f, groups]));
    const outputs = parts.map((xg, g) => {
      const wg = (groups === 1 ? w : tf.slice(byGroup, [g, 0], [1, fh * fw * cg * f])).reshape([fh, fw, cg, f]) as tf.Tensor4D;
      const bg = tf.slice(b, [g * f], [f]) as tf.Tensor1D;
      return conv2d(xg, wg, bg, geometry, ctx.inputGradient ?? true, !ctx.constantParameters);
    });
    return outputs.length === 1 ? outputs[0] : tf.concat(outputs, 3);
  }
}
registerLayer(GroupedConvolution2DLayer);

/** groupedConvolution2dLayer(filterSize, numFiltersPerGroup, numGroups | 'channel-wise', …). */
export function groupedConvolution2dLayer(filterSize: unknown, numFiltersPerGroup: unknown, numGroups: unknown, ...nv: unknown[]): GroupedConvolution2DLayer {
  const groups = typeof numGroups === 'string' && 'channel-wise'.startsWith(numGroups.toLowerCase()) && numGroups.length > 0
    ? 'channel-wise'
    : positiveInteger(FN, 'numGroups', numGroups);
  const layer = new GroupedConvolution2DLayer();
  fillLayer(FN, layer, GroupedConvolution2DLayer.declaration, {
    FilterSize: positiveIntegerPair(FN, 'filterSize', filterSize),
    NumFiltersPerGroup: positiveInteger(FN, 'numFiltersPerGroup', numFiltersPerGroup),
    NumGroups: groups,
  }, nv);
  const w = layer.Weights;
  if (w) {
    const [h, wd, cg = 1, f = 1, g = 1] = w.dims;
    if (h !== layer.FilterSize[0] || wd !== layer.FilterSize[1] || f !== layer.NumFiltersPerGroup || (groups !== 'channel-wise' && g !== groups)) {
      matlabError(`${FN}:invalidWeights`, `Invalid value for 'Weights'. Expected size ${sizeText(layer.FilterSize)}×NumChannelsPerGroup×${layer.NumFiltersPerGroup}×NumGroups, got ${sizeText(w.dims)}.`);
    }
    layer.Weights = w.reshapedCopy([h, wd, cg, f, g]);
    layer.NumChannelsPerGroup = cg;
  }
  return layer;
}
