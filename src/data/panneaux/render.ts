/**
 * Render one synthetic photo from its recorded parameters: background crop,
 * the sign raster warped by its homography and composited, light, blur,
 * sensor noise, JPEG. sharp does the decoding, resizing, SVG rasterising,
 * blur and encoding (each deterministic for identical input); the warp,
 * light and noise are computed here.
 */
import path from 'node:path';
import sharp from 'sharp';
import { MT19937 } from '../../runtime/mt19937.ts';
import { standardNormal } from '../../runtime/random.ts';
import { BACKGROUNDS, BACKGROUND_DIR } from './backgrounds.ts';
import { SIGN_CLASSES, signSvg } from './signs.ts';
import { applyHomography, homographyFromPoints, invertHomography, projectSignPoint, type Point } from './homography.ts';
import type { ImageParams } from './params.ts';

/** Sign raster widths rendered by librsvg; each photo samples the smallest one at least as wide as its sign. */
const LEVELS = [48, 96, 192, 384];

interface Raster {
  width: number;
  height: number;
  /** Premultiplied RGBA in [0, 255], row-major. */
  rgba: Float32Array;
}

const rasters = new Map<string, Promise<Raster>>();

function signRaster(label: string, pole: boolean, px: number): Promise<Raster> {
  const key = `${label}|${pole}|${px}`;
  let r = rasters.get(key);
  if (!r) {
    const sign = SIGN_CLASSES.find((s) => s.name === label);
    if (!sign) throw new RangeError(`Unknown sign class '${label}'.`);
    r = sharp(Buffer.from(signSvg(sign, px, pole))).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
      .then(({ data, info }) => {
        const rgba = new Float32Array(info.width * info.height * 4);
        for (let i = 0; i < rgba.length; i += 4) {
          const a = data[i + 3] / 255;
          rgba[i] = data[i] * a;
          rgba[i + 1] = data[i + 1] * a;
          rgba[i + 2] = data[i + 2] * a;
          rgba[i + 3] = data[i + 3];
        }
        return { width: info.width, height: info.height, rgba };
      });
    rasters.set(key, r);
  }
  return r;
}

let noiseTable: Float32Array | undefined;
const NOISE_BITS = 16;

/** 65,536 standard normals from a fixed seed; each photo indexes them from its own stream (one draw gives two values). */
function noise(): Float32Array {
  if (!noiseTable) {
    const r = new MT19937(20171);
    noiseTable = Float32Array.from({ length: 1 << NOISE_BITS }, () => standardNormal(r));
  }
  return noiseTable;
}

/** The background crop, resized to the frame, as RGB floats with its gains applied. */
async function background(p: ImageParams): Promise<Float32Array> {
  const bg = BACKGROUNDS.find((b) => b.file === p.background)!;
  const [left, top, width, height] = p.crop;
  let img = sharp(path.join(BACKGROUND_DIR, bg.file)).extract({ left, top, width, height }).resize(p.width, p.height, { fit: 'fill' });
  if (p.mirror) img = img.flop();
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  const n = p.width * p.height;
  const out = new Float32Array(n * 3);
  const c = info.channels;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < 3; k++) out[3 * i + k] = data[c * i + (c >= 3 ? k : 0)] * p.backgroundGain[k];
  }
  return out;
}

/** Warp the sign raster onto the frame through the homography and blend it over (premultiplied alpha). */
function compositeSign(frame: Float32Array, p: ImageParams, r: Raster): void {
  const s = r.width;
  const src: Point[] = [[0, 0], [s, 0], [s, s], [0, s]];
  const dst = ([[-0.5, -0.5], [0.5, -0.5], [0.5, 0.5], [-0.5, 0.5]] as const).map(([u, v]) => projectSignPoint(p.pose, u, v));
  const h = homographyFromPoints(src, dst);
  const inv = invertHomography(h);
  const outline = ([[0, 0], [s, 0], [s, r.height], [0, r.height]] as const).map(([x, y]) => applyHomography(h, x, y));
  const x0 = Math.max(0, Math.floor(Math.min(...outline.map((q) => q[0]))));
  const x1 = Math.min(p.width - 1, Math.ceil(Math.max(...outline.map((q) => q[0]))));
  const y0 = Math.max(0, Math.floor(Math.min(...outline.map((q) => q[1]))));
  const y1 = Math.min(p.height - 1, Math.ceil(Math.max(...outline.map((q) => q[1]))));
  const { signGain: gain, signFade: fade } = p;
  const px = [0, 0, 0, 0];
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const [u, v] = applyHomography(inv, x + 0.5, y + 0.5);
      if (!sample(r, u - 0.5, v - 0.5, px)) continue;
      const alpha = px[3] / 255;
      const grey = (px[0] + px[1] + px[2]) / 3;
      const o = 3 * (y * p.width + x);
      for (let k = 0; k < 3; k++) frame[o + k] = gain * ((1 - fade) * px[k] + fade * grey) + (1 - alpha) * frame[o + k];
    }
  }
}

