/**
 * layerGraph and its editing functions (addLayers, removeLayers,
 * replaceLayer, connectLayers, disconnectLayers). As in MATLAB they return a
 * new graph and leave the given one unchanged (value semantics); layers go
 * in and come out as copies.
 *
 * Connections name layers: a source is 'layer' (or 'layer/out'), a
 * destination 'layer' (its first input) or 'layer/in2'.
 */
import { matlabError } from '../runtime/errors.ts';
import { Cell } from '../runtime/cell.ts';
import { Table } from '../runtime/table.ts';
import { Layer } from '../layers/Layer.ts';
import { LayerArray } from './LayerArray.ts';
import { cloneLayers } from './cloneLayers.ts';
import { checkUniqueNames, chainEdges, type Edge } from './assemble.ts';
import { Network, networkDisplay } from './Network.ts';

/** A connection by names: from layer `source` into input port `port` (0-based) of layer `destination`. */
interface NamedEdge {
  source: string;
  destination: string;
  port: number;
}

export class LayerGraph {
  private readonly nodes: Layer[];
  private readonly links: NamedEdge[];

  /** Takes ownership of `nodes` (callers pass copies). */
  constructor(nodes: Layer[] = [], links: NamedEdge[] = []) {
    this.nodes = nodes;
    this.links = links;
  }

  /** Copies of the layers, in the order they were added. */
  get Layers(): LayerArray {
    return LayerArray.fromLayers(cloneLayers(this.nodes));
  }

  /** MATLAB's Connections table: Source and Destination, one row per connection. */
  get Connections(): Table {
    return connectionsTable(this.links.map((e) => [e.source, destinationText(this.layer('Connections', e.destination), e.port)]));
  }

  get InputNames(): string[] {
    return this.nodes.filter((l) => l.isInput).map((l) => l.Name);
  }

  get OutputNames(): string[] {
    return this.nodes.filter((l) => l.isOutput).map((l) => l.Name);
  }

  /** The graph as layers (copies) and index edges, for assembling a network. */
  toEdges(): { layers: Layer[]; edges: Edge[] } {
    const index = new Map(this.nodes.map((l, i) => [l.Name, i] as const));
    return { layers: cloneLayers(this.nodes), edges: this.links.map((e) => ({ from: index.get(e.source)!, to: index.get(e.destination)!, port: e.port })) };
  }

  /** Read-only view of the nodes and links, for plotting. */
  get structure(): { layers: readonly Layer[]; links: readonly NamedEdge[] } {
    return { layers: this.nodes, links: this.links };
  }

  layer(fn: string, name: string): Layer {
    const l = this.nodes.find((n) => n.Name === name);
    if (!l) matlabError(`${fn}:unknownLayer`, `Layer '${name}' does not exist in the layer graph.`);
    return l;
  }

  with(nodes: Layer[], links: NamedEdge[]): LayerGraph {
    return new LayerGraph(nodes, links);
  }

  displayMatlab(): string {
    return networkDisplay('LayerGraph', this.nodes.length, this.links.length, this.InputNames, this.OutputNames);
  }

  /** The internal lists, copied, for the editing functions. */
  parts(): { nodes: Layer[]; links: NamedEdge[] } {
    return { nodes: [...this.nodes], links: this.links.map((e) => ({ ...e })) };
  }
}

function destinationText(layer: Layer, port: number): string {
  return layer.inputCount() > 1 ? `${layer.Name}/${layer.inputNames()[port]}` : layer.Name;
}

export function connectionsTable(rows: [string, string][]): Table {
  return new Table({ Source: Cell.from(rows.map((r) => r[0])), Destination: Cell.from(rows.map((r) => r[1])) });
}

function layersOf(fn: string, v: unknown): Layer[] {
  const list = v instanceof Layer ? [v] : Array.isArray(v) && v.length > 0 && v.every((l) => l instanceof Layer) ? (v as Layer[]) : null;
  if (!list) matlabError(`${fn}:invalidLayers`, 'Invalid layers: expected a layer or an array of layers.');
  return list;
}

