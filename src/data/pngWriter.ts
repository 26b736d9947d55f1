/**
 * Atomic grayscale PNG writes: encode with sharp, write to a temporary
 * name, then rename, so a crash never leaves a truncated .png that a
 * datastore would later list and fail to decode.
 */
import { writeFile, rename, rm } from 'node:fs/promises';
import sharp from 'sharp';

/** Write `data` to `file` through a temporary sibling and a rename. */
export async function writeFileAtomic(file: string, data: Uint8Array | string): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** `pixels`: row-major uint8, width·height bytes. Saved as an 8-bit grayscale PNG (read back H×W). */
export async function writeGrayPng(file: string, pixels: Uint8Array, width: number, height: number): Promise<void> {
  // 'b-w' keeps the PNG single-channel; sharp would otherwise save sRGB.
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    // toFile saves a copy of the encoded buffer into JS compared with toBuffer + writeFile.
    await sharp(pixels, { raw: { width, height, channels: 1 } }).toColourspace('b-w').png().toFile(tmp);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
