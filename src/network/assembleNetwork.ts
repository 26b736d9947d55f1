/**
 * assembleNetwork(layers | lgraph): a network from layers whose parameters
 * are all given (Weights, Bias, …), without training; MATLAB errors on a
 * missing one.
 */
import { LayerGraph } from './LayerGraph.ts';
import { DAGNetwork } from './DAGNetwork.ts';
import { SeriesNetwork, assembleSeries, checkParametersGiven } from './SeriesNetwork.ts';
import { asLayerList } from './assemble.ts';
import { cloneLayers } from './cloneLayers.ts';

export function assembleNetwork(layers: unknown): SeriesNetwork | DAGNetwork {
  if (!(layers instanceof LayerGraph)) return assembleSeries(layers);
  const { layers: list, edges } = layers.toEdges();
  checkParametersGiven('assembleNetwork', list);
  return new DAGNetwork(list, edges);
}

/**
 * Internal, not a MATLAB function: the network of untrained layers (a layer
 * array or graph, e.g. `alexnet('Weights','none')`) with every unset
 * learnable drawn from its layer's initializer, as trainNetwork does before
 * its first iteration. The given layers are copied, never changed.
 */
export function initializedNetwork(layers: unknown): SeriesNetwork | DAGNetwork {
  if (!(layers instanceof LayerGraph)) return new SeriesNetwork(cloneLayers(asLayerList('initializedNetwork', layers)));
  const { layers: list, edges } = layers.toEdges();
  return new DAGNetwork(list, edges);
}
