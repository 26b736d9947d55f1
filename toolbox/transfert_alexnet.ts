// transfert_alexnet.ts — line-for-line twin of transfert_alexnet.m (course, chapter 7, "Transfert learning"):
// AlexNet's first 22 layers kept, a new 4-class head trained on the Panneaux road signs.
// Needs pretrained AlexNet in the model store (`npx dltb models install alexnet`) and ./Panneaux
// (`npx dltb data --panneaux`, synthetic photos: see Panneaux/README.md), or run it with
// `npx dltb run toolbox/transfert_alexnet.ts --ensure-panneaux`.
import {
  alexnet, at, colon, close, clc, display, fprintf, imageDatastore, imresize, imread, length, splitEachLabel,
  countEachLabel, numel, randperm, figure, subplot, readimage, imshow, categories, fullyConnectedLayer,
  softmaxLayer, classificationLayer, floor, rdivide, trainingOptions, trainNetwork, save, load, isfile,
  classify, zeros, plotconfusion,
  type SeriesNetwork,
} from '../src/index.ts';

// clear all: a TypeScript script starts with no variables
close('all');
clc();

// Réseau de neurones initial : AlexNet
const net = alexnet();
const inputSize = at(net.Layers.get(1).InputSize, colon(1, 2)); display({ inputSize });

// Chargement des images
fprintf('Chargement des images\n');
const images = imageDatastore('Panneaux',
    'IncludeSubfolders', true,
    'LabelSource', 'foldernames');
images.ReadFcn = (loc: string) => imresize(imread(loc), inputSize);
fprintf('Fin chargement des images\n');

fprintf("Nombre d'images total : %i\n", length(images.Files)); // the slide's 'd\'images' is not MATLAB: the quote is doubled there

// Découpage des images en 2 jeux
const [trainingImages, validationImages] = splitEachLabel(images, 0.8, 'randomized');
fprintf("Nombre d'images pour l'entraînement : %i\n", length(trainingImages.Files));
fprintf("Nombre d'images pour la validation: %i\n", length(validationImages.Files));

// Affichage du nombre d'images
const labelCount = countEachLabel(trainingImages); display({ labelCount });

const numTrainImages = numel(trainingImages.Labels);
const idx = randperm(numTrainImages, 16);
figure();
for (let i = 1; i <= 16; i++) {
    subplot(4, 4, i);
    const I = await readimage(trainingImages, idx.get(i));
    await imshow(I);
}

// Transfert learning with AlexNet
const TransfertNet = net.Layers.range(1, 22);
const numClasses = length(categories(trainingImages.Labels));
fprintf('Nombre de classes : %i\n', numClasses);

const NewNet = [...TransfertNet,      // Partie transférée
    fullyConnectedLayer(numClasses, 'WeightLearnRateFactor', 10, 'BiasLearnRateFactor', 10),
    softmaxLayer(),
    classificationLayer()];

const miniBatchSize = 10;
const numIterationsPerEpoch = floor(rdivide(numel(trainingImages.Labels), miniBatchSize));
const options = trainingOptions('sgdm',
    'MiniBatchSize', miniBatchSize,
    'MaxEpochs', 4,
    'InitialLearnRate', 1e-4,
    'Verbose', false,
    'Plots', 'training-progress',
    'ValidationData', validationImages,
    'ValidationFrequency', numIterationsPerEpoch);

let netTransfer: SeriesNetwork;
if ((1 as number) === 0 || !isfile('myNet.mat')) { // The slide's `if 1==0` loads the network it trained once before: here it trains when myNet.mat is missing.
    netTransfer = await trainNetwork(trainingImages, NewNet, options) as SeriesNetwork;
    await save('myNet', { netTransfer });
} else {
    ({ netTransfer } = await load('myNet') as { netTransfer: SeriesNetwork });
}

const valLabels = validationImages.Labels;
const predictedLabels = await classify(netTransfer, validationImages);

// Affichage
const classeValidation = zeros(numClasses, length(valLabels));
const classePrediction = zeros(numClasses, length(valLabels));
for (let i = 1; i <= length(valLabels); i++) {
    classeValidation.set(valLabels.get(i), i, 1);
    classePrediction.set(predictedLabels.get(i), i, 1);
}
await plotconfusion(classeValidation, classePrediction);
