/**
 * The one table of ONNX operators the importer maps, op type → a function
 * that builds the MATLAB layer(s) for a node from its inputs (activations
 * or constants) and attributes, and records what the node's outputs are.
 * A use the layers cannot express throws Unsupported (the importer then
 * puts a placeholder); shape computations on constants are folded here.
 *
 * Weight layouts are MATLAB's: convolution weights H×W×Cin×Cout from ONNX's
 * Cout×Cin×kH×kW, fully connected weights OutputSize×InputSize against
 * MATLAB's column-major H×W×C flattening of its input.
 */
import { MArray } from '../runtime/marray.ts';
import type { ActivationSize, Layer } from '../layers/Layer.ts';
import { convolution2dLayer } from '../layers/convolution2dLayer.ts';
import { groupedConvolution2dLayer } from '../layers/groupedConvolution2dLayer.ts';
import { fullyConnectedLayer, FullyConnectedLayer } from '../layers/fullyConnectedLayer.ts';
import { Convolution2DLayer } from '../layers/convolution2dLayer.ts';
import { batchNormalizationLayer } from '../layers/batchNormalizationLayer.ts';
import { crossChannelNormalizationLayer } from '../layers/crossChannelNormalizationLayer.ts';
import { averagePooling2dLayer, globalAveragePooling2dLayer, globalMaxPooling2dLayer, maxPooling2dLayer } from '../layers/poolingLayers.ts';
import { clippedReluLayer, eluLayer, leakyReluLayer, reluLayer, sigmoidLayer, tanhLayer } from '../layers/activationLayers.ts';
import { dropoutLayer } from '../layers/dropoutLayer.ts';
import { softmaxLayer } from '../layers/outputLayers.ts';
import { additionLayer, concatenationLayer, depthConcatenationLayer } from '../layers/combinationLayers.ts';
import { DataType } from './protobuf.ts';
import {
  NCHW, elementCount, isIdentityLayout, layoutOrder, matlabFeatureIndex, onnxShape, unsupported,
  type Activation, type ConstValue, type FeatureValue, type ImageValue, type ImportContext, type NodeView, type Value,
} from './importValues.ts';

export interface OperatorEntry {
  /** The MATLAB layer(s) it becomes, for the README's table. */
  readonly layer: string;
  readonly notes?: string;
  readonly build: (node: NodeView, ctx: ImportContext) => void;
}

// ---- inputs -----------------------------------------------------------------

function input(node: NodeView, ctx: ImportContext, i: number): Value | null {
  const name = node.inputs[i];
  return name ? ctx.value(ctx.fn, name) : null;
}

function activation(node: NodeView, ctx: ImportContext, i = 0): Activation {
  const v = input(node, ctx, i);
  if (!v) return unsupported(`its input ${i + 1} is missing`);
  if (v.kind === 'const') return unsupported(`its input ${i + 1} ('${node.inputs[i]}') is a constant, not an activation`);
  return v;
}

function constant(node: NodeView, ctx: ImportContext, i: number, what: string): ConstValue {
  const v = input(node, ctx, i);
  if (!v) return unsupported(`its ${what} is missing`);
  if (v.kind !== 'const') return unsupported(`its ${what} ('${node.inputs[i]}') is not a constant (an initializer)`);
  return v;
}

function optionalConstant(node: NodeView, ctx: ImportContext, i: number, what: string): ConstValue | null {
  return node.inputs[i] ? constant(node, ctx, i, what) : null;
}

/** An image activation in NCHW layout (what convolutions and pools read). */
function nchwImage(node: NodeView, ctx: ImportContext): ImageValue {
  const v = activation(node, ctx);
  if (v.kind !== 'image') return unsupported('its input is not a 4-D (NCHW) image activation');
  if (!isIdentityLayout(v.layout)) return unsupported(`its input is in ${'N' + layoutOrder(v.layout)} layout, not NCHW`);
  return v;
}

/** Features as MATLAB channels of a layer's output (a flatten layer added where the orders differ). */
function plainFeatures(ctx: ImportContext, v: FeatureValue): FeatureValue {
  const source = ctx.featureSource(v);
  return { kind: 'features', source, size: [1, 1, elementCount(v.size!)], order: null };
}

function layerName(node: NodeView, ctx: ImportContext, suffix = ''): string {
  return ctx.uniqueName((node.node.name || node.outputs[0] || node.opType) + suffix);
}

function scalarOf(c: ConstValue, what: string): number {
  if (c.data.length !== 1) return unsupported(`its ${what} is not a scalar`);
  return Number(c.data[0]);
}

// ---- outputs ----------------------------------------------------------------

function setOutput(node: NodeView, ctx: ImportContext, v: Value): void {
  ctx.values.set(node.outputs[0], v);
  for (const extra of node.outputs.slice(1)) {
    if (extra && ctx.readersOf(extra) > 0) unsupported(`its output '${extra}' is used (only the first output can be imported)`);
  }
}

/** Add a layer reading one activation and record the node's output as the same kind of value. */
function layerAfter(node: NodeView, ctx: ImportContext, layer: Layer, from: Activation, source = from.source): void {
  const size = ctx.add(layer, [source]);
  if (from.kind === 'image') setOutput(node, ctx, { ...from, source: layer.Name, size: size ?? null });
  else setOutput(node, ctx, { ...from, source: layer.Name, size: size ?? from.size });
}

