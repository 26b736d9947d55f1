/**
 * What trainNetwork tells the user, and when it stops: MATLAB's order of the
 * verbose messages, silence with Verbose false, a stop on any non-finite
 * loss, and a live training-progress page that updates while 'auto' training
 * runs (headless Chromium) and answers only requests addressed to loopback.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { chromium, type Browser } from 'playwright-core';
import {
  MArray, categorical, rng, imageInputLayer, convolution2dLayer, reluLayer, fullyConnectedLayer, softmaxLayer,
  classificationLayer, regressionLayer, trainingOptions, trainNetwork, TrainingProgressMonitor,
} from '../src/index.ts';
import { useExecutionEnvironment } from '../src/engine/tf.ts';
import { setTrainingPlotFactory } from '../src/train/plotHook.ts';
import { startProgressServer } from '../src/graphics/progressServer.ts';
import { useTempFiguresFolder } from './helpers/figures.ts';

const CHROMIUM = '/usr/bin/chromium';

beforeAll(async () => {
  await useExecutionEnvironment('auto');
});

useTempFiguresFolder('dltb-reporting-');

/** n 6×6 images of two classes (bright left half or bright right half). */
function toy(n: number): { X: MArray; Y: ReturnType<typeof categorical> } {
  const data = new Float32Array(36 * n);
  const labels: string[] = [];
  for (let i = 0; i < n; i++) {
    const left = i % 2 === 0;
    labels.push(left ? 'left' : 'right');
    for (let k = 0; k < 36; k++) data[k + 36 * i] = (Math.floor(k / 6) < 3) === left ? 200 : 20;
  }
  return { X: MArray.from(data, [6, 6, 1, n], 'single'), Y: categorical(labels) };
}

const classifier = (normalization = 'zerocenter') => [imageInputLayer([6, 6, 1], 'Normalization', normalization),
  convolution2dLayer(3, 2), reluLayer(), fullyConnectedLayer(2), softmaxLayer(), classificationLayer()];

/** Everything written to standard output and standard error while `f` runs. */
async function captureOutput(f: () => Promise<unknown>): Promise<{ stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const spies = [
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { out.push(`${a.join(' ')}\n`); }),
    vi.spyOn(console, 'info').mockImplementation((...a: unknown[]) => { out.push(`${a.join(' ')}\n`); }),
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => { err.push(`${a.join(' ')}\n`); }),
    vi.spyOn(console, 'warn').mockImplementation((...a: unknown[]) => { err.push(`${a.join(' ')}\n`); }),
    vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => { out.push(String(s)); return true; }),
    vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => { err.push(String(s)); return true; }),
  ];
  try {
    await f();
  } finally {
    spies.forEach((s) => s.mockRestore());
  }
  return { stdout: out.join(''), stderr: err.join('') };
}

describe('verbose output', () => {
  it("prints 'Training on single CPU.' before 'Initializing input data normalization.' (MATLAB's order)", async () => {
    rng(1);
    const { X, Y } = toy(8);
    const { stdout } = await captureOutput(() => trainNetwork(X, Y, classifier(), trainingOptions('sgdm', 'MaxEpochs', 1, 'MiniBatchSize', 4)));
    const device = stdout.indexOf('Training on single CPU.');
    const normalization = stdout.indexOf('Initializing input data normalization.');
    expect(device).toBeGreaterThanOrEqual(0);
    expect(normalization).toBeGreaterThan(device);
    // Said once, and the table follows.
    expect(stdout.split('Training on single CPU.')).toHaveLength(2);
    expect(stdout.indexOf('|====')).toBeGreaterThan(normalization);
  });

  it("'Verbose', false prints nothing when standard error is not a terminal", async () => {
    rng(1);
    const { X, Y } = toy(8);
    expect(process.stderr.isTTY).not.toBe(true);
    const { stdout, stderr } = await captureOutput(() => trainNetwork(X, Y, classifier(), trainingOptions('sgdm', 'MaxEpochs', 2, 'MiniBatchSize', 4, 'Verbose', false)));
    expect(stdout).toBe('');
    expect(stderr).toBe('');
  });

  it("'Verbose', false draws the progress bar on standard error only, when it is a terminal", async () => {
    rng(1);
    const { X, Y } = toy(8);
    const tty = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
    Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
    let captured: { stdout: string; stderr: string };
    try {
      captured = await captureOutput(() => trainNetwork(X, Y, classifier(), trainingOptions('sgdm', 'MaxEpochs', 2, 'MiniBatchSize', 4, 'Verbose', false)));
    } finally {
      if (tty) Object.defineProperty(process.stderr, 'isTTY', tty);
      else delete (process.stderr as { isTTY?: boolean }).isTTY;
    }
    expect(captured.stdout).toBe('');
    expect(captured.stderr).toContain('Training [');
    expect(captured.stderr).toContain('4/4');
  });
});

