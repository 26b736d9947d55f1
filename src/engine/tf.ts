/**
 * The one TensorFlow.js instance the toolbox uses, and backend selection
 * following MATLAB's ExecutionEnvironment.
 *
 * The always-available engine is tfjs-core + the wasm backend (its binaries
 * ship in the npm tarball). tfjs-node / tfjs-node-gpu are optional
 * accelerators: they are loaded only if a user has installed them.
 */
import * as tf from '@tensorflow/tfjs-core';
// Types of the chained methods (t.reshape(…)).
import type {} from '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
// Gradients and chained methods are registered by separate ESM files of
// tfjs-core that Node cannot load (they import directories); the union
// package's CommonJS bundle registers both on the same tfjs-core instance.
import '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { matlabError } from '../runtime/errors.ts';
import { installThreadedWasm } from './wasmThreads.ts';
import { shareDataInWasmIdentity } from './wasmIdentity.ts';
import { registerWasmFilterGradient } from './wasmFilterGradient.ts';

export { tf };

// Production mode: no development warnings (such as the cpu backend's advert for tfjs-node).
tf.env().set('PROD', true);

// The wasm engine uses every core (its threaded build; DLTB_WASM_THREADS sets the count).
installThreadedWasm();
shareDataInWasmIdentity();
registerWasmFilterGradient();


export type ExecutionEnvironment = 'auto' | 'cpu' | 'gpu' | 'multi-gpu' | 'parallel';

const requireOptional = createRequire(import.meta.url);
const optionalLoaded = new Map<string, boolean>();

/** Try to load an optional tfjs-node flavour; false when it is not installed or fails to load. */
function loadOptional(pkg: string): boolean {
  if (!optionalLoaded.has(pkg)) {
    let ok = false;
    try {
      requireOptional(pkg);
      ok = true;
    } catch {
      ok = false;
    }
    optionalLoaded.set(pkg, ok);
  }
  return optionalLoaded.get(pkg)!;
}

let chosen: string | null = null;

/**
 * Pick and initialise the backend for an ExecutionEnvironment:
 * 'gpu' needs tfjs-node-gpu; 'cpu' prefers tfjs-node and falls back to wasm;
 * 'auto' takes the GPU when present, else the fastest CPU engine.
 * DLTB_BACKEND (wasm | cpu | tensorflow) overrides, for tests and benchmarks.
 */
export async function useExecutionEnvironment(env: ExecutionEnvironment = 'auto'): Promise<string> {
  const forced = process.env.DLTB_BACKEND;
  let target: string;
  if (forced) {
    target = forced;
  } else if (env === 'gpu' || env === 'multi-gpu') {
    if (!loadOptional('@tensorflow/tfjs-node-gpu')) {
      matlabError('trainNetwork:noGPU', "ExecutionEnvironment 'gpu' needs a supported GPU: install @tensorflow/tfjs-node-gpu (CUDA) to use one. Use 'auto' or 'cpu' to train on the CPU.");
    }
    target = 'tensorflow';
  } else if (env === 'auto' && loadOptional('@tensorflow/tfjs-node-gpu')) {
    target = 'tensorflow';
  } else {
    target = loadOptional('@tensorflow/tfjs-node') ? 'tensorflow' : 'wasm';
  }
  if (chosen !== target || tf.getBackend() !== target) {
    await withoutAddedProcessHandlers(async () => {
      const ok = await tf.setBackend(target);
      if (!ok) matlabError('dltb:backend', `Could not initialise the '${target}' TensorFlow.js backend.`);
      await tf.ready();
    });
    chosen = target;
  }
  return target;
}

/** Make sure some backend is ready (the default environment) before tensor work. */
export async function ensureEngine(): Promise<string> {
  return chosen ?? useExecutionEnvironment('auto');
}

// Initialise the default engine when the toolbox loads: tfjs would otherwise
// initialise wasm lazily on the first tensor, outside the handler clean-up above.
await ensureEngine();

/**
 * The Emscripten-built wasm backend installs process handlers that rethrow
 * every uncaught error from inside its minified source (printing megabytes
 * of it). Errors are the toolbox's to report: those handlers are removed.
 */
async function withoutAddedProcessHandlers(f: () => Promise<void>): Promise<void> {
  const events = ['uncaughtException', 'unhandledRejection'] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e))]));
  try {
    await f();
  } finally {
    for (const e of events) {
      for (const l of process.listeners(e)) if (!before.get(e)!.has(l)) process.removeListener(e, l as (...args: unknown[]) => void);
    }
  }
}

/** Words for the console ("Training on single CPU."). */
export function describeBackend(): string {
  const b = tf.getBackend();
  if (b === 'tensorflow' && optionalLoaded.get('@tensorflow/tfjs-node-gpu')) return 'single GPU';
  return 'single CPU';
}
