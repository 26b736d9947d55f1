/**
 * Per-kernel profile of AlexNet as toolbox/transfert_alexnet.ts trains it:
 * alexnet('Weights','none') initialised, its first 22 layers and a new 4-class
 * head, every layer learning, one SGDM-free gradient step at batch 10; then one
 * inference batch of 10. `npx tsx scripts/profile-alexnet.ts`;
 * REPS=n times n steps first (default 3; 0 skips the timing);
 * SHAPES=<KernelName>[,<KernelName>…] also lists those kernels' calls with their shapes.
 */
import { tf, useExecutionEnvironment } from '../src/engine/tf.ts';
import type { Layer } from '../src/layers/Layer.ts';
import { TrainingState } from '../src/train/trainingState.ts';
import { computeGradients } from '../src/train/gradientStep.ts';
import { assemble, initializeLayers } from '../src/network/assemble.ts';
import { forwardTopology, lossInput, outputIndex } from '../src/network/topology.ts';
import { alexnet, fullyConnectedLayer, softmaxLayer, classificationLayer, rng } from '../src/index.ts';
import { initializedNetwork } from '../src/network/assembleNetwork.ts';

const BATCH = 10;
const CLASSES = 4;
await useExecutionEnvironment('auto');
rng(0);
const transferred = initializedNetwork(alexnet('Weights', 'none')).Layers.range(1, 22) as Layer[];
const layers = [...transferred, fullyConnectedLayer(CLASSES, 'WeightLearnRateFactor', 10, 'BiasLearnRateFactor', 10), softmaxLayer(), classificationLayer()] as Layer[];
const assembled = assemble('profile', layers, true);
const topology = assembled.topology;
initializeLayers(assembled);
const state = new TrainingState(layers);
const { end, fusedSoftmax } = lossInput(topology);
const head = { kind: 'classification' as const, width: CLASSES, end, fusedSoftmax };
const size = [227, 227, 3] as [number, number, number];
const pixels = Float32Array.from({ length: BATCH * 227 * 227 * 3 }, (_, i) => (i * 7919) % 255);
const targets = Float32Array.from({ length: BATCH * CLASSES }, (_, i) => (i % CLASSES === Math.floor(i / CLASSES) % CLASSES ? 1 : 0));
const step = () => computeGradients(topology, state.counts, state.params, pixels, targets, BATCH, size, head).grads.forEach((g) => g.dispose());
const infer = () => tf.tidy(() => forwardTopology(topology, tf.tensor4d(pixels, [BATCH, ...size]), state.perLayer(), { training: false }, outputIndex(topology)).dataSync());
const time = (f: () => void, reps: number) => {
  f();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) f();
  return (performance.now() - t0) / reps;
};
const reps = Number(process.env.REPS ?? 3);
if (reps > 0) {
  const stepMs = time(step, reps);
  console.log(`training step ${stepMs.toFixed(1)} ms (${(BATCH * 1000 / stepMs).toFixed(1)} img/s)`);
  const inferMs = time(infer, reps);
  console.log(`unfused inference ${inferMs.toFixed(1)} ms (${(BATCH * 1000 / inferMs).toFixed(1)} img/s)`);
}
console.log(`tensors alive ${tf.memory().numTensors}, ${(tf.memory().numBytes / 2 ** 20).toFixed(0)} MiB`);
for (const [what, f] of [['training step', step], ['inference', infer]] as const) {
  const prof = await tf.profile(() => { f(); });
  const byKernel = new Map<string, number>();
  for (const k of prof.kernels) byKernel.set(k.name, (byKernel.get(k.name) ?? 0) + (k.kernelTimeMs as number));
  const total = [...byKernel.values()].reduce((a, b) => a + b, 0);
  const peakAt = prof.kernels.reduce((best, k) => (k.totalBytesSnapshot > best.totalBytesSnapshot ? k : best), prof.kernels[0]);
  console.log(`\n${what}: kernels ${total.toFixed(0)} ms, peak ${(prof.peakBytes / 2 ** 20).toFixed(0)} MiB`
    + ` (tensors held after ${peakAt.name} ${JSON.stringify(peakAt.inputShapes)}: ${(peakAt.totalBytesSnapshot / 2 ** 20).toFixed(0)} MiB)`);
  for (const [k, v] of [...byKernel].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${k.padEnd(24)} ${v.toFixed(1)} ms`);
  if (process.env.SHAPES) {
    const names = process.env.SHAPES.split(',');
    for (const k of prof.kernels.filter((x) => names.includes(x.name))) {
      console.log(`${k.name.padEnd(14)} ${(k.kernelTimeMs as number).toFixed(2).padStart(7)} ${JSON.stringify(k.inputShapes)} -> ${JSON.stringify(k.outputShapes)}`);
    }
  }
}
