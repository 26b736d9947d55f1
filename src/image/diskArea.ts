/**
 * Exact area of a disk (centre 0, radius r) inside an axis-aligned
 * rectangle: the pixel coverage that fspecial('disk') weights by.
 */

/** ∫ sqrt(r² − x²) dx, an antiderivative valid on [−r, r]. */
function halfChordIntegral(x: number, r: number): number {
  const c = Math.max(-r, Math.min(r, x));
  return 0.5 * (c * Math.sqrt(Math.max(0, r * r - c * c)) + r * r * Math.asin(c / r));
}

/** Area of {x² + y² ≤ r²} ∩ [x0, x1] × [y0, y1]. */
export function diskRectArea(r: number, x0: number, x1: number, y0: number, y1: number): number {
  const lo = Math.max(x0, -r);
  const hi = Math.min(x1, r);
  if (hi <= lo || y1 <= y0) return 0;
  // The covered height min(y1, s) − max(y0, −s), s = sqrt(r²−x²), changes formula where s crosses |y0| or |y1|.
  const cuts = [lo, hi];
  for (const y of [y0, y1]) {
    if (Math.abs(y) < r) {
      const x = Math.sqrt(r * r - y * y);
      for (const c of [-x, x]) if (c > lo && c < hi) cuts.push(c);
    }
  }
  cuts.sort((a, b) => a - b);
  let area = 0;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const a = cuts[i];
    const b = cuts[i + 1];
    if (b <= a) continue;
    const m = (a + b) / 2;
    const s = Math.sqrt(Math.max(0, r * r - m * m));
    const topIsChord = s < y1; // top edge is the circle rather than y1
    const bottomIsChord = -s > y0;
    if (Math.min(y1, s) <= Math.max(y0, -s)) continue; // strip outside the disk
    const chord = halfChordIntegral(b, r) - halfChordIntegral(a, r);
    const top = topIsChord ? chord : y1 * (b - a);
    const bottom = bottomIsChord ? -chord : y0 * (b - a);
    area += top - bottom;
  }
  return area;
}
