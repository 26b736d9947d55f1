/**
 * Where one training step and one inference pass of the course CNN (batch
 * 128) spend their time on the current backend: `npx tsx scripts/profile.ts`.
 * Every kernel of the backend is wrapped in a timer, so the report gives the
 * time inside kernels, each kernel's calls and time, and what is left of the
 * wall time: tfjs-core's dispatch, tidy and bookkeeping, and our own JS.
 * On a loaded machine, run it with DLTB_WASM_THREADS=1: the CPU columns are then the work.
 * SHAPES=<KernelName> also lists that kernel's calls with their shapes.
 */
import { tf, useExecutionEnvironment } from '../src/engine/tf.ts';
import type { Layer } from '../src/layers/Layer.ts';
import { TrainingState } from '../src/train/trainingState.ts';
import { computeGradients } from '../src/train/gradientStep.ts';
import { assemble, initializeLayers } from '../src/network/assemble.ts';
import { forwardTopology, lossInput, outputIndex } from '../src/network/topology.ts';
import { compileInference, runPlan } from '../src/network/inferencePlan.ts';
import { wasmThreadCount } from '../src/engine/wasmThreads.ts';
import { courseLayers } from './bench/ours.ts';

await useExecutionEnvironment('auto');

interface KernelTally { calls: number; ms: number; cpuMs: number; shapes: string[] }
const tally = new Map<string, KernelTally>();
let counting = false;

/** Re-register every kernel of the backend behind a timer (kernels are looked up at each call). */
function timeKernels(backend: string): void {
  for (const k of tf.getKernelsForBackend(backend)) {
    const inner = k.kernelFunc;
    tf.unregisterKernel(k.kernelName, backend);
    tf.registerKernel({
      ...k,
      kernelFunc: (args) => {
        if (!counting) return inner(args);
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        const out = inner(args);
        const c = process.cpuUsage(c0);
        const ms = performance.now() - t0;
        const t = tally.get(k.kernelName) ?? { calls: 0, ms: 0, cpuMs: 0, shapes: [] };
        t.calls++;
        t.ms += ms;
        t.cpuMs += (c.user + c.system) / 1000;
        if (process.env.SHAPES === k.kernelName) {
          const shapes = Object.values(args.inputs).map((i) => (i ? JSON.stringify((i as tf.TensorInfo).shape) : "-"));
          t.shapes.push(`${ms.toFixed(2).padStart(7)} ms, CPU ${((c.user + c.system) / 1000).toFixed(2).padStart(7)} ms: ${shapes.join(' ')}`);
        }
        tally.set(k.kernelName, t);
        return out;
      },
    });
  }
}

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
const inferUnfused = () => tf.tidy(() => forwardTopology(topology, tf.tensor4d(pixels, [128, 28, 28, 1]), state.perLayer(), { training: false }, outputIndex(topology)).dataSync());
// What predict runs: batch norm folded into the convolutions, bias and ReLU fused.
const plan = compileInference(topology, state.perLayer(), outputIndex(topology));
const infer = () => tf.tidy(() => runPlan(plan, tf.tensor4d(pixels, [128, 28, 28, 1])).dataSync());

/**
 * Median wall and CPU time of `reps` calls after 3 warm-up calls: the median resists a loaded
 * machine, and with one thread (DLTB_WASM_THREADS=1) the CPU time is the work, whatever the load.
 */
function medianMs(f: () => void, reps: number): { wall: number; cpu: number } {
  for (let i = 0; i < 3; i++) f();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    f();
    const c = process.cpuUsage(c0);
    wall.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
  }
  const median = (v: number[]) => v.sort((a, b) => a - b)[Math.floor(reps / 2)];
  return { wall: median(wall), cpu: median(cpu) };
}

function report(name: string, f: () => void): void {
  const { wall, cpu } = medianMs(f, 15);
  console.log(`${name}: ${wall.toFixed(1)} ms (${(128000 / wall).toFixed(0)} img/s), CPU ${cpu.toFixed(1)} ms`);
  tally.clear();
  const reps = 5;
  counting = true;
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) f();
  const timedMs = (performance.now() - t0) / reps;
  counting = false;
  const rows = [...tally].sort((a, b) => b[1].ms - a[1].ms);
  const kernelMs = rows.reduce((s, [, t]) => s + t.ms, 0) / reps;
  const calls = rows.reduce((s, [, t]) => s + t.calls, 0) / reps;
  console.log(`  ${calls} kernel calls, ${kernelMs.toFixed(1)} ms in kernels, ${(timedMs - kernelMs).toFixed(1)} ms outside (of ${timedMs.toFixed(1)} ms timed)`);
  for (const [k, t] of rows.slice(0, 16)) console.log(`  ${k.padEnd(22)} ${String(t.calls / reps).padStart(4)} calls ${(t.ms / reps).toFixed(2).padStart(7)} ms, CPU ${(t.cpuMs / reps).toFixed(2).padStart(7)} ms`);
  for (const [, t] of rows) for (const s of t.shapes.slice(0, t.calls / reps)) console.log(`    ${s}`);
}

console.log(`backend ${tf.getBackend()}, ${wasmThreadCount()} thread(s)`);
timeKernels(tf.getBackend());
report('training step', step);
report('inference (compiled, as predict)', infer);
report('inference (layer by layer)', inferUnfused);
