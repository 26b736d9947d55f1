import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { MArray, type MClass } from '../src/runtime/marray.ts';
import {
  fspecial, im2double, im2single, im2uint8, imfilter, imread, imresize, imtile, imwrite, mat2gray, rgb2gray,
} from '../src/image/index.ts';
import { diskRectArea } from '../src/image/diskArea.ts';

/** Rows → column-major MArray (MATLAB's [a b; c d]): matrices written as on paper. */
function mat(rows: number[][], cls: MClass = 'double'): MArray {
  const r = rows.length;
  const c = rows[0].length;
  const data: number[] = [];
  for (let j = 0; j < c; j++) for (let i = 0; i < r; i++) data.push(rows[i][j]);
  return MArray.from(data, [r, c], cls);
}

/** Column-major MArray (2-D, or one plane of a 3-D array) → rows. */
function rowsOf(a: MArray, plane = 0): number[][] {
  const [r, c] = a.dims;
  const base = plane * r * c;
  return Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => a.data[base + i + j * r]));
}

/** Round for comparisons printed with a few decimals. */
function roundRows(rows: number[][], digits = 4): number[][] {
  const f = 10 ** digits;
  return rows.map((r) => r.map((v) => Math.round(v * f) / f + 0));
}

const SLIDE = mat([
  [3, 4, 5, 2, 5, 2], [1, 3, 8, 10, 2, 3], [3, 5, 2, 1, 3, 10],
  [5, 5, 6, 7, 5, 3], [8, 2, 4, 2, 1, 4], [6, 2, 1, 3, 5, 5],
]);
const A3 = mat([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
/** 5×5 kernel with a single 1 in its top-left corner: out(i, j) = A(i − 2, j − 2). */
const CORNER = (() => {
  const k = MArray.zeros([5, 5]);
  k.data[0] = 1;
  return k;
})();

describe('imfilter', () => {
  it('reproduces the slide example in the interior of the same-size result', () => {
    const out = imfilter(SLIDE, mat([[1, 1, 1], [0, 0, 0], [-1, -1, -1]]));
    expect(out.dims).toEqual([6, 6]);
    expect(out.cls).toBe('double');
    const interior = rowsOf(out).slice(1, 5).map((r) => r.slice(1, 5));
    expect(interior).toEqual([[2, 3, 6, -5], [-4, 3, 2, 0], [-4, 0, -1, 7], [7, 12, 9, 2]]);
  });

  it('pads with zeros by default and with each boundary option as computed by hand', () => {
    expect(rowsOf(imfilter(A3, CORNER))).toEqual([[0, 0, 0], [0, 0, 0], [0, 0, 1]]);
    expect(rowsOf(imfilter(A3, CORNER, 7))).toEqual([[7, 7, 7], [7, 7, 7], [7, 7, 1]]);
    expect(rowsOf(imfilter(A3, CORNER, 'replicate'))).toEqual([[1, 1, 1], [1, 1, 1], [1, 1, 1]]);
    // Mirror including the edge: positions 0, −1 read rows 1, 2.
    expect(rowsOf(imfilter(A3, CORNER, 'symmetric'))).toEqual([[5, 4, 4], [2, 1, 1], [2, 1, 1]]);
    // Periodic: positions 0, −1 read rows 3, 2.
    expect(rowsOf(imfilter(A3, CORNER, 'circular'))).toEqual([[5, 6, 4], [8, 9, 7], [2, 3, 1]]);
  });

  it("'full' and 'conv' give the hand-computed correlation and convolution", () => {
    const a = mat([[1, 2, 3]]);
    const h = mat([[1, 2]]);
    expect(rowsOf(imfilter(a, h))).toEqual([[5, 8, 3]]); // centre floor((2+1)/2) = 1
    expect(rowsOf(imfilter(a, h, 'full'))).toEqual([[2, 5, 8, 3]]);
    expect(rowsOf(imfilter(a, h, 'conv', 'full'))).toEqual([[1, 4, 7, 6]]); // conv([1 2 3], [1 2])
    expect(rowsOf(imfilter(a, h, 'conv'))).toEqual([[4, 7, 6]]); // conv2(..., 'same')
    expect(imfilter(A3, CORNER, 'full').dims).toEqual([7, 7]);
    expect(rowsOf(imfilter(a, h, 'replicate', 'full'))).toEqual([[3, 5, 8, 9]]);
  });

  it('keeps uint8, rounding halves up and saturating to [0, 255]', () => {
    const u = MArray.from([1, 2, 3, 100, 200, 250], [1, 6], 'uint8');
    const half = imfilter(u, 0.5);
    expect(half.cls).toBe('uint8');
    expect(Array.from(half.data)).toEqual([1, 1, 2, 50, 100, 125]);
    expect(Array.from(imfilter(u, 1.5).data)).toEqual([2, 3, 5, 150, 255, 255]);
    expect(Array.from(imfilter(u, -1).data)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(imfilter(MArray.from([0.25, 0.5], [1, 2], 'single'), 2).cls).toBe('single');
  });

  it('filters each channel of a colour image on its own', () => {
    const rgb = MArray.from([1, 2, 10, 20, 100, 200], [1, 2, 3], 'double');
    const out = imfilter(rgb, mat([[1, 1]]));
    expect(out.dims).toEqual([1, 2, 3]);
    expect(Array.from(out.data)).toEqual([3, 2, 30, 20, 300, 200]);
  });

  it('rejects bad input with MATLAB-style messages', () => {
    expect(() => imfilter([1, 2] as never, [1])).toThrow(/Expected input number 1, A, to be one of these types/);
    expect(() => imfilter(A3, [1], 'mirror')).toThrow(/did not match any of the valid values/);
    expect(() => imfilter(A3, MArray.zeros([2, 2, 2]))).toThrow(/2-D filters only/);
  });
});

describe('fspecial', () => {
  const sum = (m: MArray) => m.toArray().reduce((a, b) => a + b, 0);

  it("'average' is ones(hsize)/prod(hsize)", () => {
    expect(rowsOf(fspecial('average'))).toEqual(Array(3).fill(Array(3).fill(1 / 9)));
    const a = fspecial('average', [2, 3]);
    expect(a.dims).toEqual([2, 3]);
    expect(a.toArray().every((v) => v === 1 / 6)).toBe(true);
  });

  it("'gaussian' is exp(−(x²+y²)/2σ²) normalised (default 3×3, σ 0.5)", () => {
    const g = fspecial('gaussian');
    const e = (d2: number) => Math.exp(-d2 / (2 * 0.25));
    const s = e(0) + 4 * e(1) + 4 * e(2);
    expect(g.get(2, 2)).toBeCloseTo(1 / s, 12);
    expect(g.get(1, 2)).toBeCloseTo(e(1) / s, 12);
    expect(g.get(1, 1)).toBeCloseTo(e(2) / s, 12);
    expect(roundRows(rowsOf(g))).toEqual([[0.0113, 0.0838, 0.0113], [0.0838, 0.6193, 0.0838], [0.0113, 0.0838, 0.0113]]);
    const g2 = fspecial('gaussian', [4, 5], 2);
    expect(g2.dims).toEqual([4, 5]);
    expect(g2.get(1, 1) / g2.get(2, 3)).toBeCloseTo(Math.exp(-(1.5 ** 2 + 2 ** 2 - 0.5 ** 2) / 8), 12);
    expect(sum(g2)).toBeCloseTo(1, 12);
  });

  it("'laplacian' and 'unsharp' follow their α formulas", () => {
    for (const alpha of [0.2, 0.5, 0]) {
      const l = alpha === 0.2 ? fspecial('laplacian') : fspecial('laplacian', alpha);
      const h1 = alpha / (alpha + 1);
      const h2 = (1 - alpha) / (alpha + 1);
      expect(rowsOf(l).flat().map((v) => +v.toFixed(12))).toEqual([h1, h2, h1, h2, -4 / (alpha + 1), h2, h1, h2, h1].map((v) => +v.toFixed(12)));
      const u = alpha === 0.2 ? fspecial('unsharp') : fspecial('unsharp', alpha);
      const k = 1 / (alpha + 1);
      const want = [[-alpha, alpha - 1, -alpha], [alpha - 1, alpha + 5, alpha - 1], [-alpha, alpha - 1, -alpha]].map((r) => r.map((v) => +(k * v).toFixed(12)));
      expect(rowsOf(u).map((r) => r.map((v) => +v.toFixed(12)))).toEqual(want);
    }
  });

  it("'log' is the Laplacian of the Gaussian, summing to zero (MATLAB's centre −4.9048)", () => {
    const l = fspecial('log');
    expect(l.dims).toEqual([5, 5]);
    expect(sum(l)).toBeCloseTo(0, 12);
    expect(l.get(3, 3)).toBeCloseTo(-4.9048, 4);
    expect(l.get(1, 1)).toBeCloseTo(0.0448, 4);
    // Before the zero-sum shift, h1 = g·(r² − 2σ²)/σ⁴ with g the normalised Gaussian.
    const g = fspecial('gaussian', 5, 0.5);
    const h1 = (i: number, j: number) => (g.get(i, j) * ((i - 3) ** 2 + (j - 3) ** 2 - 0.5)) / 0.0625;
    let s = 0;
    for (let i = 1; i <= 5; i++) for (let j = 1; j <= 5; j++) s += h1(i, j);
    expect(l.get(2, 4)).toBeCloseTo(h1(2, 4) - s / 25, 12);
  });

  it("'disk' weights each cell by the area of the disk it covers", () => {
    const d1 = fspecial('disk', 1);
    expect(roundRows(rowsOf(d1))).toEqual([[0.0251, 0.1453, 0.0251], [0.1453, 0.3183, 0.1453], [0.0251, 0.1453, 0.0251]]);
    expect(d1.get(2, 2)).toBeCloseTo(1 / Math.PI, 12); // a fully covered cell over the disk's area π
    const d5 = fspecial('disk');
    expect(d5.dims).toEqual([11, 11]);
    expect(sum(d5)).toBeCloseTo(1, 12);
    // Coverage measured by sampling a 400×400 grid in one edge cell.
    let inside = 0;
    for (let a = 0; a < 400; a++) for (let b = 0; b < 400; b++) {
      const x = 3.5 + (a + 0.5) / 400;
      const y = 1.5 + (b + 0.5) / 400; // row 4 is y ∈ [−2.5, −1.5], mirrored
      if (x * x + y * y <= 25) inside++;
    }
    expect(d5.get(4, 10) * 25 * Math.PI).toBeCloseTo(inside / 160000, 3);
    expect(diskRectArea(2, -3, 3, -3, 3)).toBeCloseTo(4 * Math.PI, 12);
  });

  it("'motion' is a one-pixel line of length LEN at angle THETA", () => {
    expect(rowsOf(fspecial('motion')).map((r) => r.map((v) => +v.toFixed(12)))).toEqual([Array(9).fill(+(1 / 9).toFixed(12))]);
    // Length 4 at 90°: half-pixel end weights, derived by hand from the end-point distance 0.5.
    const v = fspecial('motion', 4, 90);
    expect(v.dims).toEqual([5, 1]);
    expect(v.toArray().map((x) => +x.toFixed(12))).toEqual([0.125, 0.25, 0.25, 0.25, 0.125]);
    const d = fspecial('motion', 5, 45);
    expect(sum(d)).toBeCloseTo(1, 10);
    // The line runs from bottom-left to top-right: symmetric about the anti-diagonal, empty corners off it.
    expect(d.get(1, 1)).toBe(0);
    expect(d.get(5, 5)).toBe(0);
    expect(d.get(3, 3)).toBeGreaterThan(d.get(2, 4) - 1e-12);
    expect(d.get(2, 4)).toBeCloseTo(d.get(4, 2), 12);
  });

  it("'prewitt' and 'sobel' are MATLAB's horizontal-edge kernels", () => {
    expect(rowsOf(fspecial('prewitt'))).toEqual([[1, 1, 1], [0, 0, 0], [-1, -1, -1]]);
    expect(rowsOf(fspecial('sobel'))).toEqual([[1, 2, 1], [0, 0, 0], [-1, -2, -1]]);
  });

  it('rejects unknown types and bad parameters', () => {
    expect(() => fspecial('blur')).toThrow(/did not match any of the valid values/);
    expect(() => fspecial('prewitt', 3)).toThrow(/Too many arguments for the 'prewitt' filter/);
    expect(() => fspecial('laplacian', 2)).toThrow(/ALPHA must be in the range 0.0 to 1.0/);
    expect(() => fspecial('gaussian', 0)).toThrow(/HSIZE must be a positive integer/);
    expect(() => fspecial('disk', -1)).toThrow(/RADIUS must be a positive scalar/);
  });
});

describe('imresize', () => {
  it('bilinear: hand-computed enlargement and antialiased reduction', () => {
    expect(rowsOf(imresize(mat([[1, 2]]), [1, 4], 'bilinear'))).toEqual([[1, 1.25, 1.75, 2]]);
    // Shrinking by 2 stretches the triangle to width 4: weights 1/8, 3/8, 3/8, 1/8 with mirrored edges.
    expect(rowsOf(imresize(mat([[1, 2, 3, 4]]), [1, 2], 'bilinear'))).toEqual([[1.625, 3.375]]);
    expect(rowsOf(imresize(mat([[1, 2, 3, 4]]), [1, 2], 'bilinear', 'Antialiasing', false))).toEqual([[1.5, 3.5]]);
  });

  it('nearest picks one source pixel per output pixel', () => {
    expect(rowsOf(imresize(mat([[1, 2, 3, 4]]), 0.5, 'nearest'))).toEqual([[2, 4]]);
    expect(rowsOf(imresize(mat([[1, 2]]), 2, 'nearest'))).toEqual([[1, 1, 2, 2], [1, 1, 2, 2]]);
  });

  it('bicubic (default) keeps constant images constant and rounds uint8', () => {
    const c = imresize(MArray.from(new Array(30).fill(77), [5, 6], 'uint8'), [9, 4]);
    expect(c.cls).toBe('uint8');
    expect(c.dims).toEqual([9, 4]);
    expect(c.toArray().every((v) => v === 77)).toBe(true);
    const d = imresize(mat([[0, 1, 0, 1]]), [1, 8]);
    expect(Math.max(...d.toArray())).toBeGreaterThan(1); // cubic overshoot, as MATLAB's
  });

  it('follows MATLAB size rules: ceil(scale·size), NaN keeps the aspect ratio, channels kept', () => {
    const a = MArray.zeros([30, 40, 3], 'uint8');
    expect(imresize(a, 0.5).dims).toEqual([15, 20, 3]);
    expect(imresize(a, 0.33).dims).toEqual([10, 14, 3]);
    expect(imresize(a, [10, NaN]).dims).toEqual([10, 14, 3]);
    expect(imresize(a, [NaN, 20]).dims).toEqual([15, 20, 3]);
    expect(imresize(a, 'OutputSize', [7, 9]).dims).toEqual([7, 9, 3]);
    expect(imresize(a, 'Scale', 2, 'Method', 'bilinear').dims).toEqual([60, 80, 3]);
  });

  it('rejects bad sizes and methods', () => {
    expect(() => imresize(A3, -1)).toThrow(/SCALE must be a positive finite scalar/);
    expect(() => imresize(A3, [NaN, NaN])).toThrow(/one of which may be NaN/);
    expect(() => imresize(A3, [2, 2.5])).toThrow(/two positive integers/);
    expect(() => imresize(A3, 2, 'spline')).toThrow(/did not match any of the valid values/);
    expect(() => imresize(A3)).toThrow(/scale factor or an output size/);
  });
});

describe('class conversions, mat2gray and rgb2gray', () => {
  it('im2double / im2single / im2uint8 rescale intensities', () => {
    expect(im2double(MArray.from([0, 51, 255], [1, 3], 'uint8')).toArray()).toEqual([0, 0.2, 1]);
    expect(im2single(MArray.from([0, 255], [1, 2], 'uint8')).cls).toBe('single');
    expect(im2uint8(mat([[0, 0.5, 1, 1.5, -1]])).toArray()).toEqual([0, 128, 255, 255, 0]);
    expect(im2uint8(MArray.from([1, 0], [1, 2], 'logical')).toArray()).toEqual([255, 0]);
    expect(im2double(MArray.from([1, 0], [1, 2], 'logical')).toArray()).toEqual([1, 0]);
  });

  it('mat2gray maps [min, max] (or given limits) to [0, 1] and clips', () => {
    expect(mat2gray(mat([[0, 5, 10]])).toArray()).toEqual([0, 0.5, 1]);
    expect(mat2gray(mat([[-2, 2, 6]])).toArray()).toEqual([0, 0.5, 1]);
    expect(mat2gray(mat([[0, 5, 10]]), [2, 8]).toArray()).toEqual([0, 0.5, 1]);
    expect(mat2gray(mat([[2, 4, 8]]), [2, 8]).toArray().map((v) => +v.toFixed(12))).toEqual([0, +(1 / 3).toFixed(12), 1]);
    expect(mat2gray(MArray.from([10, 20], [1, 2], 'uint8')).cls).toBe('double');
    expect(() => mat2gray(A3, [1, 2, 3])).toThrow(/two-element vector/);
  });

  it('rgb2gray uses MATLAB weights and keeps the class', () => {
    const px = MArray.from([255, 0, 0], [1, 1, 3], 'uint8');
    expect(rgb2gray(px).toArray()).toEqual([Math.round(0.298936021293775 * 255)]);
    const d = rgb2gray(MArray.from([1, 1, 1], [1, 1, 3]));
    expect(d.get(1)).toBeCloseTo(1, 12);
    expect(() => rgb2gray(A3)).toThrow(/M-by-N-by-3/);
  });
});

describe('imtile', () => {
  const frames = MArray.from([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3], [2, 2, 3], 'uint8'); // three 2×2 frames (H×W×K)

  it('places frames row by row on a near-square grid, empty tiles black', () => {
    const t = imtile(frames);
    expect(t.dims).toEqual([4, 4]);
    expect(rowsOf(t)).toEqual([[1, 1, 2, 2], [1, 1, 2, 2], [3, 3, 0, 0], [3, 3, 0, 0]]);
  });

  it("accepts 'GridSize' with NaN, 'BorderSize' and 'BackgroundColor'", () => {
    expect(imtile(frames, 'GridSize', [1, NaN]).dims).toEqual([2, 6]);
    const b = imtile(frames, 'GridSize', [1, 3], 'BorderSize', 1, 'BackgroundColor', 'w');
    expect(b.dims).toEqual([4, 12]);
    expect(rowsOf(b)[0].every((v) => v === 255)).toBe(true);
    expect(() => imtile(frames, 'GridSize', [1, 2])).toThrow(/holds 2 images but 3 were given/);
  });

  it('mixes gray and colour frames as colour, resizing to the first frame', () => {
    const gray = MArray.from([9, 9, 9, 9], [2, 2], 'uint8');
    const big = MArray.from(new Array(4 * 4 * 3).fill(200), [4, 4, 3], 'uint8');
    const t = imtile([gray, big]);
    expect(t.dims).toEqual([2, 4, 3]);
    expect(t.get(1, 3, 2)).toBe(200);
    expect(t.get(1, 1, 3)).toBe(9);
  });
});

describe('imwrite / imread', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dltb-imwrite-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips grayscale and colour PNGs, doubles taken as [0, 1]', async () => {
    const g = MArray.from(Array.from({ length: 12 }, (_, i) => i * 20), [3, 4], 'uint8');
    await imwrite(g, path.join(dir, 'g.png'));
    expect((await imread(path.join(dir, 'g.png'))).toArray()).toEqual(g.toArray());
    const rgb = MArray.from(Array.from({ length: 24 }, (_, i) => (i * 37) % 256), [2, 4, 3], 'uint8');
    await imwrite(rgb, path.join(dir, 'c.png'));
    const back = await imread(path.join(dir, 'c.png'));
    expect(back.dims).toEqual([2, 4, 3]);
    expect(back.toArray()).toEqual(rgb.toArray());
    await imwrite(mat([[0, 0.5, 1]]), path.join(dir, 'd.png'));
    expect((await imread(path.join(dir, 'd.png'))).toArray()).toEqual([0, 128, 255]);
  });

  it("writes JPEG with 'Quality' and picks the format from the extension", async () => {
    const noise = MArray.from(Array.from({ length: 64 * 64 * 3 }, (_, i) => (i * 7919) % 256), [64, 64, 3], 'uint8');
    await imwrite(noise, path.join(dir, 'lo.jpg'), 'Quality', 10);
    await imwrite(noise, path.join(dir, 'hi.jpg'), 'Quality', 95);
    expect((await sharp(path.join(dir, 'lo.jpg')).metadata()).format).toBe('jpeg');
    expect(statSync(path.join(dir, 'lo.jpg')).size).toBeLessThan(statSync(path.join(dir, 'hi.jpg')).size);
    await imwrite(noise, path.join(dir, 'noext'), 'tif');
    expect((await sharp(path.join(dir, 'noext')).metadata()).format).toBe('tiff');
  });

  it('rejects unknown formats and bad quality', async () => {
    await expect(imwrite(A3, path.join(dir, 'x.xyz'))).rejects.toThrow(/'xyz' is not a supported format/);
    await expect(imwrite(A3, path.join(dir, 'x.jpg'), 'Quality', 200)).rejects.toThrow(/'Quality' must be a number from 0 to 100/);
    await expect(imwrite(MArray.zeros([2, 2, 2]), path.join(dir, 'x.png'))).rejects.toThrow(/M×N \(grayscale\) or M×N×3/);
  });
});
