/**
 * importONNXNetwork, importONNXLayers and importNetworkFromONNX (R2023b's
 * name): an ONNX model file (opsets 6–17) as a MATLAB network or layer
 * graph. The file is decoded by protobufjs against ONNX's own schema; each
 * node goes through the operator table (importOperators.ts); an operator
 * with no MATLAB layer becomes a PlaceholderLayer in importONNXLayers (one
 * warning lists them) and an error in importONNXNetwork.
 *
 * The input layer is an imageInputLayer (a 4-D NCHW input, or NHWC with
 * 'InputDataFormats','BSSC') or a featureInputLayer (2-D, 'BC'), with
 * 'Normalization','none' as MATLAB's importer makes it, named after the
 * ONNX input. Layers take the node names (or their first output's name)
 * made valid and unique.
 */
import { readFileSync } from 'node:fs';
import { matlabError, MatlabError } from '../runtime/errors.ts';
import { matlabWarning } from '../runtime/warning.ts';
import { matchString, parseNameValues } from '../runtime/args.ts';
import { Categorical } from '../runtime/categorical.ts';
import { imageInputLayer, featureInputLayer } from '../layers/imageInputLayer.ts';
import { classificationLayer, regressionLayer, SoftmaxLayer } from '../layers/outputLayers.ts';
import { placeholderLayer, PlaceholderLayer } from '../layers/placeholderLayer.ts';
import type { Layer } from '../layers/Layer.ts';
import { LayerGraph } from '../network/LayerGraph.ts';
import { assembleNetwork } from '../network/assembleNetwork.ts';
import type { SeriesNetwork } from '../network/SeriesNetwork.ts';
import type { DAGNetwork } from '../network/DAGNetwork.ts';
import { decodeModel, toNumber, DataType, type OnnxGraph, type OnnxValueInfo } from './protobuf.ts';
import { OPERATORS } from './importOperators.ts';
import {
  ImportContext, NCHW, NodeView, Unsupported, constFromTensor, elementCount, isIdentityLayout, makeValidName, type Activation,
} from './importValues.ts';

export const MIN_OPSET = 6;
export const MAX_OPSET = 17;

const OUTPUT_TYPES = ['classification', 'regression', 'pixelclassification'] as const;
const FORMATS = ['BCSS', 'BSSC', 'BC'] as const;

interface ImportOptions {
  outputLayerType: (typeof OUTPUT_TYPES)[number] | null;
  classNames: string[] | null;
  inputDataFormats: (typeof FORMATS)[number] | null;
  importWeights: boolean;
}

function options(fn: string, nv: unknown[], layersOnly: boolean): ImportOptions {
  const names = ['OutputLayerType', 'ClassNames', 'InputDataFormats', ...(layersOnly ? ['ImportWeights'] : [])];
  const given = parseNameValues(fn, nv, names);
  const type = given.has('OutputLayerType') ? matchString(fn, 'OutputLayerType', given.get('OutputLayerType'), OUTPUT_TYPES) as ImportOptions['outputLayerType'] : null;
  let classNames: string[] | null = null;
  if (given.has('ClassNames')) {
    const v = given.get('ClassNames');
    classNames = v instanceof Categorical ? [...v.categories] : Array.isArray(v) && v.every((s) => typeof s === 'string') ? [...v] : typeof v === 'string' ? [v] : null;
    if (!classNames) matlabError(`${fn}:invalidClassNames`, "Invalid value for 'ClassNames'. Value must be a categorical vector, a string array or a cell array of character vectors.");
    if (type !== null && type !== 'classification' && type !== 'pixelclassification') {
      matlabError(`${fn}:invalidClassNames`, "'ClassNames' applies only when 'OutputLayerType' is 'classification' or 'pixelclassification'.");
    }
  }
  let formats: ImportOptions['inputDataFormats'] = null;
  if (given.has('InputDataFormats')) {
    const f = given.get('InputDataFormats');
    const text = Array.isArray(f) && f.length === 1 ? f[0] : f;
    if (typeof text !== 'string' || !FORMATS.includes(text.toUpperCase() as never)) {
      matlabError(`${fn}:invalidInputDataFormats`, `Invalid value for 'InputDataFormats'. Value must be one of ${FORMATS.map((x) => `"${x}"`).join(', ')} (B batch, C channel, S spatial).`);
    }
    formats = text.toUpperCase() as ImportOptions['inputDataFormats'];
  }
  const importWeights = given.has('ImportWeights') ? Boolean(given.get('ImportWeights')) : !layersOnly;
  return { outputLayerType: type, classNames, inputDataFormats: formats, importWeights };
}

