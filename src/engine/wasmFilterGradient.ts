/**
 * The filter gradient of a convolution as one kernel of our own on the wasm
 * backend (src/engine/kernels/filter_gradient.c), for the layers whose dW
 * tfjs's XNNPACK formulations make slow: each of them repacks dy, new at
 * every step, as an operator's weights (see the C file for the figures).
 *
 * The module imports the backend's own WebAssembly memory, so it reads x and
 * dy where they lie and writes dW into a tensor the backend allocated: no copy.
 * tfjs's threaded build has a shared memory, its single-threaded build a plain
 * one; each gets the build of the kernel that imports that kind.
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';

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
  wasm: { wasmMemory?: WasmMemory; asm?: { memory?: WasmMemory }; HEAPU8: Uint8Array };
  dataIdMap: { get(dataId: object): { memoryOffset: number } };
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
}

type FilterGradientFn = (x: number, dy: number, dw: number, ...sizes: number[]) => void;
const instances = new WeakMap<WasmMemory, FilterGradientFn>();

/** The backend's memory object: the threaded build keeps it on the module, the other exports it. */
function backendMemory(backend: WasmBackend): WasmMemory {
  const memory = backend.wasm.wasmMemory ?? backend.wasm.asm?.memory;
  if (!memory || memory.buffer !== backend.wasm.HEAPU8.buffer) throw new Error('dltb: the wasm backend\'s memory is not reachable');
  return memory;
}

function kernelOn(memory: WasmMemory): FilterGradientFn {
  let fn = instances.get(memory);
  if (!fn) {
    const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
    const bytes = readFileSync(new URL(`./kernels/filter_gradient${shared ? '.shared' : ''}.wasm`, import.meta.url));
    const instance = new wasmApi.Instance(new wasmApi.Module(bytes), { env: { memory } });
    fn = instance.exports.filter_gradient as FilterGradientFn;
    instances.set(memory, fn);
  }
  return fn;
}

function filterGradientKernel({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: object; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const b = backend as unknown as WasmBackend;
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const { kernel, stride, dilation, padding } = attrs as unknown as FilterGradientAttrs;
  const [n, h, w, c] = x.shape;
  const [, ho, wo, f] = dy.shape;
  const out = b.makeOutput([kernel[0], kernel[1], c, f], 'float32');
  const offset = (t: tf.TensorInfo) => b.dataIdMap.get(t.dataId).memoryOffset;
  kernelOn(backendMemory(b))(offset(x), offset(dy), offset(out), n, h, w, c, ho, wo, f,
    kernel[0], kernel[1], stride[0], stride[1], dilation[0], dilation[1], padding[0], padding[2]);
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
