/**
 * importONNXNetwork / importONNXLayers / importNetworkFromONNX:
 * - the third-party fixture (scripts/bvlc_alexnet_onnx.py: PyTorch's exporter, a BVLC AlexNet of
 *   reduced width) imports as MATLAB's layers and reproduces PyTorch's output;
 * - small graphs built here (Flatten/Gemm column order, NHWC transposes, a DAG, MatMul+Add, …)
 *   match onnxruntime-node, an independent runtime;
 * - bad input gives MATLAB-style errors.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import * as ort from 'onnxruntime-node';
import { importONNXLayers, importONNXNetwork, importNetworkFromONNX } from '../src/onnx/importONNX.ts';
import { matlabToOnnx, onnxToMatlab, readTensorFile } from '../src/onnx/importTensors.ts';
import { encodeModel, AttributeType, DataType, type OnnxAttribute, type OnnxNode, type OnnxTensor } from '../src/onnx/protobuf.ts';
import { floatTensor, int64Tensor } from '../src/onnx/tensors.ts';
import { predict, classify } from '../src/network/inference.ts';
import { SeriesNetwork } from '../src/network/SeriesNetwork.ts';
import { DAGNetwork } from '../src/network/DAGNetwork.ts';
import { LayerGraph } from '../src/network/LayerGraph.ts';
import { PlaceholderLayer } from '../src/layers/placeholderLayer.ts';
import { GroupedConvolution2DLayer } from '../src/layers/groupedConvolution2dLayer.ts';
import { CrossChannelNormalizationLayer } from '../src/layers/crossChannelNormalizationLayer.ts';
import { MaxPooling2DLayer } from '../src/layers/poolingLayers.ts';
import { FullyConnectedLayer } from '../src/layers/fullyConnectedLayer.ts';
import { MatlabError } from '../src/runtime/errors.ts';
import { MArray } from '../src/runtime/marray.ts';
import { seededValues } from './helpers/engine.ts';

const FIXTURE = new URL('./fixtures/onnx/bvlc_alexnet_small/', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'onnx-import-'));

function matlabErrorOf(f: () => unknown): MatlabError {
  try {
    f();
  } catch (e) {
    if (e instanceof MatlabError) return e;
    throw e;
  }
  throw new Error('expected a MatlabError');
}

/** max |a − b| / max(1, max |b|). */
function relativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  let s = 1;
  for (let i = 0; i < a.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    s = Math.max(s, Math.abs(b[i]));
  }
  return d / s;
}

// ---- building small ONNX models -------------------------------------------------

const ints = (name: string, v: number[]): OnnxAttribute => ({ name, type: AttributeType.INTS, ints: v });
const int = (name: string, v: number): OnnxAttribute => ({ name, type: AttributeType.INT, i: v });
const float = (name: string, v: number): OnnxAttribute => ({ name, type: AttributeType.FLOAT, f: v });

function node(opType: string, input: string[], output: string[], attribute: OnnxAttribute[] = [], name = ''): OnnxNode {
  return { opType, input, output, attribute, name };
}

function valueInfo(name: string, dims: number[]) {
  return { name, type: { tensorType: { elemType: DataType.FLOAT, shape: { dim: dims.map((d) => ({ dimValue: d })) } } } };
}

let seed = 100;
function weights(name: string, dims: number[], scale = 0.5): OnnxTensor {
  return floatTensor(name, dims, seededValues(dims.reduce((a, b) => a * b, 1), seed++, scale));
}

function writeModel(file: string, nodes: OnnxNode[], initializer: OnnxTensor[], input: number[], output = 'y', opset = 13): string {
  const bytes = encodeModel('test', {
    irVersion: 7, producerName: 'onnx-import.test', opsetImport: [{ domain: '', version: opset }],
    graph: { name: 'g', node: nodes, initializer, input: [valueInfo('x', input)], output: [valueInfo(output, [])] },
  });
  const path = join(work, file);
  writeFileSync(path, bytes);
  return path;
}

/** onnxruntime-node's output for an NCHW / N×C input. */
async function ortRun(path: string, dims: number[], x: Float32Array): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(path);
  const out = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', x, dims) });
  return out[session.outputNames[0]].data as Float32Array;
}