/** An element-wise layer: it applies to the source activation whatever the ONNX layout or order. */
function elementwise(make: (node: NodeView, ctx: ImportContext, name: string) => Layer): OperatorEntry['build'] {
  return (node, ctx) => {
    const x = activation(node, ctx);
    layerAfter(node, ctx, make(node, ctx, layerName(node, ctx)), x);
  };
}

// ---- geometry ---------------------------------------------------------------

interface Window {
  kernel: [number, number];
  stride: [number, number];
  dilation: [number, number];
  /** MATLAB's [t b l r]. */
  padding: [number, number, number, number];
}

/** kernel_shape, strides, dilations, pads / auto_pad of a 2-D window; `size` is the input's H×W×C. */
function windowOf(node: NodeView, kernel: number[], size: ActivationSize | null): Window {
  if (kernel.length !== 2) return unsupported(`it is a ${kernel.length}-D operation (only 2-D is supported)`);
  const stride = node.ints('strides', [1, 1])!;
  const dilation = node.ints('dilations', [1, 1])!;
  const pads = node.ints('pads', [0, 0, 0, 0])!;
  const auto = node.string('auto_pad', 'NOTSET');
  const k = kernel as [number, number];
  let padding: [number, number, number, number] = [pads[0], pads[2], pads[1], pads[3]];
  if (auto === 'VALID') padding = [0, 0, 0, 0];
  else if (auto === 'SAME_UPPER' || auto === 'SAME_LOWER') {
    if (!size) return unsupported(`auto_pad ${auto} needs the input size, which is unknown`);
    const [tb, lr] = [0, 1].map((i) => {
      const out = Math.ceil(size[i] / stride[i]);
      const total = Math.max(0, (out - 1) * stride[i] + (k[i] - 1) * dilation[i] + 1 - size[i]);
      const small = Math.floor(total / 2);
      return auto === 'SAME_UPPER' ? [small, total - small] : [total - small, small];
    });
    padding = [tb[0], tb[1], lr[0], lr[1]];
  } else if (auto !== 'NOTSET') return unsupported(`auto_pad '${auto}' is not an ONNX value`);
  return { kernel: k, stride: [stride[0], stride[1]], dilation: [dilation[0], dilation[1]], padding };
}

/**
 * ceil_mode as extra bottom/right padding: the output size PyTorch and ONNX
 * Runtime give (a last window must start inside the input or its leading
 * padding), reached by padding the far side.
 */
function ceilPadding(w: Window, size: ActivationSize): [number, number] {
  return [0, 1].map((i) => {
    const [pb, pe] = i === 0 ? [w.padding[0], w.padding[1]] : [w.padding[2], w.padding[3]];
    const span = size[i] + pb + pe - ((w.kernel[i] - 1) * w.dilation[i] + 1);
    let out = Math.ceil(span / w.stride[i]) + 1;
    if ((out - 1) * w.stride[i] >= size[i] + pb) out--;
    const floorOut = Math.floor(span / w.stride[i]) + 1;
    return out > floorOut ? (out - 1) * w.stride[i] + w.kernel[i] - (size[i] + pb + pe) : 0;
  }) as [number, number];
}

// ---- weights ----------------------------------------------------------------

/** ONNX Cout×Cin×kH×kW (row-major) → MATLAB kH×kW×Cin×Cout (column-major), as single. */
function convolutionWeights(w: ConstValue): MArray {
  const [o, ci, kh, kw] = w.dims;
  const out = new Float32Array(o * ci * kh * kw);
  for (let f = 0; f < o; f++) for (let c = 0; c < ci; c++) for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++) {
    out[y + kh * (x + kw * (c + ci * f))] = Number(w.data[((f * ci + c) * kh + y) * kw + x]);
  }
  return MArray.wrap(out, [kh, kw, ci, o], 'single');
}

/** A per-output vector from a constant of K values (or one, broadcast), times `scale`. */
function vectorOf(c: ConstValue | null, k: number, what: string, scale = 1): Float32Array {
  const out = new Float32Array(k);
  if (!c) return out;
  if (c.data.length === 1) out.fill(Number(c.data[0]) * scale);
  else if (c.data.length === k) for (let i = 0; i < k; i++) out[i] = Number(c.data[i]) * scale;
  else unsupported(`its ${what} has ${c.data.length} values where ${k} (one per output) are needed`);
  return out;
}

/**
 * A fully connected layer y = x·Bᵀ + b from ONNX weights given as K×D rows
 * (`weight(k, j)`), the columns reordered from the features' ONNX order to
 * MATLAB's column-major flattening of the source activation.
 */
function fullyConnected(node: NodeView, ctx: ImportContext, x: FeatureValue, k: number, weight: (k: number, j: number) => number, bias: Float32Array): void {
  if (!x.size) unsupported('its input size is unknown (it follows an unsupported operator)');
  const d = elementCount(x.size);
  const index = matlabFeatureIndex(x);
  const w = new Float32Array(k * d);
  for (let j = 0; j < d; j++) {
    const m = index ? index[j] : j;
    for (let r = 0; r < k; r++) w[r + k * m] = weight(r, j);
  }
  const layer = fullyConnectedLayer(k, 'Name', layerName(node, ctx), 'Weights', MArray.wrap(w, [k, d], 'single'), 'Bias', MArray.wrap(bias, [k, 1], 'single'));
  const size = ctx.add(layer, [x.source]);
  setOutput(node, ctx, { kind: 'features', source: layer.Name, size, order: null });
}

