/**
 * Axis limits and tick marks chosen like MATLAB's automatic mode: steps of
 * 1, 2 or 5 × 10^k, limits rounded outward to a tick.
 */

/** k·step without binary noise (6 × 0.2 = 1.2, not 1.2000000000000002). */
function clean(v: number): number {
  return Number(v.toPrecision(12));
}

export function niceStep(span: number, target = 6): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  const tol = 1e-9; // 1.2 / 6 must count as 2 × 0.1, not 2.0000000000000004
  return (f <= 1 + tol ? 1 : f <= 2 + tol ? 2 : f <= 5 + tol ? 5 : 10) * mag;
}

/** Limits covering [lo, hi] rounded outward to the tick step (a flat range gets ±1). */
export function autoLimits(lo: number, hi: number): [number, number] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (lo === hi) return [lo - 1, hi + 1];
  const step = niceStep(hi - lo);
  return [clean(Math.floor(lo / step + 1e-9) * step), clean(Math.ceil(hi / step - 1e-9) * step)];
}

export function ticksFor([lo, hi]: [number, number], target = 6): number[] {
  const step = niceStep(hi - lo, target);
  const out: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) out.push(clean(k * step));
  return out;
}

/** Tick text as MATLAB shows it: no float noise, no trailing zeros (1, 1.5, 2). */
export function tickLabel(v: number, step: number): string {
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const s = String(Number(v.toFixed(Math.min(10, decimals))));
  return s === '-0' ? '0' : s;
}

/** Finite min and max of several arrays, or null when there is no finite value. */
export function finiteExtent(...arrays: readonly (readonly number[])[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays) {
    for (const v of a) {
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : null;
}
