/**
 * Channel count from the first bytes of PNG and JPEG files. Asking sharp
 * for metadata() costs a second decode call per image (it halves read
 * speed on small MNIST files), and these two formats are what datasets use.
 */

/** 1 for grayscale (with or without alpha), 3 for colour, undefined when the header is not recognised. */
export function sniffColour(bytes: Uint8Array): 1 | 3 | undefined {
  return sniffPng(bytes) ?? sniffJpeg(bytes);
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function sniffPng(b: Uint8Array): 1 | 3 | undefined {
  if (b.length < 26 || !PNG_SIGNATURE.every((v, i) => b[i] === v)) return undefined;
  // IHDR is always the first chunk: colour type at byte 25 (0 gray, 4 gray+alpha, 2/3/6 colour).
  const type = b[25];
  if (type === 0 || type === 4) return 1;
  if (type === 2 || type === 3 || type === 6) return 3;
  return undefined;
}

function sniffJpeg(b: Uint8Array): 1 | 3 | undefined {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1];
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    const len = (b[i + 2] << 8) | b[i + 3];
    // SOF0..SOF15 except DHT (C4), JPG (C8), DAC (CC): component count after precision, height, width.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return b[i + 9] === 1 ? 1 : 3;
    }
    i += 2 + len;
  }
  return undefined;
}
