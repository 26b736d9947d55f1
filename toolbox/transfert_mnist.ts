// transfert_mnist.ts — the course's transfer recipe (transfert_alexnet.m) applied to a network trained
// here: the MNIST CNN that `npm start` saves in alldata.mat. Its layers up to the last convolution block
// are kept (net.Layers(1:end-3)), a new fully connected layer with learn-rate factors 10, a softmax and
// a classification layer are added, and the whole is retrained on a new task available offline: the
// Panneaux road signs (generated: `npx dltb data --panneaux`) at the net's 28×28 grayscale.
// Control: the same head on the same, untrained architecture whose layers are frozen (learn-rate
// factors 0), i.e. random convolution features. The transfer must beat it.
// Run: `npm start` (once), then `npx dltb run toolbox/transfert_mnist.ts --ensure-panneaux`.
import {
  load, display, fprintf, rng, imageDatastore, imresize, imread, rgb2gray, at, colon, splitEachLabel,
  countEachLabel, categories, length, fullyConnectedLayer, softmaxLayer, classificationLayer, trainingOptions,
  trainNetwork, classify, sum, eq, numel, rdivide, end, isprop,
  type SeriesNetwork, type Layer,
} from '../src/index.ts';

const { net, layers } = await load('alldata') as { net: SeriesNetwork; layers: Layer[] };
const inputSize = at(net.Layers.get(1).InputSize, colon(1, 2)); display({ inputSize });

// La nouvelle tâche : les panneaux, en niveaux de gris à la taille d'entrée du réseau MNIST
rng(0);
const images = imageDatastore('Panneaux', 'IncludeSubfolders', true, 'LabelSource', 'foldernames');
images.ReadFcn = async (loc: string) => imresize(rgb2gray(await imread(loc)), inputSize);
const [trainingImages, heldOutImages] = splitEachLabel(images, 0.7, 'randomized');
fprintf("Nombre d'images pour l'entraînement : %i\n", length(trainingImages.Files));
fprintf("Nombre d'images mises de côté : %i\n", length(heldOutImages.Files));
const labelCount = countEachLabel(trainingImages); display({ labelCount });
const numClasses = length(categories(trainingImages.Labels));

// Transfert : net.Layers(1:end-3) + nouvelle tête (facteurs d'apprentissage 10)
const newHead = () => [
    fullyConnectedLayer(numClasses, 'WeightLearnRateFactor', 10, 'BiasLearnRateFactor', 10),
    softmaxLayer(),
    classificationLayer()];
const TransfertNet = net.Layers.range(1, end.minus(3));
const NewNet = [...TransfertNet, ...newHead()];

// Témoin : la même architecture non entraînée (poids tirés au hasard), gelée, et la même tête
const frozenRandom = layers.slice(0, layers.length - 3);
for (const layer of frozenRandom) {
    for (const factor of ['WeightLearnRateFactor', 'BiasLearnRateFactor', 'ScaleLearnRateFactor', 'OffsetLearnRateFactor']) {
        if (isprop(layer, factor)) (layer as unknown as Record<string, number>)[factor] = 0;
    }
}
const RandomNet = [...frozenRandom, ...newHead()];

const options = trainingOptions('sgdm',
    'MiniBatchSize', 16,
    'MaxEpochs', 30,
    'InitialLearnRate', 1e-3,
    'Shuffle', 'every-epoch',
    'Verbose', false);

async function heldOutAccuracy(layersToTrain: unknown[]): Promise<number> {
    rng(1); // same initial head and same mini-batches for both
    const trained = await trainNetwork(trainingImages, layersToTrain, options);
    const predicted = await classify(trained, heldOutImages);
    return Number(rdivide(sum(eq(predicted, heldOutImages.Labels)), numel(heldOutImages.Labels)));
}

const accuracyTransfer = await heldOutAccuracy(NewNet); display({ accuracyTransfer });
const accuracyRandom = await heldOutAccuracy(RandomNet); display({ accuracyRandom });
fprintf('Précision sur les images mises de côté\n');
fprintf('  réseau MNIST transféré           : %.3f\n', accuracyTransfer);
fprintf('  couches aléatoires gelées, même tête : %.3f\n', accuracyRandom);
