/**
 * Checks a network the way trainNetwork and assembleNetwork do before use —
 * a layer array (a chain) or a layer graph — gives unnamed layers MATLAB's
 * default names (conv_1, conv_2, fc, …), orders the layers topologically and
 * works out every activation size, with MATLAB-style messages for each
 * structural fault: a cycle, an unconnected input, repeated names, sizes
 * that do not fit.
 */
import { matlabError } from '../runtime/errors.ts';
import { Layer, sizeText, type ActivationSize } from '../layers/Layer.ts';
import type { Topology } from './topology.ts';

/** A connection into input port `port` (0-based) of layer `to` from layer `from`, both by index. */
export interface Edge {
  from: number;
  to: number;
  port: number;
}

export interface Assembled {
  topology: Topology;
  /** inputSizes[i][p]: size arriving at input port p of layer i (topological order). */
  inputSizes: ActivationSize[][];
  /** outputSizes[i]: layer i's output size. */
  outputSizes: ActivationSize[];
}

/** Accept Layer[] (or a LayerArray) and reject anything else with a clear message. */
export function asLayerList(fn: string, layers: unknown): Layer[] {
  if (!Array.isArray(layers) || layers.length === 0 || !layers.every((l) => l instanceof Layer)) {
    matlabError(`${fn}:invalidLayers`, 'Invalid layers: expected a nonempty array of layers (as built with imageInputLayer, convolution2dLayer, …).');
  }
  return layers as Layer[];
}

/** MATLAB's default names: a type used once gets its bare name, repeated types get _1, _2, … */
export function assignDefaultNames(layers: readonly Layer[]): void {
  const counts = new Map<string, number>();
  for (const l of layers) if (l.Name === '') counts.set(l.defaultName, (counts.get(l.defaultName) ?? 0) + 1);
  const taken = new Set(layers.map((l) => l.Name).filter((n) => n !== ''));
  const seen = new Map<string, number>();
  for (const l of layers) {
    if (l.Name !== '') continue;
    let name: string;
    do {
      const k = (seen.get(l.defaultName) ?? 0) + 1;
      seen.set(l.defaultName, k);
      name = counts.get(l.defaultName)! > 1 ? `${l.defaultName}_${k}` : l.defaultName;
    } while (taken.has(name));
    taken.add(name);
    l.Name = name;
  }
  checkUniqueNames('trainNetwork', layers);
}

export function checkUniqueNames(fn: string, layers: readonly Layer[]): void {
  const names = new Set<string>();
  for (const l of layers) {
    if (l.Name !== '' && names.has(l.Name)) matlabError(`${fn}:invalidLayers`, `Invalid network: layer names must be unique; '${l.Name}' is used twice.`);
    names.add(l.Name);
  }
}

/** The edges of a chain: layer i − 1 into layer i. */
export function chainEdges(count: number): Edge[] {
  return Array.from({ length: Math.max(0, count - 1) }, (_, i) => ({ from: i, to: i + 1, port: 0 }));
}

/** Kahn's algorithm, stable in the given order; a cycle is an error naming its layers. */
function topologicalOrder(fn: string, layers: readonly Layer[], edges: readonly Edge[]): number[] {
  const indegree = layers.map(() => 0);
  for (const e of edges) indegree[e.to]++;
  const order: number[] = [];
  const ready = layers.flatMap((_, i) => (indegree[i] === 0 ? [i] : []));
  while (ready.length > 0) {
    ready.sort((a, b) => a - b);
    const i = ready.shift()!;
    order.push(i);
    for (const e of edges) if (e.from === i && --indegree[e.to] === 0) ready.push(e.to);
  }
  if (order.length < layers.length) {
    const inCycle = layers.filter((_, i) => indegree[i] > 0).map((l) => `'${l.Name}'`);
    matlabError(`${fn}:cycle`, `Invalid network: the layer graph has a cycle. Layers in or after the cycle: ${inCycle.join(', ')}.`);
  }
  return order;
}

