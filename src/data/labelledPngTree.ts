/**
 * Write labelled grayscale images as `<root>/<split>/<label>/<name>.png`,
 * the folder layout imageDatastore(..., 'LabelSource','foldernames') reads.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { writeGrayPng } from './pngWriter.ts';
import { mapLimit } from './concurrency.ts';
import { progressReporter, type ProgressOption } from './progress.ts';

export interface LabelledImage {
  /** Sub-folder such as 'train' or 'valid' ('' writes label folders directly under the root). */
  split: string;
  label: number;
  /** File name without extension; zero-padded so sorted order is numeric order. */
  name: string;
  /** Row-major uint8 pixels. */
  pixels: Uint8Array;
}

/** Per split: count of images written for each label (index = label). */
export type SplitCounts = Record<string, number[]>;

export interface TreeWriteOptions {
  width: number;
  height: number;
  /** PNG encodes in flight (default 8). */
  concurrency?: number;
  progress?: ProgressOption;
  /** Shown before the progress counter. */
  title?: string;
  /** Folder name of each label (index = label); default the label number itself. */
  labelNames?: readonly string[];
}

/** Zero-padded file name for image number `i` (5 digits cover MNIST's 60,000). */
export function imageName(i: number, digits = 5): string {
  return String(i).padStart(digits, '0');
}

export async function writeLabelledPngs(root: string, images: readonly LabelledImage[], opts: TreeWriteOptions): Promise<SplitCounts> {
  const counts: SplitCounts = {};
  const folders = new Set<string>();
  const folderOf = (im: LabelledImage) => path.join(root, im.split, opts.labelNames?.[im.label] ?? String(im.label));
  for (const im of images) {
    const c = (counts[im.split || '.'] ??= []);
    while (c.length <= im.label) c.push(0);
    c[im.label]++;
    folders.add(folderOf(im));
  }
  for (const f of folders) await mkdir(f, { recursive: true });
  const tick = progressReporter(opts.title ?? 'Writing PNG files', images.length, opts.progress);
  let done = 0;
  await mapLimit(images, opts.concurrency ?? 8, async (im) => {
    await writeGrayPng(path.join(folderOf(im), `${im.name}.png`), im.pixels, opts.width, opts.height);
    tick(++done);
  });
  return counts;
}
