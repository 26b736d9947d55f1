/**
 * The weight transplant for the DAG networks: googlenet (inception branches),
 * squeezenet (fire modules, a classifier convolution) and resnet50 (batch
 * normalization, residual additions). Each is MATLAB's architecture rebuilt in
 * PyTorch (scripts/architectures_torch.py) with random weights, exported by
 * PyTorch's ONNX exporter (scripts/zoo_like_onnx.py), installed with --file
 * into a temporary model store, and checked against ONNX Runtime on the same
 * file and image, through each zoo entry's channel order and normalization.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import * as ort from 'onnxruntime-node';
import { googlenet, squeezenet, resnet50, activations, MArray, DAGNetwork } from '../src/index.ts';
import { installModel } from '../src/models/install.ts';
import { zooModel } from '../src/models/zoo.ts';
import { torchPython } from './helpers/torchPython.ts';

const SCRIPT = resolve(import.meta.dirname, '../scripts/zoo_like_onnx.py');
const dir = mkdtempSync(join(tmpdir(), 'dltb-zoo-'));
const savedEnv = process.env.DLTB_MODELS;

beforeAll(() => {
  process.env.DLTB_MODELS = join(dir, 'store');
});
afterAll(() => {
  if (savedEnv === undefined) delete process.env.DLTB_MODELS;
  else process.env.DLTB_MODELS = savedEnv;
  rmSync(dir, { recursive: true, force: true });
});

/** name, the function, input size, the layer before 'prob' (the file's output). */
const CASES = [
  ['googlenet', googlenet, 224, 'loss3-classifier'],
  ['squeezenet', squeezenet, 227, 'pool10'],
  ['resnet50', resnet50, 224, 'fc1000'],
] as const;

describe.each(CASES)('%s from a PyTorch-exported ONNX file of its architecture', (name, fn, size, last) => {
  it('installs with --file, loads as a DAGNetwork and computes what ONNX Runtime computes on that file', async () => {
    const file = join(dir, `${name}.onnx`);
    execFileSync(torchPython(), [SCRIPT, name, '--out', file, '--seed', '5'], { stdio: 'ignore', timeout: 300_000 });
    const bytes = readFileSync(file);
    await installModel(name, { file, sha256: createHash('sha256').update(bytes).digest('hex'), log: () => {} });
    const net = fn();
    expect(net).toBeInstanceOf(DAGNetwork);

    const zoo = zooModel(name)!;
    const n = size * size;
    const img = new Float32Array(n * 3);
    let s = 99;
    const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < img.length; i++) img[i] = Math.floor(256 * rand());
    const ours = await activations(net, MArray.from(img, [size, size, 3, 1], 'single'), last);

    // The file's input: N×C×H×W in its channel order (BGR for the Caffe models), normalized as the zoo entry says.
    const p = zoo.preprocessing;
    const x = new Float32Array(n * 3);
    for (let c = 0; c < 3; c++) {
      const rgb = zoo.bgr ? 2 - c : c;
      const sd = p.normalization === 'zscore' ? p.std[rgb] : 1;
      for (let y = 0; y < size; y++) for (let xx = 0; xx < size; xx++) {
        x[(c * size + y) * size + xx] = (img[y + size * (xx + size * rgb)] - p.mean[rgb]) / sd;
      }
    }
    const session = await ort.InferenceSession.create(bytes);
    const out = await session.run({ data_0: new ort.Tensor('float32', x, [1, 3, size, size]) });
    const ref = out.logits.data as Float32Array;
    expect(ref.length).toBe(1000);
    expect(ours.numel).toBe(1000);
    const scale = Math.max(...Array.from(ref, Math.abs));
    const worst = Math.max(...Array.from(ref, (r, i) => Math.abs(r - ours.data[i])));
    console.log(`${name}: installed network vs ONNX Runtime, max |Δ| ${worst.toExponential(2)} of max |logit| ${scale.toFixed(3)}`);
    expect(scale).toBeGreaterThan(0.1);
    expect(worst).toBeLessThan(1e-4 * Math.max(1, scale));
  }, 600_000);
});
