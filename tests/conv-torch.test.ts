/**
 * The convolution's three gradients against PyTorch (float64 autograd of
 * torch.nn.functional.conv2d), one geometry per dW formulation of
 * src/engine/convolution.ts: on wasm the engine's own kernel for every geometry;
 * on cpu the one-hot patches product (kh·kw·C ≤ F, the first layer of an
 * image network), the transposed-input convolution, and the tap-by-tap
 * products (stride and dilation both above 1).
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { tf } from '../src/engine/tf.ts';
import { conv2d, type ConvGeometry } from '../src/engine/convolution.ts';
import { seeded, relativeError } from './helpers/engine.ts';
import { torchPython } from './helpers/torchPython.ts';

// Reads the cases as JSON on stdin (NHWC / HWCF values), writes dx, dW and db per case (same layouts).
const TORCH = String.raw`
import json, sys, torch
import torch.nn.functional as F
out = []
for c in json.load(sys.stdin):
    n, h, w, ch = c["x"]["shape"]
    x = torch.tensor(c["x"]["values"], dtype=torch.float64).reshape(n, h, w, ch).permute(0, 3, 1, 2).requires_grad_()
    kh, kw, _, f = c["w"]["shape"]
    wt = torch.tensor(c["w"]["values"], dtype=torch.float64).reshape(kh, kw, ch, f).permute(3, 2, 0, 1).requires_grad_()
    b = torch.tensor(c["b"], dtype=torch.float64).requires_grad_()
    t, bo, l, r = c["padding"]
    y = F.conv2d(F.pad(x, (l, r, t, bo)), wt, b, stride=c["stride"], dilation=c["dilation"])
    probe = torch.tensor(c["probe"]["values"], dtype=torch.float64).reshape(c["probe"]["shape"]).permute(0, 3, 1, 2)
    (y * probe).sum().backward()
    out.append({"dx": x.grad.permute(0, 2, 3, 1).reshape(-1).tolist(), "dW": wt.grad.permute(2, 3, 1, 0).reshape(-1).tolist(), "db": b.grad.tolist()})
json.dump(out, sys.stdout)
`;

interface Case { name: string; g: ConvGeometry; x: number[]; w: number[] }

const cases: Case[] = [
  { name: 'few-tap dW (grey image, 3×3 pad 1, 12 filters)', g: { stride: [1, 1], dilation: [1, 1], padding: [1, 1, 1, 1] }, x: [4, 10, 9, 1], w: [3, 3, 1, 12] },
  { name: 'few-tap dW (stride 2, uneven padding)', g: { stride: [2, 2], dilation: [1, 1], padding: [0, 1, 1, 0] }, x: [3, 9, 10, 2], w: [2, 2, 2, 8] },
  { name: 'few-tap dW (stride 2 and dilation 3, 19 filters)', g: { stride: [2, 2], dilation: [3, 3], padding: [2, 1, 0, 2] }, x: [2, 12, 13, 2], w: [2, 3, 2, 19] },
  // 4.7 M multiply-adds: on the threaded wasm build, helper threads take shares of the images.
  { name: 'dW in shares on helper threads (8 images, 3×3 pad 1, 8 → 32)', g: { stride: [1, 1], dilation: [1, 1], padding: [1, 1, 1, 1] }, x: [8, 16, 16, 8], w: [3, 3, 8, 32] },
  { name: 'transposed-input dW (course 3×3 pad 1, 6 → 5)', g: { stride: [1, 1], dilation: [1, 1], padding: [1, 1, 1, 1] }, x: [3, 8, 8, 6], w: [3, 3, 6, 5] },
  { name: 'tap-by-tap dW (stride 2 and dilation 2)', g: { stride: [2, 2], dilation: [2, 2], padding: [1, 1, 1, 1] }, x: [2, 11, 12, 3], w: [3, 3, 3, 4] },
];

interface Inputs { x: tf.Tensor4D; w: tf.Tensor4D; b: tf.Tensor1D; probe: tf.Tensor }

function inputs(c: Case, k: number): Inputs {
  const x = seeded(c.x, 10 + k, 2) as tf.Tensor4D;
  const w = seeded(c.w, 20 + k, 0.5) as tf.Tensor4D;
  const b = seeded([c.w[3]], 30 + k) as tf.Tensor1D;
  const probe = seeded(conv2d(x, w, b, c.g).shape, 40 + k);
  return { x, w, b, probe };
}

const asJson = (t: tf.Tensor) => ({ shape: t.shape, values: Array.from(t.dataSync()) });

let reference: { dx: number[]; dW: number[]; db: number[] }[];

beforeAll(() => {
  const payload = cases.map((c, k) => {
    const { x, w, b, probe } = inputs(c, k);
    return { x: asJson(x), w: asJson(w), b: Array.from(b.dataSync()), probe: asJson(probe), stride: c.g.stride, dilation: c.g.dilation, padding: c.g.padding };
  });
  const r = spawnSync(torchPython(), ['-c', TORCH], { input: JSON.stringify(payload), encoding: 'utf8', maxBuffer: 64 << 20, timeout: 120_000 });
  if (r.status !== 0) throw new Error(`PyTorch reference failed: ${r.stderr}`);
  reference = JSON.parse(r.stdout);
}, 180_000);

describe.each(['wasm', 'cpu'])('convolution gradients against PyTorch on the %s backend', (backend) => {
  beforeAll(async () => {
    await tf.setBackend(backend);
  });

  it.each(cases.map((c, k) => [c.name, k] as const))('%s: dx, dW and db within 1e-5 of float64 PyTorch', (_name, k) => {
    const c = cases[k];
    const { x, w, b, probe } = inputs(c, k);
    const [dx, dW, db] = tf.grads((xi: tf.Tensor, wi: tf.Tensor, bi: tf.Tensor) => tf.sum(tf.mul(conv2d(xi as tf.Tensor4D, wi as tf.Tensor4D, bi as tf.Tensor1D, c.g), probe)))([x, w, b]);
    const ref = reference[k];
    expect(relativeError(dx.dataSync(), ref.dx), 'dx').toBeLessThan(1e-5);
    expect(relativeError(dW.dataSync(), ref.dW), 'dW').toBeLessThan(1e-5);
    expect(relativeError(db.dataSync(), ref.db), 'db').toBeLessThan(1e-5);
  });

  it.each([0, 3, 4, 5])('case %i: dW by the engine\'s own kernel on wasm only', async (k) => {
    const c = cases[k];
    const { x, w, b, probe } = inputs(c, k);
    const grad = tf.grad((wi: tf.Tensor) => tf.sum(tf.mul(conv2d(x, wi as tf.Tensor4D, b, c.g), probe)));
    const { kernelNames } = await tf.profile(() => grad(w));
    expect(kernelNames.includes('DltbFilterGradient')).toBe(backend === 'wasm');
  });
});
