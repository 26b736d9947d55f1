// mnist_cnn.ts — line-for-line twin of mnist_cnn.m (course, chapter 7):
// a small CNN trained on MNIST digits read from folders.
// Run it with `npm start` (prepares ./MNIST first) or `npx dltb run toolbox/mnist_cnn.ts`.
import {
  imageDatastore, pwd, length, randperm, countEachLabel, display, ceil, min, times,
  splitEachLabel, readimage, size, imageInputLayer, convolution2dLayer, batchNormalizationLayer, reluLayer,
  maxPooling2dLayer, fullyConnectedLayer, softmaxLayer, classificationLayer, trainingOptions, trainNetwork,
  save, classify, sum, eq, numel, rdivide, fprintf, zeros,
} from '../src/index.ts';

const apprentissageData = imageDatastore([pwd() + '\\MNIST\\train'], 'IncludeSubfolders', true, 'LabelSource', 'foldernames');
let nImages = length(apprentissageData.Files); // The slide reads validationData.Files here, a variable that does not exist yet: a typo for apprentissageData.

const perm = randperm(nImages, 20);

const labelCount = countEachLabel(apprentissageData); display({ labelCount });

const trainNumFiles = ceil(times(min(labelCount.Count), 0.8));
const [trainDigitData, valDigitData] = splitEachLabel(apprentissageData, trainNumFiles, 'randomize');

const Img = await readimage(apprentissageData, 3);
const inputSize = size(Img); display({ inputSize });

const layers = [imageInputLayer([...inputSize, 1]),

    convolution2dLayer(3, 16, 'Padding', 1),
    batchNormalizationLayer(),
    reluLayer(),

    maxPooling2dLayer(2, 'Stride', 2),

    convolution2dLayer(3, 32, 'Padding', 1),
    batchNormalizationLayer(),
    reluLayer(),

    maxPooling2dLayer(2, 'Stride', 2),

    convolution2dLayer(3, 64, 'Padding', 1),
    batchNormalizationLayer(),
    reluLayer(),

    fullyConnectedLayer(10),
    softmaxLayer(),
    classificationLayer()];

const options = trainingOptions('sgdm',
    'MaxEpochs', 3,
    'ValidationData', valDigitData,
    'ValidationFrequency', 30,
    'Verbose', false,
    'Plots', 'training-progress');

const net = await trainNetwork(trainDigitData, layers, options);

await save('alldata', { apprentissageData, nImages, perm, labelCount, trainNumFiles, trainDigitData, valDigitData, Img, inputSize, layers, options, net });

// Précision sur la base d'apprentissage
const predictedLabels = await classify(net, valDigitData);
const valLabels = valDigitData.Labels;
const accuracyValid = rdivide(sum(eq(predictedLabels, valLabels)), numel(valLabels)); display({ accuracyValid });

// Vérification de la généralisation sur des images inconnues
const testData = imageDatastore([pwd() + '\\MNIST\\valid'],
    'IncludeSubfolders', true, 'LabelSource', 'foldernames');

const predictedTestLabels = await classify(net, testData);
const testLabels = testData.Labels;
const accuracyTest = rdivide(sum(eq(predictedTestLabels, testLabels)), numel(testLabels)); display({ accuracyTest });

fprintf('Données de validation\n');
fprintf('  Précision : %.2f\n', accuracyValid);
fprintf('Données de test\n');
fprintf('  Précision : %.2f\n', accuracyTest);

// Formatage des données
const classeExacte = zeros(9, length(testLabels));
const classePredite = zeros(9, length(testLabels));

for (let i = 1; i <= length(testLabels); i++) {
    classeExacte.set(testLabels.get(i), i, 1);
    classePredite.set(predictedTestLabels.get(i), i, 1);
}

