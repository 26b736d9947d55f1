/**
 * One affine warp of an H×W×C image about its centre, inverse-mapped with
 * bilinear interpolation (as imwarp with OutputView 'same'). Coordinates are
 * MATLAB's intrinsic ones: x = column, y = row, y pointing down, centre at
 * ((W+1)/2, (H+1)/2).
 */
import { MArray, allocData, castValue } from '../runtime/marray.ts';

/** p' = L·p + t in centred coordinates; L = [a b; c d]. */
export interface Affine {
  a: number; b: number; c: number; d: number;
  tx: number; ty: number;
}

/** 2×2 product m·n (n applied first). */
export function mul2(m: readonly number[], n: readonly number[]): number[] {
  return [m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3], m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3]];
}

/** Sample positions this close outside the image still count as inside (rounding in rotations). */
const EDGE_TOLERANCE = 1e-9;

/** Warp every plane of `img` (dims H×W×…) by `m`; pixels mapped from outside take `fill` (one value, or one per plane). */
export function warpImage(img: MArray, m: Affine, fill: readonly number[]): MArray {
  const [H, W] = img.dims;
  const plane = H * W;
  const planes = plane === 0 ? 0 : img.numel / plane;
  const det = m.a * m.d - m.b * m.c;
  const cx = (W + 1) / 2;
  const cy = (H + 1) / 2;
  const src = img.data;
  const out = allocData(img.cls, img.numel);
  for (let j = 1; j <= W; j++) {
    for (let i = 1; i <= H; i++) {
      const u = j - cx - m.tx;
      const v = i - cy - m.ty;
      const sx = (m.d * u - m.b * v) / det + cx;
      const sy = (-m.c * u + m.a * v) / det + cy;
      const dst = i - 1 + (j - 1) * H;
      const inside = sx >= 1 - EDGE_TOLERANCE && sx <= W + EDGE_TOLERANCE && sy >= 1 - EDGE_TOLERANCE && sy <= H + EDGE_TOLERANCE;
      if (!inside) {
        for (let p = 0; p < planes; p++) out[dst + p * plane] = castValue(img.cls, fill[fill.length === planes ? p : 0]);
        continue;
      }
      const [x0, x1, fx] = neighbours(sx, W);
      const [y0, y1, fy] = neighbours(sy, H);
      const i00 = y0 - 1 + (x0 - 1) * H, i01 = y0 - 1 + (x1 - 1) * H;
      const i10 = y1 - 1 + (x0 - 1) * H, i11 = y1 - 1 + (x1 - 1) * H;
      for (let p = 0; p < planes; p++) {
        const o = p * plane;
        const top = src[o + i00] * (1 - fx) + src[o + i01] * fx;
        const bottom = src[o + i10] * (1 - fx) + src[o + i11] * fx;
        out[dst + o] = castValue(img.cls, top * (1 - fy) + bottom * fy);
      }
    }
  }
  return MArray.wrap(out, img.dims, img.cls);
}

/** The two 1-based grid points around `s` in 1..n and the weight of the second. */
function neighbours(s: number, n: number): [number, number, number] {
  const lo = Math.max(1, Math.min(Math.floor(s), n - 1));
  const hi = Math.min(lo + 1, n);
  return [lo, hi, hi === lo ? 0 : Math.max(0, Math.min(1, s - lo))];
}