/** Our predict on the same input, as ONNX's row-major values. */
async function ours(path: string, dims: number[], x: Float32Array, ...nv: unknown[]): Promise<Float32Array> {
  const net = importONNXNetwork(path, 'OutputLayerType', 'regression', ...nv);
  return matlabToOnnx(await predict(net, onnxToMatlab('test', { dims, data: x, dataType: DataType.FLOAT })));
}

async function expectMatchesOrt(path: string, dims: number[]): Promise<void> {
  const x = seededValues(dims.reduce((a, b) => a * b, 1), seed++, 2);
  const reference = await ortRun(path, dims, x);
  expect(relativeDifference(await ours(path, dims, x), reference)).toBeLessThan(1e-4);
}

afterAll(() => {
  vi.restoreAllMocks();
});

// ---- the third-party fixture --------------------------------------------------------

describe('BVLC-style AlexNet exported by PyTorch (tests/fixtures/onnx/bvlc_alexnet_small)', () => {
  const x = readTensorFile('test', join(FIXTURE, 'test_data_set_0/input_0.pb'));
  const expected = readTensorFile('test', join(FIXTURE, 'test_data_set_0/output_0.pb'));

  it("imports as MATLAB's AlexNet layers and reproduces PyTorch's output", async () => {
    const net = importONNXNetwork(join(FIXTURE, 'model.onnx'));
    expect(net).toBeInstanceOf(SeriesNetwork);
    const layers = [...net.Layers];
    const types = (layers as { Type: string }[]).map((l) => l.Type);
    expect(types).toEqual([
      'Image Input', 'Convolution', 'ReLU', 'Cross Channel Normalization', 'Max Pooling',
      'Grouped Convolution', 'ReLU', 'Cross Channel Normalization', 'Max Pooling',
      'Convolution', 'ReLU', 'Grouped Convolution', 'ReLU', 'Grouped Convolution', 'ReLU', 'Max Pooling',
      'Fully Connected', 'ReLU', 'Dropout', 'Fully Connected', 'ReLU', 'Dropout', 'Fully Connected', 'Softmax', 'Classification Output',
    ]);
    const input = layers[0];
    expect([input.Name, input.InputSize, input.Normalization]).toEqual(['data_0', [224, 224, 3], 'none']);
    const lrn = layers.find((l) => l instanceof CrossChannelNormalizationLayer) as CrossChannelNormalizationLayer;
    expect([lrn.WindowChannelSize, lrn.Alpha, lrn.Beta, lrn.K]).toEqual([5, Math.fround(1e-4), 0.75, 1]);
    const grouped = layers.filter((l) => l instanceof GroupedConvolution2DLayer) as GroupedConvolution2DLayer[];
    expect(grouped.map((g) => [g.NumGroups, g.NumFiltersPerGroup, g.Weights!.dims])).toEqual([
      [2, 8, [5, 5, 3, 8, 2]], [2, 12, [3, 3, 12, 12, 2]], [2, 8, [3, 3, 12, 8, 2]],
    ]);
    // ceil_mode 3×3/2 pools (54 → 27, 27 → 13, 13 → 6): opset 9 has no ceil_mode, so PyTorch's exporter
    // writes end padding (pads [0 0 2 2], [0 0 1 1], [0 0 1 1]), imported as asymmetric [t b l r] padding.
    const pools = layers.filter((l) => l instanceof MaxPooling2DLayer) as MaxPooling2DLayer[];
    expect(pools.map((p) => p.PaddingSize)).toEqual([[0, 2, 0, 2], [0, 1, 0, 1], [0, 1, 0, 1]]);
    const fc6 = layers.find((l) => l instanceof FullyConnectedLayer) as FullyConnectedLayer;
    expect(fc6.Weights!.dims).toEqual([64, 6 * 6 * 16]);
    const scores = await predict(net, onnxToMatlab('test', x));
    expect(scores.dims).toEqual([1, 10]);
    expect(relativeDifference(matlabToOnnx(scores), expected.data as Float32Array)).toBeLessThan(1e-4);
    // The classes default to '1' … '10'; the top class is PyTorch's argmax.
    const best = 1 + Array.from(expected.data as Float32Array).reduce((b, v, i, a) => (v > a[b] ? i : b), 0);
    const labels = await classify(net, onnxToMatlab('test', x));
    expect(labels.toStrings()).toEqual([String(best)]);
  });

  it('agrees with onnxruntime-node on the same file', async () => {
    const reference = await ortRun(join(FIXTURE, 'model.onnx'), x.dims, x.data as Float32Array);
    expect(relativeDifference(reference, expected.data as Float32Array)).toBeLessThan(1e-4);
  });

  it('importNetworkFromONNX gives the same network; ClassNames names the classes', async () => {
    const names = Array.from({ length: 10 }, (_, i) => `class${i}`);
    const net = importNetworkFromONNX(join(FIXTURE, 'model.onnx'), 'OutputLayerType', 'classification', 'ClassNames', names);
    expect(net.classNames).toEqual(names);
    const scores = await predict(net, onnxToMatlab('test', x));
    expect(relativeDifference(matlabToOnnx(scores), expected.data as Float32Array)).toBeLessThan(1e-4);
  });

  it("importONNXLayers returns a layer graph; 'ImportWeights' false (MATLAB's default) leaves the weights empty", () => {
    const g = importONNXLayers(join(FIXTURE, 'model.onnx'), 'OutputLayerType', 'classification');
    expect(g).toBeInstanceOf(LayerGraph);
    expect(g.InputNames).toEqual(['data_0']);
    expect(g.OutputNames).toEqual(['ClassificationLayer_prob_1']);
    const conv = g.structure.layers[1] as unknown as { Weights: unknown };
    expect(conv.Weights).toBeNull();
    const withWeights = importONNXLayers(join(FIXTURE, 'model.onnx'), 'ImportWeights', true);
    expect((withWeights.structure.layers[1] as unknown as { Weights: MArray }).Weights.dims).toEqual([11, 11, 3, 6]);
    expect(withWeights.OutputNames).toEqual([]);
  });
});

