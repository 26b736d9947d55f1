/**
 * Plane projective transforms (homographies) for placing a flat sign in a
 * photo: the sign's plane is turned in 3-D (roll, yaw, pitch) in front of a
 * pinhole camera, its four corners projected, and the 3×3 matrix that maps
 * the sign raster onto those corners solved from the four correspondences.
 */

/** Row-major 3×3: (x, y) ↦ ((h0·x + h1·y + h2) / w, (h3·x + h4·y + h5) / w), w = h6·x + h7·y + h8. */
export type Homography = readonly number[];
export type Point = readonly [number, number];

export function applyHomography(h: Homography, x: number, y: number): [number, number] {
  const w = h[6] * x + h[7] * y + h[8];
  return [(h[0] * x + h[1] * y + h[2]) / w, (h[3] * x + h[4] * y + h[5]) / w];
}

/** The homography taking each src[i] to dst[i] (four points, no three collinear), with h8 = 1. */
export function homographyFromPoints(src: readonly Point[], dst: readonly Point[]): number[] {
  if (src.length !== 4 || dst.length !== 4) throw new RangeError('A homography needs exactly four point pairs.');
  // Two rows per pair of the linear system A·[h0..h7] = b (Hartley & Zisserman's DLT with h8 fixed).
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = src[i];
    const [u, v] = dst[i];
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  return [...solveAugmented(a), 1];
}

/** Gaussian elimination with partial pivoting on an n×(n+1) augmented matrix. */
function solveAugmented(a: number[][]): number[] {
  const n = a.length;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
    if (Math.abs(a[p][c]) < 1e-12) throw new RangeError('Degenerate point configuration: three points are collinear.');
    [a[c], a[p]] = [a[p], a[c]];
    for (let r = c + 1; r < n; r++) {
      const f = a[r][c] / a[c][c];
      for (let k = c; k <= n; k++) a[r][k] -= f * a[c][k];
    }
  }
  const x = new Array<number>(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = a[r][n];
    for (let k = r + 1; k < n; k++) s -= a[r][k] * x[k];
    x[r] = s / a[r][r];
  }
  return x;
}

/** Inverse of a 3×3 (adjugate over determinant). */
export function invertHomography(h: Homography): number[] {
  const [a, b, c, d, e, f, g, k, l] = h;
  const co = [e * l - f * k, c * k - b * l, b * f - c * e, f * g - d * l, a * l - c * g, c * d - a * f, d * k - e * g, b * g - a * k, a * e - b * d];
  const det = a * co[0] + b * co[3] + c * co[6];
  if (Math.abs(det) < 1e-300) throw new RangeError('The homography is singular.');
  return co.map((v) => v / det);
}

export interface CameraPose {
  /** Sign centre in the image, in pixels. */
  cx: number;
  cy: number;
  /** Width the sign would have seen face-on, in pixels. */
  size: number;
  /** In-plane rotation, turn about the vertical axis, tilt about the horizontal axis (degrees). */
  rollDeg: number;
  yawDeg: number;
  pitchDeg: number;
  /** Focal length in pixels (a phone's main camera: about the image's long side). */
  focal: number;
}

/**
 * Where the sign plane's point (u, v) lands, u and v in sign widths from the
 * sign's centre (v down). The plane is rotated (yaw, then pitch, then roll)
 * and set at the depth where its width is `size` pixels face-on.
 */
export function projectSignPoint(pose: CameraPose, u: number, v: number): [number, number] {
  const rad = Math.PI / 180;
  const [cy, sy] = [Math.cos(pose.yawDeg * rad), Math.sin(pose.yawDeg * rad)];
  const [cp, sp] = [Math.cos(pose.pitchDeg * rad), Math.sin(pose.pitchDeg * rad)];
  const [cr, sr] = [Math.cos(pose.rollDeg * rad), Math.sin(pose.rollDeg * rad)];
  // Yaw about the vertical axis.
  let x = cy * u;
  let y = v;
  let z = -sy * u;
  // Pitch about the horizontal axis.
  [y, z] = [cp * y - sp * z, sp * y + cp * z];
  // Roll in the image plane.
  [x, y] = [cr * x - sr * y, sr * x + cr * y];
  const depth = pose.focal / pose.size;
  const s = pose.focal / (depth + z);
  return [pose.cx + s * x, pose.cy + s * y];
}
