import { imageDatastore } from './src/data/imageDatastore.ts';
import { readImageRaw } from './src/image/imread.ts';
import { mapLimit } from './src/data/concurrency.ts';
import sharp from 'sharp';
import { readFile } from 'node:fs/promises';
const ds = imageDatastore('/tmp/smk/outb8/train', 'IncludeSubfolders', true, 'LabelSource', 'foldernames');
const files = ds.Files.slice(0, 3000);
async function b(name: string, f: (file: string) => Promise<unknown>) {
  const t = performance.now();
  await mapLimit(files, 8, f);
  console.log(name, Math.round(files.length / ((performance.now() - t) / 1000)), '/s');
}
for (let rep = 0; rep < 2; rep++) {
await b('readImageRaw', readImageRaw);
await b('plain b-w raw', async (f) => sharp(await readFile(f)).toColourspace('b-w').raw().toBuffer());
await b('b-w removeAlpha raw', async (f) => sharp(await readFile(f)).toColourspace('b-w').removeAlpha().raw().toBuffer());
await b('b-w raw depth', async (f) => sharp(await readFile(f)).toColourspace('b-w').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true }));
await b('path b-w raw', async (f) => sharp(f).toColourspace('b-w').raw().toBuffer());
}
