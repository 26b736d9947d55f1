/**
 * Møller's scaled conjugate gradient (Neural Networks 6, 1993), full batch:
 * a conjugate-gradient direction with the step size from a finite-difference
 * curvature estimate along it, regularised Levenberg-Marquardt style (λ)
 * instead of a line search. One iteration is one epoch, as in trainscg.
 */
export interface Objective {
  (w: Float64Array, withGradient: boolean): { f: number; g: Float64Array | null };
}

export interface ScgOptions {
  maxEpochs: number;
  /** Change in weights for the curvature estimate (trainscg's sigma, 5e-5). */
  sigma?: number;
  /** Initial Hessian regularisation (trainscg's lambda, 5e-7). */
  lambda?: number;
  /** Stop when the gradient norm falls below this (trainscg's min_grad, 1e-6). */
  minGrad?: number;
  onEpoch?: (epoch: number, f: number, gradNorm: number) => void;
}

export interface ScgResult {
  w: Float64Array;
  f: number;
  epochs: number;
  history: number[];
  stop: 'maxEpochs' | 'minGrad';
}

const dot = (a: Float64Array, b: Float64Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

const axpy = (w: Float64Array, a: number, p: Float64Array) => {
  const out = new Float64Array(w.length);
  for (let i = 0; i < w.length; i++) out[i] = w[i] + a * p[i];
  return out;
};

// λ is kept in a range where neither the step nor the curvature degenerate.
const LAMBDA_MIN = 1e-15;
const LAMBDA_MAX = 1e100;

export function scg(objective: Objective, w0: Float64Array, opts: ScgOptions): ScgResult {
  const sigma = opts.sigma ?? 5e-5;
  const minGrad = opts.minGrad ?? 1e-6;
  let lambda = opts.lambda ?? 5e-7;
  let lambdaBar = 0;
  let w = Float64Array.from(w0);
  const start = objective(w, true);
  let f = start.f;
  let r = start.g!.map((v) => -v); // r = −E'(w)
  let p = Float64Array.from(r);
  let success = true;
  let delta = 0;
  const history = [f];
  const restartEvery = w.length;
  let stop: ScgResult['stop'] = 'maxEpochs';
  let epoch = 0;
  for (epoch = 1; epoch <= opts.maxEpochs; epoch++) {
    const pp = dot(p, p);
    const rNorm = Math.sqrt(dot(r, r));
    if (rNorm < minGrad || pp === 0) {
      stop = 'minGrad';
      epoch--;
      break;
    }
    if (success) {
      // Curvature along p: s ≈ E''(w)·p by a forward difference of gradients.
      const sk = sigma / Math.sqrt(pp);
      const gs = objective(axpy(w, sk, p), true).g!;
      delta = 0;
      for (let i = 0; i < p.length; i++) delta += p[i] * ((gs[i] + r[i]) / sk);
    }
    delta += (lambda - lambdaBar) * pp;
    if (delta <= 0) {
      // Make the scaled Hessian positive definite.
      lambdaBar = 2 * (lambda - delta / pp);
      delta = -delta + lambda * pp;
      lambda = lambdaBar;
    }
    const mu = dot(p, r);
    const alpha = mu / delta;
    const wNew = axpy(w, alpha, p);
    const trial = objective(wNew, true);
    // Comparison of the actual decrease with the one the quadratic model predicts.
    const comparison = (2 * delta * (f - trial.f)) / (mu * mu);
    if (comparison >= 0 && Number.isFinite(trial.f)) {
      const rNew = trial.g!.map((v) => -v);
      lambdaBar = 0;
      success = true;
      if (epoch % restartEvery === 0) {
        p = Float64Array.from(rNew);
      } else {
        const beta = (dot(rNew, rNew) - dot(rNew, r)) / mu;
        p = axpy(rNew, beta, p);
      }
      w = wNew;
      f = trial.f;
      r = rNew;
      if (comparison >= 0.75) lambda = Math.max(lambda / 4, LAMBDA_MIN);
    } else {
      lambdaBar = lambda;
      success = false;
    }
    if (comparison < 0.25 || !Number.isFinite(comparison)) lambda = Math.min(lambda + (delta * (1 - (Number.isFinite(comparison) ? comparison : 0))) / pp, LAMBDA_MAX);
    history.push(f);
    opts.onEpoch?.(epoch, f, Math.sqrt(dot(r, r)));
  }
  return { w, f, epochs: Math.min(epoch, opts.maxEpochs), history, stop };
}
