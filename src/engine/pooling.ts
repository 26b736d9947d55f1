/**
 * Pooling with fast gradients for the common non-overlapping case
 * (pool size = stride, no padding): the gradient is a broadcast through a
 * reshape instead of the wasm backend's naive MaxPoolGrad/AvgPoolGrad loops.
 * Other geometries use tfjs's own gradients.
 */
import { tf } from './tf.ts';
import { differentiable } from './differentiable.ts';

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

function tilingMaxPool(x: tf.Tensor4D, ph: number, pw: number): tf.Tensor4D {
  const op = differentiable((xi: tf.Tensor, save: tf.GradSaveFunc) => {
    const y = tf.maxPool(xi as tf.Tensor4D, [ph, pw], [ph, pw], 'valid');
    save([xi, y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [sx, sy] = saved as [tf.Tensor4D, tf.Tensor4D];
        const [n, ho, wo, c] = sy.shape;
        const six = [n, ho, ph, wo, pw, c];
        const win = [n, ho, 1, wo, 1, c];
        // Every position equal to its window's max receives the gradient (ties share it; measure-zero for real data).
        const mask = tf.cast(tf.equal(sx.reshape(six), sy.reshape(win)), 'float32');
        return tf.mul(mask, (dy as tf.Tensor).reshape(win)).reshape(sx.shape);
      },
    };
  }) as unknown as (a: tf.Tensor4D) => tf.Tensor4D;
  return op(x);
}

function tilingAvgPool(x: tf.Tensor4D, ph: number, pw: number): tf.Tensor4D {
  const op = differentiable((xi: tf.Tensor) => {
    const shape = (xi as tf.Tensor4D).shape;
    return {
      value: tf.avgPool(xi as tf.Tensor4D, [ph, pw], [ph, pw], 'valid'),
      gradFunc: (dy: tf.Tensor | tf.Tensor[]) => {
        const [n, ho, wo, c] = (dy as tf.Tensor4D).shape;
        const spread = tf.fill([1, 1, ph, 1, pw, 1], 1 / (ph * pw));
        return tf.mul((dy as tf.Tensor).reshape([n, ho, 1, wo, 1, c]), spread).reshape(shape);
      },
    };
  }) as unknown as (a: tf.Tensor4D) => tf.Tensor4D;
  return op(x);
}

export function maxPool(x: tf.Tensor4D, g: PoolGeometry): tf.Tensor4D {
  if (isTiling(g)) return tilingMaxPool(cropToTiles(x, g.pool[0], g.pool[1]), g.pool[0], g.pool[1]);
  const [t, b, l, r] = g.padding;
  // Padding never wins a max: pad with -Inf.
  const xp = t || b || l || r ? tf.pad(x, [[0, 0], [t, b], [l, r], [0, 0]], -Infinity) : x;
  return tf.maxPool(xp, g.pool, g.stride, 'valid');
}

/** MATLAB averages over the whole window, padding zeros included (PaddingValue 0). */
export function avgPool(x: tf.Tensor4D, g: PoolGeometry): tf.Tensor4D {
  if (isTiling(g)) return tilingAvgPool(cropToTiles(x, g.pool[0], g.pool[1]), g.pool[0], g.pool[1]);
  const [t, b, l, r] = g.padding;
  const xp = t || b || l || r ? tf.pad(x, [[0, 0], [t, b], [l, r], [0, 0]]) : x;
  return tf.avgPool(xp, g.pool, g.stride, 'valid');
}
