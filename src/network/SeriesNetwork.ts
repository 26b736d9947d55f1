/**
 * SeriesNetwork: a trained chain of layers (what trainNetwork returns for a
 * layer array), and assembleNetwork.
 */
import { matlabError } from '../runtime/errors.ts';
import type { Layer } from '../layers/Layer.ts';
import { Network, networkDisplay } from './Network.ts';
import { assemble, asLayerList } from './assemble.ts';
import { cloneLayers } from './cloneLayers.ts';

export class SeriesNetwork extends Network {
  /** Takes ownership of `layers`. */
  constructor(layers: Iterable<Layer>) {
    super(assemble('SeriesNetwork', [...layers], false));
  }

  displayMatlab(): string {
    return networkDisplay('SeriesNetwork', this.ownLayers.length, null, this.InputNames, this.OutputNames);
  }
}

/** MATLAB's error for a layer whose learnables were never given. */
export function checkParametersGiven(fn: string, layers: readonly Layer[]): void {
  for (const l of layers) {
    const props = l as unknown as Record<string, unknown>;
    for (const p of l.learnables()) {
      if (props[p.property] === null || props[p.property] === undefined) {
        matlabError(`${fn}:missingParameter`, `Invalid network: layer '${l.Name || l.Type}' has no '${p.property}'. Set every learnable parameter before assembling (or train the network with trainNetwork).`);
      }
    }
  }
}

/** assembleNetwork for a layer array; network/assembleNetwork.ts adds layer graphs. */
export function assembleSeries(layers: unknown): SeriesNetwork {
  const list = cloneLayers(asLayerList('assembleNetwork', layers));
  checkParametersGiven('assembleNetwork', list);
  return new SeriesNetwork(list);
}
