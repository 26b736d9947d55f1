import { MArray, categorical, imageInputLayer, convolution2dLayer, batchNormalizationLayer, reluLayer, maxPooling2dLayer, fullyConnectedLayer, softmaxLayer, classificationLayer, trainingOptions, trainNetwork, classify, rng } from '../src/index.ts';
rng(0);
const N = 512;
const x = new Float32Array(28 * 28 * N);
const labels: string[] = [];
for (let i = 0; i < N; i++) {
  const c = i % 10;
  labels.push(String(c));
  for (let p = 0; p < 784; p++) x[p + 784 * i] = (p % 10 === c ? 200 : 0) + Math.random() * 50;
}
const X = MArray.from(x, [28, 28, 1, N], 'single');
const Y = categorical(labels);
const layers = [imageInputLayer([28, 28, 1]),
  convolution2dLayer(3, 16, 'Padding', 1), batchNormalizationLayer(), reluLayer(), maxPooling2dLayer(2, 'Stride', 2),
  convolution2dLayer(3, 32, 'Padding', 1), batchNormalizationLayer(), reluLayer(), maxPooling2dLayer(2, 'Stride', 2),
  convolution2dLayer(3, 64, 'Padding', 1), batchNormalizationLayer(), reluLayer(),
  fullyConnectedLayer(10), softmaxLayer(), classificationLayer()];
const opts = trainingOptions('sgdm', 'MaxEpochs', 3, 'Verbose', true, 'VerboseFrequency', 2, 'ValidationData', [X, Y], 'ValidationFrequency', 4);
const t = Date.now();
const [net, info] = await trainNetwork(X, Y, layers, opts);
console.log('train s', (Date.now() - t) / 1000, 'img/s', (N * 3) / ((Date.now() - t) / 1000));
const [pred] = await classify(net, X);
let ok = 0; for (let i = 0; i < N; i++) if (pred.codes[i] === Y.codes[i]) ok++;
console.log('acc', ok / N, info.FinalValidationAccuracy);
console.log(net.Layers.displayMatlab());
