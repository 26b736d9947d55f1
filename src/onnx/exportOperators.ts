/**
 * The one table of exportONNXNetwork: MATLAB layer class → ONNX nodes and
 * initializers. Each entry reads the layer's declared properties and
 * learnables (MATLAB's layouts: H×W×Cin×Cout filters, K×D fully connected
 * weights against the column-major H×W×C flattening) and writes ONNX's
 * (F×C×kH×kW, N×C×H×W row-major), with the forms each opset needs.
 */
import type { Layer, ActivationSize } from '../layers/Layer.ts';
import type { MArray } from '../runtime/marray.ts';
import type { InputLayer } from '../layers/imageInputLayer.ts';
import type { Convolution2DLayer } from '../layers/convolution2dLayer.ts';
import type { GroupedConvolution2DLayer } from '../layers/groupedConvolution2dLayer.ts';
import type { FullyConnectedLayer } from '../layers/fullyConnectedLayer.ts';
import type { BatchNormalizationLayer } from '../layers/batchNormalizationLayer.ts';
import type { CrossChannelNormalizationLayer } from '../layers/crossChannelNormalizationLayer.ts';
import type { LeakyReLULayer, ClippedReLULayer, ELULayer } from '../layers/activationLayers.ts';
import type { MaxPooling2DLayer, AveragePooling2DLayer } from '../layers/poolingLayers.ts';
import type { DropoutLayer } from '../layers/dropoutLayer.ts';
import type { ConcatenationLayer } from '../layers/combinationLayers.ts';
import { matlabError } from '../runtime/errors.ts';
import type { ExportGraph, ExportValue } from './exportGraph.ts';

export const FN = 'exportONNXNetwork';

/** What an entry gets: the layer, its inputs, its MATLAB output size and the tensor name its output must have. */
export interface ExportCall<L extends Layer = Layer> {
  layer: L;
  inputs: ExportValue[];
  outputSize: ActivationSize;
  output: string;
  graph: ExportGraph;
}

export interface LayerExport<L extends Layer = Layer> {
  /** The ONNX operators written (the README's table). */
  readonly operators: string;
  /** Writes the nodes; returns the layer's output, or for an output layer its input (the network's output is the layer before it). */
  readonly write: (call: ExportCall<L>) => ExportValue;
  /** Why this layer cannot be exported, when its settings have no ONNX form (checked before anything is written). */
  readonly unsupported?: (layer: L) => string | null;
}

/** A learnable's values as float32 (MArray holds single or double). */
function values(m: MArray | null, layer: Layer, property: string): Float32Array {
  if (!m) matlabError(`${FN}:missingParameter`, `Layer '${layer.Name}' has no '${property}'.`);
  return m.data instanceof Float32Array ? m.data : Float32Array.from(m.data);
}

/** MATLAB H×W×C (column-major) → ONNX C×H×W (row-major). */
function chwFromMatlab(src: ArrayLike<number>, h: number, w: number, c: number): Float32Array {
  const out = new Float32Array(h * w * c);
  for (let ch = 0; ch < c; ch++) for (let row = 0; row < h; row++) for (let col = 0; col < w; col++) {
    out[(ch * h + row) * w + col] = src[row + h * (col + w * ch)];
  }
  return out;
}

/** MATLAB filters H×W×C×F (column-major) → ONNX F×C×H×W (row-major); grouped H×W×Cg×Fg×G is the same with F = Fg·G. */
function filtersFromMatlab(src: ArrayLike<number>, h: number, w: number, c: number, f: number): Float32Array {
  const out = new Float32Array(h * w * c * f);
  for (let k = 0; k < f; k++) for (let ch = 0; ch < c; ch++) for (let row = 0; row < h; row++) for (let col = 0; col < w; col++) {
    out[((k * c + ch) * h + row) * w + col] = src[row + h * (col + w * (ch + c * k))];
  }
  return out;
}

