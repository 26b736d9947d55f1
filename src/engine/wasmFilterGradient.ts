/**
 * The filter gradient of a convolution as one kernel of our own on the wasm
 * backend (src/engine/kernels/filter_gradient.c), for the layers whose dW
 * tfjs's XNNPACK formulations make slow: each of them repacks dy, new at
 * every step, as an operator's weights (see the C file for the figures).
 *
 * The module imports the backend's own WebAssembly memory, so it reads x and
 * dy where they lie and writes dW into a tensor the backend allocated: no copy.
 * tfjs's threaded build has a shared memory, its single-threaded build a plain
 * one; each gets the build of the kernel that imports that kind. On the
 * threaded build, helper threads (wasmKernelPool.ts) take shares of the
 * mini-batch, as many as tfjs's own pool has threads.
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { WasmKernelPool } from './wasmKernelPool.ts';
import { wasmThreadCount } from './wasmThreads.ts';

export const FILTER_GRADIENT = 'DltbFilterGradient';

export interface FilterGradientAttrs {
  kernel: [number, number];
  stride: [number, number];
  dilation: [number, number];
  /** [top, bottom, left, right] */
  padding: [number, number, number, number];
}

// The project's lib (ES2022, no DOM) has no WebAssembly types: what this file uses.
interface WasmMemory { buffer: ArrayBufferLike }
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: { env: { memory: WasmMemory } }) => { exports: Record<string, unknown> };
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** What this file uses of tfjs's BackendWasm and its Emscripten module. */
interface WasmBackend {
  wasm: { wasmMemory?: WasmMemory; asm?: { memory?: WasmMemory }; HEAPU8: Uint8Array; _malloc(bytes: number): number; _free(at: number): void };
  dataIdMap: { get(dataId: object): { memoryOffset: number } };
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
  disposeData(dataId: object): void;
}

/** filter_gradient(x, dy, dw, n, h, w, c, ho, wo, f, kh, kw, sh, sw, dh, dw, top, left), addresses in bytes. */
type FilterGradientFn = (...args: number[]) => void;
interface KernelOnMemory { fn: FilterGradientFn; pool: WasmKernelPool | null }
/** The kernel on the current backend's memory (a new backend has a new memory). */
let current: (KernelOnMemory & { memory: WasmMemory }) | null = null;
/** Below this many multiply-adds a share is not worth a helper's wake-up. */
const MIN_MACS_PER_SHARE = 1 << 21;

/** The backend's memory object: the threaded build keeps it on the module, the other exports it. */
function backendMemory(backend: WasmBackend): WasmMemory {
  const memory = backend.wasm.wasmMemory ?? backend.wasm.asm?.memory;
  if (!memory || memory.buffer !== backend.wasm.HEAPU8.buffer) throw new Error('dltb: the wasm backend\'s memory is not reachable');
  return memory;
}

function kernelOn(memory: WasmMemory): KernelOnMemory {
  if (current?.memory !== memory) {
    current?.pool?.close();
    const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
    const module = new wasmApi.Module(readFileSync(new URL(`./kernels/filter_gradient${shared ? '.shared' : ''}.wasm`, import.meta.url)));
    const fn = new wasmApi.Instance(module, { env: { memory } }).exports.filter_gradient as FilterGradientFn;
    const helpers = shared ? wasmThreadCount() - 1 : 0;
    current = { memory, fn, pool: helpers > 0 ? new WasmKernelPool(memory, module, helpers) : null };
  }
  return current;
}

/** Where the kernel reads and writes (byte addresses on the backend's heap), and the sizes it takes after n. */
interface Job { xAt: number; dyAt: number; outAt: number; n: number; perImageX: number; perImageDy: number; outPixels: number; size: number; geometry: number[] }

