/**
 * fspecial(type, ...): MATLAB's predefined 2-D filters, with its defaults
 * (average [3 3], disk 5, gaussian [3 3] σ 0.5, laplacian/unsharp α 0.2,
 * log [5 5] σ 0.5, motion 9 px at 0°). Always double.
 */
import { MArray } from '../runtime/marray.ts';
import { matlabError } from '../runtime/errors.ts';
import { matchString } from '../runtime/args.ts';
import { diskRectArea } from './diskArea.ts';
import { numbersOf } from './imageInput.ts';

const TYPES = ['average', 'disk', 'gaussian', 'laplacian', 'log', 'motion', 'prewitt', 'sobel', 'unsharp'] as const;
type FilterType = (typeof TYPES)[number];
/** How many parameters after the type each filter takes. */
const MAX_PARAMS: Record<FilterType, number> = {
  average: 1, disk: 1, gaussian: 2, laplacian: 1, log: 2, motion: 2, prewitt: 0, sobel: 0, unsharp: 1,
};

type Param = number | readonly number[] | MArray;

/** Build an h×w double matrix from f(row, col) with 0-based indices. */
function build(h: number, w: number, f: (r: number, c: number) => number): MArray {
  const data = new Float64Array(h * w);
  for (let c = 0; c < w; c++) for (let r = 0; r < h; r++) data[r + c * h] = f(r, c);
  return MArray.wrap(data, [h, w], 'double');
}

function fromRows(rows: number[][]): MArray {
  return build(rows.length, rows[0].length, (r, c) => rows[r][c]);
}

function normalize(m: MArray): MArray {
  let s = 0;
  for (const v of m.data) s += v;
  if (s !== 0) for (let i = 0; i < m.numel; i++) m.data[i] /= s;
  return m;
}

function hsize(v: Param | undefined, dflt: [number, number]): [number, number] {
  if (v === undefined) return dflt;
  const n = numbersOf('fspecial', v, 2, 'HSIZE');
  if (n.length < 1 || n.length > 2 || n.some((x) => !(x > 0) || !Number.isInteger(x))) {
    matlabError('images:fspecial:wrongSizeN', 'HSIZE must be a positive integer or a vector of two positive integers.');
  }
  return n.length === 1 ? [n[0], n[0]] : [n[0], n[1]];
}

function scalar(v: Param | undefined, dflt: number, name: string, check: (x: number) => boolean, rule: string): number {
  if (v === undefined) return dflt;
  const n = numbersOf('fspecial', v, 2, name);
  if (n.length !== 1 || !Number.isFinite(n[0]) || !check(n[0])) {
    matlabError(`images:fspecial:invalid${name}`, `${name} must be ${rule}.`);
  }
  return n[0];
}

/** exp(−(x²+y²)/(2σ²)) on the centred grid, tiny values zeroed, summing to 1. */
function gaussian([h, w]: [number, number], sigma: number): MArray {
  const g = build(h, w, (r, c) => {
    const y = r - (h - 1) / 2;
    const x = c - (w - 1) / 2;
    return Math.exp(-(x * x + y * y) / (2 * sigma * sigma));
  });
  const max = Math.max(...g.data);
  for (let i = 0; i < g.numel; i++) if (g.data[i] < Number.EPSILON * max) g.data[i] = 0;
  return normalize(g);
}

function laplacian(alpha: number): MArray {
  const h1 = alpha / (alpha + 1);
  const h2 = (1 - alpha) / (alpha + 1);
  return fromRows([[h1, h2, h1], [h2, -4 / (alpha + 1), h2], [h1, h2, h1]]);
}

/** Laplacian of the normalised Gaussian, shifted to sum to zero. */
function logFilter(size: [number, number], sigma: number): MArray {
  const [h, w] = size;
  const g = gaussian(size, sigma);
  const s2 = sigma * sigma;
  const l = build(h, w, (r, c) => {
    const y = r - (h - 1) / 2;
    const x = c - (w - 1) / 2;
    return (g.data[r + c * h] * (x * x + y * y - 2 * s2)) / (s2 * s2);
  });
  let sum = 0;
  for (const v of l.data) sum += v;
  for (let i = 0; i < l.numel; i++) l.data[i] -= sum / (h * w);
  return l;
}

/** Pillbox: each cell weighted by the area of the disk it covers. */
function disk(radius: number): MArray {
  const c = Math.ceil(radius - 0.5);
  const n = 2 * c + 1;
  return normalize(build(n, n, (r, col) => diskRectArea(radius, col - c - 0.5, col - c + 0.5, r - c - 0.5, r - c + 0.5)));
}

