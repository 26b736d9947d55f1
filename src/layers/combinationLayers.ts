/**
 * Layers of several inputs, for layer graphs: additionLayer (element-wise
 * sum, as in ResNet), depthConcatenationLayer (along channels, as in
 * inception modules) and concatenationLayer (along a chosen dimension).
 * Their inputs are named in1, in2, … (connect with 'name/in2').
 */
import { tf } from '../engine/tf.ts';
import { matlabError } from '../runtime/errors.ts';
import { Layer, invalidLayerInput, sizeText, type ActivationSize } from './Layer.ts';
import { NAME_PROPERTY, fillLayer, type LayerDeclaration, type PropertySpec } from './declaration.ts';
import { positiveInteger } from './validate.ts';
import { registerLayer } from './registry.ts';

function inputNamesOf(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `in${i + 1}`);
}

const NUM_INPUTS: PropertySpec = { name: 'NumInputs', group: 'Name', default: null, option: false };
const INPUT_NAMES: PropertySpec = { name: 'InputNames', group: 'Name', default: null, option: false };

abstract class CombinationLayer extends Layer {
  declare NumInputs: number;
  declare InputNames: string[];

  override inputCount(): number {
    return this.NumInputs;
  }

  override inputNames(): string[] {
    return this.InputNames;
  }

  outputSize(input: ActivationSize): ActivationSize {
    return this.outputSizeOf([input]);
  }

  forward(x: tf.Tensor): tf.Tensor {
    return this.forwardInputs([x]);
  }

  abstract override forwardInputs(xs: tf.Tensor[]): tf.Tensor;

  protected sizesText(inputs: readonly ActivationSize[]): string {
    return inputs.map((s, i) => `${this.InputNames[i]} is ${sizeText(s)}`).join(', ');
  }
}

/**
 * The inputs at one rank: a fully connected output is N×K in the engine while
 * a 1×1×K activation from a pool or batch norm is N×1×1×K; both are MATLAB's
 * 1×1×K, so mixed inputs are all taken as N×H×W×C.
 */
function sameRank(xs: tf.Tensor[]): tf.Tensor[] {
  return xs.every((x) => x.rank === xs[0].rank) ? xs : xs.map(asImageRank);
}

/** An N×K engine tensor as N×1×1×K (MATLAB's 1×1×K activation); N×H×W×C unchanged. */
function asImageRank(x: tf.Tensor): tf.Tensor {
  return x.rank === 4 ? x : x.reshape([x.shape[0], 1, 1, x.size / x.shape[0]]);
}

/** The constructor's input count: 2 or more (MATLAB's numInputs). */
function inputCountArgument(fn: string, v: unknown): number {
  const n = positiveInteger(fn, 'numInputs', v);
  if (n < 2) matlabError(`${fn}:invalidNumInputs`, "Invalid value for 'numInputs'. Value must be an integer greater than or equal to 2.");
  return n;
}

function combination<L extends CombinationLayer>(layer: L, fn: string, numInputs: unknown, nv: unknown[], extra: Record<string, unknown> = {}): L {
  const decl = (layer.constructor as unknown as { declaration: LayerDeclaration }).declaration;
  const n = inputCountArgument(fn, numInputs);
  fillLayer(fn, layer, decl, { ...extra, NumInputs: n, InputNames: inputNamesOf(n) }, nv);
  return layer;
}

export class AdditionLayer extends CombinationLayer {
  static readonly declaration: LayerDeclaration = {
    className: 'AdditionLayer', type: 'Addition', defaultName: 'addition', version: 1, properties: [NAME_PROPERTY, NUM_INPUTS, INPUT_NAMES],
  };
  describe(): string {
    return `Element-wise addition of ${this.NumInputs} inputs`;
  }
  override outputSizeOf(inputs: readonly ActivationSize[]): ActivationSize {
    if (!inputs.every((s) => s.every((d, k) => d === inputs[0][k]))) invalidLayerInput(this, `the inputs must have the same size; ${this.sizesText(inputs)}.`);
    return inputs[0];
  }
  forwardInputs(xs: tf.Tensor[]): tf.Tensor {
    return xs.length === 1 ? xs[0] : tf.addN(sameRank(xs));
  }
}
registerLayer(AdditionLayer);

/** additionLayer(numInputs, 'Name', n). */
export function additionLayer(numInputs: unknown, ...nv: unknown[]): AdditionLayer {
  return combination(new AdditionLayer(), 'additionLayer', numInputs, nv);
}

