/**
 * analyzeNetwork(net | layers | lgraph): MATLAB's network analysis as a
 * console table — each layer's name, type, activation size and learnables
 * (with their sizes), then the total learnable count. Learnable sizes come
 * from the layers' declared size rules, so an untrained 61-million-weight
 * network is analysed without allocating its weights.
 */
import { matlabError } from '../runtime/errors.ts';
import { MArray } from '../runtime/marray.ts';
import { Layer, sizeText } from '../layers/Layer.ts';
import { writeOut } from '../runtime/output.ts';
import { assemble, assembleGraph, type Assembled } from './assemble.ts';
import { cloneLayers } from './cloneLayers.ts';
import { LayerGraph } from './LayerGraph.ts';
import { Network } from './Network.ts';

export interface LayerAnalysis {
  Name: string;
  Type: string;
  Activations: string;
  /** Learnable name → MATLAB size. */
  Learnables: [string, number[]][];
  NumLearnables: number;
}

export interface NetworkAnalysis {
  LayerInfo: LayerAnalysis[];
  TotalLearnables: number;
}

function assembled(fn: string, net: unknown): { a: Assembled; kind: string } {
  if (net instanceof Network) {
    return { a: assembleGraph(fn, cloneLayers(net.ownLayers), net.graph.sources.flatMap((s, to) => s.map((from, port) => ({ from, to, port }))), false), kind: net.constructor.name };
  }
  if (net instanceof LayerGraph) {
    const { layers, edges } = net.toEdges();
    return { a: assembleGraph(fn, layers, edges, false), kind: 'LayerGraph' };
  }
  if (Array.isArray(net) && net.length > 0 && net.every((l) => l instanceof Layer)) return { a: assemble(fn, cloneLayers(net), false), kind: 'Layer array' };
  return matlabError(`${fn}:invalidNetwork`, 'Invalid network: expected a network, a layer graph or a layer array.');
}

/** Each learnable's size: its value's, or the size its declaration gives for this input. */
function learnableSizes(layer: Layer, input: [number, number, number]): [string, number[]][] {
  const props = layer as unknown as Record<string, unknown>;
  // Input-dependent properties (groups, channels) settle on a copy first; no weights are drawn.
  const probe = layer.clone();
  probe.configure(input);
  return (layer.declaration.learnables ?? []).map((l) => {
    const v = props[l.name];
    return [l.name, v instanceof MArray ? v.dims : l.shape(probe, input).dims];
  });
}

export function analyzeNetwork(net: unknown): NetworkAnalysis {
  const FN = 'analyzeNetwork';
  const { a, kind } = assembled(FN, net);
  const { layers } = a.topology;
  const info: LayerAnalysis[] = layers.map((l, i) => {
    const input = a.inputSizes[i][0] ?? a.outputSizes[i];
    const learnables = learnableSizes(l, input);
    return {
      Name: l.Name, Type: l.Type, Activations: sizeText(a.outputSizes[i]), Learnables: learnables,
      NumLearnables: learnables.reduce((s, [, d]) => s + d.reduce((x, y) => x * y, 1), 0),
    };
  });
  const total = info.reduce((s, r) => s + r.NumLearnables, 0);
  writeOut(analysisText(kind, info, total));
  return { LayerInfo: info, TotalLearnables: total };
}

function analysisText(kind: string, info: LayerAnalysis[], total: number): string {
  const cols = info.map((r, i) => [
    String(i + 1), `'${r.Name}'`, r.Type, r.Activations,
    r.Learnables.length === 0 ? '-' : r.Learnables.map(([n, d]) => `${n} ${sizeText(d)}`).join('   '),
  ]);
  const head = ['#', 'Name', 'Type', 'Activations', 'Learnables'];
  const widths = head.map((h, k) => Math.max(h.length, ...cols.map((c) => c[k].length)));
  const line = (c: string[]) => `  ${c[0].padStart(widths[0])}   ${c.slice(1).map((s, k) => s.padEnd(widths[k + 1])).join('   ')}`.trimEnd();
  const rule = `  ${widths.map((w) => '_'.repeat(w)).join('   ')}`;
  return [
    `Analysis of ${kind === 'Layer array' ? 'a layer array' : `a ${kind}`} with ${info.length} layers:`, '',
    line(head), rule, ...cols.map(line), '',
    `  Total learnables: ${total}`, '',
  ].join('\n');
}
