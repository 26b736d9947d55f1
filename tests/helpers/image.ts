/** Helpers for the image/graphics tests: matrices written row by row, as on paper. */
import { MArray, type MClass } from '../../src/runtime/marray.ts';

/** Rows → column-major MArray (MATLAB's [a b; c d]). */
export function mat(rows: number[][], cls: MClass = 'double'): MArray {
  const r = rows.length;
  const c = rows[0].length;
  const data: number[] = [];
  for (let j = 0; j < c; j++) for (let i = 0; i < r; i++) data.push(rows[i][j]);
  return MArray.from(data, [r, c], cls);
}

/** Column-major MArray (2-D, or one plane of a 3-D array) → rows. */
export function rowsOf(a: MArray, plane = 0): number[][] {
  const [r, c] = a.dims;
  const base = plane * r * c;
  return Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => a.data[base + i + j * r]));
}

/** Round for comparisons printed with a few decimals. */
export function roundRows(rows: number[][], digits = 4): number[][] {
  const f = 10 ** digits;
  return rows.map((r) => r.map((v) => Math.round(v * f) / f + 0));
}