// ---- layouts and operators against onnxruntime-node -----------------------------

describe('operators against onnxruntime-node', () => {
  it('Flatten of a 3×4×5 activation feeding Gemm (alpha, beta, transB): the weight columns follow ONNX row-major C,H,W order', async () => {
    const path = writeModel('flatten-gemm.onnx', [
      node('Conv', ['x', 'w', 'b'], ['c'], [ints('kernel_shape', [3, 3]), ints('pads', [1, 0, 1, 2])], 'conv'),
      node('Flatten', ['c'], ['f'], [int('axis', 1)]),
      node('Gemm', ['f', 'fw', 'fb'], ['y'], [float('alpha', 0.7), float('beta', 1.3), int('transB', 1)], 'fc'),
    ], [weights('w', [5, 2, 3, 3]), weights('b', [5]), weights('fw', [7, 5 * 3 * 6]), weights('fb', [7])], [2, 2, 3, 6]);
    await expectMatchesOrt(path, [2, 2, 3, 6]);
  });

  it('ceil_mode pools (opset 10+) as extra bottom/right padding, average pooling with and without counted padding', async () => {
    const path = writeModel('ceil.onnx', [
      node('MaxPool', ['x'], ['p'], [ints('kernel_shape', [3, 3]), ints('strides', [2, 2]), int('ceil_mode', 1)]),
      node('AveragePool', ['p'], ['a'], [ints('kernel_shape', [3, 3]), ints('strides', [2, 2]), int('ceil_mode', 1), ints('pads', [1, 0, 0, 1])]),
      node('AveragePool', ['a'], ['y'], [ints('kernel_shape', [2, 2]), ints('pads', [1, 1, 1, 1]), int('count_include_pad', 1)]),
    ], [], [1, 2, 54, 20]);
    const net = importONNXNetwork(path);
    expect([...net.Layers].slice(1, 4).map((l) => [l.PaddingSize, l.PaddingValue ?? null])).toEqual([[[0, 1, 0, 1], null], [[1, 1, 0, 1], 'mean'], [[1, 1, 1, 1], 0]]);
    await expectMatchesOrt(path, [1, 2, 54, 20]);
  });

  it('Reshape [N, -1] in front of a MatMul + Add (folded into the bias)', async () => {
    const path = writeModel('reshape-matmul.onnx', [
      node('MaxPool', ['x'], ['p'], [ints('kernel_shape', [2, 2]), ints('strides', [2, 2])]),
      node('Reshape', ['p', 'shape'], ['r']),
      node('MatMul', ['r', 'mw'], ['m']),
      node('Add', ['m', 'mb'], ['y']),
    ], [int64Tensor('shape', [0, -1]), weights('mw', [3 * 2 * 3, 4]), weights('mb', [4])], [1, 3, 4, 7]);
    await expectMatchesOrt(path, [1, 3, 4, 7]);
  });

  it('NHWC input (InputDataFormats BSSC) through the layout Transposes exporters insert', async () => {
    const path = writeModel('nhwc.onnx', [
      node('Transpose', ['x'], ['t'], [ints('perm', [0, 3, 1, 2])]),
      node('Conv', ['t', 'w'], ['c'], [ints('kernel_shape', [3, 3]), ints('strides', [2, 1]), ints('dilations', [1, 2])]),
      node('Relu', ['c'], ['r']),
      node('Transpose', ['r'], ['back'], [ints('perm', [0, 2, 3, 1])]),
      node('Flatten', ['back'], ['f']),
      node('Gemm', ['f', 'fw'], ['g'], [int('transB', 0)]),
      node('Softmax', ['g'], ['y'], [int('axis', 1)]),
    ], [weights('w', [4, 3, 3, 3]), weights('fw', [3 * 2 * 4, 5])], [1, 7, 6, 3]);
    const x = seededValues(7 * 6 * 3, 7, 2);
    const reference = await ortRun(path, [1, 7, 6, 3], x);
    // Our input is MATLAB's H×W×C×N of the same NHWC values.
    const net = importONNXNetwork(path, 'InputDataFormats', 'BSSC');
    expect(net.Layers.get(1).InputSize).toEqual([7, 6, 3]);
    const nchw = new Float32Array(x.length);
    for (let h = 0; h < 7; h++) for (let w = 0; w < 6; w++) for (let c = 0; c < 3; c++) nchw[(c * 7 + h) * 6 + w] = x[(h * 6 + w) * 3 + c];
    const scores = await predict(net, onnxToMatlab('test', { dims: [1, 3, 7, 6], data: nchw, dataType: DataType.FLOAT }));
    expect(relativeDifference(matlabToOnnx(scores), reference)).toBeLessThan(1e-4);
  });

  it('a DAG: branches added and concatenated, batch norm, LRN, global pooling, Clip, Softmax', async () => {
    const path = writeModel('dag.onnx', [
      node('Conv', ['x', 'w1', 'b1'], ['c1'], [ints('kernel_shape', [3, 3]), ints('pads', [1, 1, 1, 1]), int('group', 2)], 'conv1'),
      node('BatchNormalization', ['c1', 's', 'o', 'm', 'v'], ['bn'], [float('epsilon', 1e-6)], 'bn1'),
      node('Relu', ['bn'], ['r1']),
      node('Conv', ['r1', 'w2'], ['c2'], [ints('kernel_shape', [3, 3]), { name: 'auto_pad', type: AttributeType.STRING, s: new TextEncoder().encode('SAME_LOWER') }, ints('strides', [2, 2])]),
      node('Conv', ['r1', 'w3'], ['c3'], [ints('kernel_shape', [1, 1]), ints('strides', [2, 2])]),
      node('Add', ['c2', 'c3'], ['a']),
      node('Clip', ['a', 'lo', 'hi'], ['cl']),
      node('LRN', ['cl'], ['l'], [int('size', 3), float('alpha', 0.2), float('beta', 0.6), float('bias', 1.5)]),
      node('Concat', ['l', 'c3'], ['cat'], [int('axis', 1)]),
      node('AveragePool', ['cat'], ['ap'], [ints('kernel_shape', [2, 2]), ints('pads', [1, 1, 0, 0])]),
      node('GlobalMaxPool', ['ap'], ['gp']),
      node('Flatten', ['gp'], ['f']),
      node('Gemm', ['f', 'fw', 'fb'], ['g'], [int('transB', 1)]),
      node('Softmax', ['g'], ['y'], [int('axis', -1)]),
    ], [
      weights('w1', [4, 2, 3, 3]), weights('b1', [4]), weights('s', [4]), weights('o', [4]), weights('m', [4], 0.1),
      floatTensor('v', [4], Float32Array.of(0.5, 1, 2e-6, 3)), weights('w2', [6, 4, 3, 3]), weights('w3', [6, 4, 1, 1]),
      floatTensor('lo', [], Float32Array.of(0)), floatTensor('hi', [], Float32Array.of(0.8)), weights('fw', [5, 12]), weights('fb', [5]),
    ], [2, 4, 9, 8]);
    const net = importONNXNetwork(path);
    expect(net).toBeInstanceOf(DAGNetwork);
    await expectMatchesOrt(path, [2, 4, 9, 8]);
  });

  it('opset 6 with its initializers listed among the graph inputs (older IR versions), feature input', async () => {
    const w = weights('w', [3, 5]);
    const b = weights('b', [3]);
    const bytes = encodeModel('test', {
      irVersion: 3, opsetImport: [{ domain: '', version: 6 }],
      graph: {
        name: 'g', node: [node('Gemm', ['x', 'w', 'b'], ['g'], [int('transB', 1), int('broadcast', 1)]), node('Sigmoid', ['g'], ['y'])],
        initializer: [w, b], input: [valueInfo('w', [3, 5]), valueInfo('x', [4, 5]), valueInfo('b', [3])], output: [valueInfo('y', [4, 3])],
      },
    });
    const path = join(work, 'opset6.onnx');
    writeFileSync(path, bytes);
    const net = importONNXNetwork(path);
    expect(net.Layers.get(1).className).toBe('FeatureInputLayer');
    // onnxruntime has no opset-6 Gemm: the reference is sigmoid(x·Wᵀ + b) computed here.
    const x = seededValues(20, 5, 2);
    const [wv, bv] = [new Float32Array(Uint8Array.prototype.slice.call(w.rawData!).buffer), new Float32Array(Uint8Array.prototype.slice.call(b.rawData!).buffer)];
    const reference = Float32Array.from({ length: 12 }, (_, i) => {
      const [n, k] = [Math.floor(i / 3), i % 3];
      let z = bv[k];
      for (let j = 0; j < 5; j++) z += x[n * 5 + j] * wv[k * 5 + j];
      return 1 / (1 + Math.exp(-z));
    });
    const got = matlabToOnnx(await predict(net, onnxToMatlab('test', { dims: [4, 5], data: x, dataType: DataType.FLOAT })));
    expect(relativeDifference(got, reference)).toBeLessThan(1e-6);
  });
});

