/**
 * I = deepDreamImage(net, layer, channels, Name, Value): images that
 * strongly activate `channels` of `layer`, one per channel, h×w×c×numel(channels).
 *
 * MATLAB documents its algorithm as a multi-resolution image pyramid with
 * Laplacian-pyramid gradient normalisation, after Mordvintsev's "DeepDreaming
 * with TensorFlow", which this follows: start from the initial image; at each
 * pyramid level (the image enlarged PyramidScale times from the level before)
 * take NumIterations steps of gradient ascent on the channel's mean
 * activation, each step the Laplacian-normalised gradient. The network sees
 * tiles of its input size (overlapping where the image is no multiple of it,
 * their gradients averaged there); on an image larger than that the image is
 * shifted circularly by a small random amount each step, so that no seam
 * stays in place.
 */
import { tf, useExecutionEnvironment } from '../engine/tf.ts';
import { matlabError } from '../runtime/errors.ts';
import { MArray } from '../runtime/marray.ts';
import { standardNormal, globalRandom } from '../runtime/random.ts';
import { tensorFromMArray, reorderImages } from '../engine/layout.ts';
import { Network } from '../network/Network.ts';
import { FN, parseDeepDreamOptions, type DeepDreamOptions } from './deepDreamOptions.ts';
import { dreamGradient, dreamTarget, predictionStages, type DreamTarget } from './dreamObjective.ts';
import { laplacianNormalize } from './laplacianNormalize.ts';
import { DreamTable } from './dreamTable.ts';
import type { Stage } from '../network/topology.ts';

/** Gradient-ascent step on the normalised gradient, in the image's units (the reference's step 1.0 on 0–255 images). */
const STEP = 1;

/**
 * The tile grid's random shift, at most this fraction of a tile. A shift of up to a whole tile (the
 * reference's, for fully convolutional networks) leaves a fully connected layer's objective different
 * at every step, and the strength then stops rising after the first level (measured on the MNIST CNN).
 */
const JITTER = 0.1;

export async function deepDreamImage(net: unknown, layer: unknown, channels: unknown, ...nv: unknown[]): Promise<MArray> {
  if (!(net instanceof Network)) matlabError(`${FN}:invalidNetwork`, 'The first argument must be a SeriesNetwork or DAGNetwork (trained, or assembled with assembleNetwork).');
  const target = dreamTarget(net, layer, channels);
  const opts = parseDeepDreamOptions(nv);
  await useExecutionEnvironment(opts.executionEnvironment);
  const stages = predictionStages(net);
  let img = startImage(net, opts, target.channels.length);
  const table = opts.verbose ? new DreamTable() : null;
  table?.begin();
  const [h0, w0] = img.shape.slice(1, 3);
  for (let level = 1; level <= opts.pyramidLevels; level++) {
    if (level > 1) {
      const f = opts.pyramidScale ** (level - 1);
      const prev = img;
      img = tf.tidy(() => tf.image.resizeBilinear(prev, [Math.round(h0 * f), Math.round(w0 * f)], false, true));
      prev.dispose();
    }
    for (let it = 1; it <= opts.numIterations; it++) {
      const { grad, strengths } = tiledGradient(target, stages, img, net.inputSize);
      const prev = img;
      img = tf.tidy(() => tf.add(prev, tf.mul(laplacianNormalize(grad), STEP)));
      prev.dispose();
      grad.dispose();
      table?.row(it, mean(strengths), level);
    }
  }
  table?.end();
  const out = toMArray(img, opts.outputScaling);
  img.dispose();
  return out;
}

function mean(v: readonly number[]): number {
  return v.reduce((a, b) => a + b, 0) / v.length;
}

/** The initial image (given, or standard normal noise of the input size), one copy per channel, [N,H,W,C]. */
function startImage(net: Network, opts: DeepDreamOptions, n: number): tf.Tensor4D {
  const [ih, iw, ic] = net.inputSize;
  const given = opts.initialImage;
  if (!given) {
    const data = new Float32Array(n * ih * iw * ic);
    const one = Float32Array.from({ length: ih * iw * ic }, standardNormal);
    for (let k = 0; k < n; k++) data.set(one, k * one.length);
    return tf.tensor4d(data, [n, ih, iw, ic]);
  }
  const [h, w, c = 1] = given.dims;
  if (c !== ic || h < ih || w < iw) {
    matlabError(`${FN}:invalidInitialImage`, `Invalid value for 'InitialImage': the image is ${given.dims.join('×')}; it must have ${ic} channel(s), as the network's input layer, and be at least ${ih}×${iw}.`);
  }
  return tf.tidy(() => tf.tile(tensorFromMArray(given, 3).expandDims(0), [n, 1, 1, 1]) as tf.Tensor4D);
}