/** dW of the job into outAt: on this thread alone, or in shares of whole images with the pool's helpers. */
function runFilterGradient(b: WasmBackend, { fn, pool }: KernelOnMemory, job: Job): void {
  const { xAt, dyAt, outAt, n, size, geometry } = job;
  // Multiply-adds: n·ho·wo output pixels, each times every filter tap.
  const shares = pool ? Math.max(1, Math.min(pool.helpers + 1, n, Math.floor((n * job.outPixels * size) / MIN_MACS_PER_SHARE))) : 1;
  if (shares === 1) {
    fn(xAt, dyAt, outAt, n, ...geometry);
    return;
  }
  // Share k: images [first(k), first(k+1)); share 0 on this thread, into dW itself.
  const first = (k: number) => Math.floor((k * n) / shares);
  const argsOf = (k: number, dwAt: number) => [xAt + 4 * first(k) * job.perImageX, dyAt + 4 * first(k) * job.perImageDy, dwAt, first(k + 1) - first(k), ...geometry];
  // The helpers' partial gradients go to scratch space on the same heap, then are added to share 0's.
  const scratch = b.wasm._malloc(4 * size * (shares - 1)) >>> 0;
  const partAt = (k: number) => scratch + 4 * size * (k - 1);
  try {
    if (!pool!.run(shares - 1, (k) => argsOf(k + 1, partAt(k + 1)), () => fn(...argsOf(0, outAt)))) {
      for (let k = 0; k < shares; k++) fn(...argsOf(k, k === 0 ? outAt : partAt(k)));
    }
    const heap = new Float32Array(b.wasm.HEAPU8.buffer);
    const dw = heap.subarray(outAt / 4, outAt / 4 + size);
    for (let k = 1; k < shares; k++) {
      const part = heap.subarray(partAt(k) / 4, partAt(k) / 4 + size);
      for (let i = 0; i < size; i++) dw[i] += part[i];
    }
  } finally {
    b.wasm._free(scratch);
  }
}

function filterGradientKernel({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: object; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const b = backend as unknown as WasmBackend;
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const { kernel, stride, dilation, padding } = attrs as unknown as FilterGradientAttrs;
  const [n, h, w, c] = x.shape;
  const [, ho, wo, f] = dy.shape;
  const size = kernel[0] * kernel[1] * c * f;
  const out = b.makeOutput([kernel[0], kernel[1], c, f], 'float32');
  const offset = (t: tf.TensorInfo) => b.dataIdMap.get(t.dataId).memoryOffset;
  const geometry = [h, w, c, ho, wo, f, kernel[0], kernel[1], stride[0], stride[1], dilation[0], dilation[1], padding[0], padding[2]];
  try {
    runFilterGradient(b, kernelOn(backendMemory(b)), { xAt: offset(x), dyAt: offset(dy), outAt: offset(out), n, perImageX: h * w * c, perImageDy: ho * wo * f, outPixels: ho * wo, size, geometry });
  } catch (e) {
    b.disposeData(out.dataId);
    throw e;
  }
  return out;
}

/** Register the kernel on the wasm backend (once; a no-op where tfjs has no wasm backend). */
export function registerWasmFilterGradient(): void {
  if (tf.getKernel(FILTER_GRADIENT, 'wasm')) return;
  tf.registerKernel({ kernelName: FILTER_GRADIENT, backendName: 'wasm', kernelFunc: filterGradientKernel as unknown as tf.KernelFunc });
}

/** dW [kh,kw,C,F] of a convolution of x [N,H,W,C] giving dy [N,Ho,Wo,F], or null on a backend without the kernel. */
export function wasmFilterGradient(x: tf.Tensor4D, dy: tf.Tensor4D, attrs: FilterGradientAttrs): tf.Tensor4D | null {
  if (tf.getBackend() !== 'wasm' || !tf.getKernel(FILTER_GRADIENT, 'wasm')) return null;
  if (x.dtype !== 'float32' || dy.dtype !== 'float32') return null;
  return tf.engine().runKernel(FILTER_GRADIENT, { x, dy }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor4D;
}