// ---- constants --------------------------------------------------------------

function constOf(dims: number[], data: Float32Array | number[], dataType: number): ConstValue {
  return { kind: 'const', dims, data, dataType };
}

function isFloat(c: ConstValue): boolean {
  return c.dataType === DataType.FLOAT || c.dataType === DataType.DOUBLE || c.dataType === DataType.FLOAT16;
}

/** Row-major strides of dims. */
function strides(dims: readonly number[]): number[] {
  const s = new Array<number>(dims.length).fill(1);
  for (let i = dims.length - 2; i >= 0; i--) s[i] = s[i + 1] * dims[i + 1];
  return s;
}

/** A constant's axes permuted (ONNX Transpose: output axis i is input axis perm[i]). */
function transposeConst(c: ConstValue, perm: number[]): ConstValue {
  const dims = perm.map((p) => c.dims[p]);
  const inStrides = strides(c.dims);
  const n = c.data.length;
  const out = c.data instanceof Float32Array ? new Float32Array(n) : new Array<number>(n);
  const outStrides = strides(dims);
  for (let i = 0; i < n; i++) {
    let rest = i;
    let src = 0;
    for (let a = 0; a < dims.length; a++) {
      const q = Math.floor(rest / outStrides[a]);
      rest -= q * outStrides[a];
      src += q * inStrides[perm[a]];
    }
    out[i] = c.data[src];
  }
  return constOf(dims, out, c.dataType);
}

/** Element-wise arithmetic on constants with NumPy broadcasting (folded shape computations, scaled weights). */
function constArithmetic(a: ConstValue, b: ConstValue, f: (x: number, y: number) => number): ConstValue {
  const rank = Math.max(a.dims.length, b.dims.length);
  const pa = [...new Array(rank - a.dims.length).fill(1), ...a.dims];
  const pb = [...new Array(rank - b.dims.length).fill(1), ...b.dims];
  const dims = pa.map((d, i) => {
    if (d !== pb[i] && d !== 1 && pb[i] !== 1) unsupported(`its constant inputs' shapes [${a.dims.join(' ')}] and [${b.dims.join(' ')}] do not broadcast`);
    return Math.max(d, pb[i]);
  });
  const sa = strides(pa).map((s, i) => (pa[i] === 1 ? 0 : s));
  const sb = strides(pb).map((s, i) => (pb[i] === 1 ? 0 : s));
  const so = strides(dims);
  const n = dims.reduce((x, y) => x * y, 1);
  const float = isFloat(a) || isFloat(b);
  const out = float ? new Float32Array(n) : new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let rest = i;
    let ia = 0;
    let ib = 0;
    for (let k = 0; k < rank; k++) {
      const q = Math.floor(rest / so[k]);
      rest -= q * so[k];
      ia += q * sa[k];
      ib += q * sb[k];
    }
    const v = f(Number(a.data[ia]), Number(b.data[ib]));
    out[i] = float ? v : Math.trunc(v);
  }
  return constOf(dims, out, float ? DataType.FLOAT : a.dataType);
}

function normalizedAxis(axis: number, rank: number): number {
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank) unsupported(`its axis ${axis} is outside a rank-${rank} tensor`);
  return a;
}

/** Unsqueeze/Squeeze axes: an attribute before opset 13, an input from 13. */
function axesOf(node: NodeView, ctx: ImportContext): number[] | null {
  if (ctx.opset >= 13 && node.inputs[1]) return Array.from(constant(node, ctx, 1, 'axes').data, Number);
  return node.ints('axes');
}

/** Whether every node input is a constant (then the node is folded). */
function allConstant(node: NodeView, ctx: ImportContext): ConstValue[] | null {
  const vs = node.inputs.filter((n) => n).map((n) => ctx.value(ctx.fn, n));
  return vs.every((v) => v.kind === 'const') ? (vs as ConstValue[]) : null;
}

// ---- operators --------------------------------------------------------------

function conv(node: NodeView, ctx: ImportContext): void {
  const x = nchwImage(node, ctx);
  const w = constant(node, ctx, 1, 'weights');
  const b = optionalConstant(node, ctx, 2, 'bias');
  if (w.dims.length !== 4) unsupported(`it is a ${w.dims.length - 2}-D convolution (only 2-D is supported)`);
  const [cout, cinGroup, kh, kw] = w.dims;
  const g = node.int('group', 1);
  const geometry = windowOf(node, node.ints('kernel_shape', [kh, kw])!, x.size);
  if (x.size && x.size[2] !== cinGroup * g) unsupported(`its weights expect ${cinGroup * g} input channels but the input has ${x.size[2]}`);
  const weights = convolutionWeights(w);
  const bias = vectorOf(b, cout, 'bias');
  const options = ['Stride', geometry.stride, 'DilationFactor', geometry.dilation, 'Padding', geometry.padding, 'Name', layerName(node, ctx)];
  let layer: Layer;
  if (g === 1) {
    layer = convolution2dLayer(geometry.kernel, cout, ...options, 'Weights', weights, 'Bias', MArray.wrap(bias, [1, 1, cout], 'single'));
  } else {
    const f = cout / g;
    layer = groupedConvolution2dLayer(geometry.kernel, f, g, ...options,
      'Weights', weights.reshapedCopy([kh, kw, cinGroup, f, g]), 'Bias', MArray.wrap(bias, [1, 1, f, g], 'single'));
  }
  layerAfter(node, ctx, layer, x);
}

