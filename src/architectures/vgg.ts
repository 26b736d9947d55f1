/**
 * vgg16 and vgg19: blocks of 3×3 convolutions (padding 1, each with its
 * ReLU; WeightL2Factor 0 as MATLAB's imported VGG carries) closed by a 2×2
 * stride-2 max pooling, then fc6/fc7 with dropout and fc8. 41 and 47 layers
 * in series.
 */
import type { Layer } from '../layers/Layer.ts';
import { convolution2dLayer } from '../layers/convolution2dLayer.ts';
import { reluLayer } from '../layers/activationLayers.ts';
import { maxPooling2dLayer } from '../layers/poolingLayers.ts';
import { dropoutLayer } from '../layers/dropoutLayer.ts';
import { fullyConnectedLayer } from '../layers/fullyConnectedLayer.ts';
import { softmaxLayer } from '../layers/outputLayers.ts';
import { LayerArray } from '../network/LayerArray.ts';
import type { SeriesNetwork } from '../network/SeriesNetwork.ts';
import { imagenetInput, imagenetOutput } from './imagenet.ts';
import { architecture } from './weights.ts';

const WIDTHS = [64, 128, 256, 512, 512];
/** Convolutions per block. */
const DEPTHS = { 16: [2, 2, 3, 3, 3], 19: [2, 2, 4, 4, 4] } as const;

function vggLayers(depth: keyof typeof DEPTHS): LayerArray {
  const layers: Layer[] = [imagenetInput('input', 224)];
  DEPTHS[depth].forEach((count, k) => {
    const b = k + 1;
    for (let i = 1; i <= count; i++) {
      layers.push(convolution2dLayer(3, WIDTHS[k], 'Name', `conv${b}_${i}`, 'Padding', 1, 'WeightL2Factor', 0), reluLayer('Name', `relu${b}_${i}`));
    }
    layers.push(maxPooling2dLayer(2, 'Name', `pool${b}`, 'Stride', 2));
  });
  layers.push(
    fullyConnectedLayer(4096, 'Name', 'fc6'), reluLayer('Name', 'relu6'), dropoutLayer(0.5, 'Name', 'drop6'),
    fullyConnectedLayer(4096, 'Name', 'fc7'), reluLayer('Name', 'relu7'), dropoutLayer(0.5, 'Name', 'drop7'),
    fullyConnectedLayer(1000, 'Name', 'fc8'), softmaxLayer('Name', 'prob'), imagenetOutput('output'),
  );
  return LayerArray.fromLayers(layers);
}

/** `net = vgg16` (pretrained, not installed yet) or `layers = vgg16('Weights','none')`. */
export function vgg16(): SeriesNetwork;
export function vgg16(name: string, value: 'none'): LayerArray;
export function vgg16(...nv: unknown[]): SeriesNetwork | LayerArray;
export function vgg16(...nv: unknown[]): SeriesNetwork | LayerArray {
  return architecture('vgg16', nv, () => vggLayers(16)) as SeriesNetwork | LayerArray;
}

/** `net = vgg19` (pretrained, not installed yet) or `layers = vgg19('Weights','none')`. */
export function vgg19(): SeriesNetwork;
export function vgg19(name: string, value: 'none'): LayerArray;
export function vgg19(...nv: unknown[]): SeriesNetwork | LayerArray;
export function vgg19(...nv: unknown[]): SeriesNetwork | LayerArray {
  return architecture('vgg19', nv, () => vggLayers(19)) as SeriesNetwork | LayerArray;
}
