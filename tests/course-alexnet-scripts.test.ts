/**
 * The course's AlexNet scripts as the course gives them: each `.m` run
 * unchanged (`dltb run X.m`, copied from ../shared/course/m into toolbox/)
 * beside its `.ts` twin, on an AlexNet installed into a temporary model store
 * by the real installer (tests/helpers/alexnetStore.ts: an untrained BVLC
 * AlexNet exported by PyTorch; ImageNet weights cannot be had here). Twins
 * must print the same lines and write the same bytes.
 * transfert_alexnet.ts's training is tested in tests/transfert-alexnet.test.ts;
 * here its `.m`, whose slide never trains (`if 1==0`), loads a myNet.mat.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, mkdtempSync, existsSync, rmSync, readFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { save, load, imread, fullyConnectedLayer, softmaxLayer, classificationLayer, type SeriesNetwork } from '../src/index.ts';
import { initializedNetwork } from '../src/network/assembleNetwork.ts';
import { storeUntrainedAlexnet } from './helpers/alexnetStore.ts';
import { generatePanneaux } from '../src/data/panneaux/generate.ts';

const root = resolve(import.meta.dirname, '..');
const toolbox = join(root, 'toolbox');
let work = '';
let store = '';

/** A fresh folder holding what the .m scripts read from the current folder (the course's layout). */
function folder(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(toolbox, 'Poisson.jpg'), join(dir, 'Poisson.jpg')); // follows the link to the CC0 substitute
  return dir;
}

function run(script: string, cwd: string): SpawnSyncReturns<string> {
  const file = script.endsWith('.m') ? script : join(toolbox, script); // a .m runs from the folder, as in MATLAB
  if (script.endsWith('.m')) copyFileSync(join(toolbox, script), join(cwd, script));
  return spawnSync(process.execPath, [join(root, 'bin/dltb.js'), 'run', file], {
    cwd, encoding: 'utf8', timeout: 900_000, env: { ...process.env, NODE_OPTIONS: '', DLTB_MODELS: store },
  });
}

/** stdout with the run's folder written as <dir>, so two folders' outputs compare. */
function printed(r: SpawnSyncReturns<string>, cwd: string): string {
  return r.stdout.split(cwd).join('<dir>');
}

function expectRan(r: SpawnSyncReturns<string>): void {
  expect(r.stderr).not.toMatch(/^Error/m);
  expect(r.status).toBe(0);
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'dltb-course-alexnet-'));
  store = await storeUntrainedAlexnet(join(work, 'store'));
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true })); // the store holds 244 MB

describe('activations_alexnet: the .m unchanged and the .ts twin', () => {
  it('read the photo and draw the same 256 relu5 channels as a montage', async () => {
    const ts = folder('act-ts');
    const m = folder('act-m');
    const a = run('activations_alexnet.ts', ts);
    const b = run('activations_alexnet.m', m);
    expectRan(a);
    expectRan(b);
    expect(printed(b, m)).toBe(printed(a, ts));
    const png = readFileSync(join(m, 'figures', 'figure1.png'));
    expect(png.equals(readFileSync(join(ts, 'figures', 'figure1.png')))).toBe(true);
    // 16×16 tiles of 13×13: the montage is square.
    const img = await imread(join(m, 'figures', 'figure1.png'));
    expect(Math.abs(img.dims[0] - img.dims[1])).toBeLessThan(4);
  });
});

describe('deepdream: the .m unchanged and the .ts twin', () => {
  let ts = '';
  let m = '';
  let a: SpawnSyncReturns<string>;
  let b: SpawnSyncReturns<string>;
  beforeAll(() => {
    ts = folder('dream-ts');
    m = folder('dream-m');
    a = run('deepdream.ts', ts);
    b = run('deepdream.m', m);
  }, 1_800_000);

  it('print net.Layers and the 100 rows of the table (50 iterations × 2 levels)', () => {
    expectRan(a);
    expectRan(b);
    const out = printed(b, m);
    expect(out).toMatch(/ans =\n\s+25×1 Layer array with layers:/);
    expect(out).toContain("'fc8'");
    const rows = [...out.matchAll(/^\|\s+(\d+) \|\s+-?[\d.]+ \|\s+(\d) \|$/gm)];
    expect(rows).toHaveLength(100);
    expect(rows[99].slice(1)).toEqual(['50', '2']);
    expect(out).toBe(printed(a, ts));
  });

  it('write the same dream under the script\'s imwrite name, and the figure', async () => {
    const name = 'dreem_chl_488_iter_50_lvl_2_cellular telephone.jpg';
    const jpg = readFileSync(join(m, name));
    expect(jpg.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(jpg.equals(readFileSync(join(ts, name)))).toBe(true);
    expect((await imread(join(m, name))).dims).toEqual([318, 318, 3]);
    expect(existsSync(join(m, 'figures', 'figure1.png'))).toBe(true);
  });
});

describe('transfert_alexnet.m unchanged', () => {
  let dir = '';
  beforeAll(async () => {
    dir = folder('transfert-m');
    await generatePanneaux(join(dir, 'Panneaux'), { limitPerClass: 5, progress: false });
  }, 300_000);

  it('stops where MATLAB stops when myNet.mat is missing: the slide\'s if 1==0 only loads it', () => {
    const r = run('transfert_alexnet.m', dir);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("Error using load\nUnable to find file or directory 'myNet.mat'.");
    expect(r.stderr).toContain('Error in transfert_alexnet (line 61)\nload myNet;');
  });

  it('with a myNet.mat, prints the course\'s lines and draws the images and the confusion matrix', async () => {
    const { net } = await load(join(store, 'alexnet')) as { net: SeriesNetwork };
    const classes = ['cedez_le_passage', 'limitation_50', 'sens_interdit', 'stop'];
    const netTransfer = initializedNetwork([...net.Layers.range(1, 22),
      fullyConnectedLayer(4), softmaxLayer(), classificationLayer('Classes', classes)]);
    await save(join(dir, 'myNet'), { netTransfer });
    const r = run('transfert_alexnet.m', dir);
    expectRan(r);
    expect(r.stdout).toContain('inputSize =\n\n   227   227\n\n');
    // The slide writes 'd\'images', which MATLAB rejects; read as the quote it means, with a warning per \'.
    expect(r.stdout).toContain("Chargement des images\nFin chargement des images\nNombre d'images total : 20\n"
      + "Nombre d'images pour l'entraînement : 16\nNombre d'images pour la validation: 4\n");
    expect(r.stderr.match(/Warning: \\' is not an escape in MATLAB/g)).toHaveLength(4);
    expect(r.stdout).toContain('    cedez_le_passage      4  \n');
    expect(r.stdout).toContain('Nombre de classes : 4\n');
    for (const f of ['figure1.png', 'Confusion_plotconfusion.png']) {
      expect(existsSync(join(dir, 'figures', f)), f).toBe(true);
    }
  });
});
