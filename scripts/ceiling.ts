/**
 * How fast can the wasm engine multiply at best, and what does that allow the
 * course CNN? `npx tsx scripts/ceiling.ts` (DLTB_WASM_THREADS=n sets the threads).
 *
 * It times, on our engine and on PyTorch at the same thread count, the best of
 * a few runs of one 1024³ matrix product and of the course CNN's three forward
 * convolutions at batch 128. From the best GFLOP/s our engine reaches on any of
 * them it derives an upper bound for inference: the forward pass's FLOPs at
 * that rate, with every other op free. If that bound is below what PyTorch
 * measures, no rearrangement of tfjs ops can reach it: the kernels themselves
 * (XNNPACK on 128-bit wasm SIMD, no FMA) are the limit. Issue #12's figures.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tf, useExecutionEnvironment } from '../src/engine/tf.ts';
import { wasmThreadCount } from '../src/engine/wasmThreads.ts';
import { findTorchPython } from './bench/torch.ts';

const REPS = Number(process.env.CEILING_REPS ?? 10);
/** The course CNN's three 3×3 'same' convolutions: [height = width, in channels, out channels]. */
const CONVS: Array<[number, number, number]> = [[28, 1, 16], [14, 16, 32], [7, 32, 64]];
const BATCH = 128;

/** Best wall time of `fn` over REPS runs, after one warm-up; the result is read back, so the work is done. */
async function bestMs(fn: () => tf.Tensor): Promise<number> {
  const once = async () => { const t = fn(); await t.data(); t.dispose(); };
  await once();
  let best = Infinity;
  for (let i = 0; i < REPS; i++) {
    const t0 = performance.now();
    await once();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

const convFlops = ([hw, cin, cout]: [number, number, number]) => 2 * BATCH * hw * hw * cout * cin * 9;

await useExecutionEnvironment('auto');
const threads = wasmThreadCount();
const n = 1024;
const a = tf.randomNormal([n, n], 0, 1, 'float32', 1);
const b = tf.randomNormal([n, n], 0, 1, 'float32', 2);
const matmul = 2 * n ** 3 / (await bestMs(() => tf.matMul(a, b))) / 1e6;
const conv: number[] = [];
for (const shape of CONVS) {
  const [hw, cin, cout] = shape;
  const x = tf.randomNormal([BATCH, hw, hw, cin], 0, 1, 'float32', 3) as tf.Tensor4D;
  const w = tf.randomNormal([3, 3, cin, cout], 0, 1, 'float32', 4) as tf.Tensor4D;
  conv.push(convFlops(shape) / (await bestMs(() => tf.conv2d(x, w, 1, 'same'))) / 1e6);
}

// Forward FLOPs of one image: the three convolutions and the fully connected layer (7·7·64 → 10).
const forwardFlops = CONVS.reduce((s, c) => s + convFlops(c), 0) / BATCH + 2 * 7 * 7 * 64 * 10;
const best = Math.max(matmul, ...conv);
const fmt = (g: number) => g.toFixed(1).padStart(6);
/** One table row: the matmul figure, then the three convolutions', under the header's columns. */
const row = (label: string, [mm, c1, c2, c3]: number[]) => `${label.padEnd(26)}${fmt(mm)}${' '.repeat(10)}${fmt(c1)}${' '.repeat(11)}${fmt(c2)}${' '.repeat(10)}${fmt(c3)}`;
console.log(`backend ${tf.getBackend()}, ${threads} thread(s); best of ${REPS} runs each; GFLOP/s`);
console.log(`                         matmul 1024³   conv 28²·1→16   conv 14²·16→32   conv 7²·32→64`);
console.log(row('ours (wasm)', [matmul, ...conv]));

const python = findTorchPython();
let torchLine = 'PyTorch: no Python with torch (apt-get install python3-torch)';
if (python) {
  const script = fileURLToPath(new URL('./ceiling/torch_ceiling.py', import.meta.url));
  const r = spawnSync(python, [script, '--threads', String(threads), '--reps', String(REPS)], { encoding: 'utf8', timeout: 600_000 });
  if (r.status !== 0) throw new Error(`torch_ceiling.py failed: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  const j = JSON.parse(r.stdout.trim().split('\n').pop()!);
  torchLine = row(`PyTorch ${j.torch}`, [j.matmul_gflops, ...j.conv_gflops]);
}
console.log(torchLine);
console.log(`course CNN forward: ${(forwardFlops / 1e6).toFixed(2)} MFLOP per image; at our best rate (${best.toFixed(1)} GFLOP/s) with every other op free, inference is at most ${Math.round(best * 1e9 / forwardFlops).toLocaleString('en-US')} img/s`);
