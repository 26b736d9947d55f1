/**
 * MATLAB's value semantics for layers: trainNetwork, assembleNetwork and a
 * network's `Layers` hand out copies, never the layers themselves. A copy
 * holds the declared properties only (parameter arrays copy-on-write), so no
 * cache of the original travels with it.
 */
import type { Layer } from '../layers/Layer.ts';

export function cloneLayer<L extends Layer>(layer: L): L {
  return layer.clone();
}

export function cloneLayers(layers: readonly Layer[]): Layer[] {
  return layers.map(cloneLayer);
}
