/**
 * Pooling with gradients of our own.
 *
 * Non-overlapping windows (pool size = stride, no padding), the common case,
 * take the gradient as a broadcast through a reshape. Any other geometry
 * takes it tap by tap (average: one strided slice per window position;
 * max: windowedMaxPool.ts, a scatter from the first maxima). tfjs's own
 * MaxPoolGrad is not used: it is a naive loop on wasm, and wrong there for
 * some shapes (measured: a 2×2/2 pool on 2×8×8×3 differs from the cpu
 * kernel by 0.89 relative; see tests/gradients.test.ts).
 */
import { tf } from './tf.ts';
import { differentiable } from './differentiable.ts';
import { zeroUpsample } from './convolution.ts';
import { channelAffine } from './channelAffine.ts';
import { windowedMaxPool } from './windowedMaxPool.ts';

export interface PoolGeometry {
  pool: [number, number];
  stride: [number, number];
  /** [top, bottom, left, right] */
  padding: [number, number, number, number];
}

function isTiling(g: PoolGeometry): boolean {
  return g.pool[0] === g.stride[0] && g.pool[1] === g.stride[1] && g.padding.every((p) => p === 0);
}

/** Crop the rows/columns a tiling pool never reaches (their gradient is then zero through slice's gradient). */
function cropToTiles(x: tf.Tensor4D, ph: number, pw: number): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  const hh = Math.floor(h / ph) * ph;
  const ww = Math.floor(w / pw) * pw;
  return hh === h && ww === w ? x : tf.slice(x, [0, 0, 0, 0], [n, hh, ww, c]);
}

/**
 * Each window value repeated over its window: [N,Ho,Wo,C] → [N,Ho·ph,Wo·pw,C].
 * Nearest-neighbour resizing by an integer factor is exact replication, and
 * keeps the later element-wise ops free of broadcasting (slow on wasm:
 * a broadcast Equal measured 365 ms a step against a few ms unbroadcast).
 */
function replicate(t: tf.Tensor4D, ph: number, pw: number): tf.Tensor4D {
  return tf.image.resizeNearestNeighbor(t, [t.shape[1] * ph, t.shape[2] * pw]);
}

/**
 * 1 where x equals its window's max m (m ≥ x), else 0, in float32. tf.equal and
 * tf.cast are naive single-threaded loops on wasm (5.4 ms for 128×28×28×16);
 * this is XNNPACK arithmetic, 0.9 ms and on every thread. Exact: with IEEE
 * subnormals x ≠ m gives x − m ≤ −2⁻¹⁴⁹, so (x − m)·2¹²⁷ ≤ −2⁻²², and adding 2⁻²³
 * leaves it negative (step → 0); x = m gives 2⁻²³ > 0 (step → 1).
 */
export function maxMask(x: tf.Tensor, m: tf.Tensor): tf.Tensor {
  const d = tf.sub(x, m); // m may broadcast over x
  const c = d.shape[d.rank - 1];
  const scaled = channelAffine(d.reshape([1, 1, -1, c]) as tf.Tensor4D, tf.fill([c], 2 ** 127), tf.fill([c], 2 ** -23));
  return tf.step(scaled).reshape(d.shape);
}

/** [N,Ho,Wo,C] → [N,Ho,1,Wo,1,C]: a window value that XNNPACK's binary ops broadcast over its window of [N,Ho,ph,Wo,pw,C]. */
function overWindow(t: tf.Tensor4D): tf.Tensor {
  const [n, ho, wo, c] = t.shape;
  return t.reshape([n, ho, 1, wo, 1, c]);
}

/** Each window position's rank, earliest highest (ph·pw at the top-left, row-major), shaped [1,1,ph,1,pw,1] to broadcast over the window view. */
function windowRanks(ph: number, pw: number): tf.Tensor {
  return tf.tensor(Float32Array.from({ length: ph * pw }, (_, k) => ph * pw - k), [1, 1, ph, 1, pw, 1]);
}

