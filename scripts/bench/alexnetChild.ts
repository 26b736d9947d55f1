/**
 * One AlexNet measurement in its own process, so its peak RSS is its own:
 *   alexnetChild.ts infer    — alexnet('Weights','none') with initialised weights: time to build it and
 *                              classify one 227×227×3 image, then inference images/s at batch 10;
 *   alexnetChild.ts transfer — transfer-learning training images/s, as transfert_alexnet.m:
 *                              Layers(1:22) frozen (learn-rate factors 0), a new fc8 with factors 10, batch 10;
 *   alexnetChild.ts finetune — the same with every layer learning, as toolbox/transfert_alexnet.ts trains;
 *   alexnetChild.ts prepare DIR — an untrained AlexNet model store in DIR/store and the generated
 *                              Panneaux set in DIR/Panneaux, for the next mode;
 *   alexnetChild.ts script DIR  — toolbox/transfert_alexnet.ts run in DIR as `dltb run` runs it
 *                              (DLTB_MODELS must name DIR/store): its wall time, the training time
 *                              the training-progress figure reports, and the peak RSS.
 * Prints one JSON line (last, after the script's own output).
 */
import {
  MArray, categorical, rng, alexnet, fullyConnectedLayer, softmaxLayer, classificationLayer, trainingOptions, trainNetwork, classify, predict,
} from '../../src/index.ts';
import { initializedNetwork } from '../../src/network/assembleNetwork.ts';
import { TrainingProgressMonitor } from '../../src/graphics/index.ts';
import { setTrainingPlotFactory } from '../../src/train/plotHook.ts';
import { generatePanneaux } from '../../src/data/panneaux/generate.ts';
import { storeUntrainedAlexnet } from '../../tests/helpers/alexnetStore.ts';
import { steadyRate, rate, peakRssMb } from './timing.ts';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [mode, iterationsArg, warmupArg] = process.argv.slice(2);
const iterations = Number(iterationsArg ?? 6);
const warmup = Number(warmupArg ?? 2);
const BATCH = 10;
const CLASSES = 10;

function randomImages(n: number): MArray {
  const data = new Float32Array(227 * 227 * 3 * n);
  for (let i = 0; i < data.length; i++) data[i] = (i * 2654435761) % 256;
  return MArray.wrap(data, [227, 227, 3, n], 'single');
}

rng('default');
if (mode === 'infer') {
  const t0 = performance.now();
  const net = initializedNetwork(alexnet('Weights', 'none'));
  await classify(net, randomImages(1));
  const firstMs = performance.now() - t0;
  const x = randomImages(BATCH);
  await predict(net, x, 'MiniBatchSize', BATCH);
  const t1 = performance.now();
  for (let k = 0; k < iterations; k++) await predict(net, x, 'MiniBatchSize', BATCH);
  console.log(JSON.stringify({ first_image_ms: firstMs, infer_img_s: rate(iterations * BATCH, performance.now() - t1), rss_mb: peakRssMb() }));
} else if (mode === 'transfer' || mode === 'finetune') {
  const transferred = initializedNetwork(alexnet('Weights', 'none')).Layers.range(1, 22);
  for (const l of mode === 'transfer' ? transferred : []) {
    for (const f of ['WeightLearnRateFactor', 'BiasLearnRateFactor']) if (f in l) l[f] = 0;
  }
  const layers = [...transferred, fullyConnectedLayer(CLASSES, 'WeightLearnRateFactor', 10, 'BiasLearnRateFactor', 10), softmaxLayer(), classificationLayer()];
  const n = BATCH * (warmup + iterations);
  const labels = categorical(Array.from({ length: n }, (_, i) => `c${i % CLASSES}`));
  const ends: number[] = [];
  const options = trainingOptions('sgdm', 'MiniBatchSize', BATCH, 'MaxEpochs', 1, 'InitialLearnRate', 1e-4, 'Verbose', false, 'Shuffle', 'never',
    'OutputFcn', () => { ends.push(performance.now()); return false; });
  await trainNetwork(randomImages(n), labels, layers, options);
  console.log(JSON.stringify({ train_img_s: steadyRate(ends, warmup, BATCH), iterations: ends.length, rss_mb: peakRssMb() }));
} else if (mode === 'prepare') {
  const dir = process.argv[3];
  await storeUntrainedAlexnet(join(dir, 'store'));
  await generatePanneaux(join(dir, 'Panneaux'), { progress: false });
  console.log(JSON.stringify({ prepared: 1 }));
} else if (mode === 'script') {
  process.chdir(process.argv[3]);
  let trainS = Number.NaN;
  // The training-progress figure as the figures module draws it, its finish (which carries MATLAB's elapsed time) observed.
  setTrainingPlotFactory(() => {
    const monitor = new TrainingProgressMonitor();
    const finish = monitor.finish.bind(monitor);
    monitor.finish = (f) => { trainS = f.elapsedSeconds; return finish(f); };
    return monitor;
  });
  const t0 = performance.now();
  // The command line itself (its figures rendered at the end, as `dltb run` does), in this process.
  process.argv = [process.argv[0], 'dltb', 'run', fileURLToPath(new URL('../../toolbox/transfert_alexnet.ts', import.meta.url))];
  await import('../../src/cli.ts');
  console.log(JSON.stringify({ status: process.exitCode ?? 0, total_s: (performance.now() - t0) / 1000, train_s: trainS, rss_mb: peakRssMb() }));
} else {
  console.error('usage: alexnetChild.ts infer|transfer|finetune [iterations] [warmup] | prepare DIR | script DIR');
  process.exit(2);
}
