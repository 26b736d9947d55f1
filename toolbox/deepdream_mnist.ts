// deepdream_mnist.ts — the course's deep dream ("visualisation (deep dreaming)") on the MNIST CNN
// that `npm start` trains (toolbox/mnist_cnn.ts): for each digit, the image that most activates
// the fully connected layer's output of that class, then classified by the same network.
// Run it with `npx dltb run toolbox/deepdream_mnist.ts` in the folder where `npm start` saved alldata.mat;
// the montage is written to ./figures/.
import { close, clc, load, display, deepDreamImage, classify, fprintf, sprintf, figure, montage, title, colon, end } from '../src/index.ts';
import type { SeriesNetwork } from '../src/index.ts';

// clear all — a script starts with no variables, nothing to clear
close('all');
clc();

const { net } = await load('alldata', 'net') as { net: SeriesNetwork };
const layer = 13; // fullyConnectedLayer(10): its output k is the score of class k
const channels = colon(1, 10);
const iterations = 20;
const I = await deepDreamImage(net, layer, channels,
    'Verbose', true,
    'NumIterations', iterations,
    'PyramidLevels', 1,
    'OutputScaling', 'none'); // unscaled, so that the network can classify the dreams
const dreamSize = I.dims; display({ dreamSize });

const [predictedLabels] = await classify(net, I);
const classNames = net.Layers.get(end).ClassNames;
let correct = 0;
for (let k = 1; k <= 10; k++) {
    fprintf('Rêve de la classe %s : classé %s\n', classNames[k - 1], predictedLabels.toStrings()[k - 1]);
    if (predictedLabels.toStrings()[k - 1] === classNames[k - 1]) correct = correct + 1;
}
fprintf('%i rêves sur 10 classés dans leur classe\n', correct);

figure('Name', 'deepdream_mnist');
montage(I, 'DisplayRange', [], 'ThumbnailSize', [112, 112]);
title(sprintf('Rêves des classes 0 à 9 (couche %i, %i itérations)', layer, iterations));