/** MATLAB [t b l r] → ONNX [t l b r] (begins of H and W, then ends). */
function onnxPads([t, b, l, r]: readonly number[]): number[] {
  return [t, l, b, r];
}

function same(call: ExportCall, op: string, attrs: Parameters<ExportGraph['node']>[3] = {}): ExportValue {
  const x = call.inputs[0];
  call.graph.node(op, [x.name], [call.output], attrs);
  return { name: call.output, size: call.outputSize, rank: x.rank };
}

/** The input layers' normalization as Sub/Div/Mul/Add nodes on the graph input (none: the graph input itself). */
function normalization(call: ExportCall<InputLayer>): ExportValue {
  const { layer, graph } = call;
  let x = call.inputs[0];
  const [h, w, c] = x.size;
  const n = layer.Normalization;
  /** A statistic as ONNX data: one value, C values, or C×H×W. */
  const stat = (name: 'Mean' | 'StandardDeviation' | 'Min' | 'Max') => {
    const m = layer[name];
    if (!m) matlabError(`${FN}:missingNormalization`, `The input layer '${layer.Name}' has no '${name}' for its '${String(n)}' normalization.`);
    const v = values(m, layer, name);
    if (v.length === 1 || v.length === c) return { data: Float32Array.from(v), spatial: false };
    return { data: chwFromMatlab(v, h, w, c), spatial: true };
  };
  const steps: [op: 'Sub' | 'Div' | 'Mul' | 'Add', constant: { data: Float32Array; spatial: boolean }][] = [];
  if (n === 'zerocenter' && layer.Mean) steps.push(['Sub', stat('Mean')]);
  if (n === 'zscore') steps.push(['Sub', stat('Mean')], ['Div', stat('StandardDeviation')]);
  if (n === 'rescale-zero-one' || n === 'rescale-symmetric') {
    const lo = stat('Min');
    const hi = stat('Max');
    // (x − min)/(max − min), then for [−1, 1] ·2 − 1: two constants folded into a Mul and an Add.
    const span = hi.data.length >= lo.data.length ? hi : lo;
    const range = Float32Array.from(span.data, (_, i) => hi.data[hi.data.length === 1 ? 0 : i] - lo.data[lo.data.length === 1 ? 0 : i]);
    const inverse = { data: Float32Array.from(range, (r) => (n === 'rescale-symmetric' ? 2 : 1) / r), spatial: span.spatial };
    steps.push(['Sub', lo], ['Mul', inverse]);
    if (n === 'rescale-symmetric') steps.push(['Add', { data: Float32Array.of(-1), spatial: false }]);
  }
  // The graph input carries the layer's name; each step's output is named after the layer and its operator.
  for (const [op, constant] of steps) {
    const out = graph.unique(`${layer.Name}_${op}`);
    graph.arithmetic(op, x, out, constant);
    x = { ...x, name: out };
  }
  return x;
}

const inputLayer: LayerExport<InputLayer> = {
  operators: 'graph input (N×C×H×W, or N×F); Sub, Div, Mul, Add for its Normalization',
  write: normalization,
  unsupported: (l) => {
    if (typeof l.Normalization === 'function') return 'its Normalization is a function handle, which has no ONNX form';
    const [lo, hi] = [l.Min?.numel ?? 1, l.Max?.numel ?? 1];
    if (l.Normalization.startsWith('rescale') && lo !== hi && lo !== 1 && hi !== 1) return `its Min (${lo} values) and Max (${hi} values) differ in size`;
    return null;
  },
};

