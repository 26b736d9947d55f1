/**
 * assembleNetwork(layers | lgraph): a network from layers whose parameters
 * are all given (Weights, Bias, …), without training; MATLAB errors on a
 * missing one.
 */
import { LayerGraph } from './LayerGraph.ts';
import { DAGNetwork } from './DAGNetwork.ts';
import { SeriesNetwork, assembleSeries, checkParametersGiven } from './SeriesNetwork.ts';

export function assembleNetwork(layers: unknown): SeriesNetwork | DAGNetwork {
  if (!(layers instanceof LayerGraph)) return assembleSeries(layers);
  const { layers: list, edges } = layers.toEdges();
  checkParametersGiven('assembleNetwork', list);
  return new DAGNetwork(list, edges);
}
