/**
 * The random choices behind one synthetic photo, drawn in a fixed order from
 * one seeded MT19937 and recorded (they go into Panneaux/.prepared.json):
 * the same seed gives the same choices, hence the same bytes.
 */
import type { MT19937 } from '../../runtime/mt19937.ts';
import { standardNormal } from '../../runtime/random.ts';
import { BACKGROUNDS } from './backgrounds.ts';
import { projectSignPoint, type CameraPose } from './homography.ts';

/** A phone photo's 4:3 frame, at VGA size (see Panneaux/README.md for why not larger). */
export const LONG_SIDE = 640;
export const SHORT_SIDE = 480;

export interface ImageParams {
  file: string;
  label: string;
  width: number;
  height: number;
  background: string;
  /** Crop of the background [left, top, width, height], in its pixels, then mirrored when `mirror`. */
  crop: [number, number, number, number];
  mirror: boolean;
  /** RGB gains of the background (its tint, jittered). */
  backgroundGain: [number, number, number];
  pose: CameraPose;
  pole: boolean;
  /** The sign face's four corners in the image (top-left, top-right, bottom-right, bottom-left). */
  corners: [number, number][];
  /** Light on the sign (gain) and sun-faded paint (share mixed towards grey). */
  signGain: number;
  signFade: number;
  /** Whole-photo exposure gain, gamma, a linear light gradient and a warm/cool cast. */
  exposure: number;
  gamma: number;
  gradientDeg: number;
  gradientStrength: number;
  warmth: number;
  /** Gaussian blur σ in pixels (0: sharp). */
  blurSigma: number;
  /** Sensor noise σ in grey levels, and its private stream's seed. */
  noiseSigma: number;
  noiseSeed: number;
  jpegQuality: number;
}

const uniform = (r: MT19937, lo: number, hi: number): number => lo + (hi - lo) * r.nextDouble();
const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
const round2 = (x: number): number => Math.round(x * 100) / 100;

export function drawImageParams(r: MT19937, label: string, file: string): ImageParams {
  const landscape = r.nextDouble() < 0.75;
  const [width, height] = landscape ? [LONG_SIDE, SHORT_SIDE] : [SHORT_SIDE, LONG_SIDE];
  const bg = BACKGROUNDS[Math.floor(r.nextDouble() * BACKGROUNDS.length)];
  const crop = drawCrop(r, bg.size, width / height);
  const mirror = r.nextDouble() < 0.5;
  const backgroundGain = bg.tint.map((t) => round2(t * uniform(r, 0.9, 1.1))) as [number, number, number];
  // Sign width 16–60 % of the short side, log-uniform (far signs are as common as near ones).
  const size = round2(SHORT_SIDE * Math.exp(uniform(r, Math.log(0.16), Math.log(0.6))));
  // Centre anywhere that keeps at least ~90 % of the face in the frame: mostly off-centre.
  const margin = 0.45 * size;
  const pose: CameraPose = {
    cx: round2(uniform(r, margin, width - margin)),
    cy: round2(uniform(r, margin, height - margin)),
    size,
    rollDeg: round2(clamp(9 * standardNormal(r), -25, 25)),
    yawDeg: round2(uniform(r, -55, 55)),
    pitchDeg: round2(uniform(r, -20, 20)),
    focal: round2(uniform(r, 0.8, 1.3) * LONG_SIDE),
  };
  const corners = ([[-0.5, -0.5], [0.5, -0.5], [0.5, 0.5], [-0.5, 0.5]] as const)
    .map(([u, v]) => projectSignPoint(pose, u, v).map(round2) as [number, number]);
  const blurred = r.nextDouble() < 0.65;
  return {
    file, label, width, height, background: bg.file, crop, mirror, backgroundGain, pose,
    pole: r.nextDouble() < 0.75,
    corners,
    signGain: round2(uniform(r, 0.55, 1.2)),
    signFade: round2(uniform(r, 0, 0.3)),
    exposure: round2(uniform(r, 0.65, 1.3)),
    gamma: round2(uniform(r, 0.8, 1.25)),
    gradientDeg: round2(uniform(r, 0, 360)),
    gradientStrength: round2(uniform(r, 0, 0.45)),
    warmth: round2(uniform(r, -0.08, 0.08)),
    blurSigma: blurred ? round2(uniform(r, 0.4, 2.2)) : 0,
    noiseSigma: round2(uniform(r, 1.5, 9)),
    noiseSeed: r.nextUint32(),
    jpegQuality: 55 + Math.floor(r.nextDouble() * 41),
  };
}

/** A window of the frame's aspect, 45–100 % of the largest that fits, anywhere in the background. */
function drawCrop(r: MT19937, [bw, bh]: readonly [number, number], aspect: number): [number, number, number, number] {
  const maxW = Math.min(bw, bh * aspect);
  const w = Math.max(16, Math.round(maxW * uniform(r, 0.45, 1)));
  const h = Math.max(16, Math.min(bh, Math.round(w / aspect)));
  return [Math.floor(r.nextDouble() * (bw - w + 1)), Math.floor(r.nextDouble() * (bh - h + 1)), w, h];
}
