import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, readFileSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import path from 'node:path';
import { convertIdx, prepareMnistFromPackage, COMPLETE_MARKER } from '../src/data/mnistFolders.ts';
import { readIdx } from '../src/data/idx.ts';
import { imageDatastore, countEachLabel } from '../src/data/imageDatastore.ts';
import { imread } from '../src/image/imread.ts';
import { tempDir, removeDir } from './fixtures/imageTree.ts';
import { rejectionOf } from './helpers/errors.ts';
import { idxBytes } from './helpers/idxFile.ts';

/** Per-digit counts of the test's t10k files: a tenth of the official test set's. */
const T10K_COUNTS = [98, 113, 103, 101, 98, 89, 95, 102, 97, 100];
const T10K_TOTAL = T10K_COUNTS.reduce((a, b) => a + b, 0);

let work: string;
/** A folder laid out as the official MNIST download (t10k-*-ubyte.gz), made by the test. */
let REF: string;
beforeAll(() => {
  work = tempDir('dltb-mnist-');
  REF = path.join(work, 't10k');
  mkdirSync(REF);
  const { images, labels } = t10kLike();
  writeFileSync(path.join(REF, 't10k-images-idx3-ubyte.gz'), gzipSync(idxBytes([T10K_TOTAL, 28, 28], images)));
  writeFileSync(path.join(REF, 't10k-labels-idx1-ubyte.gz'), gzipSync(idxBytes([T10K_TOTAL], labels)));
});
afterAll(() => removeDir(work));

/** Labels interleaved in a fixed order (the first is a 7, as in the official file), pixels unique per image. */
function t10kLike(): { images: Uint8Array; labels: Uint8Array } {
  const left = [...T10K_COUNTS];
  const labels = new Uint8Array(T10K_TOTAL);
  for (let i = 0, d = 7; i < T10K_TOTAL; i++) {
    while (left[d] === 0) d = (d + 3) % 10;
    labels[i] = d;
    left[d]--;
    d = (d + 3) % 10;
  }
  const images = Uint8Array.from({ length: T10K_TOTAL * 784 }, (_, i) => ((i % 784) * 13 + Math.floor(i / 784) * 7) % 256);
  return { images, labels };
}


