/**
 * Boundary rules for neighbourhood operations (imfilter, padarray): where a
 * position outside the image reads its value from.
 */
export type Boundary =
  | { kind: 'constant'; value: number }
  | { kind: 'replicate' }
  | { kind: 'symmetric' }
  | { kind: 'circular' };

/**
 * 0-based source index for position `i` of a length-`n` line, or -1 when the
 * position reads the constant padding value.
 */
export function sourceIndex(b: Boundary, i: number, n: number): number {
  if (i >= 0 && i < n) return i;
  switch (b.kind) {
    case 'constant':
      return -1;
    case 'replicate':
      return i < 0 ? 0 : n - 1;
    case 'circular':
      return ((i % n) + n) % n;
    case 'symmetric': {
      // Mirror including the edge pixel: ... 2 1 | 1 2 3 | 3 2 ...
      const m = ((i % (2 * n)) + 2 * n) % (2 * n);
      return m < n ? m : 2 * n - 1 - m;
    }
  }
}

/** For each output position o in [0, count), the source index of o + k - offset for each tap k. */
export function tapIndices(b: Boundary, count: number, taps: number, offset: number, n: number): Int32Array {
  const out = new Int32Array(count * taps);
  for (let o = 0; o < count; o++) {
    for (let k = 0; k < taps; k++) out[o * taps + k] = sourceIndex(b, o + k - offset, n);
  }
  return out;
}
