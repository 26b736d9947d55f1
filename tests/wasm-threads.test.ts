/**
 * The threaded wasm engine (src/engine/wasmThreads.ts): it starts with a
 * real thread pool, trains to the single-threaded build's numbers, leaks no
 * tensors, lets the process exit, and falls back to one thread when forced
 * to or when threads cannot start. Each run is a child process
 * (tests/helpers/wasmThreadsTrain.ts), because a process holds one wasm engine.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { requestedWasmThreads } from '../src/engine/wasmThreads.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url));

interface Run {
  backend: string;
  threads: number;
  losses: number[];
  tensorsPerEpoch: number[];
  tensorsAfterRelease: number;
  values: Record<string, number[]>;
  stderr: string;
}

/** Run the training script in a child with these thread settings; it must exit by itself, with code 0, within the bound. */
function train(env: Record<string, string>, ...args: string[]): Run {
  const child = spawnSync(process.execPath, [tsx, 'tests/helpers/wasmThreadsTrain.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    // Thread settings inherited from the test run (a forced fallback) must not decide these runs.
    env: { ...process.env, DLTB_WASM_THREADS: '', DLTB_NO_WASM_THREADS: '', DLTB_BACKEND: '', ...env },
    timeout: 100_000,
  });
  expect(child.error, 'the child process did not exit by itself (hang at exit?)').toBeUndefined();
  expect(child.signal).toBeNull();
  expect(child.status, child.stderr).toBe(0);
  const line = child.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  expect(line, child.stdout).toBeDefined();
  return { ...(JSON.parse(line!.slice(7)) as Omit<Run, 'stderr'>), stderr: child.stderr };
}

/**
 * Largest |a − b| over every learnable and statistic of two runs (which must hold the same ones),
 * each relative to its parameter's largest magnitude when that is above 1. The threaded build
 * adds the filter gradient up in shares of the mini-batch, so the last bits differ; a batch-norm
 * variance of ~2,500 (raw pixels) has a float32 spacing of 2.4e-4, so 1e-5 can only hold relatively there.
 */
function maxDifference(a: Run, b: Run): number {
  expect(Object.keys(a.values).sort()).toEqual(Object.keys(b.values).sort());
  let d = 0;
  for (const [k, v] of Object.entries(a.values)) {
    expect(v.length).toBe(b.values[k].length);
    const scale = Math.max(1, ...b.values[k].map(Math.abs));
    v.forEach((x, i) => { d = Math.max(d, Math.abs(x - b.values[k][i]) / scale); });
  }
  return d;
}

const NOTICE = /^Note: the wasm engine runs on one thread: its threaded build did not start \(.+\)\.$/m;

describe('threaded wasm engine', () => {
  // Two threads on purpose, so the check holds on a one-core machine too.
  const threaded = () => train({ DLTB_WASM_THREADS: '2' });
  const single = () => train({ DLTB_WASM_THREADS: '1' });

  it('starts with a real thread pool and trains to the single-threaded build\'s weights (5 SGDM steps, within 1e-5)', () => {
    const a = threaded();
    const b = single();
    expect(a.backend).toBe('wasm');
    expect(a.threads).toBe(2);
    expect(b.threads).toBe(1);
    expect(a.stderr).not.toMatch(NOTICE);
    // It did train (five steps, the loss falls), and the runs are compared on every parameter.
    expect(a.losses).toHaveLength(5);
    expect(a.losses[4]).toBeLessThan(a.losses[0]);
    expect(Object.keys(a.values)).toHaveLength(14); // 3 × (Weights, Bias) + 2 × (Scale, Offset, TrainedMean, TrainedVariance)
    expect(maxDifference(a, b)).toBeLessThanOrEqual(1e-5);
  });

  it('uses every core by default (os.availableParallelism, at most 8)', async () => {
    const { availableParallelism } = await import('node:os');
    expect(train({}).threads).toBe(Math.min(availableParallelism(), 8));
  });

  it('keeps the tensor count flat across epochs, frees everything, and the process exits', () => {
    const r = train({ DLTB_WASM_THREADS: '2' }, '3');
    expect(r.threads).toBe(2);
    expect(r.tensorsPerEpoch).toHaveLength(3);
    expect(new Set(r.tensorsPerEpoch).size).toBe(1);
    expect(r.tensorsAfterRelease).toBe(0);
  });

  it('DLTB_NO_WASM_THREADS=1 forces the single-threaded build, silently, with the same numbers', () => {
    const forced = train({ DLTB_NO_WASM_THREADS: '1' });
    expect(forced.threads).toBe(1);
    expect(forced.stderr).not.toMatch(NOTICE);
    expect(maxDifference(forced, single())).toBe(0);
  });

  it('falls back to one thread with a one-line notice when threads cannot start (no SharedArrayBuffer)', () => {
    const r = train({ DLTB_WASM_THREADS: '2' }, '--without-shared-memory');
    expect(r.backend).toBe('wasm');
    expect(r.threads).toBe(1);
    expect(r.stderr.match(new RegExp(NOTICE.source, 'gm'))).toHaveLength(1);
    expect(r.tensorsAfterRelease).toBe(0);
  });
});

describe('requestedWasmThreads', () => {
  const saved = { t: process.env.DLTB_WASM_THREADS, n: process.env.DLTB_NO_WASM_THREADS };
  afterEach(() => {
    for (const [k, v] of [['DLTB_WASM_THREADS', saved.t], ['DLTB_NO_WASM_THREADS', saved.n]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('reads DLTB_WASM_THREADS, caps it at the build\'s 8, and DLTB_NO_WASM_THREADS=1 wins', () => {
    delete process.env.DLTB_NO_WASM_THREADS;
    process.env.DLTB_WASM_THREADS = '3';
    expect(requestedWasmThreads()).toBe(3);
    process.env.DLTB_WASM_THREADS = '64';
    expect(requestedWasmThreads()).toBe(8);
    process.env.DLTB_NO_WASM_THREADS = '1';
    expect(requestedWasmThreads()).toBe(1);
  });

  it('rejects a DLTB_WASM_THREADS that is not a positive integer', () => {
    delete process.env.DLTB_NO_WASM_THREADS;
    for (const bad of ['0', '-2', '1.5', 'many']) {
      process.env.DLTB_WASM_THREADS = bad;
      expect(() => requestedWasmThreads()).toThrow(`DLTB_WASM_THREADS must be a positive integer, not '${bad}'.`);
    }
  });
});
