/**
 * The bad-input catalogue (issue 11): wrong arguments to the public
 * functions, each of which must end in a MATLAB-style error — an identifier
 * 'fn:mnemonic' and a message naming the problem — never a raw TypeError or
 * RangeError, a Node errno, or silent acceptance. One row a case: the
 * function, what is wrong, the identifier expected, and the call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as D from '../src/index.ts';
import { MatlabError } from '../src/runtime/errors.ts';
import { makeImageTree, removeDir, tempDir } from './fixtures/imageTree.ts';
import { toyData } from './helpers/toyData.ts';
import { craftedHeaderBytes } from './fixtures/matFiles.ts';
import { pngBytes, pngChunk } from './fixtures/pngFiles.ts';

/** What the cases share, made once before they run. */
interface Fixtures {
  dir: string;
  root: string;
  ds: D.ImageDatastore;
  net: D.SeriesNetwork;
  X: D.MArray;
  Y: D.Categorical;
  img: D.MArray;
  layers: D.Layer[];
  textFile: string;
}
let fx: Fixtures;

interface Case {
  fn: string;
  what: string;
  id: string;
  call: () => unknown;
}
const cases: Case[] = [];
function bad(fn: string, what: string, id: string, call: () => unknown): void {
  cases.push({ fn, what, id, call });
}

const u8 = (dims: number[]) => D.MArray.zeros(dims, 'uint8');
const noSoftmax = () => [D.imageInputLayer([8, 8, 1]), D.fullyConnectedLayer(2), D.classificationLayer()];
const quiet = (...nv: unknown[]) => D.trainingOptions('sgdm', 'MaxEpochs', 1, 'Verbose', false, ...nv);

// ---------------------------------------------------------------- issue 11, items 7, 9–14, 16 and 17 (15 is under 'accepted')
bad('trainNetwork', 'classificationLayer without a softmaxLayer (item 10)', 'trainNetwork:missingSoftmax', () => D.trainNetwork(fx.X, fx.Y, noSoftmax(), quiet()));
bad('trainNetwork', "'ValidationData' with 4 images and 3 labels (item 11)", 'trainNetwork:invalidValidationData',
  () => D.trainNetwork(fx.X, fx.Y, fx.layers, quiet('ValidationData', [toyData(4, 3).X, toyData(3, 3).Y])));
bad('imfilter', "a char filter 'abc' (item 12)", 'MATLAB:imfilter:invalidType', () => D.imfilter(fx.img, 'abc' as never));
bad('imresize', 'a scale of 1e5 (item 13)', 'MATLAB:array:SizeLimitExceeded', () => D.imresize(fx.img, 1e5));
bad('readimage', 'a file no one may read (item 14)', 'MATLAB:imagesci:imread:cannotReadFile', () => {
  const ds = D.imageDatastore(path.join(fx.dir, 'noperm', 'a'));
  return ds.readimage(1);
});
bad('imread', 'a PNG above the pixel limit (item 16)', 'MATLAB:imagesci:imread:tooManyPixels', () => D.imread(path.join(fx.dir, 'huge.png')));
bad('imwrite', 'into a folder that does not exist (item 17)', 'MATLAB:imagesci:imwrite:fileOpen', () => D.imwrite(fx.img, path.join(fx.dir, 'missing', 'x.png')));
bad('readimage', 'an image of a loaded datastore whose folder has moved (item 7)', 'MATLAB:imread:fileNotFound', async () => {
  const ds = D.imageDatastore(path.join(fx.dir, 'moved', 'a'));
  const file = await D.save(path.join(fx.dir, 'moved-ws'), { ds });
  removeDir(path.join(fx.dir, 'moved'));
  const loaded = (await D.load(file)).ds as D.ImageDatastore;
  return loaded.readimage(1);
});
bad('load', 'deep nesting (item 9)', 'load:corruptFile', () => D.load(path.join(fx.dir, 'deep.mat')));