/** Layers given unique names before they enter a graph (MATLAB names unnamed ones at once). */
function nameNew(existing: readonly Layer[], added: Layer[]): void {
  const taken = new Set(existing.map((l) => l.Name));
  const counts = new Map<string, number>();
  for (const l of added) {
    if (l.Name !== '') continue;
    let k = (counts.get(l.defaultName) ?? 0) + 1;
    while (taken.has(`${l.defaultName}_${k}`)) k++;
    counts.set(l.defaultName, k);
    l.Name = `${l.defaultName}_${k}`;
    taken.add(l.Name);
  }
  for (const l of added) {
    if (existing.some((e) => e.Name === l.Name)) matlabError('addLayers:duplicateName', `Layer names must be unique: the layer graph already has a layer named '${l.Name}'.`);
  }
  checkUniqueNames('addLayers', added);
}

function checkGraph(fn: string, g: unknown): LayerGraph {
  if (!(g instanceof LayerGraph)) matlabError(`${fn}:invalidGraph`, 'The first argument must be a layer graph (created with layerGraph).');
  return g;
}

/** Sequential connections within an added array: each layer into the next one's first input. */
function sequentialLinks(layers: readonly Layer[]): NamedEdge[] {
  return chainEdges(layers.length).map((e) => ({ source: layers[e.from].Name, destination: layers[e.to].Name, port: 0 }));
}

/** `layerGraph`, `layerGraph(layers)`, `layerGraph(net)`. */
export function layerGraph(arg?: unknown): LayerGraph {
  if (arg === undefined) return new LayerGraph();
  if (arg instanceof Network) {
    const topo = arg.graph;
    const layers = cloneLayers(topo.layers);
    const links = topo.sources.flatMap((srcs, i) => srcs.map((s, p) => ({ source: layers[s].Name, destination: layers[i].Name, port: p })));
    return new LayerGraph(layers, links);
  }
  return addLayers(new LayerGraph(), arg);
}

/** `lgraph = addLayers(lgraph, larray)`: adds the layers, connected one after another among themselves. */
export function addLayers(lgraph: unknown, layers: unknown): LayerGraph {
  const g = checkGraph('addLayers', lgraph);
  const added = cloneLayers(layersOf('addLayers', layers));
  const { nodes, links } = g.parts();
  nameNew(nodes, added);
  return g.with([...nodes, ...added], [...links, ...sequentialLinks(added)]);
}

function namesOf(fn: string, v: unknown): string[] {
  const names = typeof v === 'string' ? [v] : Array.isArray(v) && v.every((s) => typeof s === 'string') ? (v as string[]) : null;
  if (!names) matlabError(`${fn}:invalidNames`, 'Layer names must be a character vector or a list of character vectors.');
  return names;
}

/** `lgraph = removeLayers(lgraph, names)`: removes the layers and their connections. */
export function removeLayers(lgraph: unknown, names: unknown): LayerGraph {
  const g = checkGraph('removeLayers', lgraph);
  const remove = namesOf('removeLayers', names);
  for (const n of remove) g.layer('removeLayers', n);
  const { nodes, links } = g.parts();
  return g.with(nodes.filter((l) => !remove.includes(l.Name)), links.filter((e) => !remove.includes(e.source) && !remove.includes(e.destination)));
}

/** Source 'layer' or 'layer/out' → the layer name. */
function parseSource(fn: string, g: LayerGraph, s: unknown): string {
  if (typeof s !== 'string') matlabError(`${fn}:invalidSource`, 'The source must be a layer name (a character vector).');
  const [name, port, extra] = s.split('/');
  const layer = g.layer(fn, name);
  if (extra !== undefined || (port !== undefined && !layer.outputNames().includes(port))) {
    matlabError(`${fn}:invalidSource`, `Invalid source '${s}': layer '${name}' has outputs ${layer.outputNames().map((o) => `'${o}'`).join(', ') || 'none'}.`);
  }
  if (layer.isOutput) matlabError(`${fn}:invalidSource`, `Invalid source '${s}': '${name}' is an output layer and has no output to connect.`);
  return name;
}

