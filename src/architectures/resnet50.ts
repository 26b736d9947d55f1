/**
 * resnet50: MATLAB's ResNet-50 (Keras-derived: res<s><b>_branch…,
 * bn…, activation_<k>_relu, add_<k>), a 177-layer graph of 16 bottleneck
 * blocks. Every convolution carries a bias, with BiasLearnRateFactor 0
 * except conv1 (MATLAB's published layers hold a Bias for each, so
 * analyzeNetwork counts 25,583,592 learnables); batch normalizations
 * have Epsilon 0.001.
 */
import type { Layer } from '../layers/Layer.ts';
import { convolution2dLayer } from '../layers/convolution2dLayer.ts';
import { batchNormalizationLayer } from '../layers/batchNormalizationLayer.ts';
import { reluLayer } from '../layers/activationLayers.ts';
import { maxPooling2dLayer, averagePooling2dLayer } from '../layers/poolingLayers.ts';
import { additionLayer } from '../layers/combinationLayers.ts';
import { fullyConnectedLayer } from '../layers/fullyConnectedLayer.ts';
import { softmaxLayer } from '../layers/outputLayers.ts';
import type { LayerGraph } from '../network/LayerGraph.ts';
import type { DAGNetwork } from '../network/DAGNetwork.ts';
import { imagenetInput, imagenetOutput } from './imagenet.ts';
import { graphOf, node, type GraphNode } from './graph.ts';
import { architecture } from './weights.ts';

/** A block convolution: its bias is not trained (factor 0). */
const conv = (name: string, size: number, filters: number, ...nv: unknown[]) =>
  convolution2dLayer(size, filters, 'Name', name, 'BiasLearnRateFactor', 0, ...nv);
const bn = (name: string) => batchNormalizationLayer('Name', name, 'Epsilon', 0.001);
const relu = (k: number) => reluLayer('Name', `activation_${k}_relu`);

/** Stage, blocks, bottleneck width, output width, stride of its first block. */
const STAGES: [number, number, number, number, number][] = [[2, 3, 64, 256, 1], [3, 4, 128, 512, 2], [4, 6, 256, 1024, 2], [5, 3, 512, 2048, 2]];

function resnet50Graph(): LayerGraph {
  const nodes: (GraphNode | Layer)[] = [
    imagenetInput('input_1', 224),
    convolution2dLayer(7, 64, 'Name', 'conv1', 'Stride', 2, 'Padding', 3), bn('bn_conv1'), relu(1),
    maxPooling2dLayer(3, 'Name', 'max_pooling2d_1', 'Stride', 2, 'Padding', 1),
  ];
  let source = 'max_pooling2d_1';
  let act = 1;
  let add = 0;
  for (const [stage, blocks, mid, out, firstStride] of STAGES) {
    for (let i = 0; i < blocks; i++) {
      const b = `${stage}${'abcdef'[i]}`;
      const stride = i === 0 ? firstStride : 1;
      nodes.push(
        node(conv(`res${b}_branch2a`, 1, mid, 'Stride', stride), source), bn(`bn${b}_branch2a`), relu(++act),
        conv(`res${b}_branch2b`, 3, mid, 'Padding', 'same'), bn(`bn${b}_branch2b`), relu(++act),
        conv(`res${b}_branch2c`, 1, out),
      );
      // Block a projects its input (branch1); MATLAB lists both convolutions before both normalizations.
      const shortcut = i === 0 ? `bn${b}_branch1` : source;
      if (i === 0) {
        nodes.push(
          node(conv(`res${b}_branch1`, 1, out, 'Stride', stride), source),
          node(bn(`bn${b}_branch2c`), `res${b}_branch2c`), node(bn(`bn${b}_branch1`), `res${b}_branch1`),
        );
      } else {
        nodes.push(bn(`bn${b}_branch2c`));
      }
      nodes.push(node(additionLayer(2, 'Name', `add_${++add}`), `bn${b}_branch2c`, shortcut), relu(++act));
      source = `activation_${act}_relu`;
    }
  }
  nodes.push(
    averagePooling2dLayer(7, 'Name', 'avg_pool', 'Stride', 7), fullyConnectedLayer(1000, 'Name', 'fc1000'),
    softmaxLayer('Name', 'fc1000_softmax'), imagenetOutput('ClassificationLayer_fc1000'),
  );
  return graphOf(nodes);
}

/** `net = resnet50` (pretrained, not installed yet) or `lgraph = resnet50('Weights','none')`. */
export function resnet50(): DAGNetwork;
export function resnet50(name: string, value: 'none'): LayerGraph;
export function resnet50(...nv: unknown[]): DAGNetwork | LayerGraph;
export function resnet50(...nv: unknown[]): DAGNetwork | LayerGraph {
  return architecture('resnet50', nv, resnet50Graph) as DAGNetwork | LayerGraph;
}