// ---------------------------------------------------------------- layers
bad('imageInputLayer', 'no size', 'imageInputLayer:invalidType', () => (D.imageInputLayer as (...a: unknown[]) => unknown)());
bad('imageInputLayer', 'a size of 4 numbers', 'imageInputLayer:invalidInputSize', () => D.imageInputLayer([8, 8, 1, 2]));
bad('imageInputLayer', 'a zero size', 'imageInputLayer:invalidInputSize', () => D.imageInputLayer([0, 8]));
bad('imageInputLayer', 'a text size', 'imageInputLayer:invalidType', () => D.imageInputLayer('28'));
bad('imageInputLayer', "an unknown 'Normalization'", 'imageInputLayer:unrecognizedStringChoice', () => D.imageInputLayer([8, 8, 1], 'Normalization', 'whiten'));
bad('imageInputLayer', 'an unknown option', 'imageInputLayer:unrecognizedParameter', () => D.imageInputLayer([8, 8, 1], 'Colour', 1));
bad('imageInputLayer', 'an option without its value', 'imageInputLayer:invalidNameValue', () => D.imageInputLayer([8, 8, 1], 'Name'));
bad('imageInputLayer', 'a numeric Name', 'imageInputLayer:invalidName', () => D.imageInputLayer([8, 8, 1], 'Name', 5));
bad('imageInputLayer', "a 'Mean' of the wrong size", 'imageInputLayer:invalidMean', () => D.imageInputLayer([8, 8, 1], 'Mean', D.zeros(3, 3)));
bad('featureInputLayer', 'a fractional count', 'featureInputLayer:invalidValue', () => D.featureInputLayer(2.5));
bad('featureInputLayer', 'a negative count', 'featureInputLayer:invalidValue', () => D.featureInputLayer(-1));
bad('convolution2dLayer', 'no filter count', 'convolution2dLayer:invalidType', () => (D.convolution2dLayer as (...a: unknown[]) => unknown)(3));
bad('convolution2dLayer', 'a zero filter size', 'convolution2dLayer:invalidValue', () => D.convolution2dLayer(0, 4));
bad('convolution2dLayer', 'a fractional filter count', 'convolution2dLayer:invalidValue', () => D.convolution2dLayer(3, 1.5));
bad('convolution2dLayer', 'a filter size of 3 numbers', 'convolution2dLayer:invalidValue', () => D.convolution2dLayer([3, 3, 3], 4));
bad('convolution2dLayer', 'a zero stride', 'convolution2dLayer:invalidValue', () => D.convolution2dLayer(3, 4, 'Stride', 0));
bad('convolution2dLayer', "an unknown 'Padding' word", 'convolution2dLayer:invalidPadding', () => D.convolution2dLayer(3, 4, 'Padding', 'valid'));
bad('convolution2dLayer', 'a negative padding', 'convolution2dLayer:invalidPadding', () => D.convolution2dLayer(3, 4, 'Padding', -1));
bad('convolution2dLayer', 'a padding of 3 numbers', 'convolution2dLayer:invalidPadding', () => D.convolution2dLayer(3, 4, 'Padding', [1, 2, 3]));
bad('convolution2dLayer', 'a zero dilation', 'convolution2dLayer:invalidValue', () => D.convolution2dLayer(3, 4, 'DilationFactor', 0));
bad('convolution2dLayer', 'a negative learn-rate factor', 'convolution2dLayer:invalidValue', () => D.convolution2dLayer(3, 4, 'WeightLearnRateFactor', -1));
bad('convolution2dLayer', 'an unknown initializer', 'convolution2dLayer:unrecognizedStringChoice', () => D.convolution2dLayer(3, 4, 'WeightsInitializer', 'xavier'));
bad('convolution2dLayer', "'Weights' of the wrong size", 'convolution2dLayer:invalidWeights', () => D.convolution2dLayer(3, 4, 'Weights', D.zeros(2, 2)));
bad('convolution2dLayer', "'Bias' of the wrong size", 'convolution2dLayer:invalidBias', () => D.convolution2dLayer(3, 4, 'Bias', D.zeros(1, 3)));
bad('convolution2dLayer', "text 'Weights'", 'convolution2dLayer:invalidValue', () => D.convolution2dLayer(3, 4, 'Weights', 'hello'));
bad('convolution2dLayer', "a fractional 'NumChannels'", 'convolution2dLayer:invalidValue', () => D.convolution2dLayer(3, 4, 'NumChannels', 1.5));
bad('convolution2dLayer', 'an unknown option', 'convolution2dLayer:unrecognizedParameter', () => D.convolution2dLayer(3, 4, 'Filters', 2));
bad('convolution2dLayer', "an unknown 'PaddingValue' word", 'convolution2dLayer:invalidPaddingValue', () => D.convolution2dLayer(3, 4, 'PaddingValue', 'mirror'));
bad('groupedConvolution2dLayer', 'a zero group count', 'groupedConvolution2dLayer:invalidValue', () => D.groupedConvolution2dLayer(3, 2, 0));
bad('groupedConvolution2dLayer', "an unknown groups word", 'groupedConvolution2dLayer:invalidType', () => D.groupedConvolution2dLayer(3, 2, 'channelwise'));
bad('groupedConvolution2dLayer', 'a fractional filter count per group', 'groupedConvolution2dLayer:invalidValue', () => D.groupedConvolution2dLayer(3, 0.5, 2));
bad('batchNormalizationLayer', "a zero 'Epsilon'", 'batchNormalizationLayer:invalidValue', () => D.batchNormalizationLayer('Epsilon', 0));
bad('batchNormalizationLayer', "a 'MeanDecay' above 1", 'batchNormalizationLayer:invalidValue', () => D.batchNormalizationLayer('MeanDecay', 2));
bad('batchNormalizationLayer', "a negative 'TrainedVariance'", 'batchNormalizationLayer:invalidTrainedVariance', () => D.batchNormalizationLayer('TrainedVariance', D.MArray.from([-1], [1, 1, 1])));
bad('batchNormalizationLayer', 'a positional argument', 'batchNormalizationLayer:invalidNameValue', () => D.batchNormalizationLayer(3));
bad('reluLayer', 'an unknown option', 'reluLayer:unrecognizedParameter', () => D.reluLayer('Ceiling', 2));
bad('reluLayer', 'a Name that is not text', 'reluLayer:invalidName', () => D.reluLayer('Name', ['a']));
bad('leakyReluLayer', 'a text scale', 'leakyReluLayer:invalidType', () => D.leakyReluLayer('big'));
bad('leakyReluLayer', 'a vector scale', 'leakyReluLayer:invalidValue', () => D.leakyReluLayer([0.1, 0.2]));
bad('clippedReluLayer', 'no ceiling', 'clippedReluLayer:invalidType', () => (D.clippedReluLayer as (...a: unknown[]) => unknown)());
bad('clippedReluLayer', 'a zero ceiling', 'clippedReluLayer:invalidCeiling', () => D.clippedReluLayer(0));
bad('clippedReluLayer', 'an infinite ceiling', 'clippedReluLayer:invalidCeiling', () => D.clippedReluLayer(Infinity));
bad('eluLayer', 'a zero alpha', 'eluLayer:invalidAlpha', () => D.eluLayer(0));
bad('eluLayer', 'a NaN alpha', 'eluLayer:invalidAlpha', () => D.eluLayer(NaN));
bad('sigmoidLayer', 'a positional argument', 'sigmoidLayer:invalidNameValue', () => D.sigmoidLayer(1));
bad('tanhLayer', 'an unknown option', 'tanhLayer:unrecognizedParameter', () => D.tanhLayer('Scale', 1));
bad('dropoutLayer', 'a probability of 1', 'dropoutLayer:invalidValue', () => D.dropoutLayer(1));
bad('dropoutLayer', 'a negative probability', 'dropoutLayer:invalidValue', () => D.dropoutLayer(-0.5));
bad('dropoutLayer', 'a text probability', 'dropoutLayer:invalidType', () => D.dropoutLayer('half'));
bad('fullyConnectedLayer', 'no output size', 'fullyConnectedLayer:invalidType', () => (D.fullyConnectedLayer as (...a: unknown[]) => unknown)());
bad('fullyConnectedLayer', 'a zero output size', 'fullyConnectedLayer:invalidValue', () => D.fullyConnectedLayer(0));
bad('fullyConnectedLayer', 'an infinite output size', 'fullyConnectedLayer:invalidValue', () => D.fullyConnectedLayer(Infinity));
bad('fullyConnectedLayer', "'Weights' with the wrong row count", 'fullyConnectedLayer:invalidWeights', () => D.fullyConnectedLayer(3, 'Weights', D.zeros(2, 4)));
bad('fullyConnectedLayer', "'Bias' of another length than the output size", 'fullyConnectedLayer:invalidBias', () => D.fullyConnectedLayer(3, 'Bias', D.zeros(4, 1)));
bad('fullyConnectedLayer', "a negative 'BiasL2Factor'", 'fullyConnectedLayer:invalidValue', () => D.fullyConnectedLayer(3, 'BiasL2Factor', -2));
bad('fullyConnectedLayer', 'an initializer handle returning the wrong size', 'trainNetwork:invalidInitializer', async () => {
  const fc = D.fullyConnectedLayer(2, 'WeightsInitializer', () => D.zeros(1, 1));
  return D.trainNetwork(fx.X, fx.Y, [D.imageInputLayer([8, 8, 1]), fc, D.softmaxLayer(), D.classificationLayer()], quiet());
});
bad('softmaxLayer', 'a positional argument', 'softmaxLayer:invalidNameValue', () => D.softmaxLayer(2));
bad('classificationLayer', "'Classes' with duplicates", 'classificationLayer:invalidClasses', () => D.classificationLayer('Classes', ['a', 'a']));
bad('classificationLayer', "numeric 'Classes'", 'classificationLayer:invalidClasses', () => D.classificationLayer('Classes', 5));
bad('classificationLayer', "'ClassWeights' without 'Classes'", 'classificationLayer:missingClasses', () => D.classificationLayer('ClassWeights', [1, 2]));
bad('classificationLayer', "negative 'ClassWeights'", 'classificationLayer:invalidClassWeights', () => D.classificationLayer('Classes', ['a', 'b'], 'ClassWeights', [1, -2]));
bad('classificationLayer', "'ClassWeights' of another length than 'Classes'", 'classificationLayer:invalidClassWeights', () => D.classificationLayer('Classes', ['a', 'b'], 'ClassWeights', [1, 2, 3]));
bad('regressionLayer', "numeric 'ResponseNames'", 'regressionLayer:invalidResponseNames', () => D.regressionLayer('ResponseNames', 3));
bad('maxPooling2dLayer', 'no pool size', 'maxPooling2dLayer:invalidType', () => (D.maxPooling2dLayer as (...a: unknown[]) => unknown)());
bad('maxPooling2dLayer', 'a zero pool size', 'maxPooling2dLayer:invalidValue', () => D.maxPooling2dLayer(0));
bad('maxPooling2dLayer', 'a fractional stride', 'maxPooling2dLayer:invalidValue', () => D.maxPooling2dLayer(2, 'Stride', 1.5));
bad('maxPooling2dLayer', "an unknown 'Padding' word", 'maxPooling2dLayer:invalidPadding', () => D.maxPooling2dLayer(2, 'Padding', 'full'));
bad('averagePooling2dLayer', 'a text pool size', 'averagePooling2dLayer:invalidType', () => D.averagePooling2dLayer('big'));
bad('averagePooling2dLayer', "an unknown 'PaddingValue' word", 'averagePooling2dLayer:invalidPaddingValue', () => D.averagePooling2dLayer(2, 'PaddingValue', 'median'));
bad('globalAveragePooling2dLayer', 'a positional argument', 'globalAveragePooling2dLayer:invalidNameValue', () => D.globalAveragePooling2dLayer(2));
bad('globalMaxPooling2dLayer', 'an unknown option', 'globalMaxPooling2dLayer:unrecognizedParameter', () => D.globalMaxPooling2dLayer('PoolSize', 2));
bad('crossChannelNormalizationLayer', 'no window size', 'crossChannelNormalizationLayer:invalidType', () => (D.crossChannelNormalizationLayer as (...a: unknown[]) => unknown)());
bad('crossChannelNormalizationLayer', 'a zero window', 'crossChannelNormalizationLayer:invalidValue', () => D.crossChannelNormalizationLayer(0));
bad('crossChannelNormalizationLayer', "a zero 'K'", 'crossChannelNormalizationLayer:invalidK', () => D.crossChannelNormalizationLayer(5, 'K', 0));
bad('additionLayer', 'one input', 'additionLayer:invalidNumInputs', () => D.additionLayer(1));
bad('additionLayer', 'no input count', 'additionLayer:invalidType', () => (D.additionLayer as (...a: unknown[]) => unknown)());
bad('depthConcatenationLayer', 'a fractional input count', 'depthConcatenationLayer:invalidValue', () => D.depthConcatenationLayer(2.5));
bad('concatenationLayer', 'dimension 0', 'concatenationLayer:invalidValue', () => D.concatenationLayer(0, 2));
bad('concatenationLayer', 'one input', 'concatenationLayer:invalidNumInputs', () => D.concatenationLayer(3, 1));
bad('flattenLayer', 'a positional argument', 'flattenLayer:invalidNameValue', () => D.flattenLayer(1));

