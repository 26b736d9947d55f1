/**
 * toolbox/transfert_alexnet.ts end to end, run as the course runs it
 * (`dltb run`), with an AlexNet installed into a temporary model store by the
 * real installer (tests/helpers/alexnetStore.ts: untrained weights exported by
 * PyTorch, since ImageNet weights cannot be had here), on the whole generated Panneaux
 * set (140 photos): 4 epochs at batch 10 with every layer learning, as the
 * course runs it (its time is in `npm run bench`).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { storeUntrainedAlexnet } from './helpers/alexnetStore.ts';
import { generatePanneaux } from '../src/data/panneaux/generate.ts';
import { tempDir, removeDir } from './fixtures/imageTree.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
/** A hang's bound, not a speed check (no test asserts wall-clock time). */
const SCRIPT_TIMEOUT_MS = 1_500_000;
let work: string;
let store: string;

beforeAll(async () => {
  work = tempDir('dltb-transfert-');
  store = await storeUntrainedAlexnet(path.join(work, 'store'));
  await generatePanneaux(path.join(work, 'Panneaux'), { progress: false });
}, 300_000);
afterAll(() => removeDir(work));

function runScript() {
  return spawnSync(process.execPath, [path.join(ROOT, 'bin/dltb.js'), 'run', path.join(ROOT, 'toolbox/transfert_alexnet.ts')],
    { cwd: work, encoding: 'utf8', timeout: SCRIPT_TIMEOUT_MS, env: { ...process.env, DLTB_MODELS: store } });
}

// The generated set has 35, 35, 30 and 40 photos a class; splitEachLabel keeps 80 % of each for training.
const LABEL_TABLE = [
  'labelCount =', '', '  4×2 table', '', '         Label          Count', '    ________________    _____', '',
  '    cedez_le_passage     28  ', '    limitation_50        28  ', '    sens_interdit        24  ', '    stop                 32  ', '',
].join('\n');

describe('transfert_alexnet.ts', () => {
  it('prints what MATLAB prints, trains 4 epochs at batch 10, saves myNet and draws its three figures', () => {
    const r = runScript();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('inputSize =\n\n   227   227\n\n');
    expect(r.stdout).toContain("Chargement des images\nFin chargement des images\nNombre d'images total : 140\n"
      + "Nombre d'images pour l'entraînement : 112\nNombre d'images pour la validation: 28\n");
    expect(r.stdout).toContain(LABEL_TABLE);
    expect(r.stdout).toContain('Nombre de classes : 4\n');
    for (const f of ['figure1.png', 'training-progress.png', 'Confusion_plotconfusion.png']) {
      expect(r.stdout).toContain(path.join(work, 'figures', f));
      expect(statSync(path.join(work, 'figures', f)).size).toBeGreaterThan(10_000);
    }
    expect(existsSync(path.join(work, 'myNet.mat'))).toBe(true);
  }, SCRIPT_TIMEOUT_MS);

  it('a second run loads myNet instead of training (the slide\'s else branch)', () => {
    const before = statSync(path.join(work, 'myNet.mat')).mtimeMs;
    const r = runScript();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Nombre de classes : 4\n');
    expect(r.stderr).not.toContain('Training progress');
    expect(statSync(path.join(work, 'myNet.mat')).mtimeMs).toBe(before);
  }, SCRIPT_TIMEOUT_MS);
});
