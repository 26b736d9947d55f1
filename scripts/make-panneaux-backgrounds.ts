/**
 * Regenerates src/data/panneaux/backgrounds/*.jpg, the photos behind the
 * synthetic road signs of `dltb data --panneaux`, from scikit-image's sample
 * images as Debian's python3-skimage installs them (CC0 or public domain:
 * see Panneaux/README.md). Run once by hand: `npx tsx scripts/make-panneaux-backgrounds.ts`;
 * the generator itself only reads the committed crops, so it needs no Debian package.
 */
import path from 'node:path';
import sharp from 'sharp';
import { writeFileAtomic } from '../src/io/atomicWrite.ts';
import { BACKGROUNDS, BACKGROUND_DIR } from '../src/data/panneaux/backgrounds.ts';

const SKIMAGE = '/usr/lib/python3/dist-packages/skimage/data';

let total = 0;
for (const b of BACKGROUNDS) {
  const [left, top, width, height] = b.sourceCrop;
  let img = sharp(path.join(SKIMAGE, b.source)).extract({ left, top, width, height });
  if (width > b.maxSide || height > b.maxSide) img = img.resize({ width: b.maxSide, height: b.maxSide, fit: 'inside' });
  img = b.gray ? img.toColourspace('b-w') : img.removeAlpha();
  const bytes = await img.jpeg({ quality: 82 }).toBuffer();
  await writeFileAtomic(path.join(BACKGROUND_DIR, b.file), bytes);
  total += bytes.length;
  console.log(`${b.file}: ${bytes.length} bytes`);
}
console.log(`total ${total} bytes`);
