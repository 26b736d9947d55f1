/**
 * MATLAB's `format short` layout of numeric arrays: integer-valued doubles
 * in wide integer columns, other doubles with 4 decimals (a common
 * `1.0e+NN *` scale factor when the largest value is ≥ 1000 or < 0.001),
 * scalars outside that range in exponent form, integer classes and logicals
 * in columns three spaces wider than their longest value.
 */
import { MArray, isIntegerClass } from './marray.ts';
import { expDigits } from './cformat.ts';

export interface NumericLayout {
  /** `   1.0e+03 *` line shown above the rows, if the values are scaled. */
  scaleLine?: string;
  /** Every element is right-aligned in this many characters. */
  width: number;
  text(v: number): string;
}

function nonFinite(v: number): string {
  return Number.isNaN(v) ? 'NaN' : v < 0 ? '-Inf' : 'Inf';
}

/** Short text of one finite double (4 decimals, exponent form outside [0.001, 1000)). */
export function shortScalarText(v: number): string {
  if (!Number.isFinite(v)) return nonFinite(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e9) return String(v);
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1000) return v.toFixed(4);
  return (v < 0 ? '-' : '') + expDigits(a, 4);
}

export function numericLayout(x: MArray): NumericLayout {
  const values = x.data;
  if (isIntegerClass(x.cls) || x.cls === 'logical') {
    let longest = 1;
    for (const v of values) longest = Math.max(longest, String(v).length);
    return { width: longest + 3, text: String };
  }
  let maxAbs = 0;
  let allInt = true;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    maxAbs = Math.max(maxAbs, Math.abs(v));
    if (!Number.isInteger(v)) allInt = false;
  }
  if (allInt && maxAbs < 1e9) {
    return { width: maxAbs >= 1000 ? 12 : 6, text: (v) => (Number.isFinite(v) ? String(v) : nonFinite(v)) };
  }
  if (values.length === 1) {
    const fixed = maxAbs >= 1e-3 && maxAbs < 1000;
    return { width: fixed ? 10 : 13, text: shortScalarText };
  }
  const fixedText = (scale: number) => (v: number) =>
    v === 0 ? '0' : Number.isFinite(v) ? (v / scale).toFixed(4) : nonFinite(v);
  if (maxAbs >= 1e-3 && maxAbs < 1000) return { width: 10, text: fixedText(1) };
  const exponent = Math.floor(Math.log10(maxAbs));
  const e = Math.abs(exponent);
  return {
    scaleLine: `   1.0e${exponent < 0 ? '-' : '+'}${String(e).padStart(2, '0')} *`,
    width: 10,
    text: fixedText(10 ** exponent),
  };
}

/** Rows of the 2-D page `page` (0-based) of `x`, each element right-aligned. */
export function pageRows(x: MArray, page: number, layout: NumericLayout): string[] {
  const [r, c] = x.dims;
  const base = page * r * c;
  const rows: string[] = [];
  for (let i = 0; i < r; i++) {
    let line = '';
    for (let j = 0; j < c; j++) line += layout.text(x.data[base + i + j * r]).padStart(layout.width);
    rows.push(line);
  }
  return rows;
}
