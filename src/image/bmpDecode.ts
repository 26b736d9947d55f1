/**
 * BMP decoder: sharp's bundled libvips has no BMP loader, yet MATLAB's
 * imread (and so imageDatastore's default extensions) reads BMP. Covers
 * uncompressed 1/4/8-bit palette, 24-bit and 32-bit files (the usual ones).
 */
import type { RawImage } from './imread.ts';
import { checkPixelCount } from './pixelLimit.ts';

function unsupported(why: string): never {
  throw new Error(`unsupported BMP variant: ${why}`);
}

/** Palette colours as [r, g, b] triples. */
function readPalette(b: Uint8Array, at: number, count: number): number[][] {
  return Array.from({ length: count }, (_, i) => [b[at + 4 * i + 2], b[at + 4 * i + 1], b[at + 4 * i]]);
}

export function decodeBmp(bytes: Uint8Array): RawImage | undefined {
  if (bytes.length < 54 || bytes[0] !== 0x42 || bytes[1] !== 0x4d) return undefined;
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dataAt = v.getUint32(10, true);
  const headerSize = v.getUint32(14, true);
  if (headerSize < 40) unsupported('OS/2 header');
  const width = v.getInt32(18, true);
  const rawHeight = v.getInt32(22, true);
  const bpp = v.getUint16(28, true);
  const compression = v.getUint32(30, true);
  const height = Math.abs(rawHeight);
  const topDown = rawHeight < 0;
  if (width <= 0 || height === 0) unsupported('empty image');
  // BI_BITFIELDS is accepted only for 32-bit files with the standard 8-bit masks.
  if (compression === 3) {
    const masks = [v.getUint32(54, true), v.getUint32(58, true), v.getUint32(62, true)];
    if (bpp !== 32 || masks[0] !== 0xff0000 || masks[1] !== 0xff00 || masks[2] !== 0xff) unsupported('bit-field masks');
  } else if (compression !== 0) {
    unsupported(`compression ${compression}`);
  }
  const stride = Math.floor((bpp * width + 31) / 32) * 4;
  if (dataAt + stride * height > bytes.length) throw new Error('BMP pixel data is truncated');
  let palette: number[][] | undefined;
  if (bpp <= 8) {
    const count = v.getUint32(46, true) || 1 << bpp;
    palette = readPalette(bytes, 14 + headerSize, count);
  } else if (bpp !== 24 && bpp !== 32) {
    unsupported(`${bpp} bits per pixel`);
  }
  const gray = palette !== undefined && palette.every(([r, g, b]) => r === g && g === b);
  const channels = gray ? 1 : 3;
  checkPixelCount(width, height);
  const out = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    const row = dataAt + (topDown ? y : height - 1 - y) * stride;
    for (let x = 0; x < width; x++) {
      let rgb: number[];
      if (palette) {
        const bit = x * bpp;
        const index = (bytes[row + (bit >> 3)] >> (8 - bpp - (bit & 7))) & ((1 << bpp) - 1);
        rgb = palette[index] ?? [0, 0, 0];
      } else {
        const p = row + x * (bpp >> 3);
        rgb = [bytes[p + 2], bytes[p + 1], bytes[p]];
      }
      const o = (y * width + x) * channels;
      if (gray) out[o] = rgb[0];
      else out.set(rgb, o);
    }
  }
  return { data: out, height, width, channels };
}
