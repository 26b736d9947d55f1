/**
 * Helper threads for the engine's own wasm kernel (wasmFilterGradient.ts) on
 * tfjs's threaded build, whose memory is shared: each helper instantiates the
 * kernel on that same memory and computes the filter gradient of its share of
 * the mini-batch, as XNNPACK's pool does for tfjs's own kernels. The calling
 * thread takes the first share and adds the partial gradients up.
 *
 * The helpers wait on a shared control block (Atomics), so a job costs two
 * notifications, some 0.05 ms, against milliseconds of work; the calling
 * thread blocks meanwhile, as it does inside tfjs's threaded kernels. The
 * helpers are unref'd: the process ends when the script does.
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';

/** The control block: counters and flags, then ARG_COUNT kernel arguments per helper. */
const layout = { SEQ: 0, DONE: 1, STOP: 2, READY: 3, FAILED: 4, ACTIVE: 5, ARGS: 6, ARG_COUNT: 18 };
const { SEQ, DONE, STOP, READY, FAILED, ACTIVE, ARGS, ARG_COUNT } = layout;
/** How long the first job waits for the helpers to start before doing without them. */
const START_TIMEOUT_MS = 10_000;

export interface SharedMemory { buffer: ArrayBufferLike }

export class WasmKernelPool {
  private readonly workers: Worker[];
  private readonly control: SharedArrayBuffer;
  private readonly ctrl: Int32Array;
  private started = false;
  private closed = false;

  /** `helpers` threads running `module` (the kernel's shared-memory build) on `memory`. */
  constructor(readonly memory: SharedMemory, module: object, readonly helpers: number) {
    this.control = new SharedArrayBuffer(4 * (ARGS + ARG_COUNT * helpers));
    this.ctrl = new Int32Array(this.control);
    const script = fileURLToPath(new URL('./wasmKernelWorker.cjs', import.meta.url));
    this.workers = Array.from({ length: helpers }, (_, slot) => {
      // Plain CommonJS: no loader of the parent's (tsx, vitest) is wanted, nor works, there.
      const w = new Worker(script, { workerData: { memory, wasmModule: module, control: this.control, slot, layout }, execArgv: [] });
      w.unref();
      return w;
    });
  }

  /** Whether the helpers started (waits for them the first time); a pool whose helpers failed closes itself. */
  private ready(): boolean {
    if (this.started || this.closed) return this.started;
    const until = Date.now() + START_TIMEOUT_MS;
    for (let n = Atomics.load(this.ctrl, READY); n < this.helpers && Date.now() < until; n = Atomics.load(this.ctrl, READY)) {
      Atomics.wait(this.ctrl, READY, n, 100);
    }
    this.started = Atomics.load(this.ctrl, READY) === this.helpers && !Atomics.load(this.ctrl, FAILED);
    if (!this.started) {
      this.close();
      process.stderr.write('dltb: the helper threads of the wasm filter-gradient kernel did not start; it runs on one thread.\n');
    }
    return this.started;
  }

  /**
   * Run the kernel with argsOf(k) on helpers k < active (the others stay idle) while `own` runs
   * on this thread, and return when all are done; false, having run nothing, when the helpers
   * could not start.
   */
  run(active: number, argsOf: (helper: number) => number[], own: () => void): boolean {
    if (active > this.helpers) throw new Error(`dltb: ${active} jobs for ${this.helpers} helper threads`);
    if (!this.ready()) return false;
    for (let k = 0; k < active; k++) new Uint32Array(this.control, 4 * (ARGS + k * ARG_COUNT), ARG_COUNT).set(argsOf(k).map((v) => v >>> 0));
    Atomics.store(this.ctrl, ACTIVE, active);
    Atomics.store(this.ctrl, DONE, 0);
    Atomics.add(this.ctrl, SEQ, 1);
    Atomics.notify(this.ctrl, SEQ);
    own();
    for (let done = Atomics.load(this.ctrl, DONE); done < this.helpers; done = Atomics.load(this.ctrl, DONE)) Atomics.wait(this.ctrl, DONE, done);
    if (Atomics.load(this.ctrl, FAILED)) throw new Error('dltb: a helper thread of the wasm filter-gradient kernel failed');
    return true;
  }

  /** End the helpers (the backend that owns the memory is going away, or they failed). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    Atomics.store(this.ctrl, STOP, 1);
    Atomics.add(this.ctrl, SEQ, 1);
    Atomics.notify(this.ctrl, SEQ);
    for (const w of this.workers) void w.terminate();
  }
}