/** Every file below dir (relative paths). */
function walk(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

/** Leftover temporary files or staging folders next to / inside `out`. */
function leftovers(out: string): string[] {
  const beside = readdirSync(path.dirname(out)).filter((n) => n.startsWith(`${path.basename(out)}.`));
  const inside = existsSync(out) ? walk(out).filter((f) => f.includes('.tmp-')) : [];
  return [...beside, ...inside];
}

describe('convertIdx on files laid out as the official t10k download', () => {
  const out = () => path.join(work, 'MNIST');

  it('writes valid/<digit>/*.png with the right counts and pixels', async () => {
    // Counts from the labels file itself, independently of the converter.
    const labels = gunzipSync(readFileSync(path.join(REF, 't10k-labels-idx1-ubyte.gz'))).subarray(8);
    const expected = Array(10).fill(0);
    for (const l of labels) expected[l]++;
    expect(expected).toEqual(T10K_COUNTS);

    let ticks = 0;
    let last = 0;
    const r = await convertIdx(REF, out(), { progress: (done) => { ticks++; last = done; } });
    expect(r.skipped).toBe(false);
    expect(r.total).toBe(T10K_TOTAL);
    expect(Object.keys(r.counts)).toEqual(['valid']);
    expect(r.counts.valid).toEqual(T10K_COUNTS);
    expect(ticks).toBe(T10K_TOTAL);
    expect(last).toBe(T10K_TOTAL);
    expect(leftovers(out())).toEqual([]);

    // Image 0 of the file is a 7: compare its pixels with the raw IDX bytes.
    expect(labels[0]).toBe(7);
    const images = gunzipSync(readFileSync(path.join(REF, 't10k-images-idx3-ubyte.gz'))).subarray(16);
    const img = await imread(path.join(out(), 'valid', '7', '00000.png'));
    expect(img.dims).toEqual([28, 28]);
    for (let r2 = 0; r2 < 28; r2++) for (let c = 0; c < 28; c++) expect(img.get(r2 + 1, c + 1)).toBe(images[r2 * 28 + c]);
    expect(images.subarray(0, 784).some((v) => v > 0)).toBe(true);

    // The folders read back through imageDatastore as the course does.
    const ds = imageDatastore(out().replace(/\//g, '\\') + '\\valid', 'IncludeSubfolders', true, 'LabelSource', 'foldernames');
    expect(ds.numObservations).toBe(T10K_TOTAL);
    expect(countEachLabel(ds).Count.toArray()).toEqual(T10K_COUNTS);
  });

  it('keeps a complete tree on a second run', async () => {
    const r = await convertIdx(REF, out(), { progress: false });
    expect(r.skipped).toBe(true);
    expect(r.counts.valid).toEqual(T10K_COUNTS);
  });

  it('converts a single pair into label folders, with a limit', async () => {
    const dest = path.join(work, 'pair');
    const pair = { images: path.join(REF, 't10k-images-idx3-ubyte.gz'), labels: path.join(REF, 't10k-labels-idx1-ubyte.gz') };
    const r = await convertIdx(pair, dest, { limit: 50, progress: false });
    expect(r.total).toBe(50);
    const labels = (await readIdx(pair.labels)).data.subarray(0, 50);
    const expected = Array(10).fill(0);
    for (const l of labels) expected[l]++;
    expect(r.counts['.']).toEqual(expected);
    expect(existsSync(path.join(dest, '7', '00000.png'))).toBe(true);
    expect(existsSync(path.join(dest, COMPLETE_MARKER))).toBe(true);
  });
});

describe('convertIdx on synthetic IDX files', () => {
  const n = 30;
  const pixels = Uint8Array.from({ length: n * 784 }, (_, i) => (i * 31) % 256);
  const labels = Uint8Array.from({ length: n }, (_, i) => (i * 7) % 10);

  it('reads plain and gzip files, train → train/, t10k → valid/', async () => {
    const src = path.join(work, 'idx-plain');
    mkdirSync(src);
    writeFileSync(path.join(src, 'train-images-idx3-ubyte'), idxBytes([n, 28, 28], pixels));
    writeFileSync(path.join(src, 'train-labels-idx1-ubyte'), idxBytes([n], labels));
    writeFileSync(path.join(src, 't10k-images-idx3-ubyte.gz'), gzipSync(idxBytes([10, 28, 28], pixels.subarray(0, 7840))));
    writeFileSync(path.join(src, 't10k-labels-idx1-ubyte.gz'), gzipSync(idxBytes([10], labels.subarray(0, 10))));
    const out = path.join(work, 'synthetic');
    const r = await convertIdx(src, out, { progress: false });
    expect(r.counts.train).toEqual(Array(10).fill(3));
    expect(r.counts.valid).toEqual(Array(10).fill(1));
    // image 12 has label 4: its pixels start at 12·784
    const img = await imread(path.join(out, 'train', '4', '00012.png'));
    expect(img.get(1, 2)).toBe(pixels[12 * 784 + 1]);
    expect(img.get(2, 1)).toBe(pixels[12 * 784 + 28]);
  });

  it('fails cleanly, leaving no partial tree', async () => {
    const src = path.join(work, 'idx-bad');
    mkdirSync(src);
    writeFileSync(path.join(src, 'train-images-idx3-ubyte'), idxBytes([n, 28, 28], pixels));
    writeFileSync(path.join(src, 'train-labels-idx1-ubyte'), idxBytes([n - 1], labels.subarray(0, n - 1)));
    const out = path.join(work, 'bad-out');
    expect((await rejectionOf(convertIdx(src, out, { progress: false }))).identifier).toBe('convertIdx:countMismatch');
    expect(existsSync(out)).toBe(false);
    expect(leftovers(out)).toEqual([]);

    writeFileSync(path.join(src, 'train-labels-idx1-ubyte'), idxBytes([n], labels));
    writeFileSync(path.join(src, 'train-images-idx3-ubyte'), idxBytes([n, 28, 28], pixels).subarray(0, 5000));
    const e = await rejectionOf(convertIdx(src, out, { progress: false }));
    expect(e.identifier).toBe('convertIdx:badIdxFile');
    expect(e.message).toContain('train-images-idx3-ubyte');
  });

  it('reports missing files and folders', async () => {
    const empty = path.join(work, 'no-idx');
    mkdirSync(empty);
    expect((await rejectionOf(convertIdx(empty, path.join(work, 'x'), { progress: false }))).identifier).toBe('convertIdx:noIdxFiles');
    expect((await rejectionOf(convertIdx(path.join(work, 'missing'), path.join(work, 'x')))).identifier).toBe('convertIdx:folderNotFound');
    writeFileSync(path.join(empty, 'train-images-idx3-ubyte'), idxBytes([1, 28, 28], pixels.subarray(0, 784)));
    expect((await rejectionOf(convertIdx(empty, path.join(work, 'x'), { progress: false }))).identifier).toBe('convertIdx:incompletePair');
  });
});

describe('prepareMnistFromPackage', () => {
  const out = () => path.join(work, 'pkg', 'MNIST');

  it('writes ≈85 % / 15 % per digit deterministically', async () => {
    const r = await prepareMnistFromPackage(out(), { limitPerDigit: 20, progress: false });
    expect(r.skipped).toBe(false);
    expect(r.total).toBe(200);
    expect(r.counts.train).toEqual(Array(10).fill(17));
    expect(r.counts.valid).toEqual(Array(10).fill(3));
    expect(readdirSync(path.join(out(), 'train', '3')).sort()[0]).toBe('00000.png');
    expect(readdirSync(path.join(out(), 'valid', '3')).sort()).toEqual(['00017.png', '00018.png', '00019.png']);
    expect(leftovers(out())).toEqual([]);

    // Pixels equal the package's [0,1] values scaled to uint8.
    const mnist = createRequire(import.meta.url)('mnist') as { raw: number[] }[];
    const img = await imread(path.join(out(), 'train', '3', '00000.png'));
    expect(img.dims).toEqual([28, 28]);
    for (let r2 = 0; r2 < 28; r2++) for (let c = 0; c < 28; c++) {
      expect(img.get(r2 + 1, c + 1)).toBe(Math.round(mnist[3].raw[r2 * 28 + c] * 255));
    }
    const ds = imageDatastore(out() + '\\train', 'IncludeSubfolders', true, 'LabelSource', 'foldernames');
    expect(ds.Labels.categories).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('skips a complete tree, refuses a different one, rebuilds with force', async () => {
    expect((await prepareMnistFromPackage(out(), { limitPerDigit: 20, progress: false })).skipped).toBe(true);
    expect((await rejectionOf(prepareMnistFromPackage(out(), { limitPerDigit: 10, progress: false }))).identifier)
      .toBe('prepareMnistFromPackage:differentSource');
    const r = await prepareMnistFromPackage(out(), { limitPerDigit: 10, force: true, progress: false });
    expect(r.counts.valid).toEqual(Array(10).fill(2)); // round(1.5) = 2
    expect(walk(out()).filter((f) => f.endsWith('.png')).length).toBe(100); // old files gone
    expect(leftovers(out())).toEqual([]);
  });

  it('never mistakes an unfinished folder for a complete one', async () => {
    const dest = path.join(work, 'pkg', 'half');
    mkdirSync(path.join(dest, 'train', '0'), { recursive: true });
    const e = await rejectionOf(prepareMnistFromPackage(dest, { limitPerDigit: 5, progress: false }));
    expect(e.identifier).toBe('prepareMnistFromPackage:folderExists');
    // A staging folder left by a dead process is cleaned up by the next run.
    const stale = path.join(work, 'pkg', 'fresh.tmp-999999999');
    mkdirSync(stale);
    const r = await prepareMnistFromPackage(path.join(work, 'pkg', 'fresh'), { limitPerDigit: 5, progress: false });
    expect(r.total).toBe(50);
    expect(existsSync(stale)).toBe(false);
  });

  it('validates its options', async () => {
    expect((await rejectionOf(prepareMnistFromPackage(out(), { limitPerDigit: 0 }))).identifier).toBe('prepareMnistFromPackage:invalidOption');
    expect((await rejectionOf(prepareMnistFromPackage(out(), { validFraction: 1 }))).identifier).toBe('prepareMnistFromPackage:invalidOption');
  });
});