/** Conv with MATLAB's geometry; a nonzero PaddingValue becomes a Pad in front. */
function convolution(call: ExportCall<Convolution2DLayer | GroupedConvolution2DLayer>, weights: Float32Array, dims: number[], group: number): ExportValue {
  const { layer, graph } = call;
  let x = graph.as4d(call.inputs[0]);
  let pads = onnxPads(layer.PaddingSize);
  if (layer.PaddingValue !== 0 && pads.some((p) => p > 0)) {
    const padded = graph.unique(`${layer.Name}_Pad`);
    graph.pad(x.name, padded, layer.PaddingSize, layer.PaddingValue);
    x = { ...x, name: padded };
    pads = [0, 0, 0, 0];
  }
  const w = graph.floats(`${layer.Name}_W`, dims, weights);
  const b = graph.floats(`${layer.Name}_B`, [dims[0]], Float32Array.from(values(layer.Bias, layer, 'Bias')));
  graph.node('Conv', [x.name, w, b], [call.output], {
    kernel_shape: [...layer.FilterSize], strides: [...layer.Stride], dilations: [...layer.DilationFactor], pads, group,
  });
  return { name: call.output, size: call.outputSize, rank: 4 };
}

const convolution2d: LayerExport<Convolution2DLayer> = {
  operators: 'Conv (Pad first for a nonzero PaddingValue)',
  write: (call) => {
    const [fh, fw] = call.layer.FilterSize;
    const c = call.inputs[0].size[2];
    const f = call.layer.NumFilters;
    return convolution(call, filtersFromMatlab(values(call.layer.Weights, call.layer, 'Weights'), fh, fw, c, f), [f, c, fh, fw], 1);
  },
};

const groupedConvolution2d: LayerExport<GroupedConvolution2DLayer> = {
  operators: 'Conv with group',
  write: (call) => {
    const l = call.layer;
    const [fh, fw] = l.FilterSize;
    const g = l.groupsFor(call.inputs[0].size);
    const cg = call.inputs[0].size[2] / g;
    const f = l.NumFiltersPerGroup * g;
    // H×W×Cg×Fg×G column-major is H×W×Cg×(Fg·G): output channel g·Fg + f, the engine's group-after-group order.
    return convolution(call, filtersFromMatlab(values(l.Weights, l, 'Weights'), fh, fw, cg, f), [f, cg, fh, fw], g);
  },
};

const fullyConnected: LayerExport<FullyConnectedLayer> = {
  operators: 'Flatten + Gemm (transB = 1)',
  write: ({ layer, inputs, outputSize, output, graph }) => {
    let x = inputs[0];
    const [h, w, c] = x.size;
    const k = layer.OutputSize;
    const d = h * w * c;
    const src = values(layer.Weights, layer, 'Weights');
    // MATLAB's column d = h + H·w + H·W·c of the K×D matrix; ONNX's Flatten of N×C×H×W puts (c, h, w) at c·H·W + h·W + w.
    const weights = new Float32Array(k * d);
    const spatial = x.rank === 4 && (h > 1 || w > 1);
    for (let ch = 0; ch < c; ch++) for (let row = 0; row < h; row++) for (let col = 0; col < w; col++) {
      const matlab = row + h * col + h * w * ch;
      const onnx = spatial ? (ch * h + row) * w + col : matlab;
      for (let j = 0; j < k; j++) weights[j * d + onnx] = src[j + k * matlab];
    }
    if (x.rank === 4) {
      const flat = graph.unique(`${layer.Name}_Flatten`);
      graph.node('Flatten', [x.name], [flat], { axis: 1 });
      x = { name: flat, size: [1, 1, d], rank: 2 };
    }
    const wName = graph.floats(`${layer.Name}_W`, [k, d], weights);
    const bName = graph.floats(`${layer.Name}_B`, [k], Float32Array.from(values(layer.Bias, layer, 'Bias')));
    // Opset 6's Gemm broadcasts C only when asked.
    graph.node('Gemm', [x.name, wName, bName], [output], { transB: 1, alpha: { float: 1 }, beta: { float: 1 }, broadcast: graph.opset < 7 ? 1 : undefined });
    return { name: output, size: outputSize, rank: 2 };
  },
};