// ---------------------------------------------------------------- networks and graphs
bad('layerGraph', 'a number', 'addLayers:invalidLayers', () => D.layerGraph(5));
bad('addLayers', 'a first argument that is not a graph', 'addLayers:invalidGraph', () => D.addLayers(5, D.reluLayer()));
bad('addLayers', 'a duplicate name', 'addLayers:duplicateName', () => D.addLayers(D.layerGraph(D.reluLayer('Name', 'r')), D.reluLayer('Name', 'r')));
bad('removeLayers', 'a name not in the graph', 'removeLayers:unknownLayer', () => D.removeLayers(D.layerGraph(D.reluLayer('Name', 'r')), 'nope'));
bad('connectLayers', 'an unknown source', 'connectLayers:unknownLayer', () => D.connectLayers(D.layerGraph(D.reluLayer('Name', 'r')), 'nope', 'r'));
bad('connectLayers', 'an unknown input port', 'connectLayers:invalidDestination', () => D.connectLayers(D.layerGraph([D.reluLayer('Name', 'a'), D.additionLayer(2, 'Name', 'add')]), 'a', 'add/in9'));
bad('disconnectLayers', 'layers that are not connected', 'disconnectLayers:notConnected', () => D.disconnectLayers(D.layerGraph([D.reluLayer('Name', 'a'), D.reluLayer('Name', 'b')]), 'b', 'a'));
bad('replaceLayer', 'a name not in the graph', 'replaceLayer:unknownLayer', () => D.replaceLayer(D.layerGraph(D.reluLayer('Name', 'r')), 'nope', D.reluLayer()));
bad('assembleNetwork', 'layers without their weights', 'assembleNetwork:missingParameter', () => D.assembleNetwork([D.imageInputLayer([8, 8, 1]), D.fullyConnectedLayer(2), D.softmaxLayer(), D.classificationLayer()]));
bad('assembleNetwork', 'a number', 'assembleNetwork:invalidLayers', () => D.assembleNetwork(5));
bad('analyzeNetwork', 'a number', 'analyzeNetwork:invalidNetwork', () => D.analyzeNetwork(5));
bad('trainNetwork', 'layers without an input layer', 'trainNetwork:missingInputLayer', () => D.trainNetwork(fx.X, fx.Y, [D.fullyConnectedLayer(2), D.softmaxLayer(), D.classificationLayer()], quiet()));
bad('trainNetwork', 'layers without an output layer', 'trainNetwork:missingOutputLayer', () => D.trainNetwork(fx.X, fx.Y, [D.imageInputLayer([8, 8, 1]), D.fullyConnectedLayer(2), D.softmaxLayer()], quiet()));
bad('trainNetwork', 'images of another size than the input layer', 'trainNetwork:imageSizeMismatch', () => D.trainNetwork(fx.X, fx.Y, [D.imageInputLayer([9, 9, 1]), D.fullyConnectedLayer(2), D.softmaxLayer(), D.classificationLayer()], quiet()));
bad('trainNetwork', 'fewer labels than images', 'trainNetwork:sizeMismatch', () => D.trainNetwork(fx.X, toyData(5, 1).Y, fx.layers, quiet()));
bad('trainNetwork', 'options that are not trainingOptions', 'trainNetwork:invalidOptions', () => D.trainNetwork(fx.X, fx.Y, fx.layers, { MaxEpochs: 1 }));
bad('trainNetwork', 'no options', 'trainNetwork:invalidOptions', () => (D.trainNetwork as (...a: unknown[]) => unknown)(fx.X, fx.Y, fx.layers));
bad('trainNetwork', 'layers that are a number', 'trainNetwork:invalidLayers', () => D.trainNetwork(fx.X, fx.Y, 5, quiet()));
bad('trainNetwork', 'a datastore without labels', 'trainNetwork:missingLabels', () => D.trainNetwork(D.imageDatastore(fx.root, 'IncludeSubfolders', true), [D.imageInputLayer([2, 3, 1]), D.fullyConnectedLayer(2), D.softmaxLayer(), D.classificationLayer()], quiet()));
bad('trainNetwork', 'a regression layer with categorical responses', 'trainNetwork:invalidOutput', () => D.trainNetwork(fx.X, fx.Y, [D.imageInputLayer([8, 8, 1]), D.fullyConnectedLayer(1), D.regressionLayer()], quiet()));
bad('trainNetwork', 'a fully connected size other than the class count', 'trainNetwork:outputSizeMismatch', () => D.trainNetwork(fx.X, fx.Y, [D.imageInputLayer([8, 8, 1]), D.fullyConnectedLayer(3), D.softmaxLayer(), D.classificationLayer()], quiet()));
bad('trainNetwork', 'a filter larger than its input', 'trainNetwork:invalidLayers', () => D.trainNetwork(fx.X, fx.Y, [D.imageInputLayer([8, 8, 1]), D.convolution2dLayer(9, 2), D.fullyConnectedLayer(2), D.softmaxLayer(), D.classificationLayer()], quiet()));
bad('trainNetwork', 'validation images of another size', 'trainNetwork:imageSizeMismatch', () => D.trainNetwork(fx.X, fx.Y, fx.layers, quiet('ValidationData', [D.MArray.zeros([9, 9, 1, 2], 'single'), D.categorical(['left', 'right'])])));
bad('predict', 'a network that is not one', 'predict:invalidNetwork', () => D.predict(fx.layers, fx.X));
bad('predict', 'images of another size', 'predict:imageSizeMismatch', () => D.predict(fx.net, D.MArray.zeros([9, 9, 1, 2], 'single')));
bad('predict', 'a zero MiniBatchSize', 'predict:invalidMiniBatchSize', () => D.predict(fx.net, fx.X, 'MiniBatchSize', 0));
bad('predict', 'an unknown option', 'predict:unrecognizedParameter', () => D.predict(fx.net, fx.X, 'BatchSize', 2));
bad('predict', "an unknown 'ExecutionEnvironment'", 'predict:unrecognizedStringChoice', () => D.predict(fx.net, fx.X, 'ExecutionEnvironment', 'tpu'));
bad('predict', 'text instead of images', 'predict:invalidData', () => D.predict(fx.net, 'images'));
bad('classify', 'a network that is not one', 'classify:invalidNetwork', () => D.classify(5, fx.X));
bad('classify', 'images with 3 channels for a 1-channel network', 'classify:imageSizeMismatch', () => D.classify(fx.net, D.MArray.zeros([8, 8, 3, 1], 'single')));
bad('activations', 'no layer', 'activations:invalidLayer', () => (D.activations as (...a: unknown[]) => unknown)(fx.net, fx.X));
bad('activations', 'a layer name not in the network', 'activations:invalidLayer', () => D.activations(fx.net, fx.X, 'nope'));
bad('activations', 'a layer index past the end', 'activations:invalidLayer', () => D.activations(fx.net, fx.X, 99));
bad('activations', "an unknown 'OutputAs'", 'activations:unrecognizedStringChoice', () => D.activations(fx.net, fx.X, 2, 'OutputAs', 'matrix'));

