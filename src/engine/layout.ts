/**
 * Conversions between MATLAB's column-major arrays and row-major tensors.
 *
 * A column-major buffer of size [d0 … dk] is the row-major buffer of size
 * [dk … d0]; reversing the axes afterwards gives a tensor whose shape reads
 * like MATLAB's size. Image batches go H×W×C×N (MATLAB) ↔ [N,H,W,C] (engine).
 */
import { tf } from './tf.ts';
import { MArray, type MClass } from '../runtime/marray.ts';

function reversedAxes(rank: number): number[] {
  return Array.from({ length: rank }, (_, i) => rank - 1 - i);
}

/** Tensor with MATLAB's size (padded to `rank` dims) and values. */
export function tensorFromMArray(m: MArray, rank = m.dims.length): tf.Tensor {
  const dims = [...m.dims];
  while (dims.length < rank) dims.push(1);
  return tf.tidy(() => tf.transpose(tf.tensor(Float32Array.from(m.data), [...dims].reverse(), 'float32'), reversedAxes(dims.length)));
}

/**
 * MArray (default single, MATLAB's class for network parameters) from a
 * tensor, read with MATLAB size `shape` (default: the tensor's own shape).
 */
export function marrayFromTensor(t: tf.Tensor, cls: MClass = 'single', shape: number[] = t.shape): MArray {
  const dims = shape.length >= 2 ? shape : [...shape, 1, 1].slice(0, 2);
  const values = tf.tidy(() => tf.transpose(tf.reshape(t, dims), reversedAxes(dims.length)).dataSync() as Float32Array);
  return MArray.from(values, dims, cls);
}

/** H×W×C×N MArray → [N,H,W,C] float32 tensor. */
export function batchFromMArray(m: MArray): tf.Tensor4D {
  const [h, w, c = 1, n = 1] = m.dims;
  return tf.tidy(() => tf.transpose(tf.tensor4d(Float32Array.from(m.data), [n, c, w, h]), [0, 3, 2, 1]));
}

/** [N,H,W,C] tensor → H×W×C×N MArray. */
export function marrayFromBatch(t: tf.Tensor4D, cls: MClass = 'single'): MArray {
  const [n, h, w, c] = t.shape;
  const rev = tf.tidy(() => tf.transpose(t, [0, 3, 2, 1]));
  const values = rev.dataSync() as Float32Array;
  rev.dispose();
  return MArray.from(values, [h, w, c, n], cls);
}

/**
 * Copy one H×W×C image given row-major interleaved (as decoders give it)
 * into slot `index` of an NHWC batch buffer: it is already NHWC order.
 */
export function packInterleaved(target: Float32Array, index: number, pixels: ArrayLike<number>): void {
  target.set(pixels, index * pixels.length);
}

/** Copy one column-major H×W×C MArray into slot `index` of an NHWC batch buffer. */
export function packMArrayImage(target: Float32Array, index: number, img: MArray, h: number, w: number, c: number): void {
  const base = index * h * w * c;
  const src = img.data;
  for (let ch = 0; ch < c; ch++) {
    for (let col = 0; col < w; col++) {
      for (let row = 0; row < h; row++) {
        target[base + (row * w + col) * c + ch] = src[row + h * (col + w * ch)];
      }
    }
  }
}