const batchNormalization: LayerExport<BatchNormalizationLayer> = {
  operators: 'BatchNormalization (TrainedMean, TrainedVariance; is_test = 1 at opset 6)',
  write: (call) => {
    const { layer, graph } = call;
    const c = call.inputs[0].size[2];
    const vec = (m: MArray | null, name: string) => graph.floats(`${layer.Name}_${name}`, [c], Float32Array.from(values(m, layer, name)));
    const x = call.inputs[0];
    graph.node('BatchNormalization', [x.name, vec(layer.Scale, 'Scale'), vec(layer.Offset, 'Offset'), vec(layer.TrainedMean, 'TrainedMean'), vec(layer.TrainedVariance, 'TrainedVariance')], [call.output], {
      epsilon: { float: layer.Epsilon }, is_test: graph.opset < 7 ? 1 : undefined,
    });
    return { name: call.output, size: call.outputSize, rank: x.rank };
  },
};

const crossChannelNormalization: LayerExport<CrossChannelNormalizationLayer> = {
  // MATLAB's α·Σx²/n and ONNX's (alpha/size)·Σx² are the same convention, and both put an even window's extra channel after.
  operators: 'LRN (size = WindowChannelSize, alpha = Alpha, beta = Beta, bias = K); an even window, which ONNX Runtime refuses, as x / (K + Conv(x², band of α/n))^β',
  write: (call) => {
    const { layer: l, graph } = call;
    const x = graph.as4d(call.inputs[0]);
    const n = l.WindowChannelSize;
    if (n % 2 === 1) {
      graph.node('LRN', [x.name], [call.output], { size: n, alpha: { float: l.Alpha }, beta: { float: l.Beta }, bias: { float: l.K } });
      return { name: call.output, size: call.outputSize, rank: 4 };
    }
    // The window sum as a 1×1 convolution by a band matrix: output channel o sums channels o − ⌊(n−1)/2⌋ … o + ⌊n/2⌋.
    const c = x.size[2];
    const band = new Float32Array(c * c);
    for (let o = 0; o < c; o++) for (let i = Math.max(0, o - ((n - 1) >> 1)); i <= Math.min(c - 1, o + (n >> 1)); i++) band[o * c + i] = l.Alpha / n;
    const name = (op: string) => graph.unique(`${l.Name}_${op}`);
    const [sq, sum, shifted, power] = [name('Square'), name('WindowSum'), name('Add'), name('Pow')];
    graph.node('Mul', [x.name, x.name], [sq]);
    graph.node('Conv', [sq, graph.floats(`${l.Name}_band`, [c, c, 1, 1], band)], [sum], { kernel_shape: [1, 1] });
    const v = (t: string): ExportValue => ({ name: t, size: x.size, rank: 4 });
    graph.arithmetic('Add', v(sum), shifted, { data: Float32Array.of(l.K), spatial: false });
    graph.arithmetic('Pow', v(shifted), power, { data: Float32Array.of(l.Beta), spatial: false });
    graph.node('Div', [x.name, power], [call.output]);
    return { name: call.output, size: call.outputSize, rank: 4 };
  },
};

const clippedRelu: LayerExport<ClippedReLULayer> = {
  operators: 'Clip (min, max attributes before opset 11, inputs from 11)',
  write: (call) => {
    const { graph, layer } = call;
    const x = call.inputs[0];
    if (graph.opset < 11) graph.node('Clip', [x.name], [call.output], { min: { float: 0 }, max: { float: layer.Ceiling } });
    else graph.node('Clip', [x.name, graph.scalar(`${layer.Name}_min`, 0), graph.scalar(`${layer.Name}_max`, layer.Ceiling)], [call.output]);
    return { name: call.output, size: call.outputSize, rank: x.rank };
  },
};

/** Pooling attributes from MATLAB's PoolSize, Stride and PaddingSize. */
function poolAttributes(l: MaxPooling2DLayer | AveragePooling2DLayer) {
  return { kernel_shape: [...l.PoolSize], strides: [...l.Stride], pads: onnxPads(l.PaddingSize) };
}