// ---------------------------------------------------------------- trainingOptions
bad('trainingOptions', 'no solver', 'trainingOptions:invalidType', () => (D.trainingOptions as (...a: unknown[]) => unknown)());
bad('trainingOptions', 'an unknown solver', 'trainingOptions:unrecognizedStringChoice', () => D.trainingOptions('lbfgs'));
bad('trainingOptions', 'an unknown option', 'trainingOptions:unrecognizedParameter', () => D.trainingOptions('sgdm', 'Epochs', 3));
bad('trainingOptions', 'an ambiguous prefix', 'trainingOptions:ambiguousParameter', () => D.trainingOptions('sgdm', 'Valid', 3));
bad('trainingOptions', 'a name without its value', 'trainingOptions:invalidNameValue', () => D.trainingOptions('sgdm', 'MaxEpochs'));
bad('trainingOptions', 'a zero MaxEpochs', 'trainingOptions:expectedPositive', () => D.trainingOptions('sgdm', 'MaxEpochs', 0));
bad('trainingOptions', 'a fractional MiniBatchSize', 'trainingOptions:expectedInteger', () => D.trainingOptions('sgdm', 'MiniBatchSize', 2.5));
bad('trainingOptions', 'a text InitialLearnRate', 'trainingOptions:invalidType', () => D.trainingOptions('sgdm', 'InitialLearnRate', 'fast'));
bad('trainingOptions', 'a negative InitialLearnRate', 'trainingOptions:expectedPositive', () => D.trainingOptions('sgdm', 'InitialLearnRate', -0.1));
bad('trainingOptions', 'a Momentum of 2', 'trainingOptions:notLessEqual', () => D.trainingOptions('sgdm', 'Momentum', 2));
bad('trainingOptions', 'Momentum for adam', 'trainingOptions:invalidOptionForSolver', () => D.trainingOptions('adam', 'Momentum', 0.9));
bad('trainingOptions', 'a GradientDecayFactor of 1', 'trainingOptions:notLess', () => D.trainingOptions('adam', 'GradientDecayFactor', 1));
bad('trainingOptions', 'a zero Epsilon', 'trainingOptions:notGreater', () => D.trainingOptions('adam', 'Epsilon', 0));
bad('trainingOptions', "an unknown 'Shuffle'", 'trainingOptions:unrecognizedStringChoice', () => D.trainingOptions('sgdm', 'Shuffle', 'sometimes'));
bad('trainingOptions', "an unknown 'Plots'", 'trainingOptions:unrecognizedStringChoice', () => D.trainingOptions('sgdm', 'Plots', 'live'));
bad('trainingOptions', "an unknown 'LearnRateSchedule'", 'trainingOptions:unrecognizedStringChoice', () => D.trainingOptions('sgdm', 'LearnRateSchedule', 'cosine'));
bad('trainingOptions', 'a LearnRateDropFactor of 2', 'trainingOptions:notLessEqual', () => D.trainingOptions('sgdm', 'LearnRateDropFactor', 2));
bad('trainingOptions', 'a text Verbose', 'trainingOptions:invalidType', () => D.trainingOptions('sgdm', 'Verbose', 'yes'));
bad('trainingOptions', "a one-element 'ValidationData' cell", 'trainingOptions:cellArrayNeedsTwoEntries', () => D.trainingOptions('sgdm', 'ValidationData', [fx.X]));
bad('trainingOptions', "a number as 'ValidationData'", 'trainingOptions:invalidValidationDataType', () => D.trainingOptions('sgdm', 'ValidationData', 5));
bad('trainingOptions', 'a zero ValidationFrequency', 'trainingOptions:expectedPositive', () => D.trainingOptions('sgdm', 'ValidationFrequency', 0));
bad('trainingOptions', 'a negative ValidationPatience', 'trainingOptions:invalidValidationPatience', () => D.trainingOptions('sgdm', 'ValidationPatience', -1));
bad('trainingOptions', 'a CheckpointPath that does not exist', 'trainingOptions:invalidCheckpointPath', () => D.trainingOptions('sgdm', 'CheckpointPath', path.join(fx.dir, 'no-such-folder')));
bad('trainingOptions', "an unknown 'CheckpointFrequencyUnit'", 'trainingOptions:unrecognizedStringChoice', () => D.trainingOptions('sgdm', 'CheckpointFrequencyUnit', 'hour'));
bad('trainingOptions', "'best-validation-loss' without validation data", 'trainingOptions:outputNetworkNeedsValidationData', () => D.trainingOptions('sgdm', 'OutputNetwork', 'best-validation-loss'));
bad('trainingOptions', "an unknown 'ExecutionEnvironment'", 'trainingOptions:unrecognizedStringChoice', () => D.trainingOptions('sgdm', 'ExecutionEnvironment', 'cloud'));
bad('trainingOptions', "a number as 'OutputFcn'", 'trainingOptions:invalidOutputFcn', () => D.trainingOptions('sgdm', 'OutputFcn', 5));
bad('trainingOptions', 'a negative L2Regularization', 'trainingOptions:expectedNonnegative', () => D.trainingOptions('sgdm', 'L2Regularization', -1));
bad('trainingOptions', "an unknown 'GradientThresholdMethod'", 'trainingOptions:unrecognizedStringChoice', () => D.trainingOptions('sgdm', 'GradientThresholdMethod', 'max'));