function readModelFile(fn: string, file: unknown): Uint8Array {
  if (typeof file !== 'string' || file.length === 0) matlabError(`${fn}:invalidFile`, 'The model file name must be a character vector or string scalar.');
  try {
    return readFileSync(file);
  } catch {
    return matlabError(`${fn}:fileNotFound`, `Unable to open file '${file}'. Check that the file exists and that you have permission to read it.`);
  }
}

/** The default-domain opset, checked against the supported range. */
function opsetOf(fn: string, versions: { domain?: string; version?: unknown }[], file: string): number {
  const main = versions.find((o) => !o.domain || o.domain === 'ai.onnx');
  if (!main) matlabError(`${fn}:unsupportedOpset`, `'${file}' imports no version of the default ONNX operator set (ai.onnx).`);
  const v = toNumber(main.version as number);
  if (v < MIN_OPSET || v > MAX_OPSET) {
    matlabError(`${fn}:unsupportedOpset`, `The ONNX model '${file}' uses operator set version ${v}. This importer supports operator set versions ${MIN_OPSET} to ${MAX_OPSET}.`);
  }
  return v;
}

function shapeOf(v: OnnxValueInfo): (number | null)[] {
  return (v.type?.tensorType?.shape?.dim ?? []).map((d) => (d.dimValue !== undefined && d.dimValue !== null && toNumber(d.dimValue) > 0 ? toNumber(d.dimValue) : null));
}

/** The single data input (older IR versions list initializers among the inputs too). */
function dataInput(fn: string, graph: OnnxGraph, initializers: Set<string>): OnnxValueInfo {
  const inputs = (graph.input ?? []).filter((i) => !initializers.has(i.name ?? ''));
  if (inputs.length !== 1) {
    matlabError(`${fn}:unsupportedInput`, `The ONNX model has ${inputs.length} data inputs (${inputs.map((i) => `'${i.name}'`).join(', ')}); a MATLAB network has exactly one input layer.`);
  }
  const type = inputs[0].type?.tensorType?.elemType ?? 0;
  if (type !== DataType.FLOAT && type !== DataType.DOUBLE && type !== DataType.FLOAT16) {
    matlabError(`${fn}:unsupportedInput`, `The ONNX input '${inputs[0].name}' has element type ${type}; only floating-point inputs can feed a MATLAB input layer.`);
  }
  return inputs[0];
}

/** The input layer and the activation it stands for. */
function inputLayer(fn: string, info: OnnxValueInfo, formats: ImportOptions['inputDataFormats'], ctx: ImportContext): Activation {
  const shape = shapeOf(info);
  const format = formats ?? (shape.length === 4 ? 'BCSS' : shape.length === 2 ? 'BC' : null);
  if (!format || format.length !== shape.length) {
    matlabError(`${fn}:unsupportedInput`, `The ONNX input '${info.name}' has rank ${shape.length}${formats ? `, which does not match 'InputDataFormats' "${formats}"` : ''}; only 4-D image (BCSS, BSSC) and 2-D feature (BC) inputs can be imported.`);
  }
  const name = ctx.uniqueName(info.name ?? 'input');
  if (shape.slice(1).some((d) => d === null)) matlabError(`${fn}:unsupportedInput`, `The ONNX input '${info.name}' has a size other than the batch that is not fixed: [${shape.map((d) => d ?? '?').join(' ')}].`);
  if (format === 'BC') {
    const size = ctx.add(featureInputLayer(shape[1], 'Name', name, 'Normalization', 'none'), []);
    return { kind: 'features', source: name, size, order: null };
  }
  const [c, h, w] = format === 'BCSS' ? [shape[1]!, shape[2]!, shape[3]!] : [shape[3]!, shape[1]!, shape[2]!];
  const size = ctx.add(imageInputLayer([h, w, c], 'Name', name, 'Normalization', 'none'), []);
  return { kind: 'image', source: name, size, layout: format === 'BCSS' ? NCHW : [0, 2, 3, 1] };
}

/** How many nodes read each tensor, graph outputs counted as readers. */
function readerCounts(graph: OnnxGraph): Map<string, number> {
  const counts = new Map<string, number>();
  const count = (n: string) => n && counts.set(n, (counts.get(n) ?? 0) + 1);
  for (const node of graph.node ?? []) for (const i of node.input ?? []) count(i);
  for (const o of graph.output ?? []) count(o.name ?? '');
  return counts;
}

