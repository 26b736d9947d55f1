import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, statSync } from 'node:fs';
import sharp from 'sharp';
import { chromium, type Browser } from 'playwright-core';
import { createTrainingPlot } from '../src/train/plotHook.ts';
import { renderOpenFigures, TrainingProgressMonitor } from '../src/graphics/index.ts';
import { smooth, panelSections } from '../src/graphics/trainingView.ts';
import { useTempFiguresFolder } from './helpers/figures.ts';

const CHROMIUM = '/usr/bin/chromium';
const START = {
  totalIterations: 60, iterationsPerEpoch: 20, maxEpochs: 3, validation: true, regression: false,
  validationFrequency: 10, hardware: 'single CPU',
};

/** A synthetic iteration: accuracy rising, loss falling, validation every 10 iterations. */
function record(i: number) {
  const p = 1 - Math.exp(-i / 15);
  return {
    epoch: Math.ceil(i / 20), iteration: i, loss: 2.3 * (1 - p) + 0.05, metric: 10 + 85 * p, learnRate: 0.01,
    elapsedSeconds: i * 0.1,
    ...(i % 10 === 0 ? { validationLoss: 2.3 * (1 - p) + 0.1, validationMetric: 8 + 85 * p } : {}),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(cond: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await cond()) return;
    await sleep(25);
  }
  throw new Error(`timed out waiting for ${what}`);
}

useTempFiguresFolder('dltb-progress-');

describe('training-progress monitor', () => {
  it('is what trainNetwork gets once the figures module is loaded', () => {
    expect(createTrainingPlot()).toBeInstanceOf(TrainingProgressMonitor);
  });

  it('smooths with a bias-corrected moving average and fills MATLAB’s panel', () => {
    expect(smooth([5, 5, 5])).toEqual([5, 5, 5]);
    const s = smooth([0, 10], 0.5);
    expect(s[1]).toBeCloseTo(10 * 0.5 / 0.75, 12);
    const sections = panelSections({ start: START, records: [record(1), record(2)], finish: null, startedAt: new Date(2024, 0, 5, 9, 3, 7) });
    const flat = Object.fromEntries(sections.flatMap(([, rows]) => rows));
    expect(flat).toMatchObject({
      Iteration: '2 of 60', Epoch: '1 of 3', 'Start time': '05-Jan-2024 09:03:07', Frequency: '10 iterations',
      'Hardware resource': 'Single CPU', 'Learning rate': '0.01', 'Learning rate schedule': 'Constant',
    });
  });

  it('rewrites the PNG while training, throttled, and keeps iteration() cheap', async () => {
    const lines: string[] = [];
    const m = new TrainingProgressMonitor({ intervalMs: 150, serve: false, log: (l) => lines.push(l) });
    await m.start(START);
    // iteration() only records: drawing and writing happen later, off the training path, and
    // a burst of iterations is coalesced into one write (counted, not timed: no wall-clock asserts).
    const svg = vi.spyOn(m, 'svg');
    for (let i = 1; i <= 20; i++) m.iteration(record(i));
    expect(svg).not.toHaveBeenCalled();
    expect(existsSync(m.file)).toBe(false);
    await waitFor(() => existsSync(m.file), 5000, 'the first PNG');
    expect(svg).toHaveBeenCalledTimes(1);
    svg.mockRestore();
    const first = statSync(m.file).mtimeMs;
    for (let i = 21; i <= 40; i++) {
      m.iteration(record(i));
      await sleep(10);
    }
    await waitFor(() => statSync(m.file).mtimeMs > first, 5000, 'a rewritten PNG');
    for (let i = 41; i <= 60; i++) m.iteration(record(i));
    await m.finish({ reason: 'Max epochs completed', elapsedSeconds: 6, finalValidationLoss: 0.2, finalValidationMetric: 91.5 });
    const meta = await sharp(m.file).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 1375, 850]);
    expect(await renderOpenFigures()).toContain(m.file);
    expect(lines).toEqual([]); // no server, no URL line
  });

  it('keeps serving after training when asked (DLTB_KEEP_SERVER), until closed', async () => {
    const m = new TrainingProgressMonitor({ intervalMs: 50, keepServer: true, log: () => {} });
    await m.start(START);
    m.iteration(record(1));
    await m.finish({ reason: 'Max epochs completed', elapsedSeconds: 1 });
    const s = await (await fetch(`${m.url}state.json`)).json();
    expect(s).toMatchObject({ finished: true, iteration: 1 });
    await m.close();
    await expect(fetch(`${m.url}state.json`)).rejects.toThrow();
  });
});

describe('training-progress page in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ensure-debian-packages.sh`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('updates without reloading while iterations arrive, then the server closes', async () => {
    const lines: string[] = [];
    const m = new TrainingProgressMonitor({ intervalMs: 200, pollMs: 100, log: (l) => lines.push(l) });
    await m.start(START);
    expect(m.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(m.url);
    for (let i = 1; i <= 5; i++) m.iteration(record(i));

    const page = await browser.newPage();
    let loads = 0;
    page.on('load', () => loads++);
    await page.goto(m.url);
    const iteration = async () => Number((await page.getAttribute('body', 'data-iteration')) ?? '0');
    await waitFor(async () => (await iteration()) === 5, 10_000, 'the page to show iteration 5');
    expect(await page.locator('#plot svg').count()).toBe(1);
    expect(await page.textContent('#status')).toContain('Iteration 5 of 60');

    for (let i = 6; i <= 30; i++) {
      m.iteration(record(i));
      await sleep(5);
    }
    await waitFor(async () => (await iteration()) === 30, 10_000, 'the page to show iteration 30');
    expect(await page.textContent('#status')).toContain('Epoch 2 of 3');
    expect(await page.locator('#plot svg text', { hasText: 'Iteration: ' }).count()).toBe(1);
    expect(await page.locator('#plot svg').innerHTML()).toContain('30 of 60');
    expect(loads).toBe(1); // updated in place, never reloaded

    for (let i = 31; i <= 60; i++) m.iteration(record(i));
    await m.finish({ reason: 'Max epochs completed', elapsedSeconds: 6, finalValidationMetric: 93.1, finalValidationLoss: 0.2 });
    expect(existsSync(m.file)).toBe(true);
    await expect(fetch(`${m.url}state.json`)).rejects.toThrow(); // server closed: the process can exit
    // The page either caught the final state before the server closed, or reports that updates stopped.
    await waitFor(async () => /Training finished: Max epochs completed|no longer updates/.test((await page.textContent('#status')) ?? ''), 5000, 'the page to notice the end');
    await page.close();
  });
});
