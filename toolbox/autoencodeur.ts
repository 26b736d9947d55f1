// autoencodeur.ts — line-for-line twin of autoencodeur.m (course, chapter on autoencoders):
// a sparse autoencoder (100 hidden units) trained on 10 % of the MNIST digits, then its weights shown.
// Run it with `npx dltb run toolbox/autoencodeur.ts` in a folder holding ./MNIST (`npx dltb data` prepares it).
import {
  close, clc, fprintf, imageDatastore, pwd, length, countEachLabel, ceil, min, times, splitEachLabel,
  figure, randperm, subplot, imshow, cell, readimage, size, save, load, MArray,
} from '../src/index.ts';
import { trainAutoencoder, plotWeights, type Autoencoder } from '../src/autoencoder/index.ts';

// clear all — a script starts with no variables, nothing to clear
close('all');
clc();

fprintf('Chargement des images\n');
const apprentissageData = imageDatastore([pwd() + '\\MNIST\\train'],
    'IncludeSubfolders', true, 'LabelSource', 'foldernames');
fprintf('done\n');
let nImages = length(apprentissageData.Files);
fprintf('%i images lues\n', nImages);

const labelCount = countEachLabel(apprentissageData);

// Pour ne pas attendre trop longtemps (au détriment de la
// qualité) on
// diminue le nombre d'images
const trainNumFiles = ceil(times(min(labelCount.Count), 0.1));
const [trainDigitData, valDigitData] =
splitEachLabel(apprentissageData, trainNumFiles, 'randomize');
nImages = length(trainDigitData.Files);
fprintf('%i images train\n', nImages);

// Affiche quelques images
figure();
const perm = randperm(nImages, 20);
for (let i = 1; i <= 20; i++) {
    subplot(4, 5, i);
    await imshow(trainDigitData.Files.get(perm.get(i)));
}

// Convertie les images en cellarray
fprintf('Conversion cell array\n');
const Imgs = cell<MArray>(nImages, 1);
for (let i = 1; i <= nImages; i++) {
    Imgs.set(i, await readimage(trainDigitData, i));
}
fprintf('donne\n');
// Affiche les labels & le nombre d'images

const Img = await readimage(trainDigitData, 3);
const inputSize = size(Img);

const hiddenSize1 = 100;

let autoenc1: Autoencoder;
if (1 === 1) {
    autoenc1 = trainAutoencoder(Imgs, hiddenSize1,
        'MaxEpochs', 400,
        'L2WeightRegularization', 0.004,
        'SparsityRegularization', 4,
        'SparsityProportion', 0.15,
        'ScaleData', true);
    await save('DataAutoEncoder', { autoenc1 });
} else {
    ({ autoenc1 } = await load('DataAutoEncoder'));
}
figure();
plotWeights(autoenc1);

void valDigitData; void inputSize; // the course computes them but never uses them