/** A placeholder for a node the table cannot map; its outputs are activations of unknown size. */
function placeholderFor(node: NodeView, ctx: ImportContext, reason: string): PlaceholderLayer {
  const data: string[] = [];
  const weights: Record<string, unknown> = {};
  for (const name of node.inputs.filter((n) => n)) {
    const v = ctx.values.get(name);
    if (!v) continue;
    if (v.kind === 'const') weights[name] = { dims: v.dims, data: v.data };
    else data.push(v.kind === 'features' ? ctx.featureSource(v) : v.source);
  }
  const description = `Placeholder for '${node.opType}' ONNX operator: ${reason}`;
  const layer = placeholderLayer(ctx.uniqueName(node.node.name || node.outputs[0] || node.opType), description,
    { OpType: node.opType, Name: node.node.name ?? '', Attributes: node.attributeValues(), Inputs: node.inputs, Outputs: node.outputs }, weights, data.length);
  ctx.add(layer, data.length > 0 ? data : [ctx.layers[0].layer.Name]);
  for (const o of node.outputs) if (o) ctx.values.set(o, { kind: 'image', source: layer.Name, size: null, layout: NCHW });
  return layer;
}

interface ImportResult {
  graph: LayerGraph;
  /** 'OpType (reason)' of each placeholder. */
  unsupported: { opType: string; reason: string }[];
}

/** Walk the model: the layer graph, the placeholders made, and the output layer when a type is given or inferred. */
function importGraph(fn: string, file: unknown, opts: ImportOptions, inferOutput: boolean): ImportResult {
  const bytes = readModelFile(fn, file);
  const model = decodeModel(fn, bytes, String(file));
  const opset = opsetOf(fn, model.opsetImport ?? [], String(file));
  const graph = model.graph!;
  const initializers = new Set((graph.initializer ?? []).map((t) => t.name ?? ''));
  const info = dataInput(fn, graph, initializers);
  const batch = shapeOf(info)[0] ?? 1;
  const ctx = new ImportContext(fn, opset, batch, readerCounts(graph));
  for (const t of graph.initializer ?? []) ctx.values.set(t.name ?? '', constFromTensor(t));
  ctx.values.set(info.name ?? '', inputLayer(fn, info, opts.inputDataFormats, ctx));
  const unsupported: ImportResult['unsupported'] = [];
  for (const node of graph.node ?? []) {
    const view = new NodeView(node);
    const entry = !node.domain || node.domain === 'ai.onnx' ? OPERATORS[view.opType] : undefined;
    const before = ctx.layers.length;
    try {
      if (!entry) throw new Unsupported(node.domain && node.domain !== 'ai.onnx' ? `operator of domain '${node.domain}'` : 'no MATLAB layer');
      entry.build(view, ctx);
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      ctx.layers.length = before; // drop a half-built node's layers
      placeholderFor(view, ctx, e.message);
      unsupported.push({ opType: view.opType, reason: e.message });
    }
  }
  const outputs = graph.output ?? [];
  if (outputs.length !== 1) matlabError(`${fn}:unsupportedOutput`, `The ONNX model has ${outputs.length} outputs; a MATLAB network has exactly one output layer.`);
  const out = ctx.value(fn, outputs[0].name ?? '');
  if (out.kind === 'const') matlabError(`${fn}:unsupportedOutput`, `The ONNX output '${outputs[0].name}' is a constant: it does not depend on the input.`);
  if (out.kind === 'image' && !isIdentityLayout(out.layout) && out.size !== null) {
    matlabError(`${fn}:unsupportedOutput`, `The ONNX output '${outputs[0].name}' is not in NCHW layout; MATLAB's H×W×C×N output cannot stand for it.`);
  }
  const last = out.kind === 'features' ? ctx.featureSource(out) : out.source;
  const lastLayer = ctx.layers.find((l) => l.layer.Name === last)!.layer;
  const type = opts.outputLayerType ?? (inferOutput ? (lastLayer instanceof SoftmaxLayer ? 'classification' : 'regression') : null);
  if (type) addOutputLayer(fn, ctx, type, opts.classNames, last, makeValidName(outputs[0].name ?? 'output'), out.size && elementCount(out.size));
  if (!opts.importWeights) stripWeights(ctx.layers.map((l) => l.layer));
  const nodes = ctx.layers.map((l) => l.layer);
  const links = ctx.layers.flatMap((l) => l.inputs.map((source, port) => ({ source, destination: l.layer.Name, port })));
  return { graph: new LayerGraph(nodes, links), unsupported };
}

