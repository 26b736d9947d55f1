/**
 * exportONNXNetwork(net, filename, 'NetworkName', s, 'OpsetVersion', n,
 * 'BatchSize', b): a SeriesNetwork or DAGNetwork as an ONNX model, each layer
 * through the one table of exportOperators.ts, encoded with protobufjs
 * against onnx.proto and written atomically (a failed export leaves no file).
 */
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../io/atomicWrite.ts';
import { parseNameValues } from '../runtime/args.ts';
import { matlabError } from '../runtime/errors.ts';
import { MArray } from '../runtime/marray.ts';
import { Network } from '../network/Network.ts';
import { outputIndex } from '../network/topology.ts';
import { layerLabel } from '../layers/Layer.ts';
import { DataType, encodeModel, type OnnxDimension, type OnnxModel, type OnnxTensor, type OnnxValueInfo } from './protobuf.ts';
import { toNumber } from './protobuf.ts';
import { ExportGraph, type ExportValue } from './exportGraph.ts';
import { FN, LAYER_EXPORTS } from './exportOperators.ts';

/** This package's version, written as the model's producer_version (package.json is two folders up from src/onnx and dist/onnx alike). */
function packageVersion(): string {
  try {
    return String(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version ?? '');
  } catch {
    return '';
  }
}

/** The operator sets written (MATLAB's default is 8). */
export const OPSET_RANGE = [6, 17] as const;
const DEFAULT_OPSET = 8;

/** The IR version each ONNX release wrote with its operator set (onnx/helper.py's VERSION_TABLE): readers check the pair. */
function irVersionFor(opset: number): number {
  if (opset <= 8) return 3;
  if (opset === 9) return 4;
  if (opset === 10) return 5;
  if (opset === 11) return 6;
  if (opset <= 14) return 7;
  return 8;
}

function scalarOf(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (v instanceof MArray && v.numel === 1) return Number(v.data[0]);
  return null;
}

function isEmpty(v: unknown): boolean {
  return (Array.isArray(v) && v.length === 0) || (v instanceof MArray && v.numel === 0);
}

function opsetVersion(v: unknown): number {
  if (v === undefined) return DEFAULT_OPSET;
  const n = scalarOf(v);
  if (n === null || !Number.isInteger(n) || n < OPSET_RANGE[0] || n > OPSET_RANGE[1]) {
    matlabError(`${FN}:invalidOpsetVersion`, `Invalid value for 'OpsetVersion'. Value must be an integer from ${OPSET_RANGE[0]} to ${OPSET_RANGE[1]}.`);
  }
  return n;
}

/** [] (the default): a dynamic batch dimension; else a fixed positive batch size. */
function batchSize(v: unknown): number | null {
  if (v === undefined || isEmpty(v)) return null;
  const n = scalarOf(v);
  if (n === null || !Number.isInteger(n) || n < 1) matlabError(`${FN}:invalidBatchSize`, "Invalid value for 'BatchSize'. Value must be [] or a positive integer.");
  return n;
}

function textValue(name: string, v: unknown): string {
  if (typeof v !== 'string' || v.length === 0) matlabError(`${FN}:invalid${name}`, `Invalid value for '${name}'. Value must be a nonempty character vector or string scalar.`);
  return v;
}

function checkNetwork(net: unknown): Network {
  if (!(net instanceof Network)) {
    matlabError(`${FN}:invalidNetwork`, 'The first argument must be a SeriesNetwork or DAGNetwork (a trained or assembled network, as trainNetwork and assembleNetwork return).');
  }
  return net;
}

/** Every layer the table cannot write, named in one message before anything is built. */
function checkExportable(net: Network): void {
  const problems: string[] = [];
  for (const layer of net.ownLayers) {
    const entry = LAYER_EXPORTS.get(layer.declaration.className);
    const why = entry ? entry.unsupported?.(layer) ?? null : 'this layer type has no ONNX export';
    if (why) problems.push(`layer '${layerLabel(layer)}' (${layer.declaration.className}): ${why}`);
  }
  if (problems.length) matlabError(`${FN}:unsupportedLayer`, `Unable to export the network to ONNX:\n  ${problems.join('\n  ')}`);
}

