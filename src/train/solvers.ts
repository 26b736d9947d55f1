/**
 * The solvers of trainingOptions, with MATLAB's update rules, and the
 * gradient preparation MATLAB applies before each step:
 * gradient of the mean loss → + L2Regularization·L2Factor·θ → threshold → step.
 */
import { tf } from '../engine/tf.ts';

export interface SolverSettings {
  SolverName: 'sgdm' | 'adam' | 'rmsprop';
  Momentum?: number;
  GradientDecayFactor?: number;
  SquaredGradientDecayFactor?: number;
  Epsilon?: number;
}

/** One learnable's update settings. */
export interface ParameterFactors {
  learnRateFactor: number;
  l2Factor: number;
}

export interface Solver {
  /** New parameters (kept tensors); the caller disposes the old ones. */
  step(params: tf.Tensor[], grads: tf.Tensor[], learnRate: number, factors: readonly ParameterFactors[]): tf.Tensor[];
  dispose(): void;
}

function zerosFor(params: tf.Tensor[]): tf.Tensor[] {
  return params.map((p) => tf.keep(tf.zerosLike(p)));
}

function replace(state: tf.Tensor[], next: tf.Tensor[]): void {
  state.forEach((t, i) => {
    t.dispose();
    state[i] = tf.keep(next[i]);
  });
}

/** v ← γ·v − α·factor·g ;  θ ← θ + v. */
class Sgdm implements Solver {
  private velocity: tf.Tensor[] | null = null;
  constructor(private readonly momentum: number) {}
  step(params: tf.Tensor[], grads: tf.Tensor[], lr: number, factors: readonly ParameterFactors[]): tf.Tensor[] {
    const v = (this.velocity ??= zerosFor(params));
    // One parameter at a time, its old velocity freed at once: the temporaries of a 61 M-parameter
    // network (AlexNet) held together until the end of the step raised the peak memory by ~1 GB.
    return params.map((p, i) => {
      const [nv, np] = tf.tidy(() => {
        const vi = tf.sub(tf.mul(v[i], this.momentum), tf.mul(grads[i], lr * factors[i].learnRateFactor));
        return [vi, tf.add(p, vi)];
      });
      v[i].dispose();
      v[i] = tf.keep(nv);
      return tf.keep(np);
    });
  }
  dispose(): void {
    this.velocity?.forEach((t) => t.dispose());
  }
}

/** m ← β1·m + (1−β1)·g ; v ← β2·v + (1−β2)·g² ; θ ← θ − α·factor·m̂/(√v̂ + ε). */
class Adam implements Solver {
  private m: tf.Tensor[] | null = null;
  private v: tf.Tensor[] | null = null;
  private t = 0;
  constructor(private readonly b1: number, private readonly b2: number, private readonly eps: number) {}
  step(params: tf.Tensor[], grads: tf.Tensor[], lr: number, factors: readonly ParameterFactors[]): tf.Tensor[] {
    const m = (this.m ??= zerosFor(params));
    const v = (this.v ??= zerosFor(params));
    this.t++;
    const c1 = 1 - this.b1 ** this.t;
    const c2 = 1 - this.b2 ** this.t;
    const next = tf.tidy(() => params.map((p, i) => {
      const nm = tf.add(tf.mul(m[i], this.b1), tf.mul(grads[i], 1 - this.b1));
      const nv = tf.add(tf.mul(v[i], this.b2), tf.mul(tf.square(grads[i]), 1 - this.b2));
      const stepT = tf.div(tf.div(nm, c1), tf.add(tf.sqrt(tf.div(nv, c2)), this.eps));
      return [nm, nv, tf.sub(p, tf.mul(stepT, lr * factors[i].learnRateFactor))] as const;
    }));
    replace(m, next.map((n) => n[0]));
    replace(v, next.map((n) => n[1]));
    return next.map((n) => tf.keep(n[2]));
  }
  dispose(): void {
    this.m?.forEach((t) => t.dispose());
    this.v?.forEach((t) => t.dispose());
  }
}

/** v ← β2·v + (1−β2)·g² ; θ ← θ − α·factor·g/(√v + ε). */
class RmsProp implements Solver {
  private v: tf.Tensor[] | null = null;
  constructor(private readonly b2: number, private readonly eps: number) {}
  step(params: tf.Tensor[], grads: tf.Tensor[], lr: number, factors: readonly ParameterFactors[]): tf.Tensor[] {
    const v = (this.v ??= zerosFor(params));
    const next = tf.tidy(() => params.map((p, i) => {
      const nv = tf.add(tf.mul(v[i], this.b2), tf.mul(tf.square(grads[i]), 1 - this.b2));
      return [nv, tf.sub(p, tf.mul(tf.div(grads[i], tf.add(tf.sqrt(nv), this.eps)), lr * factors[i].learnRateFactor))] as const;
    }));
    replace(v, next.map((n) => n[0]));
    return next.map((n) => tf.keep(n[1]));
  }
  dispose(): void {
    this.v?.forEach((t) => t.dispose());
  }
}

export function createSolver(o: SolverSettings): Solver {
  switch (o.SolverName) {
    case 'sgdm': return new Sgdm(o.Momentum ?? 0.9);
    case 'adam': return new Adam(o.GradientDecayFactor ?? 0.9, o.SquaredGradientDecayFactor ?? 0.999, o.Epsilon ?? 1e-8);
    case 'rmsprop': return new RmsProp(o.SquaredGradientDecayFactor ?? 0.9, o.Epsilon ?? 1e-8);
  }
}

export type ThresholdMethod = 'l2norm' | 'global-l2norm' | 'absolute-value';

/**
 * g + λ·L2Factor·θ, then MATLAB's gradient threshold. Returns new tensors
 * (inside the caller's tidy).
 */
export function prepareGradients(grads: tf.Tensor[], params: tf.Tensor[], factors: readonly ParameterFactors[], l2: number, threshold: number, method: ThresholdMethod): tf.Tensor[] {
  let g = grads.map((gi, i) => (l2 * factors[i].l2Factor === 0 ? gi : tf.add(gi, tf.mul(params[i], l2 * factors[i].l2Factor))));
  if (!Number.isFinite(threshold)) return g;
  if (method === 'absolute-value') return g.map((gi) => tf.clipByValue(gi, -threshold, threshold));
  if (method === 'l2norm') {
    return g.map((gi) => {
      const norm = tf.norm(gi);
      return tf.mul(gi, tf.minimum(1, tf.div(threshold, tf.maximum(norm, 1e-30))));
    });
  }
  const global = tf.sqrt(tf.addN(g.map((gi) => tf.sum(tf.square(gi)))));
  const scale = tf.minimum(1, tf.div(threshold, tf.maximum(global, 1e-30)));
  g = g.map((gi) => tf.mul(gi, scale));
  return g;
}
