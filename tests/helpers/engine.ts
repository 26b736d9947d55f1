/** Shared test helpers for engine numerics. */
import { tf } from '../../src/engine/tf.ts';

/** n deterministic pseudo-random values, uniform in [−scale, scale). */
export function seededValues(n: number, seed: number, scale = 1): Float32Array {
  let s = seed >>> 0;
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    v[i] = ((s / 2 ** 32) * 2 - 1) * scale;
  }
  return v;
}

/** Deterministic pseudo-random tensor (tests must not depend on tf's global seed). */
export function seeded(shape: number[], seed: number, scale = 1): tf.Tensor {
  return tf.tensor(seededValues(shape.reduce((a, b) => a * b, 1), seed, scale), shape);
}

/** Max |a−b| / max(|b|max, tiny) over two equally long value lists. */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length mismatch ${a.length} vs ${b.length}`);
  let diff = 0;
  let ref = 1e-12;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    ref = Math.max(ref, Math.abs(b[i]));
  }
  return diff / ref;
}

/** The same for tensors: the relative difference used by the gradient tests. */
export function maxRelativeDifference(a: tf.Tensor, b: tf.Tensor): number {
  if (a.size !== b.size) throw new Error(`size mismatch ${a.shape} vs ${b.shape}`);
  return relativeError(a.dataSync(), b.dataSync());
}

/**
 * Central finite difference of scalar f at a few coordinates of input k,
 * compared with the analytic gradient; returns the worst relative error.
 */
export function finiteDifferenceError(f: (...xs: tf.Tensor[]) => tf.Scalar, inputs: tf.Tensor[], k: number, coords: number[], eps = 1e-2): number {
  const analytic = tf.grads(f)(inputs)[k].dataSync();
  let worst = 0;
  for (const c of coords) {
    const base = inputs[k].dataSync().slice();
    const at = (delta: number) => {
      const v = base.slice();
      v[c] += delta;
      const moved = inputs.map((t, j) => (j === k ? tf.tensor(v, t.shape) : t));
      return f(...moved).dataSync()[0];
    };
    const numeric = (at(eps) - at(-eps)) / (2 * eps);
    const err = Math.abs(numeric - analytic[c]) / Math.max(1e-3, Math.abs(numeric), Math.abs(analytic[c]));
    worst = Math.max(worst, err);
  }
  return worst;
}
