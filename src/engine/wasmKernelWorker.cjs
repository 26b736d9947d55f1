'use strict';
// A helper thread of src/engine/wasmKernelPool.ts: it runs the engine's own
// wasm kernel on the wasm backend's shared memory whenever the pool posts a
// job in the shared control block (see the layout there), then counts itself done.
const { workerData } = require('node:worker_threads');
const { memory, wasmModule, control, slot, layout } = workerData;
const { SEQ, DONE, STOP, READY, FAILED, ACTIVE, ARGS, ARG_COUNT } = layout;
const ctrl = new Int32Array(control);
const args = new Uint32Array(control, 4 * (ARGS + slot * ARG_COUNT), ARG_COUNT);
let kernel;
try {
  kernel = new WebAssembly.Instance(wasmModule, { env: { memory } }).exports.filter_gradient;
} catch {
  Atomics.store(ctrl, FAILED, 1);
}
// Read before saying ready: the first job's sequence number comes only after that.
let seen = Atomics.load(ctrl, SEQ);
Atomics.add(ctrl, READY, 1);
Atomics.notify(ctrl, READY);
while (kernel) {
  Atomics.wait(ctrl, SEQ, seen);
  seen = Atomics.load(ctrl, SEQ);
  if (Atomics.load(ctrl, STOP)) break;
  if (slot < Atomics.load(ctrl, ACTIVE)) try {
    // The padding (the last two arguments) is signed; the rest are sizes and addresses.
    kernel(...Array.from(args.subarray(0, ARG_COUNT - 2)), args[ARG_COUNT - 2] | 0, args[ARG_COUNT - 1] | 0);
  } catch {
    Atomics.store(ctrl, FAILED, 1);
  }
  Atomics.add(ctrl, DONE, 1);
  Atomics.notify(ctrl, DONE);
}
