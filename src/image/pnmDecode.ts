/**
 * Netpbm decoder (PBM/PGM/PPM, ASCII and binary): sharp's bundled libvips
 * cannot load them, while MATLAB's imread can (face datasets such as ORL
 * ship as .pgm). Samples above 8 bits are scaled to uint8.
 */
import type { RawImage } from './imread.ts';
import { checkPixelCount } from './pixelLimit.ts';

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c;
}

/** Header/ASCII token reader that skips whitespace and '#' comments. */
class Tokens {
  pos: number;
  constructor(private readonly b: Uint8Array, start: number) {
    this.pos = start;
  }

  next(): number {
    const b = this.b;
    for (;;) {
      while (this.pos < b.length && isSpace(b[this.pos])) this.pos++;
      if (b[this.pos] !== 0x23) break;
      while (this.pos < b.length && b[this.pos] !== 0x0a) this.pos++;
    }
    const start = this.pos;
    while (this.pos < b.length && !isSpace(b[this.pos]) && b[this.pos] !== 0x23) this.pos++;
    const n = Number(String.fromCharCode(...b.subarray(start, this.pos)));
    if (this.pos === start || !Number.isInteger(n) || n < 0) throw new Error('malformed Netpbm header or data');
    return n;
  }

  /** ASCII PBM allows samples without separators ('0101'). */
  nextBit(): number {
    while (this.pos < this.b.length && (isSpace(this.b[this.pos]))) this.pos++;
    const c = this.b[this.pos++];
    if (c !== 0x30 && c !== 0x31) throw new Error('malformed PBM data');
    return c - 0x30;
  }
}

export function decodePnm(bytes: Uint8Array): RawImage | undefined {
  if (bytes.length < 3 || bytes[0] !== 0x50 || bytes[1] < 0x31 || bytes[1] > 0x36 || !isSpace(bytes[2])) return undefined;
  const kind = bytes[1] - 0x30; // 1..6
  const t = new Tokens(bytes, 2);
  const width = t.next();
  const height = t.next();
  const bitmap = kind === 1 || kind === 4;
  const maxval = bitmap ? 1 : t.next();
  if (width === 0 || height === 0 || maxval === 0 || maxval > 65535) throw new Error('malformed Netpbm header');
  const channels = kind === 3 || kind === 6 ? 3 : 1;
  checkPixelCount(width, height);
  const n = width * height * channels;
  const out = new Uint8Array(n);
  // 16-bit samples do not fit uint8: scale them; 8-bit ones are kept as stored.
  const scale = (s: number) => (maxval > 255 ? Math.round((s * 255) / maxval) : s);
  if (kind <= 3) {
    for (let i = 0; i < n; i++) out[i] = bitmap ? (t.nextBit() ? 0 : 255) : scale(t.next());
    return { data: out, height, width, channels };
  }
  const at = t.pos + 1; // exactly one whitespace byte after the header
  if (kind === 4) {
    const stride = Math.ceil(width / 8);
    if (at + stride * height > bytes.length) throw new Error('PBM data is truncated');
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) out[y * width + x] = (bytes[at + y * stride + (x >> 3)] >> (7 - (x & 7))) & 1 ? 0 : 255;
    }
    return { data: out, height, width, channels };
  }
  const wide = maxval > 255;
  if (at + n * (wide ? 2 : 1) > bytes.length) throw new Error('Netpbm data is truncated');
  for (let i = 0; i < n; i++) out[i] = wide ? scale((bytes[at + 2 * i] << 8) | bytes[at + 2 * i + 1]) : bytes[at + i];
  return { data: out, height, width, channels };
}