function pool(kind: 'max' | 'average'): OperatorEntry['build'] {
  return (node, ctx) => {
    const x = nchwImage(node, ctx);
    const kernel = node.ints('kernel_shape');
    if (!kernel) unsupported('it has no kernel_shape');
    const w = windowOf(node, kernel, x.size);
    if (w.dilation.some((d) => d !== 1)) unsupported('it has dilations other than 1 (MATLAB pooling layers have no dilation)');
    if (node.int('ceil_mode', 0) === 1) {
      if (!x.size) unsupported('ceil_mode needs the input size, which is unknown');
      const [eh, ew] = ceilPadding(w, x.size);
      if ((eh || ew) && kind === 'average' && node.int('count_include_pad', 0) === 1) {
        unsupported('ceil_mode with count_include_pad=1 counts padding but not the window\'s part past it, which MATLAB\'s average pooling cannot express');
      }
      w.padding = [w.padding[0], w.padding[1] + eh, w.padding[2], w.padding[3] + ew];
    }
    const options: unknown[] = ['Stride', w.stride, 'Padding', w.padding, 'Name', layerName(node, ctx)];
    const padded = w.padding.some((p) => p > 0);
    // ONNX's default count_include_pad=0 leaves padding out of each average: MATLAB's PaddingValue 'mean'.
    if (kind === 'average' && padded && node.int('count_include_pad', 0) === 0) options.push('PaddingValue', 'mean');
    const layer = kind === 'max' ? maxPooling2dLayer(w.kernel, ...options) : averagePooling2dLayer(w.kernel, ...options);
    layerAfter(node, ctx, layer, x);
  };
}

function batchNorm(node: NodeView, ctx: ImportContext): void {
  let x = activation(node, ctx);
  if (x.kind === 'image' && !isIdentityLayout(x.layout)) unsupported('its input is not in NCHW layout');
  if (x.kind === 'features') x = plainFeatures(ctx, x);
  if (ctx.opset < 9 && node.int('spatial', 1) !== 1) unsupported('spatial=0 (per-element statistics) has no MATLAB layer');
  const [scale, offset, mean, variance] = [1, 2, 3, 4].map((i) => constant(node, ctx, i, ['scale', 'bias', 'mean', 'variance'][i - 1]));
  const c = scale.data.length;
  let epsilon = node.float('epsilon', 1e-5);
  const s = Float32Array.from(scale.data, Number);
  const v = Float32Array.from(variance.data, Number);
  // MATLAB's Epsilon is at least 1e-5: a smaller one is folded exactly into the variance (and the scale where the variance cannot absorb it).
  if (epsilon < 1e-5) {
    for (let i = 0; i < c; i++) {
      const target = v[i] + epsilon;
      const nv = Math.max(target - 1e-5, 0);
      s[i] *= Math.sqrt((nv + 1e-5) / target);
      v[i] = nv;
    }
    epsilon = 1e-5;
  }
  const vec = (a: ArrayLike<number>) => MArray.from(a, [1, 1, c], 'single');
  const layer = batchNormalizationLayer('Name', layerName(node, ctx), 'Epsilon', epsilon, 'Scale', vec(s), 'Offset', vec(offset.data),
    'TrainedMean', vec(mean.data), 'TrainedVariance', vec(v));
  layerAfter(node, ctx, layer, x);
}

function lrn(node: NodeView, ctx: ImportContext): void {
  const x = nchwImage(node, ctx);
  // ONNX: x / (bias + alpha/size · Σx²)^beta, the same formula as crossChannelNormalizationLayer with K = bias.
  const layer = crossChannelNormalizationLayer(node.int('size', 0), 'Alpha', node.float('alpha', 1e-4), 'Beta', node.float('beta', 0.75),
    'K', node.float('bias', 1), 'Name', layerName(node, ctx));
  layerAfter(node, ctx, layer, x);
}

function globalPool(kind: 'max' | 'average'): OperatorEntry['build'] {
  return (node, ctx) => {
    const x = nchwImage(node, ctx);
    const name = layerName(node, ctx);
    layerAfter(node, ctx, kind === 'max' ? globalMaxPooling2dLayer('Name', name) : globalAveragePooling2dLayer('Name', name), x);
  };
}

function clip(node: NodeView, ctx: ImportContext, name: string): Layer {
  let lo = -Infinity;
  let hi = Infinity;
  if (ctx.opset < 11) {
    lo = node.float('min', -Infinity);
    hi = node.float('max', Infinity);
  } else {
    const a = optionalConstant(node, ctx, 1, 'min');
    const b = optionalConstant(node, ctx, 2, 'max');
    if (a) lo = scalarOf(a, 'min');
    if (b) hi = scalarOf(b, 'max');
  }
  if (lo !== 0) unsupported(`its minimum is ${lo} (only Clip with min 0 is a MATLAB layer: clippedReluLayer)`);
  return hi === Infinity ? reluLayer('Name', name) : clippedReluLayer(hi, 'Name', name);
}

