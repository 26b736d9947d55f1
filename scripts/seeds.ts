// Experiment: accuracy of the course network over seeds (SEEDS=0,1,2), on MNIST/valid and on the
// official test set (../shared/reference/mnist-test, converted once into /tmp/mnist-test).
import { rng, imageDatastore, countEachLabel, splitEachLabel, trainingOptions, trainNetwork, classify } from '../src/index.ts';
import { courseLayers } from './bench/ours.ts';
import { convertIdx } from '../src/data/mnistFolders.ts';
import { existsSync } from 'node:fs';
if (!existsSync('/tmp/mnist-test/.prepared.json')) await convertIdx({ images: '../shared/reference/mnist-test/t10k-images-idx3-ubyte.gz', labels: '../shared/reference/mnist-test/t10k-labels-idx1-ubyte.gz' }, '/tmp/mnist-test', { progress: false });
const acc = async (net: any, ds: any) => { const p = await classify(net, ds); let ok = 0; for (let i = 0; i < p.codes.length; i++) if (p.codes[i] === ds.Labels.codes[i]) ok++; return ok / p.codes.length; };
for (const seed of (process.env.SEEDS ?? '0,1,2').split(',').map(Number)) {
  rng(seed);
  const all = imageDatastore('MNIST/train', 'IncludeSubfolders', true, 'LabelSource', 'foldernames');
  const n = Math.ceil(Math.min(...countEachLabel(all).Count) * 0.8);
  const [tr, va] = splitEachLabel(all, n, 'randomize');
  const layers = courseLayers();
  const net = await trainNetwork(tr, layers, trainingOptions('sgdm', 'MaxEpochs', 3, 'ValidationData', va, 'ValidationFrequency', 30, 'Verbose', false));
  console.log(`seed ${seed}: n/label ${n} valDigit ${(await acc(net, va)).toFixed(4)} MNIST/valid ${(await acc(net, imageDatastore('MNIST/valid', 'IncludeSubfolders', true, 'LabelSource', 'foldernames'))).toFixed(4)} official test ${(await acc(net, imageDatastore('/tmp/mnist-test', 'IncludeSubfolders', true, 'LabelSource', 'foldernames'))).toFixed(4)}`);
}
