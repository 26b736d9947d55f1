/**
 * Every file the toolbox writes goes through the one atomic writer
 * (src/io/atomicWrite.ts: unique temp name, fsync, rename), and the temp
 * files of writers that died (kill -9) are removed by the next write into
 * their folder.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

vi.mock('../src/io/atomicWrite.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/io/atomicWrite.ts')>();
  return { ...real, writeFileAtomic: vi.fn(real.writeFileAtomic) };
});

const { writeFileAtomic } = await import('../src/io/atomicWrite.ts');
const { save } = await import('../src/io/saveload.ts');
const { figure, imshow, saveas, renderOpenFigures, setFiguresFolder, close, TrainingProgressMonitor } = await import('../src/graphics/index.ts');
const { MArray } = await import('../src/runtime/marray.ts');
const { prepareMnistFromPackage } = await import('../src/data/mnistFolders.ts');

const ROOT = path.resolve(import.meta.dirname, '..');
let dir = '';
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'dltb-atomic-'));
  setFiguresFolder(path.join(dir, 'figures'));
});
afterAll(() => {
  setFiguresFolder(null);
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  vi.mocked(writeFileAtomic).mockClear();
});

const written = (): string[] => vi.mocked(writeFileAtomic).mock.calls.map((c) => path.resolve(c[0]));
const tempFiles = (folder: string): string[] => readdirSync(folder).filter((n) => /\.tmp($|-)/.test(n));
/** The id of a process that has exited (so no live writer owns a temp file named after it). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid!;
}

describe('every file goes through the one atomic writer', () => {
  it('figures: saveas and the figures written when a script ends', async () => {
    const fig = figure('Name', 'digits');
    imshow(MArray.from(new Uint8Array(16).fill(200), [4, 4], 'uint8'));
    const file = await saveas(fig, path.join(dir, 'grid.png'));
    const rendered = await renderOpenFigures();
    close('all');
    expect(written()).toEqual(expect.arrayContaining([path.resolve(file), ...rendered.map((f) => path.resolve(f))]));
    expect(rendered.length).toBeGreaterThan(0);
    expect(tempFiles(dir)).toEqual([]);
  });

  it('the training-progress PNG', async () => {
    const m = new TrainingProgressMonitor({ folder: path.join(dir, 'progress'), serve: false });
    await m.start({ totalIterations: 2, iterationsPerEpoch: 2, maxEpochs: 1, validation: false, regression: false, validationFrequency: 50, hardware: 'single CPU' });
    m.iteration({ epoch: 1, iteration: 1, loss: 1, metric: 50, learnRate: 0.01, elapsedSeconds: 0.1 });
    await m.finish({ reason: 'Max epochs completed', elapsedSeconds: 1 });
    expect(written()).toContain(path.resolve(m.file));
    expect(existsSync(m.file)).toBe(true);
    expect(tempFiles(path.dirname(m.file))).toEqual([]);
  });

  it('the MNIST PNG folders, their marker included', async () => {
    const out = path.join(dir, 'MNIST');
    const r = await prepareMnistFromPackage(out, { limitPerDigit: 2, progress: false });
    expect(r.total).toBe(20);
    const files = written();
    // 20 PNGs (written in the staging folder, then published) and the completion marker.
    expect(files.filter((f) => f.endsWith('.png'))).toHaveLength(20);
    expect(files.some((f) => f.endsWith('.prepared.json'))).toBe(true);
    expect(readdirSync(path.join(out, 'train', '3')).sort()).toEqual(['00000.png', '00001.png']);
  });
});

describe('temp files of dead writers', () => {
  it('are removed by the next write into their folder; live writers’ and foreign files are kept', async () => {
    const folder = path.join(dir, 'sweep');
    mkdirSync(folder);
    const dead = deadPid();
    const orphans = [`.alldata.mat.${dead}.0123456789ab.tmp`, `training-progress.png.tmp-${dead}`];
    const kept = [`.alldata.mat.${process.ppid}.0123456789ab.tmp`, 'notes.tmp', `.other.${dead}.tmp`];
    for (const name of [...orphans, ...kept]) writeFileSync(path.join(folder, name), 'partial');
    await save(path.join(folder, 'alldata'), { x: 1 });
    expect(readdirSync(folder).sort()).toEqual([...kept, 'alldata.mat'].sort());
  });

  it('a save killed with SIGKILL leaves a temp file that the next save removes', async () => {
    const folder = mkdtempSync(path.join(dir, 'killed-'));
    // A child that saves 64 MiB over and over: it is killed while a temp file is being written.
    const script = `import { save } from ${JSON.stringify(path.join(ROOT, 'src/io/saveload.ts'))};
      const big = new Float64Array(8 * 1024 * 1024).fill(1);
      for (;;) await save(${JSON.stringify(path.join(folder, 'alldata'))}, { big });`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, stdio: 'ignore' });
    try {
      const end = Date.now() + 60_000;
      while (tempFiles(folder).length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
      expect(tempFiles(folder)).toHaveLength(1);
    } finally {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
    expect(tempFiles(folder)).toHaveLength(1); // the orphan the dead writer left
    await save(path.join(folder, 'alldata'), { x: 2 });
    expect(readdirSync(folder)).toEqual(['alldata.mat']);
  });
});
