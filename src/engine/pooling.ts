/**
 * Pooling with gradients of our own.
 *
 * Non-overlapping windows (pool size = stride, no padding), the common case,
 * take the gradient as a broadcast through a reshape. Any other geometry
 * takes it tap by tap (one strided slice per window position). tfjs's own
 * MaxPoolGrad is not used: it is a naive loop on wasm, and wrong there for
 * some shapes (measured: a 2×2/2 pool on 2×8×8×3 differs from the cpu
 * kernel by 0.89 relative; see tests/gradients.test.ts).
 */
import { tf } from './tf.ts';
import { differentiable } from './differentiable.ts';
import { zeroUpsample } from './convolution.ts';
import { channelAffine } from './channelAffine.ts';

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

/** One window tap: the input values that tap (i, j) of every window sees, [N,Ho,Wo,C]. */
function tap(xp: tf.Tensor4D, i: number, j: number, g: PoolGeometry, ho: number, wo: number): tf.Tensor4D {
  const [n, , , c] = xp.shape;
  const end = [n, i + (ho - 1) * g.stride[0] + 1, j + (wo - 1) * g.stride[1] + 1, c];
  return tf.stridedSlice(xp, [0, i, j, 0], end, [1, g.stride[0], g.stride[1], 1]) as tf.Tensor4D;
}

/** Scatter a per-window contribution of tap (i, j) back onto the padded input grid. */
function untap(contribution: tf.Tensor4D, i: number, j: number, g: PoolGeometry, paddedShape: number[]): tf.Tensor4D {
  const up = zeroUpsample(contribution, g.stride[0], g.stride[1]);
  const [, hp, wp] = paddedShape;
  return tf.pad(up, [[0, 0], [i, hp - i - up.shape[1]], [j, wp - j - up.shape[2]], [0, 0]]);
}

/**
 * The max's gradient per window tap, [N,Ho,Wo,C] each in row-major tap order: each window's
 * gradient goes to the first tap holding its maximum only, as in PyTorch and tfjs's MaxPoolGrad.
 * Ties are common, not measure-zero: a convolution over a constant region (a digit's black
 * background, an all-zero ReLU output) gives equal values, and sharing the gradient with every
 * tied tap would multiply it.
 */
function firstMaxShares(xp: tf.Tensor4D, y: tf.Tensor4D, dy: tf.Tensor4D, g: PoolGeometry): tf.Tensor4D[] {
  const [, ho, wo] = y.shape;
  let claimed: tf.Tensor | null = null;
  const shares: tf.Tensor4D[] = [];
  for (let i = 0; i < g.pool[0]; i++) {
    for (let j = 0; j < g.pool[1]; j++) {
      const hit = tf.cast(tf.equal(tap(xp, i, j, g, ho, wo), y), 'float32');
      const first: tf.Tensor = claimed ? tf.sub(hit, tf.mul(hit, claimed)) : hit;
      claimed = claimed ? tf.add(claimed, first) : first;
      shares.push(tf.mul(first, dy) as tf.Tensor4D);
    }
  }
  return shares;
}

/** Pooling of an already padded input with a tap-by-tap gradient (any window, stride). */
function windowedPool(xp: tf.Tensor4D, g: PoolGeometry, kind: 'max' | 'avg'): tf.Tensor4D {
  const [ph, pw] = g.pool;
  const op = differentiable((xi: tf.Tensor, save: tf.GradSaveFunc) => {
    const x4 = xi as tf.Tensor4D;
    const y = kind === 'max' ? tf.maxPool(x4, g.pool, g.stride, 'valid') : tf.avgPool(x4, g.pool, g.stride, 'valid');
    save([x4, y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [sx, sy] = saved as [tf.Tensor4D, tf.Tensor4D];
        const d = dy as tf.Tensor4D;
        const shares = kind === 'max' ? firstMaxShares(sx, sy, d, g) : null;
        const parts: tf.Tensor4D[] = [];
        for (let i = 0; i < ph; i++) {
          for (let j = 0; j < pw; j++) {
            const share = shares ? shares[i * pw + j] : tf.div(d, ph * pw) as tf.Tensor4D;
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
  return windowedPool(padded(x, g, -Infinity), g, 'max');
}

/** MATLAB averages over the whole window, padding zeros included (PaddingValue 0). */
export function avgPool(x: tf.Tensor4D, g: PoolGeometry): tf.Tensor4D {
  if (isTiling(g)) return tilingAvgPool(cropToTiles(x, g.pool[0], g.pool[1]), g.pool[0], g.pool[1]);
  return windowedPool(padded(x, g, 0), g, 'avg');
}
