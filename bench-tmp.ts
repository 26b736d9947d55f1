import { imageDatastore } from './src/data/imageDatastore.ts';
import { readImageRaw } from './src/image/imread.ts';
import { mapLimit } from './src/data/concurrency.ts';
import sharp from 'sharp';
import { readFile } from 'node:fs/promises';
const ds = imageDatastore('/tmp/smk/outb8/train', 'IncludeSubfolders', true, 'LabelSource', 'foldernames');
const files = ds.Files.slice(0, 4000);
for (const lim of [1, 4, 8, 16]) {
  const t = performance.now();
  await mapLimit(files, lim, (f) => readImageRaw(f));
  console.log('readImageRaw lim', lim, Math.round(files.length / ((performance.now() - t) / 1000)), '/s');
}
let t = performance.now();
await mapLimit(files, 8, async (f) => { const b = await readFile(f); await sharp(b).toColourspace('b-w').raw().toBuffer(); });
console.log('no metadata', Math.round(files.length / ((performance.now() - t) / 1000)), '/s');
t = performance.now();
await mapLimit(files, 8, async (f) => { const b = await readFile(f); await sharp(b).metadata(); });
console.log('metadata only', Math.round(files.length / ((performance.now() - t) / 1000)), '/s');
t = performance.now();
await mapLimit(files, 8, (f) => readFile(f));
console.log('readFile only', Math.round(files.length / ((performance.now() - t) / 1000)), '/s');
