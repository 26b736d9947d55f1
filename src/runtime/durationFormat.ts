/**
 * Text helpers shared by the training display (verbose table, progress bar,
 * options display): elapsed time as MATLAB's 'hh:mm:ss' duration, and C
 * printf-style number text, since MATLAB formats those columns with sprintf.
 */
import { formatNumber } from './cformat.ts';

/** Seconds → 'hh:mm:ss' (fractional seconds dropped; negative or NaN → 00:00:00). */
export function formatHms(seconds: number): string {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${pad2(h)}:${pad2(m)}:${pad2(s)}`;
}

/**
 * sprintf('%.<d>f', x), through the toolbox's one printf (runtime/cformat.ts):
 * the exact binary value rounded, exact ties away from zero as MATLAB does
 * (sprintf('%.2f', 0.125) is '0.13'; 2.675, stored just below the tie, gives '2.67').
 */
export function printfFixed(x: number, decimals: number): string {
  return formatNumber(x, { flags: '', precision: decimals, conv: 'f' });
}

/** sprintf('%.<d>e', x): mantissa with d decimals, exponent signed and at least two digits. */
export function printfExp(x: number, decimals: number): string {
  return formatNumber(x, { flags: '', precision: decimals, conv: 'e' });
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
