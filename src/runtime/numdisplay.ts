/**
 * MATLAB's `format short` layout of numeric arrays: integer-valued doubles
 * in wide integer columns, other doubles with 4 decimals (a common
 * `1.0e+NN *` scale factor when the largest value is ≥ 1000 or < 0.001),
 * scalars outside that range in exponent form, integer classes and logicals
 * in columns three spaces wider than their longest value.
 */
import { MArray, isIntegerClass } from './marray.ts';
import { expDigits, fixedDigits } from './cformat.ts';

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

/** Fixed point for a non-integer scalar only strictly between 0.001 and 1000: `x = 0.001` shows 1.0000e-03. */
function fixedScalar(a: number): boolean {
  return a > 1e-3 && a < 1000;
}

/**
 * MATLAB's format short of one double: the toolbox's only implementation
 * (variable display, object and options displays all call it).
 */
export function shortScalarText(v: number): string {
  if (!Number.isFinite(v)) return nonFinite(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e9) return String(v);
  const a = Math.abs(v);
  return (v < 0 ? '-' : '') + (fixedScalar(a) ? fixedDigits(a, 4) : expDigits(a, 4));
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
    return { width: fixedScalar(maxAbs) ? 10 : 13, text: shortScalarText };
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

/** Rows of the 2-D page `page` (0-based) of `x`, columns [from, to) (default all), each element right-aligned. */
export function pageRows(x: MArray, page: number, layout: NumericLayout, from = 0, to = x.dims[1]): string[] {
  const [r, c] = x.dims;
  const base = page * r * c;
  const rows: string[] = [];
  for (let i = 0; i < r; i++) {
    let line = '';
    for (let j = from; j < to; j++) line += layout.text(x.data[base + i + j * r]).padStart(layout.width);
    rows.push(line);
  }
  return rows;
}

/** Characters a display line may take: the terminal's width, 80 when output is not a terminal (as MATLAB without a desktop). */
export function displayWidth(): number {
  const out = process.stdout;
  return out.isTTY && out.columns > 0 ? out.columns : 80;
}

/**
 * The 2-D page `page` of `x` as MATLAB's Command Window shows it: all columns
 * on one line when they fit in `width` characters, else in blocks headed
 * `  Columns 1 through 8` (`  Column 20` for a last single column), separated
 * by blank lines (format loose).
 */
export function pageText(x: MArray, page: number, layout: NumericLayout, width = displayWidth()): string {
  const columns = x.dims[1];
  const perBlock = Math.max(1, Math.floor(width / layout.width));
  if (columns <= perBlock) return pageRows(x, page, layout).join('\n');
  const blocks: string[] = [];
  for (let first = 0; first < columns; first += perBlock) {
    const last = Math.min(columns, first + perBlock);
    const heading = last - first === 1 ? `  Column ${first + 1}` : `  Columns ${first + 1} through ${last}`;
    blocks.push(`${heading}\n\n${pageRows(x, page, layout, first, last).join('\n')}`);
  }
  return blocks.join('\n\n');
}
