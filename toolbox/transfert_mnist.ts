// transfert_mnist.ts — the course's transfer recipe (transfert_alexnet.m) applied to a network trained
// here: the MNIST CNN that `npm start` saves in alldata.mat. Its layers up to the last convolution block
// are kept (net.Layers(1:end-3)), a new fully connected layer with learn-rate factors 10, a softmax and a
// classification layer are added, and the whole is retrained on a new task: Fashion-MNIST (Zalando,
// MIT licence; Debian package dataset-fashion-mnist). Why this task: the same modality as the digits the
// net learnt (28×28 grayscale, centred objects), a genuinely different task (10 kinds of clothing), real
// images available offline, and a held-out set large enough (200 images per class of the official test
// file, 2,000 in all) for a few points of accuracy to mean something. Only 100 training images per class:
// with little data is where transfer matters.
// Control: the same head on the same, untrained architecture whose layers are frozen (learn-rate
// factors 0), i.e. random convolution features, trained with the same options and the same random
// numbers. The transfer must beat it.
// Run: `npm start` (once), then `npx dltb run toolbox/transfert_mnist.ts --ensure-fashion-mnist`.
import {
  load, display, fprintf, rng, imageDatastore, at, colon, countEachLabel, categories, length,
  fullyConnectedLayer, softmaxLayer, classificationLayer, trainingOptions, trainNetwork, classify, sum, eq,
  numel, rdivide, end, isprop, figure, confusionchart,
  type SeriesNetwork, type Layer,
} from '../src/index.ts';

const { net, layers } = await load('alldata') as { net: SeriesNetwork; layers: Layer[] };
const inputSize = at(net.Layers.get(1).InputSize, colon(1, 2)); display({ inputSize });

// La nouvelle tâche : des vêtements, à la même taille que les chiffres (28×28, niveaux de gris)
const trainingImages = imageDatastore('FashionMNIST/train', 'IncludeSubfolders', true, 'LabelSource', 'foldernames');
const heldOutImages = imageDatastore('FashionMNIST/valid', 'IncludeSubfolders', true, 'LabelSource', 'foldernames');
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
    'MiniBatchSize', 32,
    'MaxEpochs', 10,
    'InitialLearnRate', 1e-3,
    'Shuffle', 'every-epoch',
    'Verbose', false);

async function trainAndTest(layersToTrain: unknown[]) {
    rng(1); // same initial head and same mini-batches for both
    const trained = await trainNetwork(trainingImages, layersToTrain, options);
    const predicted = await classify(trained, heldOutImages);
    return { predicted, accuracy: Number(rdivide(sum(eq(predicted, heldOutImages.Labels)), numel(heldOutImages.Labels))) };
}

const transfer = await trainAndTest(NewNet);
const accuracyTransfer = transfer.accuracy; display({ accuracyTransfer });
const accuracyRandom = (await trainAndTest(RandomNet)).accuracy; display({ accuracyRandom });
fprintf('Précision sur les %i images mises de côté\n', numel(heldOutImages.Labels));
fprintf('  réseau MNIST transféré               : %.3f\n', accuracyTransfer);
fprintf('  couches aléatoires gelées, même tête : %.3f\n', accuracyRandom);
fprintf('  gain du transfert                    : %+.3f\n', accuracyTransfer - accuracyRandom);

figure();
confusionchart(heldOutImages.Labels, transfer.predicted, 'Title', 'Réseau MNIST transféré sur Fashion-MNIST (images mises de côté)');
