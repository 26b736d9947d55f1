/**
 * googlenet: BVLC GoogLeNet as MATLAB ships it, a 144-layer graph: a stem,
 * nine inception modules (four branches joined by a depth concatenation)
 * and a global-average-pooling head. Names are BVLC's with '/' → '-';
 * BiasLearnRateFactor 2 on every convolution and the classifier, LRN K 1,
 * and the stride-2 poolings padded [0 1 0 1] (Caffe's ceil-mode windows).
 */
import { convolution2dLayer } from '../layers/convolution2dLayer.ts';
import { crossChannelNormalizationLayer } from '../layers/crossChannelNormalizationLayer.ts';
import { reluLayer } from '../layers/activationLayers.ts';
import { maxPooling2dLayer, globalAveragePooling2dLayer } from '../layers/poolingLayers.ts';
import { depthConcatenationLayer } from '../layers/combinationLayers.ts';
import { dropoutLayer } from '../layers/dropoutLayer.ts';
import { fullyConnectedLayer } from '../layers/fullyConnectedLayer.ts';
import { softmaxLayer } from '../layers/outputLayers.ts';
import type { Layer } from '../layers/Layer.ts';
import type { LayerGraph } from '../network/LayerGraph.ts';
import type { DAGNetwork } from '../network/DAGNetwork.ts';
import { imagenetInput, imagenetOutput } from './imagenet.ts';
import { graphOf, node, type GraphNode } from './graph.ts';
import { architecture } from './weights.ts';

const conv = (name: string, size: number, filters: number, ...nv: unknown[]) =>
  convolution2dLayer(size, filters, 'Name', name, 'BiasLearnRateFactor', 2, ...nv);
const relu = (name: string) => reluLayer('Name', name);
const lrn = (name: string) => crossChannelNormalizationLayer(5, 'Name', name, 'Alpha', 1e-4, 'Beta', 0.75, 'K', 1);
const downsample = (name: string) => maxPooling2dLayer(3, 'Name', name, 'Stride', 2, 'Padding', [0, 1, 0, 1]);

/** Module, then branch widths: 1x1, 3x3 reduce, 3x3, 5x5 reduce, 5x5, pool projection. */
const INCEPTION: [string, number, number, number, number, number, number][] = [
  ['3a', 64, 96, 128, 16, 32, 32], ['3b', 128, 128, 192, 32, 96, 64],
  ['4a', 192, 96, 208, 16, 48, 64], ['4b', 160, 112, 224, 24, 64, 64], ['4c', 128, 128, 256, 24, 64, 64],
  ['4d', 112, 144, 288, 32, 64, 64], ['4e', 256, 160, 320, 32, 128, 128],
  ['5a', 256, 160, 320, 32, 128, 128], ['5b', 384, 192, 384, 48, 128, 128],
];
/** The stride-2 poolings after these modules. */
const POOL_AFTER: Record<string, string> = { '3b': 'pool3-3x3_s2', '4e': 'pool4-3x3_s2' };

/** One inception module fed by `input`, in BVLC's layer order; its output is `inception_<tag>-output`. */
function inception(input: string, [tag, c1, r3, c3, r5, c5, proj]: (typeof INCEPTION)[number]): GraphNode[] {
  const p = `inception_${tag}-`;
  return [
    node(conv(`${p}1x1`, 1, c1), input), node(relu(`${p}relu_1x1`)),
    node(conv(`${p}3x3_reduce`, 1, r3), input), node(relu(`${p}relu_3x3_reduce`)),
    node(conv(`${p}3x3`, 3, c3, 'Padding', 1)), node(relu(`${p}relu_3x3`)),
    node(conv(`${p}5x5_reduce`, 1, r5), input), node(relu(`${p}relu_5x5_reduce`)),
    node(conv(`${p}5x5`, 5, c5, 'Padding', 2)), node(relu(`${p}relu_5x5`)),
    node(maxPooling2dLayer(3, 'Name', `${p}pool`, 'Stride', 1, 'Padding', 1), input),
    node(conv(`${p}pool_proj`, 1, proj)), node(relu(`${p}relu_pool_proj`)),
    node(depthConcatenationLayer(4, 'Name', `${p}output`), `${p}relu_1x1`, `${p}relu_3x3`, `${p}relu_5x5`, `${p}relu_pool_proj`),
  ];
}

function googlenetGraph(): LayerGraph {
  const nodes: (GraphNode | Layer)[] = [
    imagenetInput('data', 224),
    conv('conv1-7x7_s2', 7, 64, 'Stride', 2, 'Padding', 3), relu('conv1-relu_7x7'), downsample('pool1-3x3_s2'), lrn('pool1-norm1'),
    conv('conv2-3x3_reduce', 1, 64), relu('conv2-relu_3x3_reduce'), conv('conv2-3x3', 3, 192, 'Padding', 1), relu('conv2-relu_3x3'),
    lrn('conv2-norm2'), downsample('pool2-3x3_s2'),
  ];
  let source = 'pool2-3x3_s2';
  for (const m of INCEPTION) {
    nodes.push(...inception(source, m));
    source = `inception_${m[0]}-output`;
    const pool = POOL_AFTER[m[0]];
    if (pool) {
      nodes.push(downsample(pool));
      source = pool;
    }
  }
  nodes.push(
    globalAveragePooling2dLayer('Name', 'pool5-7x7_s1'), dropoutLayer(0.4, 'Name', 'pool5-drop_7x7_s1'),
    fullyConnectedLayer(1000, 'Name', 'loss3-classifier', 'BiasLearnRateFactor', 2), softmaxLayer('Name', 'prob'), imagenetOutput('output'),
  );
  return graphOf(nodes);
}

/** `net = googlenet` (pretrained, not installed yet) or `lgraph = googlenet('Weights','none')`. */
export function googlenet(): DAGNetwork;
export function googlenet(name: string, value: 'none'): LayerGraph;
export function googlenet(...nv: unknown[]): DAGNetwork | LayerGraph;
export function googlenet(...nv: unknown[]): DAGNetwork | LayerGraph {
  return architecture('googlenet', nv, googlenetGraph, ['imagenet', 'places365']) as DAGNetwork | LayerGraph;
}