/**
 * Motion blur: a line of length `len` through the centre at `theta` degrees
 * (counter-clockwise), one pixel wide, each cell weighted by
 * 1 − (its distance to the segment), as MATLAB builds it.
 */
function motion(len: number, theta: number): MArray {
  len = Math.max(1, len);
  const half = (len - 1) / 2;
  const phi = ((((theta % 180) + 180) % 180) / 180) * Math.PI;
  const cos = Math.cos(phi);
  const sin = Math.sin(phi);
  const xsign = Math.sign(cos);
  const eps = Number.EPSILON;
  // Half-plane grid (x along the line direction, y up), sized so 0° and 90° give a vector.
  const sx = Math.trunc(half * cos + xsign - len * eps);
  const sy = Math.trunc(half * sin + 1 - len * eps);
  const nx = Math.abs(sx) + 1;
  const ny = sy + 1;
  const quarter: number[][] = [];
  for (let j = 0; j < ny; j++) {
    const row: number[] = [];
    for (let i = 0; i < nx; i++) {
      const x = i * xsign;
      const y = j;
      let d = y * cos - x * sin; // perpendicular distance to the line
      if (Math.hypot(x, y) >= half && Math.abs(d) <= 1) {
        // Past the segment's end: distance to the end point instead.
        const along = half - Math.abs((x + d * sin) / cos);
        d = Math.hypot(d, along);
      }
      row.push(Math.max(0, 1 + eps - Math.abs(d)));
    }
    quarter.push(row);
  }
  // Unfold: the rotated half on the top-left, the half itself on the bottom-right, sharing the centre.
  const H = 2 * ny - 1;
  const W = 2 * nx - 1;
  const full = build(H, W, (r, c) => {
    if (r >= ny - 1 && c >= nx - 1) return quarter[r - ny + 1][c - nx + 1];
    if (r <= ny - 1 && c <= nx - 1) return quarter[ny - 1 - r][nx - 1 - c];
    return 0;
  });
  let sum = 0;
  for (const v of full.data) sum += v;
  for (let i = 0; i < full.numel; i++) full.data[i] /= sum + eps * len * len;
  return cos > 0 ? flipud(full) : full;
}

function flipud(m: MArray): MArray {
  const [h, w] = m.dims;
  return build(h, w, (r, c) => m.data[h - 1 - r + c * h]);
}

export function fspecial(type: string, p2?: Param, p3?: Param): MArray {
  const t = matchString('fspecial', 'TYPE', type, TYPES) as FilterType;
  const given = (p3 !== undefined ? 2 : p2 !== undefined ? 1 : 0);
  if (given > MAX_PARAMS[t]) {
    matlabError('images:fspecial:tooManyArgsForThisFilter', `Too many arguments for the '${t}' filter: it takes at most ${MAX_PARAMS[t]}.`);
  }
  const positive = (x: number) => x > 0;
  const unit = (x: number) => x >= 0 && x <= 1;
  switch (t) {
    case 'average': {
      const [h, w] = hsize(p2, [3, 3]);
      return build(h, w, () => 1 / (h * w));
    }
    case 'disk':
      return disk(scalar(p2, 5, 'RADIUS', positive, 'a positive scalar'));
    case 'gaussian':
      return gaussian(hsize(p2, [3, 3]), scalar(p3, 0.5, 'SIGMA', positive, 'a positive scalar'));
    case 'laplacian':
      return laplacian(scalar(p2, 0.2, 'ALPHA', unit, 'in the range 0.0 to 1.0'));
    case 'log':
      return logFilter(hsize(p2, [5, 5]), scalar(p3, 0.5, 'SIGMA', positive, 'a positive scalar'));
    case 'motion':
      return motion(scalar(p2, 9, 'LEN', positive, 'a positive scalar'), scalar(p3, 0, 'THETA', () => true, 'a real scalar'));
    case 'prewitt':
      return fromRows([[1, 1, 1], [0, 0, 0], [-1, -1, -1]]);
    case 'sobel':
      return fromRows([[1, 2, 1], [0, 0, 0], [-1, -2, -1]]);
    case 'unsharp': {
      // The identity minus the Laplacian: (1/(α+1))·[−α α−1 −α; α−1 α+5 α−1; −α α−1 −α].
      const l = laplacian(scalar(p2, 0.2, 'ALPHA', unit, 'in the range 0.0 to 1.0'));
      return build(3, 3, (r, c) => (r === 1 && c === 1 ? 1 : 0) - l.data[r + c * 3]);
    }
  }
}