// ---------------------------------------------------------------- datastores and augmentation
bad('imageDatastore', 'a folder that does not exist', 'imageDatastore:fileNotFound', () => D.imageDatastore(path.join(fx.dir, 'nowhere')));
bad('imageDatastore', 'a folder without images', 'imageDatastore:noFilesFound', () => D.imageDatastore(path.join(fx.dir, 'empty')));
bad('imageDatastore', 'a number as location', 'imageDatastore:invalidLocation', () => D.imageDatastore(5 as never));
bad('imageDatastore', "an unknown 'LabelSource'", 'imageDatastore:unrecognizedStringChoice', () => D.imageDatastore(fx.root, 'LabelSource', 'filenames'));
bad('imageDatastore', "a text 'IncludeSubfolders'", 'imageDatastore:invalidLogical', () => D.imageDatastore(fx.root, 'IncludeSubfolders', 'yes'));
bad('imageDatastore', 'an unknown option', 'imageDatastore:unrecognizedParameter', () => D.imageDatastore(fx.root, 'Recursive', true));
bad('imageDatastore', "'Labels' of another length than the files", 'imageDatastore:invalidLabelsLength', () => D.imageDatastore(fx.root, 'IncludeSubfolders', true, 'Labels', D.categorical(['a'])));
bad('imageDatastore', 'a zero ReadSize', 'imageDatastore:invalidReadSize', () => D.imageDatastore(fx.root, 'IncludeSubfolders', true, 'ReadSize', 0));
bad('imageDatastore', "a text 'ReadFcn'", 'imageDatastore:invalidReadFcn', () => D.imageDatastore(fx.root, 'IncludeSubfolders', true, 'ReadFcn', 'imread'));
bad('imageDatastore', "'FileExtensions' without the dot", 'imageDatastore:invalidFileExtensions', () => D.imageDatastore(fx.root, 'IncludeSubfolders', true, 'FileExtensions', 'png'));
bad('readimage', 'index 0', 'readimage:invalidIndices', () => fx.ds.readimage(0));
bad('readimage', 'an index past the end', 'readimage:indexOutOfRange', () => fx.ds.readimage(99));
bad('readimage', 'a fractional index', 'readimage:invalidIndices', () => fx.ds.readimage(1.5));
bad('readimage', 'a text index', 'readimage:invalidIndices', () => D.readimage(fx.ds, 'first' as never));
bad('readimage', 'a number instead of a datastore', 'MATLAB:UndefinedFunction', () => D.readimage(5 as never, 1));
bad('readall', 'a file name instead of a datastore', 'MATLAB:UndefinedFunction', () => D.readall(fx.root as never));
bad('hasdata', 'a cell of file names', 'MATLAB:UndefinedFunction', () => D.hasdata(D.Cell.from(['a.png']) as never));
bad('shuffle', 'no datastore', 'MATLAB:UndefinedFunction', () => (D.shuffle as (...a: unknown[]) => unknown)());
bad('read', 'past the last image', 'MATLAB:datastoreio:splittabledatastore:noMoreData', async () => {
  const ds = D.imageDatastore(path.join(fx.root, 'a'));
  for (let i = 0; i < 5; i++) await D.read(ds);
});
bad('subset', 'indices past the end', 'subset:indexOutOfRange', () => D.subset(fx.ds, [1, 99]));
bad('subset', 'a fractional index', 'subset:invalidIndices', () => D.subset(fx.ds, [1.5]));
bad('splitEachLabel', 'a proportion of 1.5', 'splitEachLabel:fracMoreThanOne', () => D.splitEachLabel(fx.ds, 1.5));
bad('splitEachLabel', 'proportions summing over 1', 'splitEachLabel:sumFracMoreThanOne', () => D.splitEachLabel(fx.ds, 0.6, 0.6));
bad('splitEachLabel', 'more per label than there are', 'splitEachLabel:sumPropMoreThanLabels', () => D.splitEachLabel(fx.ds, 50));
bad('splitEachLabel', 'a negative proportion', 'splitEachLabel:nonPositiveProportions', () => D.splitEachLabel(fx.ds, -0.5));
bad('splitEachLabel', "an unknown split word", 'splitEachLabel:unrecognizedStringChoice', () => D.splitEachLabel(fx.ds, 0.5, 'shuffle'));
bad('splitEachLabel', 'a datastore without labels', 'splitEachLabel:splitWhenLabelsEmpty', () => D.splitEachLabel(D.imageDatastore(fx.root, 'IncludeSubfolders', true), 0.5));
bad('splitEachLabel', "'Include' of a label not in the datastore", 'splitEachLabel:includeNotInLabels', () => D.splitEachLabel(fx.ds, 0.5, 'Include', 'zebra'));
bad('splitEachLabel', 'no proportion', 'splitEachLabel:noNumericalInput', () => (D.splitEachLabel as (...a: unknown[]) => unknown)(fx.ds));
bad('splitEachLabel', 'a first argument that is not a datastore', 'MATLAB:UndefinedFunction', () => D.splitEachLabel(5 as never, 0.5));
bad('countEachLabel', 'a first argument that is not a datastore', 'MATLAB:UndefinedFunction', () => D.countEachLabel(5 as never));
bad('imageDataAugmenter', 'an unknown option', 'imageDataAugmenter:unrecognizedParameter', () => D.imageDataAugmenter('RandRotate', [0, 1]));
bad('imageDataAugmenter', 'a rotation range in the wrong order', 'nnet_cnn:imageDataAugmenter:invalidRange', () => D.imageDataAugmenter('RandRotation', [20, -20]));
bad('imageDataAugmenter', 'a rotation range of 3 numbers', 'nnet_cnn:imageDataAugmenter:invalidRange', () => D.imageDataAugmenter('RandRotation', [1, 2, 3]));
bad('imageDataAugmenter', 'a negative scale', 'nnet_cnn:imageDataAugmenter:invalidScale', () => D.imageDataAugmenter('RandScale', [-1, 2]));
bad('imageDataAugmenter', 'a text reflection flag', 'nnet_cnn:imageDataAugmenter:invalidReflection', () => D.imageDataAugmenter('RandXReflection', 'yes'));
bad('imageDataAugmenter', "an unknown 'FillValue'", 'nnet_cnn:imageDataAugmenter:invalidFillValue', () => D.imageDataAugmenter('FillValue', 'white'));
bad('augment', 'a number instead of images', 'nnet_cnn:imageDataAugmenter:invalidImage', () => D.augment(D.imageDataAugmenter(), 5 as never));
bad('augmentedImageDatastore', 'an output size of one number', 'nnet_cnn:augmentedImageDatastore:invalidOutputSize', () => D.augmentedImageDatastore(28, fx.ds));
bad('augmentedImageDatastore', 'a zero output size', 'nnet_cnn:augmentedImageDatastore:invalidOutputSize', () => D.augmentedImageDatastore([0, 28], fx.ds));
bad('augmentedImageDatastore', 'a number as data', 'nnet_cnn:augmentedImageDatastore:invalidInput', () => D.augmentedImageDatastore([4, 4], 5));
bad('augmentedImageDatastore', 'images without responses', 'nnet_cnn:augmentedImageDatastore:invalidResponses', () => D.augmentedImageDatastore([4, 4], fx.X, 'DataAugmentation', 'none', 'ColorPreprocessing', 'none', 'OutputSizeMode', 'resize', 'X'));
bad('augmentedImageDatastore', 'fewer responses than images', 'nnet_cnn:augmentedImageDatastore:invalidResponses', () => D.augmentedImageDatastore([4, 4], fx.X, toyData(3, 1).Y));
bad('augmentedImageDatastore', "an unknown 'ColorPreprocessing'", 'augmentedImageDatastore:unrecognizedStringChoice', () => D.augmentedImageDatastore([4, 4], fx.ds, 'ColorPreprocessing', 'sepia'));
bad('augmentedImageDatastore', "an unknown 'OutputSizeMode'", 'augmentedImageDatastore:unrecognizedStringChoice', () => D.augmentedImageDatastore([4, 4], fx.ds, 'OutputSizeMode', 'stretch'));
bad('augmentedImageDatastore', "a number as 'DataAugmentation'", 'nnet_cnn:augmentedImageDatastore:invalidAugmentation', () => D.augmentedImageDatastore([4, 4], fx.ds, 'DataAugmentation', 5));
bad('augmentedImageDatastore', 'a crop larger than the image', 'augmentedImageDatastore:cropTooLarge', () => D.augmentedImageDatastore([9, 9], fx.ds, 'OutputSizeMode', 'centercrop').read());