const maxPooling2d: LayerExport<MaxPooling2DLayer> = {
  operators: 'MaxPool',
  write: (call) => {
    const x = call.graph.as4d(call.inputs[0]);
    call.graph.node('MaxPool', [x.name], [call.output], poolAttributes(call.layer));
    return { name: call.output, size: call.outputSize, rank: 4 };
  },
  unsupported: (l) => ((l as unknown as { HasUnpoolingOutputs: boolean }).HasUnpoolingOutputs ? 'its unpooling outputs have no ONNX form' : null),
};

const averagePooling2d: LayerExport<AveragePooling2DLayer> = {
  // MATLAB's PaddingValue 0 counts the padding in the average; 'mean' leaves it out.
  operators: "AveragePool (count_include_pad = 1 for PaddingValue 0, 0 for 'mean'; at opset 6, which lacks count_include_pad, a Pad first)",
  write: (call) => {
    const { graph, layer } = call;
    let x = graph.as4d(call.inputs[0]);
    const attrs: Record<string, number | number[]> = poolAttributes(layer);
    const padded = layer.PaddingSize.some((p) => p > 0);
    if (padded && layer.PaddingValue !== 'mean') {
      if (graph.opset < 7) {
        const name = graph.unique(`${layer.Name}_Pad`);
        graph.pad(x.name, name, layer.PaddingSize, 0);
        x = { ...x, name };
        attrs.pads = [0, 0, 0, 0];
      } else {
        attrs.count_include_pad = 1;
      }
    }
    graph.node('AveragePool', [x.name], [call.output], attrs);
    return { name: call.output, size: call.outputSize, rank: 4 };
  },
  unsupported: (l) => (typeof l.PaddingValue === 'number' && l.PaddingValue !== 0 ? `its PaddingValue ${l.PaddingValue} has no ONNX form (AveragePool pads with zeros)` : null),
};

const dropout: LayerExport<DropoutLayer> = {
  operators: 'Dropout, an identity at inference (ratio an attribute before opset 12, an input from 12; is_test = 1 at opset 6)',
  write: (call) => {
    const { graph, layer } = call;
    const x = call.inputs[0];
    if (graph.opset >= 12) graph.node('Dropout', [x.name, graph.scalar(`${layer.Name}_ratio`, layer.Probability)], [call.output]);
    else graph.node('Dropout', [x.name], [call.output], { ratio: { float: layer.Probability }, is_test: graph.opset < 7 ? 1 : undefined });
    return { name: call.output, size: call.outputSize, rank: x.rank };
  },
};

const softmax: LayerExport = {
  operators: 'Softmax over channels (axis 1 from opset 13; before 13, a spatial input is transposed to N×H×W×C around a Softmax on axis 3)',
  write: (call) => {
    const { graph } = call;
    const x = call.inputs[0];
    const [h, w] = x.size;
    if (graph.opset >= 13 || x.rank === 2 || (h === 1 && w === 1)) return same(call, 'Softmax', { axis: 1 });
    // Before opset 13 Softmax flattens from `axis` on: put channels last so that it normalises over them alone.
    const nhwc = graph.unique(`${call.layer.Name}_nhwc`);
    const sm = graph.unique(`${call.layer.Name}_Softmax`);
    graph.node('Transpose', [x.name], [nhwc], { perm: [0, 2, 3, 1] });
    graph.node('Softmax', [nhwc], [sm], { axis: 3 });
    graph.node('Transpose', [sm], [call.output], { perm: [0, 3, 1, 2] });
    return { name: call.output, size: call.outputSize, rank: 4 };
  },
};

/** Inputs of one rank: a mix of N×K and N×K×1×1 goes to rank 4. */
function sameRank(call: ExportCall): ExportValue[] {
  return call.inputs.some((x) => x.rank === 4) ? call.inputs.map((x) => call.graph.as4d(x)) : call.inputs;
}

const addition: LayerExport = {
  operators: 'Add (2 inputs) or Sum',
  write: (call) => {
    const inputs = sameRank(call);
    call.graph.node(inputs.length === 2 ? 'Add' : 'Sum', inputs.map((x) => x.name), [call.output]);
    return { name: call.output, size: call.outputSize, rank: inputs[0].rank };
  },
};

