/**
 * DAGNetwork: a trained layer graph (what trainNetwork and assembleNetwork
 * return for a layerGraph), with MATLAB's Connections table.
 */
import type { Table } from '../runtime/table.ts';
import type { Layer } from '../layers/Layer.ts';
import { Network, networkDisplay } from './Network.ts';
import { assembleGraph, type Edge } from './assemble.ts';
import { connectionsTable } from './LayerGraph.ts';

export class DAGNetwork extends Network {
  /** Takes ownership of `layers`. */
  constructor(layers: Layer[], edges: readonly Edge[]) {
    super(assembleGraph('DAGNetwork', layers, edges, false));
  }

  get Connections(): Table {
    const { layers, sources } = this.topology;
    return connectionsTable(sources.flatMap((srcs, i) => srcs.map((s, p): [string, string] => [
      layers[s].Name, layers[i].inputCount() > 1 ? `${layers[i].Name}/${layers[i].inputNames()[p]}` : layers[i].Name,
    ])));
  }

  /** The edges of the network's own topology (for saving and copying). */
  get edges(): Edge[] {
    return this.topology.sources.flatMap((srcs, i) => srcs.map((s, p) => ({ from: s, to: i, port: p })));
  }

  displayMatlab(): string {
    const n = this.ownLayers.length;
    const links = this.topology.sources.reduce((a, s) => a + s.length, 0);
    return networkDisplay('DAGNetwork', n, links, this.InputNames, this.OutputNames);
  }
}
