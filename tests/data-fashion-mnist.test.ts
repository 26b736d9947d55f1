/**
 * The Fashion-MNIST folders of transfert_mnist.ts (prepareFashionMnist,
 * `dltb data --fashion-mnist`) and the IDX reader's refusals, on IDX files
 * crafted by the test in a temporary folder (the real files are used by
 * tests/transfert-mnist.test.ts).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { prepareFashionMnist, FASHION_MNIST_CLASSES, FASHION_MNIST_ENV } from '../src/data/fashionMnist.ts';
import { readIdx, readIdxImages, readIdxLabels } from '../src/data/idx.ts';
import { COMPLETE_MARKER } from '../src/data/mnistFolders.ts';
import { imread } from '../src/image/imread.ts';
import { tempDir, removeDir } from './fixtures/imageTree.ts';
import { rejectionOf } from './helpers/errors.ts';
import { idxBytes } from './helpers/idxFile.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
let work: string;

/** Image i's pixels: unique per image, so a written PNG can be traced back to its source index. */
const pixelOf = (i: number, k: number) => (i * 7 + k * 13) % 256;

/** Write a Debian-like folder: gzip train-* and t10k-* pairs whose labels are `trainLabels` and `testLabels`. */
function craftSource(name: string, trainLabels: number[], testLabels: number[]): string {
  const dir = path.join(work, name);
  mkdirSync(dir);
  for (const [prefix, labels] of [['train', trainLabels], ['t10k', testLabels]] as const) {
    const pixels = Uint8Array.from({ length: labels.length * 784 }, (_, j) => pixelOf(Math.floor(j / 784), j % 784));
    writeFileSync(path.join(dir, `${prefix}-images-idx3-ubyte.gz`), gzipSync(idxBytes([labels.length, 28, 28], pixels)));
    writeFileSync(path.join(dir, `${prefix}-labels-idx1-ubyte.gz`), gzipSync(idxBytes([labels.length], Uint8Array.from(labels))));
  }
  return dir;
}

/** Labels 0…9 repeated: image i has label (i·3) mod 10, so each class's images are not contiguous. */
const cycling = (n: number) => Array.from({ length: n }, (_, i) => (i * 3) % 10);

let SOURCE: string;
beforeAll(() => {
  work = tempDir('dltb-fashion-');
  SOURCE = craftSource('debian-like', cycling(40), cycling(30));
});
afterAll(() => removeDir(work));

describe('prepareFashionMnist', () => {
  it('writes the first n images of each class into train/ and valid/, in folders named after the classes', async () => {
    const out = path.join(work, 'FashionMNIST');
    const r = await prepareFashionMnist(out, { source: SOURCE, trainPerClass: 3, validPerClass: 2, progress: false });
    expect(r.skipped).toBe(false);
    expect(r.total).toBe(50);
    expect(r.counts).toEqual({ train: Array(10).fill(3), valid: Array(10).fill(2) });
    expect(readdirSync(path.join(out, 'train')).sort()).toEqual([...FASHION_MNIST_CLASSES].sort());
    expect(readdirSync(path.join(out, 'valid')).sort()).toEqual([...FASHION_MNIST_CLASSES].sort());
    // Label 1 (Trouser) is held by images 7, 17, 27, 37 (7·3 = 21 ≡ 1): the first three go to train/.
    expect(readdirSync(path.join(out, 'train', 'Trouser')).sort()).toEqual(['00007.png', '00017.png', '00027.png']);
    expect(readdirSync(path.join(out, 'valid', 'Ankle_boot')).sort()).toEqual(['00003.png', '00013.png']);
    const img = await imread(path.join(out, 'train', 'Trouser', '00017.png'));
    expect(img.get(1, 1)).toBe(pixelOf(17, 0));
    expect(img.get(1, 2)).toBe(pixelOf(17, 1));
    expect(img.get(2, 1)).toBe(pixelOf(17, 28));
    expect(existsSync(path.join(out, COMPLETE_MARKER))).toBe(true);

    const again = await prepareFashionMnist(out, { source: SOURCE, trainPerClass: 3, validPerClass: 2, progress: false });
    expect(again.skipped).toBe(true);
    const other = await rejectionOf(prepareFashionMnist(out, { source: SOURCE, trainPerClass: 2, validPerClass: 2, progress: false }));
    expect(other.identifier).toBe('prepareFashionMnist:differentSource');
  });

  it('reads the folder named by DLTB_FASHION_MNIST when no source is given', async () => {
    const saved = process.env[FASHION_MNIST_ENV];
    process.env[FASHION_MNIST_ENV] = SOURCE;
    try {
      const r = await prepareFashionMnist(path.join(work, 'from-env'), { trainPerClass: 1, validPerClass: 1, progress: false });
      expect(r.total).toBe(20);
      expect(r.source).toContain(SOURCE);
    } finally {
      if (saved === undefined) delete process.env[FASHION_MNIST_ENV];
      else process.env[FASHION_MNIST_ENV] = saved;
    }
  });

  it('says how to install the dataset when its files are missing, and writes nothing', async () => {
    const out = path.join(work, 'never');
    const empty = path.join(work, 'empty');
    mkdirSync(empty);
    const trainOnly = craftSource('train-only', cycling(10), []);
    rmSync(path.join(trainOnly, 't10k-images-idx3-ubyte.gz'));
    rmSync(path.join(trainOnly, 't10k-labels-idx1-ubyte.gz'));
    for (const source of [path.join(work, 'no-such-folder'), empty, trainOnly]) {
      const e = await rejectionOf(prepareFashionMnist(out, { source, progress: false }));
      expect(e.identifier).toBe('prepareFashionMnist:datasetNotFound');
      expect(e.message).toContain(source);
      expect(e.message).toContain('apt-get install dataset-fashion-mnist');
    }
    expect(existsSync(out)).toBe(false);
  });

  it('refuses too few images of a class, labels above 9 and bad counts, leaving no tree', async () => {
    const out = path.join(work, 'refused');
    const few = await rejectionOf(prepareFashionMnist(out, { source: SOURCE, trainPerClass: 5, validPerClass: 2, progress: false }));
    expect(few.identifier).toBe('prepareFashionMnist:notEnoughImages');
    expect(few.message).toContain('only 4 images of class T-shirt_top; 5 were asked for');
    const badLabel = craftSource('label-12', [...cycling(10), 12], cycling(10));
    expect((await rejectionOf(prepareFashionMnist(out, { source: badLabel, trainPerClass: 1, validPerClass: 1, progress: false }))).identifier)
      .toBe('prepareFashionMnist:badLabel');
    for (const bad of [0, 2.5]) {
      expect((await rejectionOf(prepareFashionMnist(out, { source: SOURCE, trainPerClass: bad }))).identifier).toBe('prepareFashionMnist:invalidOption');
    }
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(work).filter((n) => n.startsWith('refused.'))).toEqual([]);
  });
});

