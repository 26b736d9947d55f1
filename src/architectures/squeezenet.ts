/**
 * squeezenet: SqueezeNet v1.1 as MATLAB ships it, a 68-layer graph: eight
 * fire modules (a 1×1 squeeze feeding 1×1 and 3×3 expands joined by a depth
 * concatenation), a 1×1 classifier convolution and global average pooling.
 * MATLAB's default learn-rate factors throughout.
 */
import type { Layer } from '../layers/Layer.ts';
import { convolution2dLayer } from '../layers/convolution2dLayer.ts';
import { reluLayer } from '../layers/activationLayers.ts';
import { maxPooling2dLayer, globalAveragePooling2dLayer } from '../layers/poolingLayers.ts';
import { depthConcatenationLayer } from '../layers/combinationLayers.ts';
import { dropoutLayer } from '../layers/dropoutLayer.ts';
import { softmaxLayer } from '../layers/outputLayers.ts';
import type { LayerGraph } from '../network/LayerGraph.ts';
import type { DAGNetwork } from '../network/DAGNetwork.ts';
import { imagenetInput, imagenetOutput } from './imagenet.ts';
import { graphOf, node, type GraphNode } from './graph.ts';
import { architecture } from './weights.ts';

const relu = (name: string) => reluLayer('Name', name);

/** Fire module, squeeze width, expand width (of each expand branch). */
const FIRE: [number, number, number][] = [[2, 16, 64], [3, 16, 64], [4, 32, 128], [5, 32, 128], [6, 48, 192], [7, 48, 192], [8, 64, 256], [9, 64, 256]];
/** The stride-2 poolings after these modules. */
const POOL_AFTER = new Set([3, 5]);

function squeezenetGraph(): LayerGraph {
  const nodes: (GraphNode | Layer)[] = [
    imagenetInput('data', 227),
    convolution2dLayer(3, 64, 'Name', 'conv1', 'Stride', 2), relu('relu_conv1'), maxPooling2dLayer(3, 'Name', 'pool1', 'Stride', 2),
  ];
  for (const [k, squeeze, expand] of FIRE) {
    const p = `fire${k}-`;
    nodes.push(
      convolution2dLayer(1, squeeze, 'Name', `${p}squeeze1x1`), relu(`${p}relu_squeeze1x1`),
      convolution2dLayer(1, expand, 'Name', `${p}expand1x1`), relu(`${p}relu_expand1x1`),
      node(convolution2dLayer(3, expand, 'Name', `${p}expand3x3`, 'Padding', 1), `${p}relu_squeeze1x1`), relu(`${p}relu_expand3x3`),
      node(depthConcatenationLayer(2, 'Name', `${p}concat`), `${p}relu_expand1x1`, `${p}relu_expand3x3`),
    );
    if (POOL_AFTER.has(k)) nodes.push(maxPooling2dLayer(3, 'Name', `pool${k}`, 'Stride', 2, 'Padding', [0, 1, 0, 1]));
  }
  nodes.push(
    dropoutLayer(0.5, 'Name', 'drop9'), convolution2dLayer(1, 1000, 'Name', 'conv10'), relu('relu_conv10'),
    globalAveragePooling2dLayer('Name', 'pool10'), softmaxLayer('Name', 'prob'), imagenetOutput('ClassificationLayer_predictions'),
  );
  return graphOf(nodes);
}

/** `net = squeezenet` (pretrained, not installed yet) or `lgraph = squeezenet('Weights','none')`. */
export function squeezenet(): DAGNetwork;
export function squeezenet(name: string, value: 'none'): LayerGraph;
export function squeezenet(...nv: unknown[]): DAGNetwork | LayerGraph;
export function squeezenet(...nv: unknown[]): DAGNetwork | LayerGraph {
  return architecture('squeezenet', nv, squeezenetGraph) as DAGNetwork | LayerGraph;
}
