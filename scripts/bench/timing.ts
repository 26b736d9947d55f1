/** Steady-state rates from per-iteration timestamps. */
import { BATCH } from './config.ts';

/**
 * Images/s from the end of iteration `warmup` to the end of the last one.
 * `ends[i]` is when iteration i+1 finished (ms); every iteration is a full batch.
 */
export function steadyRate(ends: readonly number[], warmup: number, batch = BATCH): number {
  // At least one iteration starts the clock, at least one is timed.
  const w = Math.max(1, Math.min(warmup, ends.length - 1));
  if (ends.length < 2) return Number.NaN;
  const timed = ends.length - w;
  const ms = ends[ends.length - 1] - ends[w - 1];
  return (timed * batch * 1000) / ms;
}

export function rate(images: number, ms: number): number {
  return (images * 1000) / ms;
}

/** Peak resident set size of this process so far, in MiB. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
