/**
 * Text helpers shared by the training display (verbose table, progress bar,
 * options display): elapsed time as MATLAB's 'hh:mm:ss' duration, and C
 * printf-style number text, since MATLAB formats those columns with sprintf.
 */

/** Seconds → 'hh:mm:ss' (fractional seconds dropped; negative or NaN → 00:00:00). */
export function formatHms(seconds: number): string {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${pad2(h)}:${pad2(m)}:${pad2(s)}`;
}

/**
 * sprintf('%.<d>f', x). JavaScript's toFixed rounds exact ties away from zero,
 * C's printf rounds them to even (14.0625 → '14.06', as MATLAB prints a 18/128
 * mini-batch accuracy), so exact ties are corrected here.
 */
export function printfFixed(x: number, decimals: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  const rounded = x.toFixed(decimals);
  if (Math.abs(x) >= 1e21) return rounded;
  // toFixed(100) is the exact decimal expansion for the magnitudes printed here.
  const exact = Math.abs(x).toFixed(100);
  const dot = exact.indexOf('.');
  const rest = exact.slice(dot + 1 + decimals);
  if (!/^50*$/.test(rest)) return rounded;
  const kept = exact.slice(0, decimals === 0 ? dot : dot + 1 + decimals);
  const lastDigit = Number(kept.replace('.', '').slice(-1));
  if (lastDigit % 2 !== 0) return rounded;
  return (x < 0 ? '-' : '') + kept;
}

/** sprintf('%.<d>e', x): mantissa with d decimals, exponent signed and at least two digits. */
export function printfExp(x: number, decimals: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  const [mantissa, exponent] = x.toExponential(decimals).split('e');
  const sign = exponent.startsWith('-') ? '-' : '+';
  return `${mantissa}e${sign}${exponent.replace(/^[+-]/, '').padStart(2, '0')}`;
}

function nonFinite(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  return x > 0 ? 'Inf' : '-Inf';
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
