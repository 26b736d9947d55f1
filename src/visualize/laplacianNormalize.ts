/**
 * Laplacian-pyramid gradient normalisation (Mordvintsev's "DeepDreaming with
 * TensorFlow", the reference MATLAB's deepDreamImage cites): the gradient is
 * split into frequency bands, each band scaled to unit RMS, and the bands
 * merged again. Low frequencies then get as much step as high ones, which
 * keeps the dream from turning into pixel noise.
 */
import { tf } from '../engine/tf.ts';

/** Number of band splits (the reference's lap_n). */
export const LAPLACIAN_SPLITS = 4;

type T4 = tf.Tensor4D;

/** The 5×5 binomial smoothing kernel [1 4 6 4 1]ᵀ[1 4 6 4 1]/256, applied to each channel alone. */
function binomialFilter(channels: number, gain: number): T4 {
  const k = [1, 4, 6, 4, 1];
  const data = new Float32Array(25 * channels * channels);
  for (let i = 0; i < 5; i++) {
    for (let j = 0; j < 5; j++) {
      for (let c = 0; c < channels; c++) data[((i * 5 + j) * channels + c) * channels + c] = (gain * k[i] * k[j]) / 256;
    }
  }
  return tf.tensor4d(data, [5, 5, channels, channels]);
}

/** The Laplacian pyramid of x: its `splits` high bands, finest first, then the low residual. */
export function laplacianSplit(x: T4, splits = LAPLACIAN_SPLITS): T4[] {
  const c = x.shape[3];
  const down = binomialFilter(c, 1);
  // The transposed convolution spreads each low pixel over a 2×2 grid: ×4 keeps the mean.
  const up = binomialFilter(c, 4);
  const bands: T4[] = [];
  let lo = x;
  for (let i = 0; i < splits; i++) {
    const next = tf.conv2d(lo, down, 2, 'same');
    bands.push(tf.sub(lo, tf.conv2dTranspose(next, up, lo.shape, 2, 'same')));
    lo = next;
  }
  bands.push(lo);
  return bands;
}

/** The inverse of laplacianSplit: upsample from the coarsest band, adding each finer one. */
export function laplacianMerge(bands: readonly T4[]): T4 {
  const c = bands[0].shape[3];
  const up = binomialFilter(c, 4);
  let out = bands[bands.length - 1];
  for (let i = bands.length - 2; i >= 0; i--) out = tf.add(tf.conv2dTranspose(out, up, bands[i].shape, 2, 'same'), bands[i]);
  return out;
}

/** x / max(rms, 1e-10), the RMS taken over each observation. */
function unitRms(x: T4): T4 {
  const rms = tf.sqrt(tf.mean(tf.square(x), [1, 2, 3], true));
  return tf.div(x, tf.maximum(rms, 1e-10));
}

/** Normalise an [N,H,W,C] gradient band by band (each observation on its own). */
export function laplacianNormalize(g: T4, splits = LAPLACIAN_SPLITS): T4 {
  return tf.tidy(() => laplacianMerge(laplacianSplit(g, splits).map(unitRms)));
}
