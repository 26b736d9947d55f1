/**
 * The activation scripts end to end (`dltb run`): toolbox/activations_mnist.ts
 * on an alldata.mat saved by the test (mnist_cnn.ts's CNN trained here), and
 * the course's toolbox/activations_alexnet.ts on an AlexNet saved where the
 * model store expects it (alexnet('Weights','none') with initialised weights).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { save, imread, MArray } from '../src/index.ts';
import { courseMnistNet } from './helpers/mnistSubset.ts';
import { storeUntrainedAlexnet } from './helpers/alexnetStore.ts';

const root = resolve(import.meta.dirname, '..');

function runScript(script: string, cwd: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [join(root, 'bin/dltb.js'), 'run', join(root, 'toolbox', script)], {
    cwd, encoding: 'utf8', timeout: 300_000, env: { ...process.env, NODE_OPTIONS: '', ...env },
  });
}

describe('toolbox/activations_mnist.ts', () => {
  let work = '';
  let run: ReturnType<typeof spawnSync>;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'dltb-act-mnist-'));
    const { net, X } = await courseMnistNet();
    // A 3 (the digits are interleaved 0…9), uint8 as readimage gives it to mnist_cnn.ts.
    const three = MArray.from(X.data.subarray(3 * 784, 4 * 784), [28, 28], 'uint8');
    await save(join(work, 'alldata'), { net, Img: three });
    run = runScript('activations_mnist.ts', work);
  }, 300_000);

  it('draws the digit, one montage per convolution and the first convolution\'s weights', async () => {
    expect(run.stderr).not.toMatch(/^Error/m);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/weightsSize =\s+3\s+3\s+1\s+16/);
    for (const name of ['digit', 'conv_1', 'conv_2', 'conv_3', 'conv1-weights']) {
      const png = join(work, 'figures', `activations_mnist-${name}.png`);
      expect(existsSync(png), png).toBe(true);
      expect((await imread(png)).dims[2]).toBe(3);
    }
  });
});

describe('toolbox/activations_alexnet.ts (the course script) on an AlexNet in the model store', () => {
  let work = '';
  let run: ReturnType<typeof spawnSync>;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'dltb-act-alexnet-'));
    await storeUntrainedAlexnet(join(work, 'store'));
    run = runScript('activations_alexnet.ts', work, { DLTB_MODELS: join(work, 'store') });
  }, 300_000);
  afterAll(() => rmSync(work, { recursive: true, force: true })); // the store holds 244 MB

  it('reads the shipped photo and draws the 256 relu5 channels as a montage', async () => {
    expect(run.stderr).not.toMatch(/^Error/m);
    expect(run.status).toBe(0);
    const png = join(work, 'figures', 'figure1.png');
    expect(existsSync(png)).toBe(true);
    // 16×16 tiles of 13×13: the montage is square.
    const img = await imread(png);
    expect(Math.abs(img.dims[0] - img.dims[1])).toBeLessThan(4);
  });
});