function gemm(node: NodeView, ctx: ImportContext): void {
  const a = activation(node, ctx);
  if (a.kind !== 'features') unsupported('its input is not a matrix (N×D) activation');
  if (node.int('transA', 0) !== 0) unsupported('transA=1 would make the batch a feature dimension');
  const b = constant(node, ctx, 1, 'weights (B)');
  const c = optionalConstant(node, ctx, 2, 'bias (C)');
  const alpha = node.float('alpha', 1);
  const beta = node.float('beta', 1);
  const transB = node.int('transB', 0) === 1;
  if (b.dims.length !== 2) unsupported('its B is not a matrix');
  const [k, d] = transB ? b.dims : [b.dims[1], b.dims[0]];
  if (a.size && elementCount(a.size) !== d) unsupported(`its B expects ${d} input features but the input has ${elementCount(a.size)}`);
  const weight = transB ? (r: number, j: number) => alpha * Number(b.data[r * d + j]) : (r: number, j: number) => alpha * Number(b.data[j * k + r]);
  fullyConnected(node, ctx, a, k, weight, vectorOf(c, k, 'bias (C)', beta));
}

function matMul(node: NodeView, ctx: ImportContext): void {
  const a = activation(node, ctx);
  if (a.kind !== 'features') unsupported('its first input is not a matrix (N×D) activation');
  const b = constant(node, ctx, 1, 'second input');
  if (b.dims.length !== 2) unsupported('its second input is not a matrix');
  const [d, k] = b.dims;
  if (a.size && elementCount(a.size) !== d) unsupported(`its weights expect ${d} input features but the input has ${elementCount(a.size)}`);
  fullyConnected(node, ctx, a, k, (r, j) => Number(b.data[j * k + r]), new Float32Array(k));
}

/**
 * Add: two activations → additionLayer; an activation plus a constant folds
 * into the bias of the fully connected or convolution layer before it
 * (MatMul + Add, a Conv with a separate bias) when that layer feeds only this Add.
 */
function add(node: NodeView, ctx: ImportContext): void {
  const folded = allConstant(node, ctx);
  if (folded) return setOutput(node, ctx, constArithmetic(folded[0], folded[1], (x, y) => x + y));
  const [p, q] = [input(node, ctx, 0)!, input(node, ctx, 1)!];
  if (p.kind !== 'const' && q.kind !== 'const') return sum(node, ctx);
  const [x, c] = (p.kind === 'const' ? [q, p] : [p, q]) as [Activation, ConstValue];
  const producer = ctx.layers.find((l) => l.layer.Name === x.source)?.layer;
  const tensor = p.kind === 'const' ? node.inputs[1] : node.inputs[0];
  if (ctx.readersOf(tensor) === 1 && (producer instanceof FullyConnectedLayer || producer instanceof Convolution2DLayer) && producer.Bias) {
    const k = producer.Bias.numel;
    const image = x.kind === 'image' && isIdentityLayout(x.layout);
    const fits = c.data.length === 1 || (x.kind === 'features' && x.order === null && c.dims.at(-1) === k && c.data.length === k)
      || (image && c.data.length === k && c.dims.length >= 3 && c.dims.at(-1) === 1 && c.dims.at(-2) === 1);
    if (fits) {
      const extra = vectorOf(c, k, 'addend');
      const bias = Float32Array.from(producer.Bias.data, (v, i) => v + extra[i]);
      producer.Bias = MArray.wrap(bias, producer.Bias.dims, 'single');
      return setOutput(node, ctx, x);
    }
  }
  unsupported('it adds a constant that is not the bias of the layer before it');
}

/** Sum / Add of activations of the same shape → additionLayer. */
function sum(node: NodeView, ctx: ImportContext): void {
  const xs = node.inputs.map((_, i) => activation(node, ctx, i));
  if (xs.length === 1) return setOutput(node, ctx, xs[0]);
  const first = xs[0];
  const same = xs.every((x) => x.kind === first.kind && (x.kind === 'image'
    ? (x.layout.join() === (first as ImageValue).layout.join() && String(x.size) === String(first.size))
    : (x as FeatureValue).order === (first as FeatureValue).order && String(x.size) === String(first.size)));
  if (!same) unsupported('its inputs differ in shape or layout (broadcasting has no MATLAB layer)');
  const layer = additionLayer(xs.length, 'Name', layerName(node, ctx));
  const size = ctx.add(layer, xs.map((x) => x.source));
  setOutput(node, ctx, { ...first, source: layer.Name, size: size ?? first.size });
}

function concat(node: NodeView, ctx: ImportContext): void {
  const folded = allConstant(node, ctx);
  const axis0 = node.int('axis', 1);
  if (folded) {
    if (folded.some((c) => c.dims.length !== 1)) unsupported('it concatenates constants of rank other than 1');
    const data = folded.flatMap((c) => [...c.data].map(Number));
    return setOutput(node, ctx, constOf([data.length], folded.every(isFloat) ? Float32Array.from(data) : data, folded[0].dataType));
  }
  let xs = node.inputs.map((_, i) => activation(node, ctx, i));
  const first = xs[0];
  let layer: Layer;
  const name = layerName(node, ctx);
  if (first.kind === 'features') {
    if (xs.some((x) => x.kind !== 'features') || normalizedAxis(axis0, 2) !== 1) unsupported('it concatenates matrices along the batch');
    xs = xs.map((x) => plainFeatures(ctx, x as FeatureValue));
    layer = depthConcatenationLayer(xs.length, 'Name', name);
  } else {
    if (xs.some((x) => x.kind !== 'image' || x.layout.join() !== first.layout.join())) unsupported('its inputs differ in layout');
    const semantic = first.layout[normalizedAxis(axis0, 4)];
    if (semantic === 0) unsupported('it concatenates along the batch');
    layer = semantic === 1 ? depthConcatenationLayer(xs.length, 'Name', name) : concatenationLayer(semantic === 2 ? 1 : 2, xs.length, 'Name', name);
  }
  const size = ctx.add(layer, xs.map((x) => x.source));
  setOutput(node, ctx, { ...xs[0], source: layer.Name, size } as Activation);
}

