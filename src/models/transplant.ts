/**
 * MATLAB's pretrained network from a zoo ONNX file: MATLAB's own architecture
 * (`alexnet('Weights','none')`, its layer names, sizes and factors) with the
 * file's weights transplanted layer by layer. The file's weight-bearing nodes
 * (Conv, Gemm, BatchNormalization) pair with the architecture's learnable
 * layers by name (BVLC names, '/' written '-') or else in order; every pair is
 * shape- and hyperparameter-checked, so a file of another architecture is
 * refused with the first layer that differs. Layouts become MATLAB's:
 * convolution weights H×W×C×F (ONNX: F×C×H×W), fully connected weights
 * against the column-major H×W×C flattening (ONNX: C×H×W), and a Caffe
 * model's first convolution reordered from BGR to RGB channels.
 */
import { matlabError } from '../runtime/errors.ts';
import { MArray } from '../runtime/marray.ts';
import type { Layer, ActivationSize } from '../layers/Layer.ts';
import { LayerArray } from '../network/LayerArray.ts';
import { LayerGraph } from '../network/LayerGraph.ts';
import { SeriesNetwork } from '../network/SeriesNetwork.ts';
import { DAGNetwork } from '../network/DAGNetwork.ts';
import type { Network } from '../network/Network.ts';
import { assemble, assembleGraph, asLayerList, type Edge } from '../network/assemble.ts';
import { toNumber, type OnnxAttribute, type OnnxModel, type OnnxNode, type OnnxTensor } from '../onnx/protobuf.ts';
import { tensorValues } from '../onnx/tensors.ts';
import type { Preprocessing } from './zoo.ts';

const FN = 'models';

type Kind = 'conv' | 'fc' | 'bn';
const KIND_OF_CLASS: Record<string, Kind> = {
  Convolution2DLayer: 'conv', GroupedConvolution2DLayer: 'conv', FullyConnectedLayer: 'fc', BatchNormalizationLayer: 'bn',
};
const KIND_OF_OP: Record<string, Kind> = { Conv: 'conv', Gemm: 'fc', BatchNormalization: 'bn' };

/** Layers are plain property bags for this module's purpose. */
type Props = Layer & Record<string, any>;

export interface TransplantOptions {
  /** The ONNX file's name, for errors. */
  what: string;
  bgr: boolean;
  preprocessing: Preprocessing;
}

/** A weight-bearing ONNX node and the tensors it reads. */
interface Source {
  node: OnnxNode;
  kind: Kind;
  /** Names it can pair with: the node's name and its weight's, normalized. */
  keys: string[];
}

/** `arch` (a LayerArray or LayerGraph from `f('Weights','none')`) with the weights of `model`. */
export function transplant(arch: LayerArray | LayerGraph, model: OnnxModel, opts: TransplantOptions): Network {
  const graph = arch instanceof LayerGraph ? arch.toEdges() : undefined;
  const layers: Layer[] = graph ? graph.layers : asLayerList(FN, arch);
  const edges: readonly Edge[] | undefined = graph?.edges;
  // Input sizes per layer settle input-dependent properties (channels, groups) before the weights go in.
  const assembled = edges ? assembleGraph(FN, layers, edges, true) : assemble(FN, layers, true);
  const inputOf = new Map(assembled.topology.layers.map((l, i) => [l, assembled.inputSizes[i][0] ?? assembled.outputSizes[i]] as const));

  const targets = layers.filter((l) => l.declaration.learnables?.length) as Props[];
  for (const l of targets) {
    if (!KIND_OF_CLASS[l.declaration.className]) matlabError(`${FN}:unsupportedLayer`, `Cannot transplant weights into layer '${l.Name}' (${l.Type}).`);
  }
  const inits = new Map<string, OnnxTensor>((model.graph?.initializer ?? []).map((t) => [t.name ?? '', t]));
  const sources = weightNodes(model, inits);
  const pairs = pairUp(targets, sources, opts.what);

  let firstConv = true;
  for (const [layer, src] of pairs) {
    const input = inputOf.get(layer)!;
    layer.configure(input);
    const tensor = (k: number) => {
      const name = src.node.input?.[k];
      if (!name) return undefined;
      const t = inits.get(name);
      if (!t) matlabError(`${FN}:unsupportedFile`, `In '${opts.what}', input '${name}' of node '${nodeName(src.node)}' is not an initializer: its weights cannot be read.`);
      return tensorValues(FN, t);
    };
    if (src.kind === 'conv') {
      convWeights(layer, src.node, tensor, input, firstConv && opts.bgr, opts.what);
      firstConv = false;
    } else if (src.kind === 'fc') {
      fcWeights(layer, src.node, tensor, input, opts.what);
    } else {
      bnWeights(layer, src.node, tensor, opts.what);
    }
  }
  setNormalization(layers.find((l) => l.isInput) as Props, opts.preprocessing);
  return edges ? new DAGNetwork(layers, edges) : new SeriesNetwork(layers);
}

