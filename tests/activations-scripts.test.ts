/**
 * toolbox/activations_mnist.ts end to end (`dltb run`) on an alldata.mat saved
 * by the test (mnist_cnn.ts's CNN trained here). The course's
 * activations_alexnet.ts and .m: tests/course-alexnet-scripts.test.ts.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { save, imread, MArray } from '../src/index.ts';
import { courseMnistNet } from './helpers/mnistSubset.ts';

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
  afterAll(() => rmSync(work, { recursive: true, force: true }));

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