function softmax(node: NodeView, ctx: ImportContext): void {
  const x = activation(node, ctx);
  const rank = x.kind === 'features' ? 2 : 4;
  const axis = normalizedAxis(node.int('axis', ctx.opset < 13 ? 1 : -1), rank);
  if (x.kind === 'features') {
    if (axis !== 1) unsupported('it normalises along the batch');
    const plain = plainFeatures(ctx, x);
    return layerAfter(node, ctx, softmaxLayer('Name', layerName(node, ctx)), plain);
  }
  const [h, w] = x.size ?? [0, 0];
  // Before opset 13 Softmax normalises over all axes from `axis` on: the channels alone only when the rest are 1×1.
  const channelsOnly = ctx.opset >= 13 ? x.layout[axis] === 1 : axis === 1 && x.layout[1] === 1 && h === 1 && w === 1;
  if (!channelsOnly) unsupported(`it normalises over ${ctx.opset < 13 ? 'several axes' : 'a spatial axis'}; softmaxLayer normalises over channels`);
  layerAfter(node, ctx, softmaxLayer('Name', layerName(node, ctx)), x);
}

function dropout(node: NodeView, ctx: ImportContext): void {
  const x = input(node, ctx, 0);
  if (x?.kind === 'const') return setOutput(node, ctx, x);
  const ratio = ctx.opset >= 12 && node.inputs[1] ? scalarOf(constant(node, ctx, 1, 'ratio'), 'ratio') : node.float('ratio', 0.5);
  const a = activation(node, ctx);
  layerAfter(node, ctx, dropoutLayer(ratio, 'Name', layerName(node, ctx)), a);
}

function identity(node: NodeView, ctx: ImportContext): void {
  const x = input(node, ctx, 0);
  if (!x) unsupported('its input is missing');
  setOutput(node, ctx, x);
}

function constantNode(node: NodeView, ctx: ImportContext): void {
  const t = node.tensor('value');
  if (t) return setOutput(node, ctx, t);
  const f = node.floats('value_floats');
  if (node.has('value_float')) return setOutput(node, ctx, constOf([], Float32Array.of(node.float('value_float', 0)), DataType.FLOAT));
  if (f) return setOutput(node, ctx, constOf([f.length], Float32Array.from(f), DataType.FLOAT));
  if (node.has('value_int')) return setOutput(node, ctx, constOf([], [node.int('value_int', 0)], DataType.INT64));
  const i = node.ints('value_ints');
  if (i) return setOutput(node, ctx, constOf([i.length], i, DataType.INT64));
  unsupported('its value is of a kind that cannot be imported (sparse or string)');
}

/** Flatten(axis 1): the features of an activation, flattened in its ONNX order. */
function flatten(node: NodeView, ctx: ImportContext): void {
  const x = activation(node, ctx);
  const rank = x.kind === 'features' ? 2 : 4;
  const axis = node.int('axis', 1);
  if ((axis < 0 ? axis + rank : axis) !== 1) unsupported(`it flattens from axis ${axis} (only axis 1, after the batch, keeps the batch)`);
  if (x.kind === 'features') return setOutput(node, ctx, x);
  if (x.layout[0] !== 0) unsupported('the batch is not the first axis');
  setOutput(node, ctx, { kind: 'features', source: x.source, size: x.size, order: layoutOrder(x.layout) });
}

/** Reshape to [N, D] (the flatten in front of a Gemm), [N, K, 1, 1] (back to a 1×1×K image) or the same shape. */
function reshape(node: NodeView, ctx: ImportContext): void {
  const x = input(node, ctx, 0);
  const shape = Array.from(constant(node, ctx, 1, 'shape').data, Number);
  if (!x) unsupported('its input is missing');
  if (x.kind === 'const') {
    const n = x.data.length;
    const known = shape.map((s, i) => (s === 0 ? x.dims[i] : s));
    const missing = known.indexOf(-1);
    if (missing >= 0) known[missing] = n / known.filter((s) => s !== -1).reduce((a, b) => a * b, 1);
    return setOutput(node, ctx, constOf(known, x.data, x.dataType));
  }
  const current = onnxShape(x, ctx.batch);
  if (node.int('allowzero', 0) === 1 && shape.includes(0)) unsupported('allowzero=1 with a zero in the shape');
  const target = shape.map((s, i) => (s === 0 ? current[i] : s));
  const total = current.reduce((a, b) => a * b, 1);
  const missing = target.indexOf(-1);
  if (missing >= 0) target[missing] = total / target.filter((s) => s !== -1).reduce((a, b) => a * b, 1);
  const perSample = total / ctx.batch;
  if (target.join() === current.join()) return setOutput(node, ctx, x);
  if (target.length === 2 && target[0] === ctx.batch && target[1] === perSample) {
    if (x.kind === 'features') return setOutput(node, ctx, x);
    if (x.layout[0] !== 0) unsupported('the batch is not the first axis');
    return setOutput(node, ctx, { kind: 'features', source: x.source, size: x.size, order: layoutOrder(x.layout) });
  }
  if (target.length === 4 && target[0] === ctx.batch && target[1] === perSample && target[2] === 1 && target[3] === 1 && x.kind === 'features') {
    const plain = plainFeatures(ctx, x);
    return setOutput(node, ctx, { kind: 'image', source: plain.source, size: [1, 1, perSample], layout: NCHW });
  }
  unsupported(`it reshapes [${current.join(' ')}] to [${target.join(' ')}], which moves data between the batch, channels and spatial axes`);
}

