/**
 * plot(lgraph) / plot(net): the layer graph drawn as MATLAB draws it — a
 * layered directed graph, inputs at the top, one dot per layer labelled
 * with its name, an arrow for each connection.
 */
import { Layer } from '../layers/Layer.ts';
import { LayerGraph } from '../network/LayerGraph.ts';
import { Network } from '../network/Network.ts';
import type { Axes } from './figureModel.ts';
import { gca } from './registry.ts';
import { el, line, n, text, type Rect } from './svg.ts';

interface Drawn {
  names: string[];
  edges: [number, number][];
}

/** Nodes and edges of a layer graph or network, by index. */
function graphOf(g: LayerGraph | Network): Drawn {
  if (g instanceof Network) {
    const { layers, sources } = g.graph;
    return { names: layers.map((l) => l.Name), edges: sources.flatMap((srcs, to) => srcs.map((from): [number, number] => [from, to])) };
  }
  const { layers, links } = g.structure;
  const index = new Map(layers.map((l: Layer, i: number) => [l.Name, i] as const));
  return { names: layers.map((l) => l.Name), edges: links.map((e): [number, number] => [index.get(e.source)!, index.get(e.destination)!]) };
}

/** Layer of each node: the longest path from a source (cycles, if any, are cut at the first revisit). */
function depths(d: Drawn): number[] {
  const depth = d.names.map(() => 0);
  for (let pass = 0; pass < d.names.length; pass++) {
    let changed = false;
    for (const [a, b] of d.edges) if (depth[b] < depth[a] + 1 && depth[a] + 1 < d.names.length) { depth[b] = depth[a] + 1; changed = true; }
    if (!changed) break;
  }
  return depth;
}

const NODE_COLOR = 'rgb(0,114,189)';
const EDGE_COLOR = 'rgb(0,114,189)';

function draw(d: Drawn, box: Rect): string {
  const depth = depths(d);
  const rows = Math.max(...depth, 0) + 1;
  const byRow: number[][] = Array.from({ length: rows }, () => []);
  d.names.forEach((_, i) => byRow[depth[i]].push(i));
  const pos = d.names.map((_, i) => {
    const row = byRow[depth[i]];
    const k = row.indexOf(i);
    // Each node gets an equal slice of the width, its label to the right of its dot.
    return [box.x + box.w * (k / row.length) + 8, box.y + box.h * ((depth[i] + 0.5) / rows)] as [number, number];
  });
  const font = Math.max(4, Math.min(11, (box.h / rows) * 0.8));
  const r = Math.max(1.5, Math.min(4, (box.h / rows) * 0.25));
  const arrows = d.edges.map(([a, b]) => {
    const [x1, y1] = pos[a];
    const [x2, y2] = pos[b];
    const len = Math.hypot(x2 - x1, y2 - y1) || 1;
    const [ux, uy] = [(x2 - x1) / len, (y2 - y1) / len];
    const [tx, ty] = [x2 - ux * r, y2 - uy * r];
    const head = `${n(tx)},${n(ty)} ${n(tx - ux * 2 * r - uy * r)},${n(ty - uy * 2 * r + ux * r)} ${n(tx - ux * 2 * r + uy * r)},${n(ty - uy * 2 * r - ux * r)}`;
    return line(x1, y1, tx, ty, { stroke: EDGE_COLOR, 'stroke-width': 0.8 }) + el('polygon', { points: head, fill: EDGE_COLOR });
  });
  const nodes = pos.map(([x, y], i) => el('circle', { cx: x, cy: y, r, fill: NODE_COLOR }) + text(x + r + 3, y, d.names[i], { size: font, baseline: 'middle' }));
  return [...arrows, ...nodes].join('');
}

export function isLayerGraphLike(x: unknown): x is LayerGraph | Network {
  return x instanceof LayerGraph || x instanceof Network;
}

/** Draw the graph into the current axes (a tall figure for deep networks). */
export function plotLayerGraph(g: LayerGraph | Network, ax: Axes = gca()): Axes {
  const d = graphOf(g);
  ax.reset();
  const depth = depths(d);
  const rows = Math.max(...depth, 0) + 1;
  // Wide enough for the widest row's labels, tall enough for one line per row.
  const widest = Math.max(...Array.from({ length: rows }, (_, r) => depth.filter((x) => x === r).length));
  const longest = Math.max(...d.names.map((s) => s.length));
  ax.custom = { size: [Math.max(560, Math.min(3000, widest * (longest * 6.5 + 24))), Math.max(420, Math.min(4000, rows * 16))], scale: 1.5, draw: (box) => draw(d, box) };
  ax.touch();
  return ax;
}
