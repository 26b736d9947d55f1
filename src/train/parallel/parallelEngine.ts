/**
 * Data-parallel gradients (ExecutionEnvironment 'parallel', as MATLAB divides
 * each mini-batch among the workers of a parallel pool): this thread takes
 * the first share of the batch, worker threads the others, concurrently;
 * the shares' results are combined into the whole batch's. Batch
 * normalisation normalises each share with its own statistics (as each
 * MATLAB worker does); the moving statistics combine exactly.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { tf } from '../../engine/tf.ts';
import { encodeVariables } from '../../io/encoder.ts';
import { matlabError } from '../../runtime/errors.ts';
import { computeGradients, type GradientResult } from '../gradientStep.ts';
import type { GradientEngine, NetworkShape } from '../gradientEngine.ts';
import { combineShares, shareSizes, type Share } from './combine.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

/**
 * The worker's entry: from the sources (tsx, vitest) a boot file registers
 * the TypeScript loader first; the built package runs its compiled module.
 */
const WORKER_ENTRY = import.meta.url.endsWith('.ts') ? new URL('./workerBoot.mjs', import.meta.url) : new URL('./gradientWorker.js', import.meta.url);

/** Workers beside this thread: one per further core. */
export function parallelWorkerCount(): number {
  const fromEnv = Number(process.env.DLTB_WORKERS);
  return Number.isInteger(fromEnv) && fromEnv >= 0 ? fromEnv : Math.max(1, availableParallelism() - 1);
}

/**
 * One worker and its single outstanding request. A worker that dies (crash,
 * process.exit, out of memory) answers its request, and every later one,
 * with an error: nothing is left waiting for a reply that never comes.
 */
class WorkerLink {
  private pending: ((m: FromWorker) => void) | null = null;
  private death: string | null = null;
  constructor(readonly worker: Worker) {
    worker.on('message', (m: FromWorker) => this.answer(m));
    worker.on('error', (e: Error) => this.answer({ type: 'error', message: e.message }));
    worker.on('exit', (code: number) => {
      this.death ??= `the worker thread stopped unexpectedly (exit code ${code})`;
      this.answer({ type: 'error', message: this.death });
    });
  }
  request(m: ToWorker, transfer: ArrayBuffer[] = []): Promise<FromWorker> {
    if (this.death !== null) return Promise.resolve({ type: 'error', message: this.death });
    return new Promise((resolve) => {
      this.pending = resolve;
      this.worker.postMessage(m, transfer);
    });
  }
  private answer(m: FromWorker): void {
    const pending = this.pending;
    this.pending = null;
    pending?.(m);
  }
}

function expectType<T extends FromWorker['type']>(m: FromWorker, type: T): Extract<FromWorker, { type: T }> {
  if (m.type === 'error') matlabError('trainNetwork:workerFailed', `A parallel training worker failed: ${m.message}`);
  if (m.type !== type) matlabError('trainNetwork:workerFailed', `A parallel training worker answered '${m.type}' instead of '${type}'.`);
  return m as Extract<FromWorker, { type: T }>;
}

export class ParallelGradientEngine implements GradientEngine {
  private constructor(private readonly net: NetworkShape, private readonly links: WorkerLink[]) {}

  static async start(net: NetworkShape, shapes: number[][], workers = parallelWorkerCount()): Promise<ParallelGradientEngine> {
    const layers = encodeVariables([['layers', [...net.topology.layers]]]);
    const links = Array.from({ length: workers }, () => new WorkerLink(new Worker(WORKER_ENTRY)));
    const engine = new ParallelGradientEngine(net, links);
    try {
      await Promise.all(links.map(async (l) => expectType(await l.request({
        type: 'init', layers, sources: net.topology.sources.map((s) => [...s]), trained: [...net.trained], counts: [...net.counts], size: net.size, head: net.head, shapes,
      }), 'ready')));
    } catch (e) {
      await engine.dispose();
      throw e;
    }
    return engine;
  }

  async compute(params: tf.Tensor[], pixels: Float32Array, targets: Float32Array, n: number): Promise<GradientResult> {
    const { topology, counts, size, head, trained } = this.net;
    const sizes = shareSizes(n, this.links.length + 1);
    const per = size[0] * size[1] * size[2];
    const values = params.map((p) => p.dataSync() as Float32Array);
    // Shares 1.. go to the workers (sent first, so they run while this thread computes share 0).
    let start = sizes[0];
    // A batch smaller than the thread count leaves some workers without a share.
    const busy = this.links.filter((_, k) => sizes[k + 1] > 0);
    const remote = busy.map((link, k) => {
      const m = sizes[k + 1];
      const msg: ToWorker = {
        type: 'step', n: m, params: values.map((v) => v.slice()),
        pixels: pixels.slice(start * per, (start + m) * per), targets: targets.slice(start * head.width, (start + m) * head.width),
      };
      start += m;
      return link.request(msg, [...msg.params.map((p) => p.buffer as ArrayBuffer), msg.pixels.buffer as ArrayBuffer, msg.targets.buffer as ArrayBuffer]);
    });
    const n0 = sizes[0];
    const local = computeGradients(topology, counts, params, pixels.subarray(0, n0 * per), targets.subarray(0, n0 * head.width), n0, size, head, trained);
    const localGrads = local.grads.map((g) => g.dataSync() as Float32Array);
    const shares: Share[] = [{ n: n0, loss: local.loss, metric: local.metric, grads: localGrads, stats: local.stats }];
    const answers = await Promise.all(remote);
    const failure = answers.find((a) => a.type !== 'result');
    if (failure) {
      // Release the remaining workers before reporting: none may keep the process alive.
      local.grads.forEach((g) => g.dispose());
      await this.dispose();
      expectType(failure, 'result');
    }
    for (const [k, answer] of answers.entries()) {
      const r = expectType(answer, 'result');
      shares.push({ n: sizes[k + 1], loss: r.loss, metric: r.metric, grads: r.grads, stats: new Map(r.stats) });
    }
    const combined = combineShares(shares);
    local.grads.forEach((g) => g.dispose());
    return { ...combined, grads: combined.grads.map((g, k) => tf.tensor(g, params[k].shape)) };
  }

  async dispose(): Promise<void> {
    await Promise.all(this.links.map((l) => l.worker.terminate()));
  }
}