function valueInfo(name: string, dims: OnnxDimension[]): OnnxValueInfo {
  return { name, type: { tensorType: { elemType: DataType.FLOAT, shape: { dim: dims } } } };
}

function shapeDims(batch: OnnxDimension, v: ExportValue): OnnxDimension[] {
  const [h, w, c] = v.size;
  return [batch, ...(v.rank === 4 ? [c, h, w] : [c]).map((d) => ({ dimValue: d }))];
}

/** The ONNX model of a network (not yet encoded). */
export function networkModel(net: Network, opts: { name: string; opset: number; batch: number | null }): OnnxModel {
  checkExportable(net);
  const { layers, sources } = net.graph;
  const graph = new ExportGraph(opts.opset);
  graph.reserve(layers.map((l) => l.Name));
  const batchDim: OnnxDimension = opts.batch === null ? { dimParam: 'N' } : { dimValue: opts.batch };
  const values: ExportValue[] = [];
  const graphInputs: OnnxValueInfo[] = [];
  layers.forEach((layer, i) => {
    const outputSize = net.outputSizeOf(i);
    let inputs = sources[i].map((s) => values[s]);
    if (layer.isInput) {
      // Images enter as N×C×H×W; features (1×1×F) as N×F.
      const input: ExportValue = { name: layer.Name, size: outputSize, rank: layer.declaration.className === 'FeatureInputLayer' ? 2 : 4 };
      graphInputs.push(valueInfo(input.name, shapeDims(batchDim, input)));
      inputs = [input];
    }
    values[i] = LAYER_EXPORTS.get(layer.declaration.className)!.write({ layer, inputs, outputSize, output: layer.Name, graph });
  });
  const out = values[outputIndex(net.graph)];
  // IR 3 (opsets 6–8) lists every initializer among the graph's inputs.
  const initializerInputs = irVersionFor(opts.opset) < 4 ? graph.initializers.map(initializerInfo) : [];
  return {
    irVersion: irVersionFor(opts.opset),
    opsetImport: [{ domain: '', version: opts.opset }],
    producerName: 'matlab-dltb',
    producerVersion: packageVersion(),
    graph: {
      name: opts.name,
      node: graph.nodes,
      initializer: graph.initializers,
      input: [...graphInputs, ...initializerInputs],
      output: [valueInfo(out.name, shapeDims(batchDim, out))],
    },
  };
}

function initializerInfo(t: OnnxTensor): OnnxValueInfo {
  return { name: t.name, type: { tensorType: { elemType: t.dataType, shape: { dim: (t.dims ?? []).map((d) => ({ dimValue: toNumber(d) })) } } } };
}

/** `exportONNXNetwork(net, filename, Name, Value)`: writes `filename` (replacing it), or nothing on an error. */
export async function exportONNXNetwork(net: unknown, filename: unknown, ...nv: unknown[]): Promise<void> {
  const network = checkNetwork(net);
  const file = textValue('Filename', filename);
  const opts = parseNameValues(FN, nv, ['NetworkName', 'OpsetVersion', 'BatchSize']);
  const name = opts.has('NetworkName') ? textValue('NetworkName', opts.get('NetworkName')) : 'Network';
  const model = networkModel(network, { name, opset: opsetVersion(opts.get('OpsetVersion')), batch: batchSize(opts.get('BatchSize')) });
  const bytes = encodeModel(FN, model);
  try {
    await writeFileAtomic(file, bytes);
  } catch (e) {
    matlabError(`${FN}:fileWriteError`, `Unable to write the ONNX file '${file}': ${(e as Error).message}`);
  }
}
