/**
 * toolbox/deepdream_mnist.ts end to end, as a user runs it (`dltb run`), on an
 * alldata.mat saved by the test (the course CNN of mnist_cnn.ts, trained here
 * on real digits). The course's deepdream.ts and .m: tests/course-alexnet-scripts.test.ts.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { save, imread } from '../src/index.ts';
import { courseMnistNet } from './helpers/mnistSubset.ts';

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
  afterAll(() => rmSync(work, { recursive: true, force: true }));

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
