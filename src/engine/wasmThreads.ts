/**
 * tfjs-backend-wasm's threaded SIMD build under Node: XNNPACK's thread pool
 * spreads each kernel of one mini-batch over the cores, with the same
 * kernels, so the numbers do not change.
 *
 * tfjs's own loader runs one thread under Node, for three reasons:
 *  1. it turns threads off there (its WASM_HAS_MULTITHREAD_SUPPORT flag is false when IS_NODE);
 *  2. it gives Emscripten blob: URLs for the worker and main scripts, which worker_threads cannot load;
 *  3. the C++ side caps the pool at emscripten_num_logical_cores() / 2, the halving because it
 *     expects two hyperthreads per core. That cap is read once, in a static initialiser. With
 *     2 logical CPUs it allows one thread, whatever init_with_threads_count asks for.
 * Here the Emscripten factory gets file paths (a worker script of ours, the glue beside the
 * .wasm), and its logical-core import reports twice the wanted count. Emscripten ref()s a
 * worker when its pthread starts. The pool's threads never end, so they are unref'd and the
 * process ends when the script does. The idle workers the glue spawns in advance (8) are ended.
 */
import * as tf from '@tensorflow/tfjs-core';
import { BackendWasm, getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { availableParallelism, cpus } from 'node:os';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isMainThread, type Worker } from 'node:worker_threads';
import { matlabError } from '../runtime/errors.ts';

/** The most threads the build's pool takes (its C++ max_num_threads). */
const MAX_THREADS = 8;
const WASM_PRIORITY = 2;

/**
 * How many threads the wasm engine should use. DLTB_WASM_THREADS=n sets it,
 * and DLTB_NO_WASM_THREADS=1 forces 1, the single-threaded build. Otherwise it
 * uses every core: os.availableParallelism(), capped at the build's 8. Worker
 * threads take 1, because the 'parallel' workers already fill the other cores.
 */
export function requestedWasmThreads(): number {
  if (process.env.DLTB_NO_WASM_THREADS === '1') return 1;
  const raw = process.env.DLTB_WASM_THREADS;
  if (raw !== undefined && raw !== '') {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) matlabError('dltb:wasmThreads', `DLTB_WASM_THREADS must be a positive integer, not '${raw}'.`);
    return Math.min(n, MAX_THREADS);
  }
  if (!isMainThread) return 1;
  const cores = typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
  return Math.max(1, Math.min(cores, MAX_THREADS));
}

/** Threads of the wasm engine now running (1 for the single-threaded build). */
export function wasmThreadCount(): number {
  return Math.max(1, getThreadsCount());
}

/** The Emscripten module, as far as this file uses it. */
interface ThreadedModule {
  cwrap(name: string, ret: string | null, args: string[]): (...a: number[]) => number;
  PThread: { unusedWorkers: Worker[]; runningWorkers: Worker[]; terminateAllThreads(): void };
  tfjs?: Record<string, (...a: number[]) => number>;
}
type Factory = (config: Record<string, unknown>) => Promise<ThreadedModule>;
interface WasmImports { env: Record<string, unknown> }
// The project's lib (ES2022, no DOM) has no WebAssembly types: the one call used here.
interface WasmApi { instantiate(bytes: Uint8Array, imports: WasmImports): Promise<{ instance: object; module: object }> }
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const requireHere = createRequire(import.meta.url);

/** Start the threaded build's Emscripten module with a pool of `threads`. */
async function startThreadedModule(threads: number): Promise<ThreadedModule> {
  const glue = requireHere.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js');
  const binary = readFileSync(glue.replace(/\.js$/, '.wasm'));
  const worker = fileURLToPath(new URL('./wasmThreadsWorker.cjs', import.meta.url));
  const factory = requireHere(glue) as Factory;
  let aborted = '';
  // Emscripten builds the module on this object (PThread included, even when it fails later).
  const config: Record<string, unknown> & Partial<ThreadedModule> = {
    locateFile: (path: string, prefix: string) => (path.endsWith('.worker.js') ? worker : prefix + path),
    mainScriptUrlOrBlob: glue,
    onAbort: (what: unknown) => { aborted = String(what); },
    instantiateWasm(imports: WasmImports, receive: (instance: object, module: object) => void) {
      imports.env.emscripten_num_logical_cores = () => 2 * threads; // the C++ halves it (see above)
      wasmApi.instantiate(binary, imports).then((r) => receive(r.instance, r.module));
      return {};
    },
  };
  let module: ThreadedModule;
  try {
    module = await factory(config);
    if (aborted) throw new Error(aborted);
  } catch (e) {
    config.PThread?.terminateAllThreads(); // workers spawned before the failure would keep the process alive
    throw e;
  }
  // The bridge tfjs's own loader builds (BackendWasm expects it under `tfjs`).
  module.tfjs = {
    init: module.cwrap('init', null, []),
    initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']),
    getThreadsCount: module.cwrap('get_threads_count', 'number', []),
    registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']),
    disposeData: module.cwrap('dispose_data', null, ['number']),
    dispose: module.cwrap('dispose', null, []),
  };
  return module;
}

/** A BackendWasm on the threaded build with `threads` threads, or an Error saying why not. */
async function threadedBackend(threads: number): Promise<BackendWasm | Error> {
  let module: ThreadedModule;
  try {
    module = await startThreadedModule(threads);
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
  setThreadsCount(threads);
  const backend = new BackendWasm(module as never); // creates the pool: threads − 1 pthreads and this thread
  const { PThread } = module;
  const got = getThreadsCount();
  if (got !== threads || PThread.runningWorkers.length !== threads - 1) {
    backend.dispose();
    return new Error(`asked for ${threads} threads, the pool has ${got}`);
  }
  for (const w of PThread.unusedWorkers) void w.terminate();
  PThread.unusedWorkers.length = 0;
  for (const w of PThread.runningWorkers) w.unref();
  return backend;
}

let installed = false;

/**
 * Make the 'wasm' backend start the threaded build when more than one thread
 * is wanted. If the threaded build cannot start, the backend falls back to
 * tfjs's single-threaded build and prints a one-line notice on stderr.
 */
export function installThreadedWasm(): void {
  if (installed) return;
  installed = true;
  requestedWasmThreads(); // a malformed DLTB_WASM_THREADS fails here, plainly, not inside tfjs's backend start-up
  const stock = tf.findBackendFactory('wasm');
  if (!stock) return;
  tf.removeBackend('wasm');
  tf.registerBackend('wasm', async () => {
    const threads = requestedWasmThreads();
    if (threads > 1) {
      const threaded = await threadedBackend(threads);
      if (!(threaded instanceof Error)) return threaded;
      process.stderr.write(`Note: the wasm engine runs on one thread: its threaded build did not start (${threaded.message.split('\n')[0]}).\n`);
    }
    setThreadsCount(1);
    return stock();
  }, WASM_PRIORITY);
}