/** Transpose: a layout change of an activation (batch kept first), or folded on a constant. */
function transpose(node: NodeView, ctx: ImportContext): void {
  const x = input(node, ctx, 0);
  if (!x) unsupported('its input is missing');
  const rank = x.kind === 'const' ? x.dims.length : x.kind === 'features' ? 2 : 4;
  const perm = node.ints('perm') ?? Array.from({ length: rank }, (_, i) => rank - 1 - i);
  if (x.kind === 'const') return setOutput(node, ctx, transposeConst(x, perm));
  if (perm[0] !== 0) unsupported('it moves the batch axis');
  if (x.kind === 'features') return setOutput(node, ctx, x);
  setOutput(node, ctx, { ...x, layout: perm.map((p) => x.layout[p]) });
}

function squeezeOrUnsqueeze(kind: 'squeeze' | 'unsqueeze'): OperatorEntry['build'] {
  return (node, ctx) => {
    const x = input(node, ctx, 0);
    if (!x) unsupported('its input is missing');
    const axes = axesOf(node, ctx);
    if (x.kind === 'const') {
      let dims = [...x.dims];
      if (kind === 'squeeze') {
        const drop = (axes ?? dims.flatMap((d, i) => (d === 1 ? [i] : []))).map((a) => normalizedAxis(a, dims.length));
        dims = dims.filter((_, i) => !drop.includes(i));
      } else {
        const rank = dims.length + (axes?.length ?? 0);
        for (const a of (axes ?? []).map((a) => normalizedAxis(a, rank)).sort((p, q) => p - q)) dims.splice(a, 0, 1);
      }
      return setOutput(node, ctx, constOf(dims, x.data, x.dataType));
    }
    const list = (axes ?? []).map((a) => normalizedAxis(a, kind === 'squeeze' ? (x.kind === 'image' ? 4 : 2) : 4)).sort().join();
    if (kind === 'squeeze' && x.kind === 'image' && isIdentityLayout(x.layout) && list === '2,3' && x.size?.[0] === 1 && x.size[1] === 1) {
      return setOutput(node, ctx, { kind: 'features', source: x.source, size: x.size, order: null });
    }
    if (kind === 'unsqueeze' && x.kind === 'features' && list === '2,3') {
      const plain = plainFeatures(ctx, x);
      return setOutput(node, ctx, { kind: 'image', source: plain.source, size: plain.size, layout: NCHW });
    }
    unsupported(`it ${kind}s axes [${list}] of an activation`);
  };
}

/** Shape of an activation (known sizes, batch from the model's input) or a constant. */
function shapeNode(node: NodeView, ctx: ImportContext): void {
  const x = input(node, ctx, 0);
  if (!x) unsupported('its input is missing');
  const dims = x.kind === 'const' ? x.dims : onnxShape(x, ctx.batch);
  setOutput(node, ctx, constOf([dims.length], dims, DataType.INT64));
}

function gather(node: NodeView, ctx: ImportContext): void {
  const c = allConstant(node, ctx);
  if (!c) unsupported('it gathers from an activation (only constant shape computations are folded)');
  const [data, idx] = c;
  const axis = normalizedAxis(node.int('axis', 0), data.dims.length);
  if (data.dims.length !== 1 || axis !== 0) unsupported('it gathers from a constant of rank other than 1');
  const picked = [...idx.data].map((i) => data.data[Number(i) < 0 ? Number(i) + data.dims[0] : Number(i)]);
  setOutput(node, ctx, constOf([...idx.dims], isFloat(data) ? Float32Array.from(picked.map(Number)) : picked.map(Number), data.dataType));
}

function cast(node: NodeView, ctx: ImportContext): void {
  const c = allConstant(node, ctx);
  if (!c) unsupported('it casts an activation');
  const to = node.int('to', DataType.FLOAT);
  const float = to === DataType.FLOAT || to === DataType.DOUBLE || to === DataType.FLOAT16;
  setOutput(node, ctx, constOf(c[0].dims, float ? Float32Array.from(c[0].data, Number) : [...c[0].data].map((v) => Math.trunc(Number(v))), to));
}

/** Sub, Mul, Div: folded on constants (shape arithmetic) only. */
function constantArithmetic(f: (x: number, y: number) => number): OperatorEntry['build'] {
  return (node, ctx) => {
    const c = allConstant(node, ctx);
    if (!c) unsupported('it has an activation input (element-wise arithmetic on activations has no MATLAB layer)');
    setOutput(node, ctx, constArithmetic(c[0], c[1], f));
  };
}

