/**
 * Per-kernel profile of one training step of the course CNN (batch 128) on
 * the current backend: where the time goes. `npx tsx scripts/profile.ts`;
 * SHAPES=<KernelName> also lists that kernel's calls with their shapes.
 */
import { tf, useExecutionEnvironment } from '../src/engine/tf.ts';
import type { Layer } from '../src/layers/Layer.ts';
import { TrainingState } from '../src/train/trainingState.ts';
import { computeGradients } from '../src/train/gradientStep.ts';
import { assemble, initializeLayers } from '../src/network/assemble.ts';
import { forwardTopology, lossInput, outputIndex } from '../src/network/topology.ts';
import { courseLayers } from './bench/ours.ts';

await useExecutionEnvironment('auto');
const layers = courseLayers() as Layer[];
const assembled = assemble('profile', layers, true);
const topology = assembled.topology;
initializeLayers(assembled);
const state = new TrainingState(layers);
const { end, fusedSoftmax } = lossInput(topology);
const head = { kind: 'classification' as const, width: 10, end, fusedSoftmax };
const pixels = Float32Array.from({ length: 128 * 784 }, (_, i) => (i * 7919) % 255);
const targets = Float32Array.from({ length: 1280 }, (_, i) => (i % 10 === Math.floor(i / 10) % 10 ? 1 : 0));
const step = () => computeGradients(topology, state.counts, state.params, pixels, targets, 128, [28, 28, 1], head).grads.forEach((g) => g.dispose());
const time = (f: () => void, reps: number) => {
  for (let i = 0; i < 3; i++) f();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) f();
  return (performance.now() - t0) / reps;
};
const stepMs = time(step, 10);
console.log(`training step ${stepMs.toFixed(1)} ms (${(128000 / stepMs).toFixed(0)} img/s)`);
const inferMs = time(() => tf.tidy(() => forwardTopology(topology, tf.tensor4d(pixels, [128, 28, 28, 1]), state.perLayer(), { training: false }, outputIndex(topology)).dataSync()), 10);
console.log(`unfused inference ${inferMs.toFixed(1)} ms (${(128000 / inferMs).toFixed(0)} img/s)`);
const prof = await tf.profile(() => { step(); });
const byKernel = new Map<string, number>();
for (const k of prof.kernels) byKernel.set(k.name, (byKernel.get(k.name) ?? 0) + (k.kernelTimeMs as number));
for (const [k, v] of [...byKernel].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${k.padEnd(24)} ${v.toFixed(1)} ms`);
if (process.env.SHAPES) {
  for (const k of prof.kernels.filter((x) => x.name === process.env.SHAPES)) {
    console.log(`${(k.kernelTimeMs as number).toFixed(2).padStart(7)} ${JSON.stringify(k.inputShapes)} -> ${JSON.stringify(k.outputShapes)}`);
  }
}