// ---- bad input ----------------------------------------------------------------------

describe('bad input', () => {
  const good = readFileSync(join(FIXTURE, 'model.onnx'));

  it('a truncated .onnx file', () => {
    const path = join(work, 'truncated.onnx');
    writeFileSync(path, good.subarray(0, Math.floor(good.length / 3)));
    const e = matlabErrorOf(() => importONNXNetwork(path));
    expect(e.identifier).toBe('importONNXNetwork:invalidFile');
    expect(e.message).toMatch(/Unable to read '.*truncated\.onnx' as an ONNX model.*truncated or is not an ONNX/);
  });

  it('a file that is not ONNX, and a missing file', () => {
    const path = join(work, 'notes.onnx');
    writeFileSync(path, 'This is a text file, not a protobuf model.\n');
    expect(matlabErrorOf(() => importONNXLayers(path)).identifier).toBe('importONNXLayers:invalidFile');
    const e = matlabErrorOf(() => importONNXNetwork(join(work, 'absent.onnx')));
    expect(e.identifier).toBe('importONNXNetwork:fileNotFound');
    expect(e.message).toMatch(/Unable to open file '.*absent\.onnx'/);
  });

  it('an operator with no MATLAB layer: a placeholder and one warning (importONNXLayers), an error naming it (importONNXNetwork)', () => {
    const path = writeModel('erf.onnx', [
      node('Conv', ['x', 'w'], ['c'], [ints('kernel_shape', [1, 1])], 'conv'),
      node('Erf', ['c'], ['e'], [], 'erf_node'),
      node('HardSwish', ['e'], ['h'], [], 'hs'),
      node('Relu', ['h'], ['y'], [], 'relu'),
    ], [weights('w', [2, 3, 1, 1])], [1, 3, 4, 4]);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const g = importONNXLayers(path);
    const warnings = stderr.mock.calls.map((c) => String(c[0])).filter((t) => t.startsWith('Warning:'));
    stderr.mockRestore();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/not supported: 'Erf', 'HardSwish'\. They have been replaced by placeholder layers/);
    const placeholders = g.structure.layers.filter((l) => l instanceof PlaceholderLayer) as PlaceholderLayer[];
    expect(placeholders.map((p) => [p.Name, (p.ONNXNode as { OpType: string }).OpType])).toEqual([['erf_node', 'Erf'], ['hs', 'HardSwish']]);
    expect(placeholders[0].Description).toMatch(/Placeholder for 'Erf' ONNX operator/);
    // The graph stays connected through them: conv → erf_node → hs → relu.
    expect(g.structure.links.map((e) => `${e.source}>${e.destination}`)).toEqual(['x>conv', 'conv>erf_node', 'erf_node>hs', 'hs>relu']);
    const e = matlabErrorOf(() => importONNXNetwork(path));
    expect(e.identifier).toBe('importONNXNetwork:unsupportedOperators');
    expect(e.message).toMatch(/unsupported ONNX operators: 'Erf', 'HardSwish'\./);
  });

  it('an opset outside 6–17', () => {
    for (const opset of [5, 18]) {
      const path = writeModel(`opset${opset}.onnx`, [node('Relu', ['x'], ['y'])], [], [1, 2, 3, 3], 'y', opset);
      const e = matlabErrorOf(() => importONNXNetwork(path));
      expect(e.identifier).toBe('importONNXNetwork:unsupportedOpset');
      expect(e.message).toContain(`operator set version ${opset}. This importer supports operator set versions 6 to 17`);
    }
  });

  it('inputs no MATLAB network can take', () => {
    const path = writeModel('rank3.onnx', [node('Relu', ['x'], ['y'])], [], [2, 3, 4]);
    expect(matlabErrorOf(() => importONNXNetwork(path)).message).toMatch(/rank 3; only 4-D image \(BCSS, BSSC\) and 2-D feature \(BC\) inputs/);
  });

  it('wrong options', () => {
    const file = join(FIXTURE, 'model.onnx');
    let e = matlabErrorOf(() => importONNXNetwork(file, 'OutputLayerType', 'ranking'));
    expect(e.identifier).toBe('importONNXNetwork:unrecognizedStringChoice');
    e = matlabErrorOf(() => importONNXNetwork(file, 'Colour', 1));
    expect(e.identifier).toBe('importONNXNetwork:unrecognizedParameter');
    e = matlabErrorOf(() => importONNXNetwork(file, 'ClassNames', ['a', 'b']));
    expect(e.message).toBe("Invalid value for 'ClassNames': the network has 10 outputs but 2 class names were given.");
    e = matlabErrorOf(() => importONNXNetwork(file, 'OutputLayerType', 'regression', 'ClassNames', ['a']));
    expect(e.identifier).toBe('importONNXNetwork:invalidClassNames');
    e = matlabErrorOf(() => importONNXNetwork(file, 'InputDataFormats', 'BCSSS'));
    expect(e.identifier).toBe('importONNXNetwork:invalidInputDataFormats');
    e = matlabErrorOf(() => importONNXNetwork(file, 'InputDataFormats', 'BC'));
    expect(e.message).toMatch(/does not match 'InputDataFormats' "BC"/);
    e = matlabErrorOf(() => importONNXNetwork(file, 'OutputLayerType'));
    expect(e.identifier).toBe('importONNXNetwork:invalidNameValue');
    // Prefixes and any case work, as MATLAB's name-value parsing.
    expect(importONNXNetwork(file, 'outputlayer', 'REGR').OutputNames).toEqual(['RegressionLayer_prob_1']);
  });
});
