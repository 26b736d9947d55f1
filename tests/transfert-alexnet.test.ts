/**
 * toolbox/transfert_alexnet.ts end to end, run as the course runs it
 * (`dltb run`), with an AlexNet in a temporary model store: untrained weights
 * (alexnet('Weights','none') initialised and saved where `alexnet()` looks),
 * since ImageNet weights cannot be had here. The road signs are the first 5
 * photos of each class of the generated Panneaux set, so that 4 epochs fit a
 * test (the full set's 4 epochs are measured in the README).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { storeUntrainedAlexnet } from './helpers/alexnetStore.ts';
import { generatePanneaux } from '../src/data/panneaux/generate.ts';
import { tempDir, removeDir } from './fixtures/imageTree.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
let work: string;
let store: string;

beforeAll(async () => {
  work = tempDir('dltb-transfert-');
  store = await storeUntrainedAlexnet(path.join(work, 'store'));
  await generatePanneaux(path.join(work, 'Panneaux'), { limitPerClass: 5, progress: false });
}, 300_000);
afterAll(() => removeDir(work));

function runScript() {
  return spawnSync(process.execPath, [path.join(ROOT, 'bin/dltb.js'), 'run', path.join(ROOT, 'toolbox/transfert_alexnet.ts')],
    { cwd: work, encoding: 'utf8', timeout: 900_000, env: { ...process.env, DLTB_MODELS: store } });
}

const LABEL_TABLE = [
  'labelCount =', '', '  4×2 table', '', '         Label          Count', '    ________________    _____', '',
  '    cedez_le_passage      4  ', '    limitation_50         4  ', '    sens_interdit         4  ', '    stop                  4  ', '',
].join('\n');

describe('transfert_alexnet.ts', () => {
  it('prints what MATLAB prints, trains 4 epochs at batch 10, saves myNet and draws its three figures', () => {
    const r = runScript();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('inputSize =\n\n   227   227\n\n');
    expect(r.stdout).toContain("Chargement des images\nFin chargement des images\nNombre d'images total : 20\n"
      + "Nombre d'images pour l'entraînement : 16\nNombre d'images pour la validation: 4\n");
    expect(r.stdout).toContain(LABEL_TABLE);
    expect(r.stdout).toContain('Nombre de classes : 4\n');
    for (const f of ['figure1.png', 'training-progress.png', 'Confusion_plotconfusion.png']) {
      expect(r.stdout).toContain(path.join(work, 'figures', f));
      expect(statSync(path.join(work, 'figures', f)).size).toBeGreaterThan(10_000);
    }
    expect(existsSync(path.join(work, 'myNet.mat'))).toBe(true);
  });

  it('a second run loads myNet instead of training (the slide\'s else branch)', () => {
    const before = statSync(path.join(work, 'myNet.mat')).mtimeMs;
    const r = runScript();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Nombre de classes : 4\n');
    expect(r.stderr).not.toContain('Training progress');
    expect(statSync(path.join(work, 'myNet.mat')).mtimeMs).toBe(before);
  });
});
