/**
 * Max pooling over windows that overlap or leave gaps (AlexNet's 3×3 stride 2),
 * the forward pass XNNPACK's, the gradient a scatter in JavaScript.
 *
 * Why: wasm has no usable MaxPoolGrad (a naive loop, and wrong for some
 * shapes), and the tap-by-tap rewrite on tensors (a strided slice, an
 * Equal, a zero-upsampling Pad and Slice and a Pad per window tap) cost
 * AlexNet about 60% of a training step: StridedSlice, Slice and PadV2 are
 * naive single-threaded copies on wasm. Read once, the saved input and
 * output give each window's first maximum in one pass, and the gradient is
 * added tap after tap, as the tap-by-tap sum (tfjs's AddN) adds it: the same
 * float additions in the same order, so the same bits.
 */
import { tf } from './tf.ts';
import { differentiable } from './differentiable.ts';

export interface WindowGeometry {
  pool: [number, number];
  stride: [number, number];
}

/** No tap of the window holds its maximum (NaN windows): the window's gradient is lost, as with Equal. */
const NO_TAP = 255;

/**
 * For each window, the row-major index of its first tap equal to the window's max,
 * or NO_TAP. x: padded input [N,H,W,C]; y: its pooling [N,Ho,Wo,C].
 */
function firstMaxTaps(x: Float32Array, xShape: number[], y: Float32Array, yShape: number[], g: WindowGeometry): Uint8Array {
  const [n, h, w, c] = xShape;
  const [, ho, wo] = yShape;
  const [ph, pw] = g.pool;
  const [sh, sw] = g.stride;
  const taps = new Uint8Array(y.length).fill(NO_TAP);
  for (let b = 0; b < n; b++) {
    for (let oi = 0; oi < ho; oi++) {
      for (let oj = 0; oj < wo; oj++) {
        const out = ((b * ho + oi) * wo + oj) * c;
        for (let i = 0; i < ph; i++) {
          for (let j = 0; j < pw; j++) {
            const k = i * pw + j;
            const at = ((b * h + oi * sh + i) * w + oj * sw + j) * c;
            for (let ch = 0; ch < c; ch++) {
              if (taps[out + ch] === NO_TAP && x[at + ch] === y[out + ch]) taps[out + ch] = k;
            }
          }
        }
      }
    }
  }
  return taps;
}

/** dx [N,H,W,C]: each window's dy added at its first max, tap by tap in row-major order. */
function scatterByTap(taps: Uint8Array, dy: Float32Array, xShape: number[], yShape: number[], g: WindowGeometry): Float32Array {
  const [n, h, w, c] = xShape;
  const [, ho, wo] = yShape;
  const [ph, pw] = g.pool;
  const [sh, sw] = g.stride;
  const dx = new Float32Array(n * h * w * c);
  for (let i = 0; i < ph; i++) {
    for (let j = 0; j < pw; j++) {
      const k = i * pw + j;
      for (let b = 0; b < n; b++) {
        for (let oi = 0; oi < ho; oi++) {
          for (let oj = 0; oj < wo; oj++) {
            const out = ((b * ho + oi) * wo + oj) * c;
            const at = ((b * h + oi * sh + i) * w + oj * sw + j) * c;
            for (let ch = 0; ch < c; ch++) {
              if (taps[out + ch] === k) dx[at + ch] += dy[out + ch];
            }
          }
        }
      }
    }
  }
  return dx;
}

/**
 * Max pooling of an already padded input ('valid' windows). Each window's
 * gradient goes to its first maximum only (row-major), as in PyTorch and
 * tfjs's MaxPoolGrad: ties are common (a ReLU's zeros), and sharing the
 * gradient among tied taps would multiply it.
 */
export function windowedMaxPool(xp: tf.Tensor4D, g: WindowGeometry): tf.Tensor4D {
  const op = differentiable((xi: tf.Tensor, save: tf.GradSaveFunc) => {
    const y = tf.maxPool(xi as tf.Tensor4D, g.pool, g.stride, 'valid');
    save([xi, y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [sx, sy] = saved as [tf.Tensor4D, tf.Tensor4D];
        const taps = firstMaxTaps(sx.dataSync() as Float32Array, sx.shape, sy.dataSync() as Float32Array, sy.shape, g);
        return tf.tensor4d(scatterByTap(taps, (dy as tf.Tensor).dataSync() as Float32Array, sx.shape, sy.shape, g), sx.shape);
      },
    };
  }) as unknown as (a: tf.Tensor4D) => tf.Tensor4D;
  return op(xp);
}