/** Concatenation along engine axis `axis` (1 = H, 2 = W, 3 = C of NHWC); other dimensions must agree. */
function concatenatedSize(layer: CombinationLayer, inputs: readonly ActivationSize[], dim: number): ActivationSize {
  const k = dim - 1;
  const agree = inputs.every((s) => s.every((d, j) => j === k || d === inputs[0][j]));
  if (!agree) {
    const which = k === 2 ? 'spatial sizes' : 'sizes in the other dimensions';
    invalidLayerInput(layer, `the inputs' ${which} must match; ${inputs.map((s, i) => `${layer.InputNames[i]} is ${sizeText(s)}`).join(', ')}.`);
  }
  const out = [...inputs[0]] as ActivationSize;
  out[k] = inputs.reduce((a, s) => a + s[k], 0);
  return out;
}

export class DepthConcatenationLayer extends CombinationLayer {
  static readonly declaration: LayerDeclaration = {
    className: 'DepthConcatenationLayer', type: 'Depth concatenation', defaultName: 'depthcat', version: 1, properties: [NAME_PROPERTY, NUM_INPUTS, INPUT_NAMES],
  };
  describe(): string {
    return `Depth concatenation of ${this.NumInputs} inputs`;
  }
  override outputSizeOf(inputs: readonly ActivationSize[]): ActivationSize {
    return concatenatedSize(this, inputs, 3);
  }
  forwardInputs(xs: tf.Tensor[]): tf.Tensor {
    const same = sameRank(xs);
    return tf.concat(same, same[0].rank - 1);
  }
}
registerLayer(DepthConcatenationLayer);

/** depthConcatenationLayer(numInputs, 'Name', n). */
export function depthConcatenationLayer(numInputs: unknown, ...nv: unknown[]): DepthConcatenationLayer {
  return combination(new DepthConcatenationLayer(), 'depthConcatenationLayer', numInputs, nv);
}

export class ConcatenationLayer extends CombinationLayer {
  static readonly declaration: LayerDeclaration = {
    className: 'ConcatenationLayer', type: 'Concatenation', defaultName: 'concat', version: 1,
    properties: [NAME_PROPERTY, { name: 'Dim', group: 'Name', default: null, option: false }, NUM_INPUTS, INPUT_NAMES],
  };
  declare Dim: number;
  describe(): string {
    return `Concatenation of ${this.NumInputs} inputs along dimension ${this.Dim}`;
  }
  override outputSizeOf(inputs: readonly ActivationSize[]): ActivationSize {
    return concatenatedSize(this, inputs, this.Dim);
  }
  forwardInputs(xs: tf.Tensor[]): tf.Tensor {
    // MATLAB's dimension 1, 2, 3 (height, width, channels) are NHWC axes 1, 2, 3.
    return tf.concat(xs.map(asImageRank), this.Dim);
  }
}
registerLayer(ConcatenationLayer);

/** concatenationLayer(dim, numInputs, 'Name', n): dim 1 (height), 2 (width) or 3 (channels). */
export function concatenationLayer(dim: unknown, numInputs: unknown, ...nv: unknown[]): ConcatenationLayer {
  const FN = 'concatenationLayer';
  const d = positiveInteger(FN, 'dim', dim);
  if (d > 3) matlabError(`${FN}:invalidDim`, "Invalid value for 'dim'. For image data, the dimension must be 1 (height), 2 (width) or 3 (channels).");
  return combination(new ConcatenationLayer(), FN, numInputs, nv, { Dim: d });
}

export class FlattenLayer extends Layer {
  static readonly declaration: LayerDeclaration = {
    className: 'FlattenLayer', type: 'Flatten', defaultName: 'flatten', version: 1, properties: [NAME_PROPERTY],
  };
  describe(): string {
    return 'Flatten';
  }
  outputSize(input: ActivationSize): ActivationSize {
    return [1, 1, input[0] * input[1] * input[2]];
  }
  /** MATLAB's order: height fastest, then width, then channels (column-major), so [N,H,W,C] → [N,C,W,H] before flattening. */
  forward(x: tf.Tensor): tf.Tensor {
    if (x.rank !== 4) return x;
    const [n, h, w, c] = x.shape;
    return tf.transpose(x, [0, 3, 2, 1]).reshape([n, 1, 1, h * w * c]);
  }
}
registerLayer(FlattenLayer);

export function flattenLayer(...nv: unknown[]): FlattenLayer {
  const layer = new FlattenLayer();
  fillLayer('flattenLayer', layer, FlattenLayer.declaration, {}, nv);
  return layer;
}