const ELEMENTWISE = 'element-wise: any input layout';

/** op type → the MATLAB layer(s) it becomes. */
export const OPERATORS: Readonly<Record<string, OperatorEntry>> = {
  Conv: { layer: 'convolution2dLayer; groupedConvolution2dLayer (group > 1)', notes: 'Weights Cout×Cin×kH×kW → kH×kW×Cin×Cout (grouped: ×NumFiltersPerGroup×NumGroups); pads [t l b r] → [t b l r]; strides, dilations; auto_pad SAME_UPPER/SAME_LOWER/VALID resolved to explicit padding', build: conv },
  MaxPool: { layer: 'maxPooling2dLayer', notes: 'ceil_mode=1 → extra bottom/right padding; dilations ≠ 1 and the Indices output are unsupported', build: pool('max') },
  AveragePool: { layer: 'averagePooling2dLayer', notes: "count_include_pad=0 with padding → PaddingValue 'mean'; =1 → PaddingValue 0 (MATLAB's default); ceil_mode as for MaxPool (not with count_include_pad=1)", build: pool('average') },
  GlobalAveragePool: { layer: 'globalAveragePooling2dLayer', build: globalPool('average') },
  GlobalMaxPool: { layer: 'globalMaxPooling2dLayer', build: globalPool('max') },
  BatchNormalization: { layer: 'batchNormalizationLayer', notes: 'scale, B, mean, var → Scale, Offset, TrainedMean, TrainedVariance; epsilon < 1e-5 (MATLAB\'s minimum) folded exactly into the variance', build: batchNorm },
  LRN: { layer: 'crossChannelNormalizationLayer', notes: "size, alpha, beta, bias → WindowChannelSize, Alpha, Beta, K (both divide alpha by the window size)", build: lrn },
  Relu: { layer: 'reluLayer', notes: ELEMENTWISE, build: elementwise((_n, _c, name) => reluLayer('Name', name)) },
  LeakyRelu: { layer: 'leakyReluLayer', notes: 'alpha → Scale', build: elementwise((n, _c, name) => leakyReluLayer(n.float('alpha', 0.01), 'Name', name)) },
  Sigmoid: { layer: 'sigmoidLayer', notes: ELEMENTWISE, build: elementwise((_n, _c, name) => sigmoidLayer('Name', name)) },
  Tanh: { layer: 'tanhLayer', notes: ELEMENTWISE, build: elementwise((_n, _c, name) => tanhLayer('Name', name)) },
  Elu: { layer: 'eluLayer', notes: 'alpha → Alpha', build: elementwise((n, _c, name) => eluLayer(n.float('alpha', 1), 'Name', name)) },
  Clip: { layer: 'clippedReluLayer; reluLayer (no max)', notes: 'min must be 0 (attributes before opset 11, inputs from 11)', build: elementwise(clip) },
  Gemm: { layer: 'fullyConnectedLayer', notes: 'alpha, beta, transB; weights columns permuted from the ONNX flattening (C,H,W row-major) to MATLAB\'s column-major H×W×C', build: gemm },
  MatMul: { layer: 'fullyConnectedLayer', notes: 'constant second input; a following Add of a constant becomes its Bias', build: matMul },
  Add: { layer: 'additionLayer; or folded into the Bias of the layer before', notes: 'two activations of one shape, or an activation plus a per-channel constant after a Conv/Gemm/MatMul', build: add },
  Sum: { layer: 'additionLayer', build: sum },
  Concat: { layer: 'depthConcatenationLayer (channels); concatenationLayer (height, width)', build: concat },
  Softmax: { layer: 'softmaxLayer', notes: 'over channels: axis 1 of a 1×1 activation or a matrix before opset 13, the channel axis from 13', build: softmax },
  Dropout: { layer: 'dropoutLayer', notes: 'ratio → Probability; identity at prediction; the mask output is unsupported', build: dropout },
  Flatten: { layer: '(none: the next Gemm/MatMul reads it) or ONNXFlattenLayer', notes: 'axis 1', build: flatten },
  Reshape: { layer: 'as Flatten', notes: 'to [N D] (in front of a Gemm), [N K 1 1], or the same shape', build: reshape },
  Transpose: { layer: '(none: a layout change)', notes: 'the batch stays first; convolutions and pools then need NCHW again; folded on constants', build: transpose },
  Identity: { layer: '(none)', build: identity },
  Constant: { layer: '(none: a constant)', build: constantNode },
  Squeeze: { layer: '(none)', notes: 'N×C×1×1 → N×C; folded on constants', build: squeezeOrUnsqueeze('squeeze') },
  Unsqueeze: { layer: '(none)', notes: 'N×C → N×C×1×1; folded on constants', build: squeezeOrUnsqueeze('unsqueeze') },
  Shape: { layer: '(none: folded)', notes: 'sizes are known at import', build: shapeNode },
  Gather: { layer: '(none: folded)', notes: 'constant shape computations only', build: gather },
  Cast: { layer: '(none: folded)', notes: 'constants only', build: cast },
  Sub: { layer: '(none: folded)', notes: 'constants only', build: constantArithmetic((x, y) => x - y) },
  Mul: { layer: '(none: folded)', notes: 'constants only', build: constantArithmetic((x, y) => x * y) },
  Div: { layer: '(none: folded)', notes: 'constants only', build: constantArithmetic((x, y) => x / y) },
};