/** Roll an [N,H,W,C] tensor by (dy, dx) along H and W, circularly. */
function roll(x: tf.Tensor4D, dy: number, dx: number): tf.Tensor4D {
  const [, h, w] = x.shape;
  const sy = ((dy % h) + h) % h;
  const sx = ((dx % w) + w) % w;
  if (!sy && !sx) return x.clone();
  let r = x;
  if (sy) r = tf.concat([tf.slice(r, [0, h - sy, 0, 0], [-1, sy, -1, -1]), tf.slice(r, [0, 0, 0, 0], [-1, h - sy, -1, -1])], 1);
  if (sx) r = tf.concat([tf.slice(r, [0, 0, w - sx, 0], [-1, -1, sx, -1]), tf.slice(r, [0, 0, 0, 0], [-1, -1, w - sx, -1])], 2);
  return r;
}

/** Tile origins along one side: every `tile` pixels, the last one flush with the end. */
function origins(size: number, tile: number): number[] {
  const out: number[] = [];
  for (let o = 0; o + tile < size; o += tile) out.push(o);
  out.push(size - tile);
  return out;
}

/** The objective's gradient over the whole image, tile by tile (overlaps averaged), and the tiles' mean strengths. */
function tiledGradient(target: DreamTarget, stages: readonly Stage[], img: tf.Tensor4D, inputSize: readonly number[]): { grad: tf.Tensor4D; strengths: number[] } {
  const [th, tw] = inputSize;
  const [, h, w] = img.shape;
  if (h === th && w === tw) return dreamGradient(target, stages, img);
  const rng = globalRandom();
  const dy = Math.floor(rng.nextDouble() * Math.ceil(th * JITTER));
  const dx = Math.floor(rng.nextDouble() * Math.ceil(tw * JITTER));
  const shifted = roll(img, dy, dx);
  let sum = tf.zerosLike(img) as tf.Tensor4D;
  let count = tf.zeros([1, h, w, 1]) as tf.Tensor4D;
  const strengths = new Array<number>(target.channels.length).fill(0);
  let tiles = 0;
  for (const y of origins(h, th)) {
    for (const x of origins(w, tw)) {
      const tile = tf.slice(shifted, [0, y, x, 0], [-1, th, tw, -1]);
      const g = dreamGradient(target, stages, tile);
      tile.dispose();
      g.strengths.forEach((s, k) => { strengths[k] += s; });
      tiles++;
      const pad: [number, number][] = [[0, 0], [y, h - y - th], [x, w - x - tw], [0, 0]];
      const [s2, c2] = tf.tidy(() => [tf.add(sum, tf.pad(g.grad, pad)), tf.add(count, tf.pad(tf.ones([1, th, tw, 1]), pad))]);
      g.grad.dispose();
      sum.dispose();
      count.dispose();
      sum = s2 as tf.Tensor4D;
      count = c2 as tf.Tensor4D;
    }
  }
  shifted.dispose();
  const grad = tf.tidy(() => roll(tf.div(sum, count) as tf.Tensor4D, -dy, -dx));
  sum.dispose();
  count.dispose();
  return { grad, strengths: strengths.map((s) => s / tiles) };
}

/** [N,H,W,C] → h×w×c×N single; 'linear' maps each image's own range to [0, 1]. */
function toMArray(img: tf.Tensor4D, scaling: 'linear' | 'none'): MArray {
  const [n, h, w, c] = img.shape;
  const values = img.dataSync() as Float32Array;
  if (scaling === 'linear') {
    const per = h * w * c;
    for (let k = 0; k < n; k++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = k * per; i < (k + 1) * per; i++) {
        lo = Math.min(lo, values[i]);
        hi = Math.max(hi, values[i]);
      }
      const range = hi - lo;
      for (let i = k * per; i < (k + 1) * per; i++) values[i] = range > 0 ? (values[i] - lo) / range : 0;
    }
  }
  return MArray.wrap(reorderImages(values, h, w, c, n, false), [h, w, c, n], 'single');
}
