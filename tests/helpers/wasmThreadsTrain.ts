/**
 * Child-process script for tests/wasm-threads.test.ts: SGDM training of a
 * small course-style CNN (conv, batch norm, ReLU, max pooling, fully
 * connected) on fixed synthetic digits, five mini-batches an epoch, then one
 * line `RESULT {json}`: the engine's backend and thread count (set by the
 * environment: DLTB_WASM_THREADS, …), every learnable and batch-norm
 * statistic, the loss of each iteration, and the tensor count at the end of each epoch and after release.
 *   npx tsx tests/helpers/wasmThreadsTrain.ts [epochs] [--without-shared-memory]
 * --without-shared-memory removes SharedArrayBuffer first (wasm threads cannot start).
 */
if (process.argv.includes('--without-shared-memory')) Reflect.deleteProperty(globalThis, 'SharedArrayBuffer');
const epochs = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 1);
// Imported after the line above, so the engine starts without shared memory when asked.
const {
  MArray, categorical, rng, imageInputLayer, convolution2dLayer, batchNormalizationLayer, reluLayer,
  maxPooling2dLayer, fullyConnectedLayer, softmaxLayer, classificationLayer, trainingOptions, trainNetwork,
} = await import('../../src/index.ts');
const { tf } = await import('../../src/engine/tf.ts');
const { wasmThreadCount } = await import('../../src/engine/wasmThreads.ts');

const n = 5 * 64; // five mini-batches of 64
const data = new Float32Array(28 * 28 * n);
const labels: string[] = [];
let s = 7;
for (let i = 0; i < n; i++) {
  const digit = i % 10;
  labels.push(String(digit));
  for (let k = 0; k < 784; k++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[k + 784 * i] = (Math.abs((k % 28) - 2.5 * digit - 3) < 3 ? 200 : 20) + (s >>> 24) / 2;
  }
}
rng(0);
// On wasm both layers' dW is the engine's own kernel; on the threaded build, in shares of the mini-batch on helper threads.
const layers = [
  imageInputLayer([28, 28, 1]),
  convolution2dLayer(3, 16, 'Padding', 1), batchNormalizationLayer(), reluLayer(), maxPooling2dLayer(2, 'Stride', 2),
  convolution2dLayer(3, 16, 'Padding', 1), batchNormalizationLayer(), reluLayer(),
  fullyConnectedLayer(10), softmaxLayer(), classificationLayer(),
];
const tensorsPerEpoch: number[] = [];
const losses: number[] = [];
const options = trainingOptions('sgdm', 'MaxEpochs', epochs, 'MiniBatchSize', 64, 'Shuffle', 'never', 'Verbose', false,
  'InitialLearnRate', 0.01, 'OutputFcn', (info: { Iteration: number; TrainingLoss: number }) => {
    losses.push(info.TrainingLoss);
    if (info.Iteration % 5 === 0) tensorsPerEpoch.push(tf.memory().numTensors);
    return false;
  });
const before = tf.memory().numTensors;
const [net] = await trainNetwork(MArray.from(data, [28, 28, 1, n], 'single'), categorical(labels), layers, options);
const values: Record<string, number[]> = {};
net.Layers.forEach((layer, i) => {
  const named = layer as unknown as Record<string, unknown>;
  for (const p of ['Weights', 'Bias', 'Scale', 'Offset', 'TrainedMean', 'TrainedVariance']) {
    const v = named[p];
    if (v instanceof MArray) values[`${i}.${p}`] = Array.from(v.data);
  }
});
net.releaseTensors();
const tensorsAfterRelease = tf.memory().numTensors - before;
// Written asynchronously (a large line; writeSync to a pipe may write part of it): the process ends once it is out.
process.stdout.write(`RESULT ${JSON.stringify({ backend: tf.getBackend(), threads: wasmThreadCount(), losses, tensorsPerEpoch, tensorsAfterRelease, values })}\n`);
export {};
