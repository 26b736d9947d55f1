// activations_mnist.ts — the course's "visualisation (activation)" and "visualisation (poids)" on the
// MNIST CNN that `npm start` trains (toolbox/mnist_cnn.ts): the activations of each convolution for
// one digit, as montages, and the first convolution's weights ("First convolutional layer weights").
// Run it with `npx dltb run toolbox/activations_mnist.ts` in the folder where `npm start` saved alldata.mat;
// the figures are written to ./figures/.
import {
  close, clc, load, display, figure, imshow, title, activations, size, reshape, montage, mat2gray, sprintf, imresize,
} from '../src/index.ts';
import type { SeriesNetwork, MArray } from '../src/index.ts';

// clear all — a script starts with no variables, nothing to clear
close('all');
clc();

const { net, Img } = await load('alldata', 'net', 'Img') as { net: SeriesNetwork; Img: MArray };
figure('Name', 'activations_mnist-digit');
imshow(Img);
title('Image appliquée au réseau');

// Les activations de chaque couche de convolution
for (let i = 1; i <= net.Layers.length; i++) {
    const layer = net.Layers.get(i);
    if (layer.Type !== 'Convolution') continue;
    let act = await activations(net, Img, layer.Name, 'OutputAs', 'channels');
    const sz = size(act);
    act = reshape(act, [sz.get(1), sz.get(2), 1, sz.get(3)]);
    figure('Name', sprintf('activations_mnist-%s', layer.Name));
    montage(mat2gray(act), 'ThumbnailSize', [56, 56]);
    title(sprintf('Sorties des %i filtres de la couche %s (%i×%i)', sz.get(3), layer.Name, sz.get(1), sz.get(2)));
}

// Les poids de la première couche de convolution
const W: MArray = net.Layers.get(2).Weights;
const weightsSize = size(W); display({ weightsSize });
figure('Name', 'activations_mnist-conv1-weights');
montage(mat2gray(imresize(W, 16, 'nearest')), 'BorderSize', 2, 'BackgroundColor', 'w'); // each weight a 16×16 block, as on the slide
title('Poids de la première couche de convolution');