function concat(call: ExportCall, dim: number): ExportValue {
  const inputs = dim === 3 ? sameRank(call) : call.inputs.map((x) => call.graph.as4d(x));
  // MATLAB's dimensions 1, 2, 3 (H, W, C) are ONNX's axes 2, 3, 1.
  call.graph.node('Concat', inputs.map((x) => x.name), [call.output], { axis: [2, 3, 1][dim - 1] });
  return { name: call.output, size: call.outputSize, rank: inputs[0].rank };
}

const flatten: LayerExport = {
  // MATLAB flattens column-major (h fastest, then w, then c): N×C×W×H flattened row-major gives that order.
  operators: 'Transpose (N×C×W×H) + Flatten',
  write: (call) => {
    const x = call.inputs[0];
    if (x.rank === 2) {
      call.graph.node('Identity', [x.name], [call.output]);
    } else {
      const t = call.graph.unique(`${call.layer.Name}_Transpose`);
      call.graph.node('Transpose', [x.name], [t], { perm: [0, 1, 3, 2] });
      call.graph.node('Flatten', [t], [call.output], { axis: 1 });
    }
    return { name: call.output, size: call.outputSize, rank: 2 };
  },
};

const outputLayer: LayerExport = {
  operators: 'none: the graph output is the layer before it',
  write: (call) => call.inputs[0],
};

function activation(op: string, attrs: (l: any) => Parameters<ExportGraph['node']>[3] = () => ({})): LayerExport {
  return { operators: op, write: (call) => same(call, op, attrs(call.layer)) };
}

function global(op: string): LayerExport {
  return {
    operators: op,
    write: (call) => {
      const x = call.graph.as4d(call.inputs[0]);
      call.graph.node(op, [x.name], [call.output]);
      return { name: call.output, size: call.outputSize, rank: 4 };
    },
  };
}

/** MATLAB layer class (its declaration's className) → its ONNX form. */
export const LAYER_EXPORTS: ReadonlyMap<string, LayerExport<any>> = new Map<string, LayerExport<any>>([
  ['ImageInputLayer', inputLayer],
  ['FeatureInputLayer', inputLayer],
  ['Convolution2DLayer', convolution2d],
  ['GroupedConvolution2DLayer', groupedConvolution2d],
  ['FullyConnectedLayer', fullyConnected],
  ['BatchNormalizationLayer', batchNormalization],
  ['CrossChannelNormalizationLayer', crossChannelNormalization],
  ['ReLULayer', activation('Relu')],
  ['LeakyReLULayer', activation('LeakyRelu', (l: LeakyReLULayer) => ({ alpha: { float: l.Scale } }))],
  ['ClippedReLULayer', clippedRelu],
  ['ELULayer', activation('Elu', (l: ELULayer) => ({ alpha: { float: l.Alpha } }))],
  ['SigmoidLayer', activation('Sigmoid')],
  ['TanhLayer', activation('Tanh')],
  ['MaxPooling2DLayer', maxPooling2d],
  ['AveragePooling2DLayer', averagePooling2d],
  ['GlobalAveragePooling2DLayer', global('GlobalAveragePool')],
  ['GlobalMaxPooling2DLayer', global('GlobalMaxPool')],
  ['DropoutLayer', dropout],
  ['SoftmaxLayer', softmax],
  ['AdditionLayer', addition],
  ['DepthConcatenationLayer', { operators: 'Concat (axis 1)', write: (call: ExportCall) => concat(call, 3) }],
  ['ConcatenationLayer', { operators: 'Concat (Dim 1, 2, 3 → axis 2, 3, 1)', write: (call: ExportCall<ConcatenationLayer>) => concat(call, call.layer.Dim) }],
  ['FlattenLayer', flatten],
  ['ClassificationOutputLayer', outputLayer],
  ['RegressionOutputLayer', outputLayer],
]);