// ---------------------------------------------------------------- save and load
bad('save', 'no variables', 'save:invalidVariables', () => (D.save as (...a: unknown[]) => unknown)(path.join(fx.dir, 'x')));
bad('save', 'a number as file name', 'save:invalidFilename', () => D.save(5 as never, { a: 1 }));
bad('save', 'a variable name not given', 'save:variableNotFound', () => D.save(path.join(fx.dir, 'x'), { a: 1 }, 'b'));
bad('save', 'an invalid variable name', 'save:invalidVariableName', () => D.save(path.join(fx.dir, 'x'), { '1a': 1 }));
bad('save', 'into a folder that does not exist', 'save:cannotWriteFile', () => D.save(path.join(fx.dir, 'nowhere', 'x'), { a: 1 }));
bad('save', 'a function value', 'save:unsupportedType', () => D.save(path.join(fx.dir, 'fn'), { f: () => 1 }));
bad('save', 'a value nested too deep', 'save:tooDeep', () => {
  let deep: unknown[] = [];
  for (let i = 0; i < 2000; i++) deep = [deep];
  return D.save(path.join(fx.dir, 'deep-save'), { deep });
});
bad('load', 'a file that does not exist', 'load:fileNotFound', () => D.load(path.join(fx.dir, 'none.mat')));
bad('load', 'a text file', 'load:notMatFile', () => D.load(fx.textFile));
bad('load', 'a truncated file', 'load:truncatedFile', () => D.load(path.join(fx.dir, 'truncated.mat')));
bad('load', 'a variable the file does not hold', 'load:variableNotFound', () => D.load(path.join(fx.dir, 'good.mat'), 'zzz'));
bad('load', 'a number as variable name', 'load:invalidArgument', () => D.load(path.join(fx.dir, 'good.mat'), 5 as never));
bad('load', 'a folder', 'load:fileNotFound', () => D.load(fx.dir));

// ---------------------------------------------------------------- image functions
bad('imread', 'a file that does not exist', 'MATLAB:imread:fileNotFound', () => D.imread(path.join(fx.dir, 'none.png')));
bad('imread', 'a text file named .png', 'MATLAB:imagesci:imread:fileFormat', () => D.imread(path.join(fx.dir, 'text.png')));
bad('imread', 'a number as file name', 'MATLAB:imagesci:imread:badFilename', () => D.imread(5 as never));
bad('imread', 'a truncated PNG', 'MATLAB:imagesci:imread:fileFormat', () => D.imread(path.join(fx.dir, 'truncated.png')));
bad('imwrite', 'a 4-D array', 'MATLAB:imagesci:imwrite:invalidImage', () => D.imwrite(u8([2, 2, 3, 2]), path.join(fx.dir, 'x.png')));
bad('imwrite', 'an unknown file extension', 'MATLAB:imagesci:imwrite:fileFormat', () => D.imwrite(fx.img, path.join(fx.dir, 'x.xyz')));
bad('imwrite', 'no file name', 'MATLAB:imagesci:imwrite:badFilename', () => (D.imwrite as (...a: unknown[]) => unknown)(fx.img));
bad('imwrite', 'a cell instead of an image', 'MATLAB:imwrite:invalidType', () => D.imwrite(D.Cell.from([1]) as never, path.join(fx.dir, 'x.png')));
bad('imresize', 'a negative scale', 'images:imresize:invalidScale', () => D.imresize(fx.img, -1));
bad('imresize', 'a zero output size', 'images:imresize:invalidOutputSize', () => D.imresize(fx.img, [0, 4]));
bad('imresize', 'an unknown method', 'imresize:unrecognizedStringChoice', () => D.imresize(fx.img, 2, 'cubicspline'));
bad('imresize', 'no size', 'images:imresize:missingScaleOrSize', () => (D.imresize as (...a: unknown[]) => unknown)(fx.img));
bad('imresize', 'a text image', 'MATLAB:imresize:invalidType', () => D.imresize('img' as never, 2));
bad('imresize', 'a NaN scale', 'images:imresize:invalidScale', () => D.imresize(fx.img, NaN));
bad('imfilter', 'a 3-D filter', 'images:imfilter:filterNot2D', () => D.imfilter(fx.img, D.zeros(3, 3, 2)));
bad('imfilter', 'an unknown option', 'imfilter:unrecognizedStringChoice', () => D.imfilter(fx.img, D.ones(3, 3), 'wrap' as never));
bad('imfilter', 'a text image', 'MATLAB:imfilter:invalidType', () => D.imfilter('img' as never, D.ones(3, 3)));
bad('rgb2gray', 'a 2-channel image', 'images:rgb2gray:invalidInputSize', () => D.rgb2gray(u8([2, 2, 2])));
bad('rgb2gray', 'text instead of an image', 'MATLAB:rgb2gray:invalidType', () => D.rgb2gray('rgb' as never));
bad('fspecial', 'an unknown filter', 'fspecial:unrecognizedStringChoice', () => D.fspecial('blur'));
bad('fspecial', 'a negative size', 'images:fspecial:wrongSizeN', () => D.fspecial('average', -3));
bad('im2uint8', 'text', 'MATLAB:im2uint8:invalidType', () => D.im2uint8('x' as never));
bad('imtile', 'a number', 'MATLAB:imtile:invalidInput', () => D.imtile(5 as never));
bad('imshow', 'a file that does not exist', 'MATLAB:imread:fileNotFound', () => D.imshow(path.join(fx.dir, 'none.png')));
bad('imshow', 'a 2-channel image', 'MATLAB:imshow:invalidImage', () => D.imshow(u8([2, 2, 2])));
bad('montage', 'a number', 'MATLAB:montage:invalidInput', () => D.montage(5 as never));
bad('confusionchart', 'a non-square matrix', 'MATLAB:confusionchart:invalidMatrix', () => D.confusionchart(D.zeros(2, 3)));
bad('confusionchart', 'label vectors of different lengths', 'stats:confusionmat:GroupLenMismatch', () => D.confusionchart(D.categorical(['a', 'b']), D.categorical(['a'])));
bad('confusionmat', 'groups of different lengths', 'stats:confusionmat:GroupLenMismatch', () => D.confusionmat(D.categorical(['a', 'b']), D.categorical(['a'])));
bad('plot', 'x and y of different lengths', 'MATLAB:plot:XYLengthMismatch', () => D.plot([1, 2, 3], [1, 2]));
bad('subplot', 'a position past the grid', 'MATLAB:subplot:IndexOutOfRange', () => D.subplot(2, 2, 5));
bad('figure', 'a negative figure number', 'MATLAB:figure:InvalidFigureNumber', () => D.figure(-1));
bad('trainAutoencoder', 'a zero hidden size', 'trainAutoencoder:invalidHiddenSize', () => D.trainAutoencoder(D.rand(4, 10), 0));
bad('trainAutoencoder', 'an unknown option', 'trainAutoencoder:unrecognizedParameter', () => D.trainAutoencoder(D.rand(4, 10), 2, 'Epochs', 3));
bad('trainAutoencoder', 'text data', 'trainAutoencoder:invalidInput', () => D.trainAutoencoder('data', 2));

