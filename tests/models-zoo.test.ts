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

/** The file's input: N×C×H×W in its channel order (BGR for the Caffe models), normalized as the zoo entry says. */
function fileInput(name: string, img: Float32Array, size: number): Float32Array {
  const zoo = zooModel(name)!;
  const p = zoo.preprocessing;
  const x = new Float32Array(img.length);
  for (let c = 0; c < 3; c++) {
    const rgb = zoo.bgr ? 2 - c : c;
    const sd = p.normalization === 'zscore' ? p.std[rgb] : 1;
    for (let y = 0; y < size; y++) for (let xx = 0; xx < size; xx++) {
      x[(c * size + y) * size + xx] = (img[y + size * (xx + size * rgb)] - p.mean[rgb]) / sd;
    }
  }
  return x;
}

function image(size: number): Float32Array {
  const img = new Float32Array(size * size * 3);
  let s = 99;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < img.length; i++) img[i] = Math.floor(256 * rand());
  return img;
}

async function onnxRuntime(bytes: Uint8Array, x: Float32Array, size: number): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes);
  const out = await session.run({ data_0: new ort.Tensor('float32', x, [1, 3, size, size]) });
  return out.logits.data as Float32Array;
}

function expectClose(name: string, ours: MArray, ref: Float32Array): void {
  expect(ref.length).toBe(1000);
  expect(ours.numel).toBe(1000);
  const scale = Math.max(...Array.from(ref, Math.abs));
  const worst = Math.max(...Array.from(ref, (r, i) => Math.abs(r - ours.data[i])));
  console.log(`${name}: installed network vs ONNX Runtime, max |Δ| ${worst.toExponential(2)} of max |logit| ${scale.toFixed(3)}`);
  expect(scale).toBeGreaterThan(0.1);
  expect(worst).toBeLessThan(1e-4 * Math.max(1, scale));
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe.each(CASES)('%s from a PyTorch-exported ONNX file of its architecture', (name, fn, size, last) => {
  it('installs with --file, loads as a DAGNetwork and computes what ONNX Runtime computes on that file', async () => {
    const file = join(dir, `${name}.onnx`);
    execFileSync(torchPython(), [SCRIPT, name, '--out', file, '--seed', '5'], { stdio: 'ignore', timeout: 300_000 });
    const bytes = readFileSync(file);
    await installModel(name, { file, sha256: sha256(bytes), log: () => {} });
    const net = fn();
    expect(net).toBeInstanceOf(DAGNetwork);

    const img = image(size);
    const ours = await activations(net, MArray.from(img, [size, size, 3, 1], 'single'), last);
    expectClose(name, ours, await onnxRuntime(bytes, fileInput(name, img, size), size));
  }, 600_000);
});

describe('a zoo file that is not MATLAB\'s architecture layer for layer (batch norm folded into the convolutions)', () => {
  it('resnet50 installs the file\'s own graph, imported, with MATLAB\'s input normalization, softmax and classes, and computes what ONNX Runtime computes', async () => {
    const file = join(dir, 'resnet50-folded.onnx');
    execFileSync(torchPython(), [SCRIPT, 'resnet50', '--out', file, '--seed', '6', '--fold-bn'], { stdio: 'ignore', timeout: 300_000 });
    const bytes = readFileSync(file);
    const lines: string[] = [];
    const m = await installModel('resnet50', { file, sha256: sha256(bytes), log: (l) => lines.push(l) });
    expect(m.info?.network).toMatch(/^the file's own graph, imported \(it is not MATLAB's resnet50 architecture: .*has 54 weight-bearing nodes \(Conv, Gemm, BatchNormalization\); MATLAB's network has 107 learnable layers\.\)$/);
    expect(lines[0]).toContain('Network: the file\'s own graph, imported');
    const net = resnet50();
    expect(net).toBeInstanceOf(DAGNetwork);
    const layers = net.Layers;
    const n = layers.length;
    expect(layers.get(n).Classes.slice(0, 2)).toEqual(['tench', 'goldfish']);
    expect(layers.get(n - 1).Name).toBe('prob');
    const input = layers.get(1);
    expect(input.Normalization).toBe('zerocenter');
    const img = image(224);
    const before = layers.get(n - 2).Name;
    const ours = await activations(net, MArray.from(img, [224, 224, 3, 1], 'single'), before);
    expectClose('resnet50 (imported)', ours, await onnxRuntime(bytes, fileInput('resnet50', img, 224), 224));
  }, 600_000);
});
