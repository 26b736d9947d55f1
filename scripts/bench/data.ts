/**
 * MNIST-shaped data for every engine of the bench: the official test set
 * (../shared/reference/mnist-test) when it is there, else synthetic digits,
 * so the bench runs in a bare checkout too.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { readIdxImages, readIdxLabels, findIdxPair } from '../../src/data/idx.ts';

export const SIDE = 28;
export const PIXELS = SIDE * SIDE;

export interface Digits {
  count: number;
  /** Row-major N×28×28 (NHWC = NCHW with one channel), values in [0, 1]: tfjs and PyTorch layout. */
  rows: Float32Array;
  /** Column-major 28×28×1×N: the toolbox's MArray layout. */
  cols: Float32Array;
  /** Classes 0–9. */
  labels: Uint8Array;
  source: string;
}

const REFERENCE = fileURLToPath(new URL('../../../shared/reference/mnist-test/', import.meta.url));

export async function loadDigits(count: number, dir = REFERENCE): Promise<Digits> {
  const pair = existsSync(dir) ? findIdxPair(dir, 't10k') : undefined;
  if (!pair) return synthetic(count);
  const [images, labels] = await Promise.all([readIdxImages(pair.images), readIdxLabels(pair.labels)]);
  const n = Math.min(count, images.count);
  const rows = new Float32Array(n * PIXELS);
  for (let i = 0; i < rows.length; i++) rows[i] = images.pixels[i] / 255;
  return { count: n, rows, cols: toColumnMajor(rows, n), labels: labels.slice(0, n), source: `MNIST test set (${path.relative(process.cwd(), dir) || dir}), ${n} digits` };
}

/** Each image transposed (row-major h·28+w → column-major h+28·w); images stay contiguous. */
function toColumnMajor(rows: Float32Array, n: number): Float32Array {
  const cols = new Float32Array(rows.length);
  for (let k = 0; k < n; k++) {
    const o = k * PIXELS;
    for (let h = 0; h < SIDE; h++) for (let w = 0; w < SIDE; w++) cols[o + h + SIDE * w] = rows[o + h * SIDE + w];
  }
  return cols;
}

/** Deterministic class-dependent strokes plus noise: learnable, so the loss curves stay meaningful. */
function synthetic(n: number): Digits {
  let s = 0x9e3779b9;
  const rand = (): number => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rows = new Float32Array(n * PIXELS);
  const labels = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const c = k % 10;
    labels[k] = c;
    const angle = (c * Math.PI) / 10;
    for (let h = 0; h < SIDE; h++) {
      for (let w = 0; w < SIDE; w++) {
        const d = Math.abs((h - 13.5) * Math.cos(angle) - (w - 13.5) * Math.sin(angle));
        rows[k * PIXELS + h * SIDE + w] = Math.min(1, Math.max(0, (d < 2 ? 0.9 : 0) + 0.2 * rand()));
      }
    }
  }
  return { count: n, rows, cols: toColumnMajor(rows, n), labels, source: `synthetic digits (no ../shared/reference/mnist-test), ${n} images` };
}
