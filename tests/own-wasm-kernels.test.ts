/**
 * The engine's own wasm kernels (src/engine/kernels): the committed binaries
 * are what the C source builds to, and each build (shared memory for tfjs's
 * threaded build, plain for its single-threaded one) computes the filter
 * gradient as an independent float64 loop does, writing nothing but dW.
 * The kernel inside training is checked against PyTorch in tests/conv-torch.test.ts.
 */
import { describe, it, expect, vi } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededValues, relativeError } from './helpers/engine.ts';
import { WasmKernelPool } from '../src/engine/wasmKernelPool.ts';

const KERNELS = new URL('../src/engine/kernels/', import.meta.url);

describe('the committed wasm kernels', () => {
  it('are byte for byte what scripts/build-wasm-kernels.sh builds from the C source, with no stack or static data', () => {
    execFileSync('bash', ['scripts/ensure-debian-packages.sh'], { stdio: 'ignore' });
    const out = mkdtempSync(join(tmpdir(), 'dltb-kernels-'));
    try {
      execFileSync('bash', ['scripts/build-wasm-kernels.sh', out], { stdio: 'pipe' }); // fails on a stack or data use
      const built = readdirSync(out).filter((f) => f.endsWith('.wasm')).sort();
      expect(built).toEqual(['filter_gradient.shared.wasm', 'filter_gradient.wasm']);
      for (const f of built) expect(readFileSync(join(out, f)).equals(readFileSync(new URL(f, KERNELS))), f).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});

interface Geometry { x: [number, number, number, number]; kernel: [number, number]; f: number; stride: [number, number]; dilation: [number, number]; pad: [number, number, number, number] }

/** The output size of one dimension of a padded convolution. */
const outSize = (n: number, k: number, s: number, d: number, p0: number, p1: number) => Math.floor((n + p0 + p1 - d * (k - 1) - 1) / s) + 1;

/** dW by the definition, in float64: Σ over every output pixel of the input tap times dy (zero outside x). */
function referenceFilterGradient(g: Geometry, x: Float32Array, dy: Float32Array, ho: number, wo: number): Float64Array {
  const [n, h, w, c] = g.x;
  const [kh, kw] = g.kernel;
  const dw = new Float64Array(kh * kw * c * g.f);
  for (let b = 0; b < n; b++) for (let oh = 0; oh < ho; oh++) for (let ow = 0; ow < wo; ow++)
    for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) {
      const ih = oh * g.stride[0] + i * g.dilation[0] - g.pad[0];
      const iw = ow * g.stride[1] + j * g.dilation[1] - g.pad[2];
      if (ih < 0 || ih >= h || iw < 0 || iw >= w) continue;
      for (let ci = 0; ci < c; ci++) {
        const xv = x[((b * h + ih) * w + iw) * c + ci];
        for (let fo = 0; fo < g.f; fo++) dw[((i * kw + j) * c + ci) * g.f + fo] += xv * dy[((b * ho + oh) * wo + ow) * g.f + fo];
      }
    }
  return dw;
}

const geometries: [string, Geometry][] = [
  ['course first layer (3×3 pad 1, 16 filters)', { x: [3, 12, 11, 1], kernel: [3, 3], f: 16, stride: [1, 1], dilation: [1, 1], pad: [1, 1, 1, 1] }],
  ['20 filters (a block of 16 and 4 single ones), 3×2, uneven padding', { x: [2, 9, 10, 2], kernel: [3, 2], f: 20, stride: [1, 1], dilation: [1, 1], pad: [2, 0, 1, 1] }],
  ['stride 3 and dilation 2, 17 filters', { x: [2, 13, 14, 1], kernel: [2, 2], f: 17, stride: [3, 3], dilation: [2, 2], pad: [1, 2, 0, 1] }],
  ['RGB, stride 2 × 1, 5 filters (no block of 16)', { x: [2, 8, 7, 3], kernel: [1, 1], f: 5, stride: [2, 1], dilation: [1, 1], pad: [0, 0, 0, 0] }],
];

// The project's lib (ES2022, no DOM) has no WebAssembly types: what this test uses.
interface WasmMemory { buffer: ArrayBuffer }
const wasm = (globalThis as unknown as { WebAssembly: {
  Memory: new (d: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
  Instance: new (m: object, i: object) => { exports: Record<string, (...a: number[]) => void> };
  Module: new (b: Uint8Array) => object;
} }).WebAssembly;

describe.each([['shared', true], ['plain', false]] as const)('filter_gradient, %s-memory build', (_kind, shared) => {
  it.each(geometries)('%s: equals the float64 definition within 1e-6, writes only dW', (_name, g) => {
    const memory = new wasm.Memory({ initial: 16, maximum: 64, ...(shared ? { shared: true } : {}) });
    const file = shared ? 'filter_gradient.shared.wasm' : 'filter_gradient.wasm';
    const kernel = new wasm.Instance(new wasm.Module(readFileSync(new URL(file, KERNELS))), { env: { memory } }).exports.filter_gradient;
    const [n, h, w, c] = g.x;
    const ho = outSize(h, g.kernel[0], g.stride[0], g.dilation[0], g.pad[0], g.pad[1]);
    const wo = outSize(w, g.kernel[1], g.stride[1], g.dilation[1], g.pad[2], g.pad[3]);
    const heap = new Float32Array(memory.buffer);
    heap.fill(-7.25); // a sentinel: every float but dW's must keep it or its input value
    const x = seededValues(n * h * w * c, 1, 2);
    const dy = seededValues(n * ho * wo * g.f, 2, 1);
    const xAt = 64, dyAt = xAt + x.length + 8, dwAt = dyAt + dy.length + 8; // float indices, gaps between
    const dwLength = g.kernel[0] * g.kernel[1] * c * g.f;
    heap.set(x, xAt);
    heap.set(dy, dyAt);
    const before = heap.slice();
    kernel(4 * xAt, 4 * dyAt, 4 * dwAt, n, h, w, c, ho, wo, g.f, g.kernel[0], g.kernel[1], g.stride[0], g.stride[1], g.dilation[0], g.dilation[1], g.pad[0], g.pad[2]);
    expect(relativeError(heap.subarray(dwAt, dwAt + dwLength), referenceFilterGradient(g, x, dy, ho, wo))).toBeLessThan(1e-6);
    heap.fill(0, dwAt, dwAt + dwLength);
    before.fill(0, dwAt, dwAt + dwLength);
    expect(heap.every((v, i) => Object.is(v, before[i])), 'memory outside dW unchanged').toBe(true);
  });
});

describe('WasmKernelPool', () => {
  it('runs shares of the images on helper threads over the shared memory; they add up to the whole', () => {
    const memory = new wasm.Memory({ initial: 64, maximum: 128, shared: true });
    const module = new wasm.Module(readFileSync(new URL('filter_gradient.shared.wasm', KERNELS)));
    const kernel = new wasm.Instance(module, { env: { memory } }).exports.filter_gradient;
    const [n, h, w, c, f] = [6, 10, 10, 4, 16];
    const heap = new Float32Array(memory.buffer);
    const x = seededValues(n * h * w * c, 3, 1), dy = seededValues(n * h * w * f, 4, 1);
    const size = 9 * c * f, xAt = 16, dyAt = xAt + x.length, wholeAt = dyAt + dy.length, firstFourAt = wholeAt + size, partsAt = firstFourAt + size;
    heap.set(x, xAt);
    heap.set(dy, dyAt);
    const geometry = [h, w, c, h, w, f, 3, 3, 1, 1, 1, 1, 1, 1];
    /** Share k: images 2k and 2k+1, into part k. */
    const share = (k: number) => [4 * (xAt + 2 * k * h * w * c), 4 * (dyAt + 2 * k * h * w * f), 4 * (partsAt + k * size), 2, ...geometry];
    const parts = (k: number) => heap.subarray(partsAt + k * size, partsAt + (k + 1) * size);
    kernel(4 * xAt, 4 * dyAt, 4 * wholeAt, n, ...geometry);
    kernel(4 * xAt, 4 * dyAt, 4 * firstFourAt, 4, ...geometry);
    const pool = new WasmKernelPool(memory, module, 2);
    try {
      expect(pool.run(2, (k) => share(k + 1), () => kernel(...share(0)))).toBe(true);
      const sum = parts(0).map((v, i) => v + parts(1)[i] + parts(2)[i]);
      expect(relativeError(sum, heap.subarray(wholeAt, wholeAt + size))).toBeLessThan(1e-6);
      // One job for the two helpers: the second stays idle and its share untouched.
      parts(2).fill(0);
      expect(pool.run(1, (k) => share(k + 1), () => kernel(...share(0)))).toBe(true);
      expect(relativeError(parts(0).map((v, i) => v + parts(1)[i]), heap.subarray(firstFourAt, firstFourAt + size))).toBeLessThan(1e-6);
      expect(parts(2).every((v) => v === 0)).toBe(true);
    } finally {
      pool.close();
    }
  });

  it('whose helpers cannot start (a plain-memory build on a shared memory) runs nothing, says so once and closes', () => {
    const memory = new wasm.Memory({ initial: 1, maximum: 2, shared: true });
    const module = new wasm.Module(readFileSync(new URL('filter_gradient.wasm', KERNELS)));
    const notice = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const pool = new WasmKernelPool(memory, module, 1);
    try {
      let ran = false;
      expect(pool.run(1, () => new Array(18).fill(0), () => { ran = true; })).toBe(false);
      expect(pool.run(1, () => new Array(18).fill(0), () => { ran = true; })).toBe(false);
      expect(ran).toBe(false);
      expect(notice.mock.calls.map((c) => String(c[0]))).toEqual(['dltb: the helper threads of the wasm filter-gradient kernel did not start; it runs on one thread.\n']);
    } finally {
      notice.mockRestore();
      pool.close();
    }
  });
});