/** Destination 'layer' (single input) or 'layer/inK' → name and 0-based port. */
function parseDestination(fn: string, g: LayerGraph, d: unknown): { name: string; port: number } {
  if (typeof d !== 'string') matlabError(`${fn}:invalidDestination`, 'The destination must be a layer name (a character vector).');
  const [name, portName, extra] = d.split('/');
  const layer = g.layer(fn, name);
  if (layer.inputCount() === 0) matlabError(`${fn}:invalidDestination`, `Invalid destination '${d}': '${name}' is an input layer and has no input.`);
  if (portName === undefined) {
    if (layer.inputCount() > 1) matlabError(`${fn}:invalidDestination`, `Invalid destination '${d}': layer '${name}' has several inputs; name one, e.g. '${name}/${layer.inputNames()[0]}'.`);
    return { name, port: 0 };
  }
  const port = layer.inputNames().indexOf(portName);
  if (extra !== undefined || port < 0) matlabError(`${fn}:invalidDestination`, `Invalid destination '${d}': layer '${name}' has inputs ${layer.inputNames().map((o) => `'${o}'`).join(', ')}.`);
  return { name, port };
}

/** `lgraph = connectLayers(lgraph, s, d)`. */
export function connectLayers(lgraph: unknown, s: unknown, d: unknown): LayerGraph {
  const FN = 'connectLayers';
  const g = checkGraph(FN, lgraph);
  const source = parseSource(FN, g, s);
  const dest = parseDestination(FN, g, d);
  const { nodes, links } = g.parts();
  if (links.some((e) => e.destination === dest.name && e.port === dest.port)) {
    matlabError(`${FN}:alreadyConnected`, `Unable to connect to '${String(d)}': that input is already connected. Disconnect it first with disconnectLayers.`);
  }
  return g.with(nodes, [...links, { source, destination: dest.name, port: dest.port }]);
}

/** `lgraph = disconnectLayers(lgraph, s, d)`. */
export function disconnectLayers(lgraph: unknown, s: unknown, d: unknown): LayerGraph {
  const FN = 'disconnectLayers';
  const g = checkGraph(FN, lgraph);
  const source = parseSource(FN, g, s);
  const dest = parseDestination(FN, g, d);
  const { nodes, links } = g.parts();
  const kept = links.filter((e) => !(e.source === source && e.destination === dest.name && e.port === dest.port));
  if (kept.length === links.length) matlabError(`${FN}:notConnected`, `Layers '${source}' and '${String(d)}' are not connected.`);
  return g.with(nodes, kept);
}

/**
 * `lgraph = replaceLayer(lgraph, name, larray)`: the array (connected in
 * sequence) takes the layer's place; its first layer gets the old inputs and
 * its last the old outputs, so their port counts must match.
 */
export function replaceLayer(lgraph: unknown, name: unknown, larray: unknown): LayerGraph {
  const FN = 'replaceLayer';
  const g = checkGraph(FN, lgraph);
  if (typeof name !== 'string') matlabError(`${FN}:invalidName`, 'The layer name must be a character vector.');
  const old = g.layer(FN, name);
  const added = cloneLayers(layersOf(FN, larray));
  const first = added[0];
  const last = added[added.length - 1];
  if (first.inputCount() !== old.inputCount()) {
    matlabError(`${FN}:inputCountMismatch`, `Unable to replace layer '${name}': it has ${old.inputCount()} input(s) but the first new layer has ${first.inputCount()}.`);
  }
  if (last.outputCount() !== old.outputCount()) {
    matlabError(`${FN}:outputCountMismatch`, `Unable to replace layer '${name}': it has ${old.outputCount()} output(s) but the last new layer has ${last.outputCount()}.`);
  }
  const { nodes, links } = g.parts();
  const others = nodes.filter((l) => l !== old);
  nameNew(others, added);
  const at = nodes.indexOf(old);
  const rewired = links.map((e) => (e.destination === name ? { ...e, destination: first.Name } : e.source === name ? { ...e, source: last.Name } : e));
  return g.with([...nodes.slice(0, at), ...added, ...nodes.slice(at + 1)], [...rewired, ...sequentialLinks(added)]);
}