describe('non-finite loss', () => {
  it('stops training at the first Inf loss, as at a NaN loss', async () => {
    rng(1);
    const n = 8;
    const X = MArray.from(Float32Array.from({ length: 36 * n }, (_, i) => (i % 7) / 7), [6, 6, 1, n], 'single');
    // Squared errors of 1e30 overflow single precision: the very first loss is Inf.
    const Y = MArray.from(new Float64Array(n).fill(1e30), [n, 1], 'double');
    const layers = [imageInputLayer([6, 6, 1], 'Normalization', 'none'), fullyConnectedLayer(1), regressionLayer()];
    const { stdout } = await captureOutput(async () => {
      const [, info] = await trainNetwork(X, Y, layers, trainingOptions('sgdm', 'MaxEpochs', 5, 'MiniBatchSize', 4, 'Shuffle', 'never'));
      expect(info.TrainingLoss.numel).toBe(1);
      expect(info.TrainingLoss.data[0]).toBe(Infinity);
    });
    expect(stdout).toContain('Training finished:');
    expect(stdout).not.toContain('Max epochs completed');
  });
});

describe('live training-progress page during default training', () => {
  let browser: Browser;
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ensure-debian-packages.sh`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    const { TrainingProgressMonitor: Monitor } = await import('../src/graphics/trainingProgress.ts');
    setTrainingPlotFactory(() => new Monitor());
  });

  it("shows iterations while 'auto' training runs, not only at the end", async () => {
    rng(3);
    const { X, Y } = toy(16);
    const urls: string[] = [];
    setTrainingPlotFactory(() => new TrainingProgressMonitor({
      pollMs: 30, intervalMs: 60_000,
      log: (line) => { const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(line); if (m) urls.push(m[1]); },
    }));
    const page = await browser.newPage();
    const total = 32; // 16 images, batch 1, 2 epochs
    const seen: number[] = [];
    let done = false;
    // Each iteration blocks the thread for 40 ms (a slow network): the page can only update if training yields.
    const slow = () => { const end = Date.now() + 40; while (Date.now() < end); return false; };
    const training = trainNetwork(X, Y, classifier('none'), trainingOptions('sgdm', 'MaxEpochs', 2, 'MiniBatchSize', 1, 'Verbose', false,
      'Plots', 'training-progress', 'OutputFcn', slow, 'ExecutionEnvironment', 'auto')).finally(() => { done = true; });
    // The server starts before the first iteration; open the page on it while training runs.
    while (urls.length === 0 && !done) await new Promise((r) => setTimeout(r, 5));
    expect(urls).toHaveLength(1);
    await page.goto(urls[0]);
    while (!done) {
      const it = Number((await page.getAttribute('body', 'data-iteration')) ?? '0');
      if (!done && it > 0) seen.push(it);
      await new Promise((r) => setTimeout(r, 30));
    }
    await training;
    await page.close();
    // While training ran, the page showed intermediate iterations, increasing.
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.some((i) => i < total)).toBe(true);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });
});

describe('live page and DNS rebinding', () => {
  function get(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      http.get({ host: '127.0.0.1', port, path: '/state.json', headers: { Host: host } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on('error', reject);
    });
  }

  it('answers only requests whose Host is the loopback address and its port', async () => {
    const server = await startProgressServer({ version: () => 1, state: () => ({}), svg: () => '<svg/>' });
    try {
      const port = Number(new URL(server.url).port);
      expect(await get(port, `127.0.0.1:${port}`)).toBe(200);
      expect(await get(port, `localhost:${port}`)).toBe(200);
      expect(await get(port, `attacker.example:${port}`)).toBe(403);
      expect(await get(port, 'attacker.example')).toBe(403);
      expect(await get(port, `127.0.0.1:${port + 1}`)).toBe(403);
    } finally {
      await server.close();
    }
  });
});