/** Validate structure and sizes; `requireOutput` is true for training and for an assembled network. */
export function assembleGraph(fn: string, layers: Layer[], edges: readonly Edge[], requireOutput: boolean): Assembled {
  assignDefaultNames(layers);
  const inputs = layers.filter((l) => l.isInput);
  if (inputs.length === 0) {
    matlabError(`${fn}:missingInputLayer`, `Invalid network: the network must have an input layer (imageInputLayer or featureInputLayer); the first layer is a ${layers[0].Type} layer.`);
  }
  if (inputs.length > 1) matlabError(`${fn}:invalidLayers`, `Invalid network: the network has ${inputs.length} input layers (${inputs.map((l) => `'${l.Name}'`).join(', ')}); it must have exactly one.`);
  const portSources = layers.map((l) => new Array<number | undefined>(l.inputCount()).fill(undefined));
  for (const e of edges) {
    const l = layers[e.to];
    if (e.port >= l.inputCount()) matlabError(`${fn}:invalidConnection`, `Invalid network: layer '${l.Name}' has ${l.inputCount()} input(s) but a connection goes to input ${e.port + 1}.`);
    if (portSources[e.to][e.port] !== undefined) matlabError(`${fn}:invalidConnection`, `Invalid network: input '${l.inputNames()[e.port]}' of layer '${l.Name}' has two connections.`);
    if (layers[e.from].isOutput) matlabError(`${fn}:invalidConnection`, `Invalid network: output layer '${layers[e.from].Name}' cannot feed another layer.`);
    portSources[e.to][e.port] = e.from;
  }
  layers.forEach((l, i) => portSources[i].forEach((s, p) => {
    if (s === undefined) matlabError(`${fn}:unconnectedInput`, `Invalid network: input '${l.inputNames()[p]}' of layer '${l.Name}' is not connected.`);
  }));
  const outputs = layers.filter((l) => l.isOutput);
  if (requireOutput && outputs.length === 0) {
    matlabError(`${fn}:missingOutputLayer`, `Invalid network: the network must end with an output layer (classificationLayer or regressionLayer); the last layer is a ${layers[layers.length - 1].Type} layer.`);
  }
  if (outputs.length > 1) matlabError(`${fn}:invalidLayers`, `Invalid network: the network has ${outputs.length} output layers; this toolbox trains networks with exactly one.`);
  if (requireOutput) {
    layers.forEach((l, i) => {
      if (!l.isOutput && !edges.some((e) => e.from === i)) matlabError(`${fn}:unconnectedOutput`, `Invalid network: the output of layer '${l.Name}' is not connected to any layer.`);
    });
  }
  const order = topologicalOrder(fn, layers, edges);
  const position = new Map(order.map((i, k) => [i, k] as const));
  const sorted = order.map((i) => layers[i]);
  const sources = order.map((i) => portSources[i].map((s) => position.get(s!)!));
  const outputSizes: ActivationSize[] = [];
  const inputSizes: ActivationSize[][] = [];
  sorted.forEach((l, k) => {
    const ins = sources[k].map((s) => outputSizes[s]);
    inputSizes.push(ins);
    const size = l.isInput ? l.outputSize([0, 0, 0]) : l.outputSizeOf(ins);
    if (size.some((d) => !(d >= 1))) matlabError(`${fn}:invalidLayers`, `Invalid network: layer '${l.Name}' produces an empty ${sizeText(size)} output.`);
    outputSizes.push(size);
  });
  return { topology: { layers: sorted, sources }, inputSizes, outputSizes };
}

/** A layer array checked as a chain (MATLAB requires its input layer first and output layer last). */
export function assemble(fn: string, layers: Layer[], requireOutput: boolean): Assembled {
  if (!layers[0].isInput) {
    matlabError(`${fn}:missingInputLayer`, `Invalid network: the first layer must be an input layer (imageInputLayer); it is a ${layers[0].Type} layer.`);
  }
  layers.forEach((l, i) => {
    if (i > 0 && l.isInput) matlabError(`${fn}:invalidLayers`, `Invalid network: layer ${i + 1} is an input layer; a series network has exactly one, first.`);
    if (i < layers.length - 1 && l.isOutput) matlabError(`${fn}:invalidLayers`, `Invalid network: layer ${i + 1} (${l.Type}) is an output layer; it must be the last layer.`);
    if (i > 0 && l.inputCount() > 1) matlabError(`${fn}:invalidLayers`, `Invalid network: layer '${l.Name || l.defaultName}' has ${l.inputCount()} inputs; use layerGraph and connectLayers to connect them.`);
  });
  if (requireOutput && !layers[layers.length - 1].isOutput) {
    matlabError(`${fn}:missingOutputLayer`, `Invalid network: the last layer must be an output layer (classificationLayer or regressionLayer); it is a ${layers[layers.length - 1].Type} layer.`);
  }
  return assembleGraph(fn, layers, chainEdges(layers.length), requireOutput);
}

/** Settle every layer's input-dependent properties and initialise its unset learnables. */
export function initializeLayers(a: Assembled): void {
  a.topology.layers.forEach((l, i) => l.initialize(a.inputSizes[i][0] ?? a.outputSizes[i]));
}