// ---------------------------------------------------------------- runtime
bad('zeros', 'a fractional size', 'MATLAB:NonIntegerInput', () => D.zeros(2.5));
bad('zeros', 'an unknown class', 'MATLAB:zeros:invalidOutputType', () => D.zeros(2, 'float'));
bad('zeros', 'a size too large for memory', 'MATLAB:array:SizeLimitExceeded', () => D.zeros(1e6, 1e6));
bad('ones', 'a NaN size', 'MATLAB:NonIntegerInput', () => D.ones(NaN));
bad('rand', 'a text size', 'MATLAB:rand:invalidOutputType', () => D.rand('big'));
bad('randi', 'a zero upper bound', 'MATLAB:randi:invalidLimits', () => D.randi(0));
bad('randi', 'limits in the wrong order', 'MATLAB:randi:invalidLimits', () => D.randi([5, 1], 2));
bad('randperm', 'k larger than n', 'MATLAB:randperm:inputKTooLarge', () => D.randperm(3, 5));
bad('rng', 'an unknown generator', 'MATLAB:rng:unsupportedGenerator', () => D.rng(1, 'whatever'));
bad('rng', 'a negative seed', 'MATLAB:rng:badSeed', () => D.rng(-1));
bad('reshape', 'a size with another element count', 'MATLAB:getReshapeDims:notSameNumel', () => D.reshape(D.ones(2, 3), 4, 2));
bad('reshape', 'two placeholders', 'MATLAB:getReshapeDims:unknownDim', () => D.reshape(D.ones(2, 3), null, null));
bad('reshape', 'a placeholder that does not divide', 'MATLAB:getReshapeDims:notDivisible', () => D.reshape(D.ones(2, 3), 4, null));
bad('cat', 'sizes that do not agree', 'MATLAB:catenate:dimensionMismatch', () => D.cat(1, D.ones(2, 3), D.ones(2, 2)));
bad('cat', 'dimension 0', 'MATLAB:catenate:invalidDimension', () => D.cat(0, D.ones(2, 2), D.ones(2, 2)));
bad('horzcat', 'row counts that differ', 'MATLAB:catenate:dimensionMismatch', () => D.horzcat(D.ones(2, 2), D.ones(3, 2)));
bad('vertcat', 'column counts that differ', 'MATLAB:catenate:dimensionMismatch', () => D.vertcat(D.ones(2, 2), D.ones(2, 3)));
bad('plus', 'sizes that do not broadcast', 'MATLAB:sizeDimensionsMustMatch', () => D.plus(D.ones(2, 3), D.ones(3, 2)));
bad('times', 'sizes that do not broadcast', 'MATLAB:sizeDimensionsMustMatch', () => D.times(D.ones(2, 3), D.ones(1, 2)));
bad('mtimes', 'inner dimensions that differ', 'MATLAB:innerdim', () => D.mtimes(D.ones(2, 3), D.ones(2, 3)));
bad('sum', 'dimension 0', 'MATLAB:sum:invalidDim', () => D.sum(D.ones(2, 2), 0));
bad('mean', 'a fractional dimension', 'MATLAB:mean:invalidDim', () => D.mean(D.ones(2, 2), 1.5));
bad('max', 'sizes that do not broadcast', 'MATLAB:sizeDimensionsMustMatch', () => D.max(D.ones(2, 3), D.ones(3, 2)));
bad('linspace', 'a text count', 'MATLAB:linspace:invalidInput', () => D.linspace(0, 1, 'ten' as never));
bad('magic', 'a text order', 'MATLAB:magic:invalidInput', () => D.magic('three' as never));
bad('size', 'dimension 0', 'MATLAB:getdimarg:dimensionMustBePositiveInteger', () => D.size(D.ones(2, 2), 0));
bad('transpose', 'an N-d array', 'MATLAB:transpose:ndArray', () => D.transpose(D.ones(2, 2, 2)));
bad('at', 'an index past the end', 'MATLAB:badsubscript', () => D.at(D.ones(2, 2), 5));
bad('at', 'index 0', 'MATLAB:badsubscript', () => D.at(D.ones(2, 2), 0));
bad('categorical', 'a struct instead of values', 'MATLAB:categorical:InvalidData', () => D.categorical({ a: 1 } as never));
bad('table', 'columns of different heights', 'MATLAB:table:UnequalVarLengths', () => D.table({ a: D.ones(2, 1), b: D.ones(3, 1) }));
bad('cell', 'a fractional size', 'MATLAB:NonIntegerInput', () => D.cell(2.5));
bad('cell', 'two rows and three columns (cells are vectors here)', 'MATLAB:cell:multiRow', () => D.cell(2, 3));
bad('strsplit', 'a number', 'MATLAB:strsplit:InvalidStringType', () => D.strsplit(5 as never));
bad('strjoin', 'a number', 'MATLAB:strjoin:InvalidCellType', () => D.strjoin(5 as never));
bad('sprintf', 'a number as format', 'MATLAB:sprintf:formatNotString', () => D.sprintf(5 as never));
bad('fprintf', 'a cell argument', 'MATLAB:fprintf:InvalidInputType', () => D.fprintf('%d\n', D.Cell.from([1])));
bad('sprintf', 'a cell of numbers', 'MATLAB:sprintf:InvalidInputType', () => D.sprintf('%d', D.Cell.from([1, 2])));
bad('plus', 'a cell of numbers', 'MATLAB:UndefinedFunction', () => D.plus(D.Cell.from([1, 2]), 1));
bad('sum', 'a cell of numbers', 'MATLAB:UndefinedFunction', () => D.sum(D.Cell.from([1, 2]) as never));
bad('reshape', 'a cell of numbers', 'MATLAB:UndefinedFunction', () => D.reshape(D.Cell.from([1, 2]) as never, 2, 1));
bad('zeros', 'a cell as size vector', 'MATLAB:getdimarg:invalidDim', () => D.zeros(D.Cell.from([1, 2]) as never));
bad('num2str', 'a cell', 'MATLAB:num2str:nonNumericInput', () => D.num2str(D.Cell.from([1]) as never));
bad('struct', 'an odd number of arguments', 'MATLAB:struct:InvalidFieldValuePair', () => (D.struct as (...a: unknown[]) => unknown)('a'));
bad('fieldnames', 'a number', 'MATLAB:fieldnames:InvalidInput', () => D.fieldnames(5 as never));
bad('uint8', 'a cell', 'MATLAB:invalidConversion', () => D.uint8(D.Cell.from([1]) as never));
bad('double', 'a cell', 'MATLAB:invalidConversion', () => D.double(D.Cell.from([1]) as never));
bad('logical', 'NaN', 'MATLAB:nologicalnan', () => D.logical(NaN));
bad('mod', 'sizes that do not broadcast', 'MATLAB:sizeDimensionsMustMatch', () => D.mod(D.ones(2, 3), D.ones(3, 2)));
bad('sort', 'an unknown direction', 'sort:unrecognizedStringChoice', () => D.sort(D.ones(2, 2), 'up' as never));
bad('find', 'a negative count', 'MATLAB:find:nonIntegerOrNegativeK', () => D.find(D.ones(2, 2), -1));
bad('fullfile', 'a number', 'MATLAB:fullfile:NonCharInputs', () => D.fullfile('a', 5 as never));
bad('error', 'its own call', 'my:own', () => D.error('my:own', 'Failure %d.', 3));