describe('readIdx refusals', () => {
  const write = (name: string, bytes: Uint8Array) => {
    const f = path.join(work, name);
    writeFileSync(f, bytes);
    return f;
  };
  const good = idxBytes([2, 28, 28], new Uint8Array(2 * 784));

  it('names the file and what is wrong with it', async () => {
    const cases: [string, Uint8Array, string][] = [
      ['magic', Buffer.from([0x08, 0x03, 0, 0, ...good.subarray(4)]), 'bad magic number'],
      ['float', Buffer.from([0, 0, 0x0d, 3, ...good.subarray(4)]), 'element type 0xd is not unsigned byte'],
      ['header', good.subarray(0, 10), 'truncated header'],
      ['data', good.subarray(0, 1000), 'expected 1568 data bytes, found 984 (truncated?)'],
      ['gzip', gzipSync(good).subarray(0, 20), 'gzip data is corrupt'],
    ];
    for (const [name, bytes, why] of cases) {
      const f = write(`bad-${name}`, bytes);
      const e = await rejectionOf(readIdx(f));
      expect(e.identifier).toBe('convertIdx:badIdxFile');
      expect(e.message).toContain(`'${f}'`);
      expect(e.message).toContain(why);
    }
    expect((await rejectionOf(readIdx(path.join(work, 'absent')))).identifier).toBe('convertIdx:fileNotFound');
  });

  it('checks the rank images and labels files must have', async () => {
    const images = write('images-ok', good);
    const labels = write('labels-ok', idxBytes([2], Uint8Array.from([4, 5])));
    expect((await readIdxImages(images)).count).toBe(2);
    expect(Array.from(await readIdxLabels(labels))).toEqual([4, 5]);
    expect((await rejectionOf(readIdxImages(labels))).message).toContain('expected 3 dimensions (images), found 1');
    expect((await rejectionOf(readIdxLabels(images))).message).toContain('expected 1 dimension (labels), found 3');
  });
});

describe('dltb data --fashion-mnist', () => {
  const dltb = (args: string[], env: Record<string, string> = {}) => spawnSync(process.execPath, [path.join(ROOT, 'bin/dltb.js'), 'data', ...args],
    { cwd: work, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });

  it('fails with a MATLAB-style message naming the Debian package when the files are missing', () => {
    const missing = path.join(work, 'not-installed');
    const r = dltb(['--fashion-mnist', '--quiet'], { [FASHION_MNIST_ENV]: missing });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`Error using prepareFashionMnist\nUnable to find the Fashion-MNIST files`);
    expect(r.stderr).toContain(`in '${missing}'`);
    expect(r.stderr).toContain("'sudo apt-get install dataset-fashion-mnist'");
    expect(existsSync(path.join(work, 'FashionMNIST-cli'))).toBe(false);
  });

  it('writes --limit images per class of the --idx folder into train/ and 200 per class into valid/', () => {
    const source = craftSource('cli-source', cycling(20), cycling(2000));
    const r = dltb(['--fashion-mnist', '--idx', source, '--limit', '2', '--out', 'FashionMNIST-cli', '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Wrote 2020 images to ${path.join(work, 'FashionMNIST-cli')}`);
    expect(r.stdout).toContain('  train: T-shirt_top 2, Trouser 2, Pullover 2, Dress 2, Coat 2, Sandal 2, Shirt 2, Sneaker 2, Bag 2, Ankle_boot 2\n');
    expect(r.stdout).toContain('  valid: T-shirt_top 200, Trouser 200,');
    expect(readdirSync(path.join(work, 'FashionMNIST-cli', 'valid', 'Sneaker'))).toHaveLength(200);
  });

  it('refuses options of the other data sets', () => {
    const r = dltb(['--fashion-mnist', '--panneaux']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("option '--fashion-mnist' cannot be used with option '--panneaux'");
  });
});