function nodeName(n: OnnxNode): string {
  return n.name || n.output?.[0] || n.opType || '?';
}

/** 'conv1/7x7_s2_w_0' → 'conv1-7x7_s2'; 'features.0.weight' stays as it is (no BVLC name). */
function normalizeKey(name: string): string {
  return name.replace(/(_w|_weight|\.weight)(_0)?$/, '').replace(/\//g, '-');
}

function weightNodes(model: OnnxModel, inits: Map<string, OnnxTensor>): Source[] {
  const out: Source[] = [];
  for (const node of model.graph?.node ?? []) {
    const kind = KIND_OF_OP[node.opType ?? ''];
    if (!kind) continue;
    const weight = node.input?.[1];
    // A Gemm between two activations holds no weights.
    if (!weight || !inits.has(weight)) continue;
    const keys = [node.name ?? '', weight].filter((k) => k !== '').map(normalizeKey);
    out.push({ node, kind, keys });
  }
  return out;
}

/** Pair by name when every layer finds exactly one node of its name, else in order (kinds must agree). */
function pairUp(targets: Props[], sources: Source[], what: string): [Props, Source][] {
  const byName = targets.map((l) => sources.filter((s) => s.keys.includes(l.Name)));
  if (byName.every((m) => m.length === 1) && new Set(byName.map((m) => m[0])).size === targets.length) {
    return targets.map((l, i) => [l, byName[i][0]]);
  }
  if (sources.length !== targets.length) {
    matlabError(`${FN}:architectureMismatch`,
      `'${what}' has ${sources.length} weight-bearing nodes (Conv, Gemm, BatchNormalization); MATLAB's network has ${targets.length} learnable layers. It is not this network's ONNX file.`);
  }
  return targets.map((l, i) => {
    const want = KIND_OF_CLASS[l.declaration.className];
    if (sources[i].kind !== want) {
      matlabError(`${FN}:architectureMismatch`,
        `In '${what}', weight node ${i + 1} ('${nodeName(sources[i].node)}', ${sources[i].node.opType}) does not match layer '${l.Name}' (${l.Type}). It is not this network's ONNX file.`);
    }
    return [l, sources[i]];
  });
}

function attr(node: OnnxNode, name: string): OnnxAttribute | undefined {
  return node.attribute?.find((a) => a.name === name);
}
function intsAttr(node: OnnxNode, name: string): number[] | undefined {
  const a = attr(node, name);
  return a?.ints?.length ? a.ints.map(toNumber) : undefined;
}
function intAttr(node: OnnxNode, name: string, dflt: number): number {
  const a = attr(node, name);
  return a?.i !== undefined && a.i !== null ? toNumber(a.i) : dflt;
}
function floatAttr(node: OnnxNode, name: string, dflt: number): number {
  const a = attr(node, name);
  return a?.f !== undefined && a.f !== null ? a.f : dflt;
}

function mismatch(layer: Props, what: string, detail: string): never {
  return matlabError(`${FN}:architectureMismatch`, `'${what}' does not fit layer '${layer.Name}' (${layer.Type}): ${detail}. It is not this network's ONNX file.`);
}

const dimsText = (d: readonly number[]) => d.join('×');
const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

type TensorAt = (k: number) => { dims: number[]; data: Float32Array | number[] } | undefined;

function floats(t: { data: Float32Array | number[] }): Float32Array {
  return t.data instanceof Float32Array ? t.data : Float32Array.from(t.data);
}

/** ONNX F×Cg×kh×kw → MATLAB kh×kw×Cg×F (grouped: kh×kw×Cg×Fg×G, the same column-major order). */
function convWeights(layer: Props, node: OnnxNode, tensor: TensorAt, input: ActivationSize, bgr: boolean, what: string): void {
  const w = tensor(1)!;
  const shape = layer.declaration.learnables![0].shape(layer, input).dims;
  const [kh, kw, cg] = shape;
  const f = shape.slice(3).reduce((a, b) => a * b, 1);
  const groups = shape.length === 5 ? shape[4] : 1;
  if (!same(w.dims, [f, cg, kh, kw])) mismatch(layer, what, `weights ${dimsText(w.dims)} in the file, ${f}×${cg}×${kh}×${kw} expected`);
  if (intAttr(node, 'group', 1) !== groups) mismatch(layer, what, `${intAttr(node, 'group', 1)} groups in the file, ${groups} expected`);
  const strides = intsAttr(node, 'strides') ?? [1, 1];
  if (!same(strides, layer.Stride)) mismatch(layer, what, `stride ${dimsText(strides)} in the file, ${dimsText(layer.Stride)} expected`);
  const dil = intsAttr(node, 'dilations') ?? [1, 1];
  if (!same(dil, layer.DilationFactor)) mismatch(layer, what, `dilation ${dimsText(dil)} in the file, ${dimsText(layer.DilationFactor)} expected`);
  const pads = intsAttr(node, 'pads');
  if (pads && Array.isArray(layer.PaddingSize)) {
    // ONNX [top left bottom right]; MATLAB [top bottom left right].
    const tblr = [pads[0], pads[2], pads[1], pads[3]];
    if (!same(tblr, layer.PaddingSize)) mismatch(layer, what, `padding ${dimsText(tblr)} (top bottom left right) in the file, ${dimsText(layer.PaddingSize)} expected`);
  }
  const src = floats(w);
  const out = new Float32Array(src.length);
  for (let o = 0; o < f; o++) {
    for (let c = 0; c < cg; c++) {
      const cs = bgr ? cg - 1 - c : c;
      for (let x = 0; x < kw; x++) {
        for (let y = 0; y < kh; y++) out[y + kh * (x + kw * (c + cg * o))] = src[((o * cg + cs) * kh + y) * kw + x];
      }
    }
  }
  layer.Weights = MArray.wrap(out, shape, 'single');
  layer.Bias = MArray.wrap(vector(layer, tensor(2), f, what, 'bias'), layer.declaration.learnables![1].shape(layer, input).dims, 'single');
}

/** A per-output vector (a missing bias is zero). */
function vector(layer: Props, t: ReturnType<TensorAt>, n: number, what: string, label: string, scale = 1): Float32Array {
  if (!t) return new Float32Array(n);
  if (t.data.length !== n) mismatch(layer, what, `${label} of ${t.data.length} values in the file, ${n} expected`);
  const v = Float32Array.from(t.data);
  if (scale !== 1) for (let i = 0; i < n; i++) v[i] *= scale;
  return v;
}

/** Gemm B (out×in with transB, else in×out) against a C×H×W flattening → MATLAB out×(H·W·C) column-major. */
function fcWeights(layer: Props, node: OnnxNode, tensor: TensorAt, input: ActivationSize, what: string): void {
  if (intAttr(node, 'transA', 0) !== 0) mismatch(layer, what, 'the Gemm transposes its input (transA)');
  const b = tensor(1)!;
  const transB = intAttr(node, 'transB', 0) === 1;
  const alpha = floatAttr(node, 'alpha', 1);
  const [h, w, c] = input;
  const n = h * w * c;
  const k = layer.OutputSize as number;
  const rows = transB ? b.dims[0] : b.dims[1];
  const cols = transB ? b.dims[1] : b.dims[0];
  if (b.dims.length !== 2 || rows !== k || cols !== n) mismatch(layer, what, `weights ${dimsText(b.dims)}${transB ? '' : ' (transposed)'} in the file, ${k}×${n} expected`);
  const src = floats(b);
  const out = new Float32Array(k * n);
  for (let ch = 0; ch < c; ch++) {
    for (let x = 0; x < w; x++) {
      for (let y = 0; y < h; y++) {
        const j = y + h * (x + w * ch); // MATLAB's column-major H×W×C position
        const i = (ch * h + y) * w + x; // ONNX's row-major C×H×W position
        for (let o = 0; o < k; o++) out[o + k * j] = alpha * src[transB ? o * n + i : i * k + o];
      }
    }
  }
  layer.Weights = MArray.wrap(out, [k, n], 'single');
  layer.Bias = MArray.wrap(vector(layer, tensor(2), k, what, 'bias', floatAttr(node, 'beta', 1)), [k, 1], 'single');
}

/** scale, B, mean, var → Scale, Offset, TrainedMean, TrainedVariance (1×1×C). */
function bnWeights(layer: Props, node: OnnxNode, tensor: TensorAt, what: string): void {
  const c = (tensor(1)?.data.length) ?? 0;
  const dims = [1, 1, c];
  const [scale, offset, mean, variance] = [1, 2, 3, 4].map((k, i) => vector(layer, tensor(k), c, what, ['scale', 'offset', 'mean', 'variance'][i]));
  const eps = floatAttr(node, 'epsilon', 1e-5);
  // MATLAB's Epsilon is at least 1e-5; a smaller one moves into the variance (var + eps is what is used).
  const epsilon = Math.max(eps, 1e-5);
  for (let i = 0; i < c; i++) variance[i] += eps - epsilon;
  Object.assign(layer, {
    Scale: MArray.wrap(scale, dims, 'single'), Offset: MArray.wrap(offset, dims, 'single'),
    TrainedMean: MArray.wrap(mean, dims, 'single'), TrainedVariance: MArray.wrap(variance, dims, 'single'), Epsilon: epsilon,
  });
}

/** The input layer normalizes as the zoo's network expects (statistics per channel, R G B). */
export function setNormalization(input: Props, p: Preprocessing): void {
  const channel = (v: readonly number[]) => MArray.from(Float32Array.from(v), [1, 1, 3], 'single');
  input.Normalization = p.normalization;
  input.setStatistics(p.normalization === 'zscore' ? { Mean: channel(p.mean), StandardDeviation: channel(p.std) } : { Mean: channel(p.mean) });
}