/** Arguments that look wrong but that MATLAB accepts: they must not turn into errors either. */
const accepted: [string, () => unknown, (v: never) => void][] = [
  ['zeros(-1, 2) is 0×2 (negative sizes are 0)', () => D.zeros(-1, 2), (v: D.MArray) => expect(v.dims).toEqual([0, 2])],
  ['colon(1, 0, 5) is 1×0', () => D.colon(1, 0, 5), (v: D.MArray) => expect(v.dims).toEqual([1, 0])],
  ['repmat(A, -1) is 0×0', () => D.repmat(D.ones(2, 2), -1), (v: D.MArray) => expect(v.dims).toEqual([0, 0])],
  ['eye(-2) is 0×0', () => D.eye(-2), (v: D.MArray) => expect(v.dims).toEqual([0, 0])],
  ['cell(-1) is 0×0', () => D.cell(-1), (v: D.Cell<unknown>) => expect(v.dims).toEqual([0, 0])],
  ["categorical(5) is one element, '5'", () => D.categorical(5), (v: D.Categorical) => expect([v.numel, ...v.categories]).toEqual([1, '5'])],
  ["categorical('abc') is one element, not three", () => D.categorical('abc'), (v: D.Categorical) => expect([v.numel, ...v.categories]).toEqual([1, 'abc'])],
  ["uint8('x') is its character code", () => D.uint8('x' as never), (v: D.MArray) => expect([...v.data]).toEqual([120])],
  ['a 16-bit PNG reads as uint16 (item 15)', () => D.imread(path.join(fx.dir, 'deep16.png')), (v: D.MArray) => expect([v.cls, ...v.dims, ...v.data]).toEqual(['uint16', 1, 2, 1000, 65535])],
  ['imresize(5, 2) resizes a 1×1 image', () => D.imresize(5 as never, 2), (v: D.MArray) => expect([...v.dims, ...v.data]).toEqual([2, 2, 5, 5, 5, 5])],
];

/** Where a case ends: the error it throws or rejects with, or null when it returns. */
async function outcome(call: () => unknown): Promise<unknown> {
  try {
    await call();
    return null;
  } catch (e) {
    return e;
  }
}

beforeAll(async () => {
  const dir = tempDir('dltb-catalogue-');
  const root = await makeImageTree(path.join(dir, 'images'), { a: 4, b: 4 });
  await makeImageTree(path.join(dir, 'noperm'), { a: 1 });
  const noperm = path.join(dir, 'noperm', 'a');
  renameSync(path.join(noperm, 'img00.png'), path.join(noperm, 'x.png'));
  if (process.getuid?.() === 0) {
    // Root reads any file: a symbolic-link loop is what no one can read.
    removeDir(path.join(noperm, 'x.png'));
    symlinkSync('y.png', path.join(noperm, 'x.png'));
    symlinkSync('x.png', path.join(noperm, 'y.png'));
  } else {
    chmodSync(path.join(noperm, 'x.png'), 0o000);
  }
  await makeImageTree(path.join(dir, 'moved'), { a: 1 });
  mkdirSync(path.join(dir, 'empty'));
  const textFile = path.join(dir, 'notes.mat');
  writeFileSync(textFile, 'not a MAT-file\n');
  writeFileSync(path.join(dir, 'text.png'), 'not a PNG\n');
  const png = pngBytes(4, 4, 0, 8, new Array(16).fill(9));
  writeFileSync(path.join(dir, 'truncated.png'), png.subarray(0, png.length - 20));
  // A PNG whose header claims more pixels than the limit (the check precedes decoding).
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(20000, 0);
  ihdr.writeUInt32BE(20000, 4);
  ihdr[8] = 8;
  writeFileSync(path.join(dir, 'deep16.png'), pngBytes(2, 1, 0, 16, [1000, 65535]));
  writeFileSync(path.join(dir, 'huge.png'), Buffer.concat([png.subarray(0, 8), pngChunk('IHDR', ihdr), pngChunk('IEND', Buffer.alloc(0))]));
  const good = await D.save(path.join(dir, 'good'), { a: 1 });
  const bytes = readFileSync(good);
  writeFileSync(path.join(dir, 'truncated.mat'), bytes.subarray(0, Math.floor(bytes.length / 2)));
  const depth = 5000;
  writeFileSync(path.join(dir, 'deep.mat'), craftedHeaderBytes(`{"format":"DLTBMAT","version":1,"vars":{"x":${'{"t":"arr","v":['.repeat(depth)}1${']}'.repeat(depth)}},"blobs":[]}`));
  const { X, Y } = toyData(8, 1);
  const layers = [D.imageInputLayer([8, 8, 1]), D.fullyConnectedLayer(2), D.softmaxLayer(), D.classificationLayer()];
  const net = await D.trainNetwork(X, Y, layers, quiet()) as D.SeriesNetwork;
  const ds = D.imageDatastore(root, 'IncludeSubfolders', true, 'LabelSource', 'foldernames');
  fx = { dir, root, ds, net, X, Y, img: u8([28, 28]), layers, textFile };
}, 60_000);
afterAll(() => removeDir(fx.dir));

describe(`bad-input catalogue (${cases.length} cases)`, () => {
  it('has at least 150 cases', () => {
    console.log(`bad-input catalogue: ${cases.length} cases`);
    expect(cases.length).toBeGreaterThanOrEqual(150);
  });
  for (const c of cases) {
    it(`${c.fn}: ${c.what}`, async () => {
      const e = await outcome(c.call);
      expect(e, 'accepted silently').not.toBeNull();
      expect(e, `not a MATLAB-style error: ${String(e)}`).toBeInstanceOf(MatlabError);
      const err = e as MatlabError;
      expect(err.identifier).toBe(c.id);
      // A message a user can act on: a sentence, with no JavaScript leaking through.
      expect(err.message.length).toBeGreaterThanOrEqual(10);
      expect(err.message).not.toMatch(/undefined|\[object |NaN×|Cannot read propert|is not a function/);
    });
  }
});

describe('accepted as in MATLAB', () => {
  for (const [what, call, check] of accepted) it(what, async () => check((await call()) as never));
});