function tilingMaxPool(x: tf.Tensor4D, ph: number, pw: number): tf.Tensor4D {
  const op = differentiable((xi: tf.Tensor, save: tf.GradSaveFunc) => {
    const y = tf.maxPool(xi as tf.Tensor4D, [ph, pw], [ph, pw], 'valid');
    save([xi, y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [sx, sy] = saved as [tf.Tensor4D, tf.Tensor4D];
        const [n, ho, wo, c] = sy.shape;
        // The window view replaces replicate (a naive resize, on one thread) by broadcasting.
        const windows = sx.reshape([n, ho, ph, wo, pw, c]);
        // Each window's gradient goes to its first max only (row-major), as PyTorch's and tfjs's MaxPoolGrad:
        // ties are common (a convolution over a constant background), and sharing would multiply the gradient.
        const hits = tf.mul(maxMask(windows, overWindow(sy)), windowRanks(ph, pw));
        const best = tf.maxPool(hits.reshape(sx.shape) as tf.Tensor4D, [ph, pw], [ph, pw], 'valid');
        return tf.mul(maxMask(hits, overWindow(best)), overWindow(dy as tf.Tensor4D)).reshape(sx.shape);
      },
    };
  }) as unknown as (a: tf.Tensor4D) => tf.Tensor4D;
  return op(x);
}

function tilingAvgPool(x: tf.Tensor4D, ph: number, pw: number): tf.Tensor4D {
  const op = differentiable((xi: tf.Tensor) => ({
    value: tf.avgPool(xi as tf.Tensor4D, [ph, pw], [ph, pw], 'valid'),
    gradFunc: (dy: tf.Tensor | tf.Tensor[]) => tf.div(replicate(dy as tf.Tensor4D, ph, pw), ph * pw),
  })) as unknown as (a: tf.Tensor4D) => tf.Tensor4D;
  return op(x);
}

/** Scatter a per-window contribution of tap (i, j) back onto the padded input grid. */
function untap(contribution: tf.Tensor4D, i: number, j: number, g: PoolGeometry, paddedShape: number[]): tf.Tensor4D {
  const up = zeroUpsample(contribution, g.stride[0], g.stride[1]);
  const [, hp, wp] = paddedShape;
  return tf.pad(up, [[0, 0], [i, hp - i - up.shape[1]], [j, wp - j - up.shape[2]], [0, 0]]);
}

/** Average pooling of an already padded input with a tap-by-tap gradient (any window, stride). */
function windowedAvgPool(xp: tf.Tensor4D, g: PoolGeometry): tf.Tensor4D {
  const [ph, pw] = g.pool;
  const op = differentiable((xi: tf.Tensor, save: tf.GradSaveFunc) => {
    const x4 = xi as tf.Tensor4D;
    save([x4]);
    return {
      value: tf.avgPool(x4, g.pool, g.stride, 'valid'),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [sx] = saved as [tf.Tensor4D];
        const share = tf.div(dy as tf.Tensor4D, ph * pw) as tf.Tensor4D;
        const parts: tf.Tensor4D[] = [];
        for (let i = 0; i < ph; i++) {
          for (let j = 0; j < pw; j++) {
            parts.push(untap(share, i, j, g, sx.shape));
          }
        }
        return tf.addN(parts);
      },
    };
  }) as unknown as (a: tf.Tensor4D) => tf.Tensor4D;
  return op(xp);
}

function padded(x: tf.Tensor4D, g: PoolGeometry, value: number): tf.Tensor4D {
  const [t, b, l, r] = g.padding;
  return t || b || l || r ? tf.pad(x, [[0, 0], [t, b], [l, r], [0, 0]], value) : x;
}

export function maxPool(x: tf.Tensor4D, g: PoolGeometry): tf.Tensor4D {
  if (isTiling(g)) return tilingMaxPool(cropToTiles(x, g.pool[0], g.pool[1]), g.pool[0], g.pool[1]);
  // Padding never wins a max: pad with -Inf.
  return windowedMaxPool(padded(x, g, -Infinity), g);
}

/** MATLAB averages over the whole window, padding zeros included (PaddingValue 0). */
export function avgPool(x: tf.Tensor4D, g: PoolGeometry): tf.Tensor4D {
  if (isTiling(g)) return tilingAvgPool(cropToTiles(x, g.pool[0], g.pool[1]), g.pool[0], g.pool[1]);
  return windowedAvgPool(padded(x, g, 0), g);
}
