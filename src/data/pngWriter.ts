/**
 * Grayscale PNG files: encoded with sharp and written through the toolbox's
 * one atomic writer, so a crash never leaves a truncated .png that a
 * datastore would later list and fail to decode.
 */
import sharp from 'sharp';
import { writeFileAtomic } from '../io/atomicWrite.ts';

/** `pixels`: row-major uint8, width·height bytes. Saved as an 8-bit grayscale PNG (read back H×W). */
export async function writeGrayPng(file: string, pixels: Uint8Array, width: number, height: number): Promise<void> {
  // 'b-w' keeps the PNG single-channel; sharp would otherwise save sRGB.
  const png = await sharp(pixels, { raw: { width, height, channels: 1 } }).toColourspace('b-w').png().toBuffer();
  await writeFileAtomic(file, png);
}