function addOutputLayer(fn: string, ctx: ImportContext, type: string, classNames: string[] | null, source: string, outputName: string, size: number | null): void {
  if (type === 'pixelclassification') {
    matlabError(`${fn}:unsupportedOutputLayerType`, "'OutputLayerType' 'pixelclassification' needs pixelClassificationLayer (Computer Vision Toolbox), which this toolbox does not have.");
  }
  if (type === 'regression') {
    ctx.add(regressionLayer('Name', ctx.uniqueName(`RegressionLayer_${outputName}`)), [source]);
    return;
  }
  const outSize = ctx.sizeOf(source);
  const k = outSize ? outSize[2] : size;
  if (classNames && k !== null && classNames.length !== k) {
    matlabError(`${fn}:invalidClassNames`, `Invalid value for 'ClassNames': the network has ${k} outputs but ${classNames.length} class names were given.`);
  }
  // Without ClassNames, the classes are '1', …, 'K' (as MATLAB's importers name them).
  const classes = classNames ?? (k !== null && (!outSize || (outSize[0] === 1 && outSize[1] === 1)) ? Array.from({ length: k }, (_, i) => String(i + 1)) : 'auto');
  ctx.add(classificationLayer('Name', ctx.uniqueName(`ClassificationLayer_${outputName}`), 'Classes', classes), [source]);
}

/** importONNXLayers with 'ImportWeights' false (MATLAB's default): the architecture only. */
function stripWeights(layers: Layer[]): void {
  for (const l of layers) {
    const props = l as unknown as Record<string, unknown>;
    for (const p of l.learnables()) props[p.property] = null;
    if ('TrainedMean' in props) { props.TrainedMean = null; props.TrainedVariance = null; }
  }
}

function unsupportedList(u: ImportResult['unsupported']): string {
  const types = [...new Set(u.map((x) => x.opType))];
  return types.map((t) => `'${t}'`).join(', ');
}

/** `lgraph = importONNXLayers(modelfile, 'OutputLayerType', type, 'ImportWeights', tf, …)`. */
export function importONNXLayers(modelfile: unknown, ...nv: unknown[]): LayerGraph {
  const FN = 'importONNXLayers';
  const r = importGraph(FN, modelfile, options(FN, nv, true), false);
  if (r.unsupported.length > 0) {
    const detail = r.unsupported.map((x) => `'${x.opType}' (${x.reason})`).join('; ');
    matlabWarning(`${FN}:placeholderLayers`, `Unable to import some ONNX operators because they are not supported: ${unsupportedList(r.unsupported)}. They have been replaced by placeholder layers: ${detail}. Replace them (replaceLayer) before assembling the network.`);
  }
  return r.graph;
}

function importNetwork(fn: string, modelfile: unknown, nv: unknown[]): SeriesNetwork | DAGNetwork {
  const r = importGraph(fn, modelfile, options(fn, nv, false), true);
  if (r.unsupported.length > 0) {
    const detail = r.unsupported.map((x) => `'${x.opType}' (${x.reason})`).join('; ');
    matlabError(`${fn}:unsupportedOperators`, `Unable to import the network because of unsupported ONNX operators: ${unsupportedList(r.unsupported)}. Details: ${detail}. Use importONNXLayers to import the layers with placeholders for them.`);
  }
  try {
    return assembleNetwork(isChain(r.graph) ? [...r.graph.structure.layers] : r.graph);
  } catch (e) {
    if (e instanceof MatlabError) matlabError(`${fn}:invalidNetwork`, `The imported ONNX network is not valid: ${e.message}`);
    throw e;
  }
}

/** Whether every layer feeds the next one only, in order (a SeriesNetwork, as MATLAB returns for a chain). */
function isChain(g: LayerGraph): boolean {
  const { layers, links } = g.structure;
  return links.length === layers.length - 1 && links.every((e, i) => e.source === layers[i].Name && e.destination === layers[i + 1].Name && e.port === 0);
}

/** `net = importONNXNetwork(modelfile, 'OutputLayerType', type, 'ClassNames', names, 'InputDataFormats', fmt)`. */
export function importONNXNetwork(modelfile: unknown, ...nv: unknown[]): SeriesNetwork | DAGNetwork {
  return importNetwork('importONNXNetwork', modelfile, nv);
}

/** `net = importNetworkFromONNX(modelfile, …)`: R2023b's name; the same network (this toolbox has no dlnetwork). */
export function importNetworkFromONNX(modelfile: unknown, ...nv: unknown[]): SeriesNetwork | DAGNetwork {
  return importNetwork('importNetworkFromONNX', modelfile, nv);
}
