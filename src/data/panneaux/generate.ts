/**
 * `dltb data --panneaux`: the course's road-sign folder (`Panneaux/<class>/*.jpg`),
 * generated since the course's photos cannot be had. All parameters are drawn
 * first, in order, from one MT19937 seeded with `seed`, so the tree is the same
 * bytes on every run whatever the concurrency; a `limitPerClass` run writes the
 * first images of the full set, unchanged. Published atomically (stagedFolder.ts).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { MT19937 } from '../../runtime/mt19937.ts';
import { matlabError } from '../../runtime/errors.ts';
import { absolutePath } from '../../runtime/paths.ts';
import { writeFileAtomic } from '../../io/atomicWrite.ts';
import { buildStaged, readMarker } from '../stagedFolder.ts';
import { mapLimit } from '../concurrency.ts';
import { progressReporter, type ProgressOption } from '../progress.ts';
import { SIGN_CLASSES } from './signs.ts';
import { drawImageParams, type ImageParams } from './params.ts';
import { renderImage } from './render.ts';

/** Bumped whenever a change to the generator changes the bytes it writes. */
export const GENERATOR_VERSION = 1;
export const DEFAULT_SEED = 2017;

export interface PanneauxOptions {
  seed?: number;
  /** Only the first n images of each class (tests, quick demos). */
  limitPerClass?: number;
  force?: boolean;
  progress?: ProgressOption;
  /** Photos rendered at once (default 4: sharp's threads work while this thread warps). */
  concurrency?: number;
}

export interface PanneauxResult {
  outDir: string;
  source: string;
  /** Images per class folder. */
  counts: Record<string, number>;
  total: number;
  /** Every image's recorded parameters, in the order drawn. */
  images: ImageParams[];
  skipped: boolean;
}

type Recorded = Omit<PanneauxResult, 'outDir' | 'skipped'>;

const FN = 'generatePanneaux';

/** The parameters of every image, in the order drawn (class by class). */
export function panneauxParams(seed = DEFAULT_SEED, limitPerClass = Infinity): ImageParams[] {
  const r = new MT19937(seed);
  const images: ImageParams[] = [];
  for (const sign of SIGN_CLASSES) {
    for (let i = 1; i <= sign.count; i++) {
      const p = drawImageParams(r, sign.name, `${sign.name}/${sign.name}_${String(i).padStart(3, '0')}.jpg`);
      if (i <= limitPerClass) images.push(p);
    }
  }
  return images;
}

export async function generatePanneaux(outDir = 'Panneaux', opts: PanneauxOptions = {}): Promise<PanneauxResult> {
  const seed = opts.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) {
    matlabError(`${FN}:invalidSeed`, `The seed must be an integer between 0 and 2^32 - 1 (got ${seed}).`);
  }
  const limit = opts.limitPerClass;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    matlabError(`${FN}:invalidOption`, `Option 'limitPerClass' must be a positive integer (got ${limit}).`);
  }
  const source = `synthetic road signs, generator ${GENERATOR_VERSION}, seed ${seed}${limit ? `, limitPerClass ${limit}` : ''}`;
  const out = absolutePath(outDir);
  const previous = readMarker<Recorded>(out);
  if (previous && !opts.force && previous.source !== source) {
    matlabError(`${FN}:differentSource`,
      `Folder '${out}' already holds images made as: ${previous.source}. Remove it or use the force option to replace it with: ${source}.`);
  }
  const { value, skipped } = await buildStaged<Recorded>(FN, out, opts.force ?? false, async (staging) => {
    const images = panneauxParams(seed, limit);
    for (const sign of SIGN_CLASSES) await mkdir(path.join(staging, sign.name), { recursive: true });
    const tick = progressReporter(`Writing ${out}`, images.length, opts.progress);
    let done = 0;
    await mapLimit(images, opts.concurrency ?? 4, async (p) => {
      await writeFileAtomic(path.join(staging, p.file), await renderImage(p));
      tick(++done);
    });
    const counts = Object.fromEntries(SIGN_CLASSES.map((s) => [s.name, images.filter((p) => p.label === s.name).length]));
    return { source, counts, total: images.length, images };
  });
  return { outDir: out, ...value, skipped };
}
