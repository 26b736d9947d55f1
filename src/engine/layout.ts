/**
 * Conversions between MATLAB's column-major arrays and row-major tensors.
 *
 * A column-major buffer of size [d0 … dk] is the row-major buffer of size
 * [dk … d0]; reversing the axes afterwards gives a tensor whose shape reads
 * like MATLAB's size. Image batches go H×W×C×N (MATLAB) ↔ [N,H,W,C] (engine)
 * through reorderImages.
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
 * The values of a tensor made by `make`, read outside the tidy: tf.tidy walks
 * what its function returns, and a typed array of more than 2²⁴ values (AlexNet's
 * fc6 weights) overflows the Set it walks with.
 */
export function readValues(make: () => tf.Tensor): Float32Array {
  const t = tf.tidy(make);
  const values = t.dataSync() as Float32Array;
  t.dispose();
  return values;
}

/**
 * MArray (default single, MATLAB's class for network parameters) from a
 * tensor, read with MATLAB size `shape` (default: the tensor's own shape).
 */
export function marrayFromTensor(t: tf.Tensor, cls: MClass = 'single', shape: number[] = t.shape): MArray {
  const dims = shape.length >= 2 ? shape : [...shape, 1, 1].slice(0, 2);
  const values = readValues(() => tf.transpose(tf.reshape(t, dims), reversedAxes(dims.length)));
  return MArray.from(values, dims, cls);
}

/**
 * Reorder pixels between MATLAB's column-major H×W×C×N and the engine's
 * NHWC (row-major, channels interleaved). `toNhwc` false goes the other way.
 */
export function reorderImages(src: ArrayLike<number>, h: number, w: number, c: number, n: number, toNhwc: boolean): Float32Array {
  const out = new Float32Array(h * w * c * n);
  for (let i = 0; i < n; i++) {
    for (let ch = 0; ch < c; ch++) {
      for (let col = 0; col < w; col++) {
        for (let row = 0; row < h; row++) {
          const columnMajor = row + h * (col + w * (ch + c * i));
          const nhwc = ((i * h + row) * w + col) * c + ch;
          if (toNhwc) out[nhwc] = src[columnMajor];
          else out[columnMajor] = src[nhwc];
        }
      }
    }
  }
  return out;
}
