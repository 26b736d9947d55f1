/**
 * alexnet: the BVLC AlexNet as MATLAB ships it, 25 layers in series:
 * grouped conv2/conv4/conv5 (two groups, as in the original two-GPU model),
 * two cross-channel normalizations with K 1, and BiasLearnRateFactor 2 on
 * every convolution and fully connected layer (Caffe's bias lr_mult).
 */
import { convolution2dLayer } from '../layers/convolution2dLayer.ts';
import { groupedConvolution2dLayer } from '../layers/groupedConvolution2dLayer.ts';
import { crossChannelNormalizationLayer } from '../layers/crossChannelNormalizationLayer.ts';
import { reluLayer } from '../layers/activationLayers.ts';
import { maxPooling2dLayer } from '../layers/poolingLayers.ts';
import { dropoutLayer } from '../layers/dropoutLayer.ts';
import { fullyConnectedLayer } from '../layers/fullyConnectedLayer.ts';
import { softmaxLayer } from '../layers/outputLayers.ts';
import { LayerArray } from '../network/LayerArray.ts';
import type { SeriesNetwork } from '../network/SeriesNetwork.ts';
import { imagenetInput, imagenetOutput } from './imagenet.ts';
import { architecture } from './weights.ts';

const BIAS = ['BiasLearnRateFactor', 2] as const;
const lrn = (name: string) => crossChannelNormalizationLayer(5, 'Name', name, 'Alpha', 1e-4, 'Beta', 0.75, 'K', 1);
const pool = (name: string) => maxPooling2dLayer(3, 'Name', name, 'Stride', 2);

function alexnetLayers(): LayerArray {
  return LayerArray.fromLayers([
    imagenetInput('data', 227),
    convolution2dLayer(11, 96, 'Name', 'conv1', 'Stride', 4, ...BIAS), reluLayer('Name', 'relu1'), lrn('norm1'), pool('pool1'),
    groupedConvolution2dLayer(5, 128, 2, 'Name', 'conv2', 'Padding', 2, ...BIAS), reluLayer('Name', 'relu2'), lrn('norm2'), pool('pool2'),
    convolution2dLayer(3, 384, 'Name', 'conv3', 'Padding', 1, ...BIAS), reluLayer('Name', 'relu3'),
    groupedConvolution2dLayer(3, 192, 2, 'Name', 'conv4', 'Padding', 1, ...BIAS), reluLayer('Name', 'relu4'),
    groupedConvolution2dLayer(3, 128, 2, 'Name', 'conv5', 'Padding', 1, ...BIAS), reluLayer('Name', 'relu5'), pool('pool5'),
    fullyConnectedLayer(4096, 'Name', 'fc6', ...BIAS), reluLayer('Name', 'relu6'), dropoutLayer(0.5, 'Name', 'drop6'),
    fullyConnectedLayer(4096, 'Name', 'fc7', ...BIAS), reluLayer('Name', 'relu7'), dropoutLayer(0.5, 'Name', 'drop7'),
    fullyConnectedLayer(1000, 'Name', 'fc8', ...BIAS), softmaxLayer('Name', 'prob'), imagenetOutput('output'),
  ]);
}

/** `net = alexnet` (pretrained, not installed yet) or `layers = alexnet('Weights','none')`. */
export function alexnet(): SeriesNetwork;
export function alexnet(name: string, value: 'none'): LayerArray;
export function alexnet(...nv: unknown[]): SeriesNetwork | LayerArray;
export function alexnet(...nv: unknown[]): SeriesNetwork | LayerArray {
  return architecture('alexnet', nv, alexnetLayers) as SeriesNetwork | LayerArray;
}
