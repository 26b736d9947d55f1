/**
 * Combining the results of the shares of one mini-batch into the result for
 * the whole batch: gradients and losses are means, so they combine weighted
 * by share size; batch-norm statistics combine exactly (pooled mean, and
 * variance as E[x²] − E[x]²).
 */
import type { ChannelStatistics } from '../gradientStep.ts';

export interface Share {
  n: number;
  loss: number;
  metric: number;
  grads: Float32Array[];
  stats: Map<number, ChannelStatistics>;
}

export interface Combined {
  loss: number;
  metric: number;
  grads: Float32Array[];
  stats: Map<number, ChannelStatistics>;
}

export function combineShares(shares: readonly Share[]): Combined {
  const total = shares.reduce((a, s) => a + s.n, 0);
  const grads = shares[0].grads.map((g) => new Float32Array(g.length));
  for (const s of shares) {
    const w = s.n / total;
    s.grads.forEach((g, k) => { const out = grads[k]; for (let i = 0; i < g.length; i++) out[i] += w * g[i]; });
  }
  const stats = new Map<number, ChannelStatistics>();
  for (const layer of shares[0].stats.keys()) {
    const c = shares[0].stats.get(layer)!.mean.length;
    const mean = new Float32Array(c);
    const second = new Float64Array(c);
    for (const s of shares) {
      const st = s.stats.get(layer)!;
      const w = s.n / total;
      for (let i = 0; i < c; i++) {
        mean[i] += w * st.mean[i];
        second[i] += w * (st.variance[i] + st.mean[i] * st.mean[i]);
      }
    }
    stats.set(layer, { mean, variance: Float32Array.from(second, (v, i) => Math.max(0, v - mean[i] * mean[i])) });
  }
  return {
    loss: shares.reduce((a, s) => a + (s.loss * s.n) / total, 0),
    metric: shares.reduce((a, s) => a + s.metric, 0),
    grads,
    stats,
  };
}

/** Contiguous shares of n observations among k workers, sizes differing by at most one. */
export function shareSizes(n: number, k: number): number[] {
  return Array.from({ length: k }, (_, i) => Math.floor(n / k) + (i < n % k ? 1 : 0));
}
