/**
 * Layer graphs written as MATLAB lists them: layers in `Layers` order, each
 * with the layers feeding its inputs (by default the layer before it). The
 * graph is built with the public addLayers/connectLayers, so every
 * connection is checked as a user's would be.
 */
import { Layer } from '../layers/Layer.ts';
import { LayerGraph, addLayers, connectLayers, layerGraph } from '../network/LayerGraph.ts';

export interface GraphNode {
  layer: Layer;
  /** Source layer names, in input-port order; undefined: the previous node. */
  inputs?: string[];
}

/** `layer` fed by `inputs` (in1, in2, …), or by the previous node when none are given. */
export function node(layer: Layer, ...inputs: string[]): GraphNode {
  return { layer, inputs: inputs.length > 0 ? inputs : undefined };
}

/** The graph of `nodes` in their order; connections sorted by source, then destination, as the Connections table lists them. */
export function graphOf(nodes: readonly (GraphNode | Layer)[]): LayerGraph {
  const list = nodes.map((n): GraphNode => (n instanceof Layer ? { layer: n } : n));
  const index = new Map(list.map((n, i) => [n.layer.Name, i] as const));
  const edges = list.flatMap((n, to) => {
    if (to === 0) return [];
    const sources = n.inputs ?? [list[to - 1].layer.Name];
    return sources.map((s, port) => ({ from: index.get(s) ?? -1, to, port, source: s }));
  });
  edges.sort((a, b) => a.from - b.from || a.to - b.to || a.port - b.port);
  let g = layerGraph();
  for (const n of list) g = addLayers(g, n.layer);
  for (const e of edges) {
    const dst = list[e.to].layer;
    g = connectLayers(g, e.source, dst.inputCount() > 1 ? `${dst.Name}/${dst.inputNames()[e.port]}` : dst.Name);
  }
  return g;
}
