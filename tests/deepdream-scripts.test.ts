/**
 * The deep-dream scripts end to end, as a user runs them (`dltb run`):
 * toolbox/deepdream_mnist.ts on an alldata.mat saved by the test (the course
 * CNN of mnist_cnn.ts, trained here on real digits), and the course's
 * toolbox/deepdream.ts on an AlexNet saved where the model store expects it
 * (alexnet('Weights','none') with initialised weights: ImageNet weights
 * cannot be had here).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, existsSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { save, imread } from '../src/index.ts';
import { courseMnistNet } from './helpers/mnistSubset.ts';
import { storeUntrainedAlexnet } from './helpers/alexnetStore.ts';

const root = resolve(import.meta.dirname, '..');

function runScript(script: string, cwd: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [join(root, 'bin/dltb.js'), 'run', join(root, 'toolbox', script)], {
    cwd, encoding: 'utf8', timeout: 900_000, env: { ...process.env, NODE_OPTIONS: '', ...env },
  });
}

describe('toolbox/deepdream_mnist.ts', () => {
  let work = '';
  let run: ReturnType<typeof spawnSync>;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'dltb-dream-mnist-'));
    const { net, X } = await courseMnistNet();
    await save(join(work, 'alldata'), { net });
    void X;
    run = runScript('deepdream_mnist.ts', work);
  }, 300_000);

  it('runs, prints the table and the class of each dream, and draws the montage', async () => {
    expect(run.stderr).not.toMatch(/^Error/m);
    expect(run.status).toBe(0);
    const out = run.stdout as string;
    expect(out).toContain('|  Iteration  |  Activation  |  Pyramid Level  |');
    expect(out).toMatch(/dreamSize =\s+28\s+28\s+1\s+10/);
    const classified = [...out.matchAll(/^Rêve de la classe (\d) : classé (\d)$/gm)];
    expect(classified.map((m) => m[1])).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    const right = classified.filter((m) => m[1] === m[2]).length;
    expect(out).toContain(`${right} rêves sur 10 classés dans leur classe`);
    expect(right).toBeGreaterThanOrEqual(9);
    const png = join(work, 'figures', 'deepdream_mnist.png');
    expect(existsSync(png)).toBe(true);
    const img = await imread(png);
    expect(img.dims[0]).toBeGreaterThan(200);
  });
});

describe('toolbox/deepdream.ts (the course script) on an AlexNet in the model store', () => {
  let work = '';
  let run: ReturnType<typeof spawnSync>;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'dltb-dream-alexnet-'));
    await storeUntrainedAlexnet(join(work, 'store'));
    run = runScript('deepdream.ts', work, { DLTB_MODELS: join(work, 'store') });
  }, 900_000);
  afterAll(() => rmSync(work, { recursive: true, force: true })); // the store holds 244 MB

  it('prints net.Layers and the 100 rows of the table (50 iterations × 2 levels), writes the dream and the figure', async () => {
    expect(run.stderr).not.toMatch(/^Error/m);
    expect(run.status).toBe(0);
    const out = run.stdout as string;
    expect(out).toMatch(/ans =\n\s+25×1 Layer array with layers:/);
    expect(out).toContain("'fc8'");
    const rows = [...out.matchAll(/^\|\s+(\d+) \|\s+-?[\d.]+ \|\s+(\d) \|$/gm)];
    expect(rows).toHaveLength(100);
    expect(rows[99].slice(1)).toEqual(['50', '2']);
    const jpg = join(work, 'dreem_chl_488_iter_50_lvl_2_cellular telephone.jpg');
    expect(existsSync(jpg)).toBe(true);
    const dream = await imread(jpg);
    expect(dream.dims).toEqual([318, 318, 3]);
    expect(readFileSync(jpg).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(existsSync(join(work, 'figures', 'figure1.png'))).toBe(true);
  });
});
