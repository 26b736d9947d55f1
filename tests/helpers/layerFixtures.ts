/**
 * PyTorch reference fixtures for the layers of issue #7 (written by
 * scripts/make_layer_fixtures.py, whose docstring gives the layouts), and
 * what the layer tests do with them: build the layer a fixture describes,
 * run its forward pass and the gradients of loss = Σ y·r.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tf } from '../../src/engine/tf.ts';
import { relativeError } from './engine.ts';

export { relativeError };
import { MArray } from '../../src/runtime/marray.ts';
import type { Layer, ActivationSize } from '../../src/layers/Layer.ts';
import {
  crossChannelNormalizationLayer, groupedConvolution2dLayer, globalAveragePooling2dLayer, globalMaxPooling2dLayer, sigmoidLayer,
  tanhLayer, eluLayer, clippedReluLayer, additionLayer, depthConcatenationLayer, concatenationLayer, flattenLayer, convolution2dLayer,
  averagePooling2dLayer,
} from '../../src/layers/index.ts';

const PYTHON = '/usr/bin/python3';

export interface FixtureTensor {
  dims: string;
  shape: number[];
  data: number[];
}

export interface Fixture {
  name: string;
  layer: string;
  params: Record<string, unknown>;
  inputs: (FixtureTensor & { name: string })[];
  weights?: Record<string, FixtureTensor>;
  output: FixtureTensor;
  r: FixtureTensor;
  grad: { inputs: (FixtureTensor & { name: string })[] } & Record<string, FixtureTensor | FixtureTensor[]>;
  checks: Record<string, number | boolean>;
}

/** PyTorch for /usr/bin/python3 (Debian python3-torch), installed if missing. */
export function ensureTorch(): void {
  if (spawnSync(PYTHON, ['-c', 'import torch']).status === 0) return;
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'python3-torch'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (spawnSync(PYTHON, ['-c', 'import torch']).status !== 0) throw new Error('python3-torch is installed but /usr/bin/python3 cannot import torch');
}

/** Run the fixture script into a fresh temporary directory and read every case. */
export function makeFixtures(): { torch: string; fixtures: Fixture[] } {
  ensureTorch();
  const dir = mkdtempSync(join(tmpdir(), 'dltb-layer-fixtures-'));
  execFileSync(PYTHON, [join(import.meta.dirname, '..', '..', 'scripts', 'make_layer_fixtures.py'), dir], { stdio: 'pipe' });
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { torch: string; cases: string[] };
  return { torch: index.torch, fixtures: index.cases.map((c) => JSON.parse(readFileSync(join(dir, `${c}.json`), 'utf8')) as Fixture) };
}

/** Row-major values over `shape` reordered column-major (MATLAB's storage). */
export function columnMajor(data: ArrayLike<number>, shape: readonly number[]): Float64Array {
  const out = new Float64Array(data.length);
  const idx = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < data.length; i++) {
    let cm = 0;
    for (let k = shape.length - 1; k >= 0; k--) cm = cm * shape[k] + idx[k];
    out[cm] = data[i];
    for (let k = shape.length - 1; k >= 0; k--) {
      if (++idx[k] < shape[k]) break;
      idx[k] = 0;
    }
  }
  return out;
}

/** A fixture tensor as the MATLAB array it describes (single). */
export function marrayOf(t: FixtureTensor): MArray {
  return MArray.from(columnMajor(t.data, t.shape), t.shape, 'single');
}

export function tensorOf(t: FixtureTensor): tf.Tensor {
  return tf.tensor(t.data, t.shape, 'float32');
}

/** The layer a fixture's MATLAB call describes, with the fixture's weights. */
export function layerOf(f: Fixture): Layer {
  const p = f.params as Record<string, any>;
  const ctor = f.layer.split('(')[0];
  switch (ctor) {
    case 'crossChannelNormalizationLayer': return crossChannelNormalizationLayer(p.WindowChannelSize, 'Alpha', p.Alpha, 'Beta', p.Beta, 'K', p.K);
    case 'groupedConvolution2dLayer':
      return groupedConvolution2dLayer(p.FilterSize, p.NumFiltersPerGroup, p.NumGroups, 'Stride', p.Stride, 'Padding', p.Padding,
        'PaddingValue', p.PaddingValue, 'Weights', marrayOf(f.weights!.Weights), 'Bias', marrayOf(f.weights!.Bias));
    case 'convolution2dLayer':
      return convolution2dLayer(p.FilterSize, p.NumFilters, 'Stride', p.Stride, 'Padding', p.Padding, 'PaddingValue', p.PaddingValue,
        'Weights', marrayOf(f.weights!.Weights), 'Bias', marrayOf(f.weights!.Bias));
    case 'averagePooling2dLayer': return averagePooling2dLayer(p.PoolSize, 'Stride', p.Stride, 'Padding', p.Padding, 'PaddingValue', p.PaddingValue);
    case 'globalAveragePooling2dLayer': return globalAveragePooling2dLayer();
    case 'globalMaxPooling2dLayer': return globalMaxPooling2dLayer();
    case 'sigmoidLayer': return sigmoidLayer();
    case 'tanhLayer': return tanhLayer();
    case 'eluLayer': return f.layer.includes('(') ? eluLayer(p.Alpha) : eluLayer();
    case 'clippedReluLayer': return clippedReluLayer(p.Ceiling);
    case 'additionLayer': return additionLayer(p.NumInputs);
    case 'depthConcatenationLayer': return depthConcatenationLayer(p.NumInputs);
    case 'concatenationLayer': return concatenationLayer(p.Dim, p.NumInputs);
    case 'flattenLayer': return flattenLayer();
    default: throw new Error(`no layer for fixture ${f.name} (${f.layer})`);
  }
}

/** H×W×C of an NHWC fixture input. */
export function activationSize(t: FixtureTensor): ActivationSize {
  return [t.shape[1], t.shape[2], t.shape[3]];
}

/** A layer ready to run: sized for the fixture's inputs, its params as engine tensors. */
export function prepared(f: Fixture): { layer: Layer; params: tf.Tensor[]; xs: tf.Tensor[] } {
  const layer = layerOf(f);
  const sizes = f.inputs.map(activationSize);
  layer.outputSizeOf(sizes);
  layer.initialize(sizes[0]);
  return { layer, params: layer.learnables().map((p) => p.toTensor()), xs: f.inputs.map(tensorOf) };
}

/** The layer's forward on all inputs (training mode). */
export function forwardOf(layer: Layer, xs: tf.Tensor[], params: tf.Tensor[]): tf.Tensor {
  return layer.forwardInputs(xs, params, { training: true });
}

/** loss = Σ y·r, r reshaped to the output's shape. */
export function probeLoss(y: tf.Tensor, r: tf.Tensor): tf.Scalar {
  return tf.sum(tf.mul(y, tf.reshape(r, y.shape))) as tf.Scalar;
}

/** A learnable's engine gradient in its MATLAB property layout (through the layer's own conversion). */
export function matlabGradient(layer: Layer, k: number, g: tf.Tensor): MArray {
  const copy = layer.clone();
  const learnable = copy.learnables()[k];
  learnable.fromTensor(g);
  return (copy as unknown as Record<string, MArray>)[learnable.property];
}