/** Bilinear sample of the premultiplied raster at pixel-centre coordinates; false when it is all transparent there. */
function sample(r: Raster, fx: number, fy: number, out: number[]): boolean {
  const ix = Math.floor(fx);
  const iy = Math.floor(fy);
  if (ix < -1 || iy < -1 || ix >= r.width || iy >= r.height) return false;
  const ax = fx - ix;
  const ay = fy - iy;
  out.fill(0);
  for (let dy = 0; dy <= 1; dy++) {
    const yy = iy + dy;
    if (yy < 0 || yy >= r.height) continue;
    for (let dx = 0; dx <= 1; dx++) {
      const xx = ix + dx;
      if (xx < 0 || xx >= r.width) continue;
      const w = (dx ? ax : 1 - ax) * (dy ? ay : 1 - ay);
      const o = 4 * (yy * r.width + xx);
      for (let k = 0; k < 4; k++) out[k] += w * r.rgba[o + k];
    }
  }
  return out[3] > 0;
}

/** Steps of the gamma table: finer than 8 bits, so the curve adds no banding of its own. */
const GAMMA_STEPS = 4096;

/** Exposure, a linear light gradient across the frame, a warm/cool cast and gamma (a table); to 8 bits. */
function light(frame: Float32Array, p: ImageParams): Uint8Array {
  const out = new Uint8ClampedArray(frame.length);
  const curve = Float64Array.from({ length: GAMMA_STEPS + 1 }, (_, i) => 255 * (i / GAMMA_STEPS) ** p.gamma);
  const a = (p.gradientDeg * Math.PI) / 180;
  const [dx, dy] = [Math.cos(a), Math.sin(a)];
  const half = Math.hypot(p.width, p.height) / 2;
  const scale = GAMMA_STEPS / 255;
  const cast = [(1 + p.warmth) * scale, scale, (1 - p.warmth) * scale];
  for (let y = 0; y < p.height; y++) {
    for (let x = 0; x < p.width; x++) {
      const t = ((x + 0.5 - p.width / 2) * dx + (y + 0.5 - p.height / 2) * dy) / half;
      const g = p.exposure * (1 + p.gradientStrength * t);
      const o = 3 * (y * p.width + x);
      for (let k = 0; k < 3; k++) {
        const i = Math.round(frame[o + k] * g * cast[k]);
        out[o + k] = curve[i < 0 ? 0 : i > GAMMA_STEPS ? GAMMA_STEPS : i];
      }
    }
  }
  return new Uint8Array(out.buffer);
}

/** Sensor noise; the clamped view rounds and clips each sum to 0–255. */
function addNoise(px: Uint8Array, p: ImageParams): void {
  const table = noise();
  const r = new MT19937(p.noiseSeed);
  const mask = (1 << NOISE_BITS) - 1;
  const out = new Uint8ClampedArray(px.buffer, px.byteOffset, px.length);
  const s = p.noiseSigma;
  for (let i = 0; i < out.length; i += 2) {
    const bits = r.nextUint32();
    out[i] = out[i] + s * table[bits & mask];
    if (i + 1 < out.length) out[i + 1] = out[i + 1] + s * table[bits >>> NOISE_BITS];
  }
}

/** The JPEG bytes of one photo. */
export async function renderImage(p: ImageParams): Promise<Buffer> {
  const level = LEVELS.find((l) => l >= p.pose.size) ?? LEVELS[LEVELS.length - 1];
  const [frame, raster] = await Promise.all([background(p), signRaster(p.label, p.pole, level)]);
  compositeSign(frame, p, raster);
  let px: Uint8Array = light(frame, p);
  const raw = { raw: { width: p.width, height: p.height, channels: 3 as const } };
  if (p.blurSigma > 0) px = await sharp(px, raw).blur(Math.max(0.3, p.blurSigma)).raw().toBuffer();
  addNoise(px, p);
  return sharp(px, raw).jpeg({ quality: p.jpegQuality }).toBuffer();
}

