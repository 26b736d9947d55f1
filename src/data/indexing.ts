/**
 * Turn MATLAB indices (1-based numbers, numeric or logical MArrays, boolean
 * masks) into 0-based positions, with MATLAB's index errors.
 */
import { MArray } from '../runtime/marray.ts';
import { matlabError } from '../runtime/errors.ts';

export type IndexInput = number | readonly number[] | readonly boolean[] | MArray;

export function toPositions(fn: string, idx: IndexInput, n: number): number[] {
  if (idx instanceof MArray && idx.cls === 'logical') return maskPositions(fn, Array.from(idx.data, Boolean), n);
  if (Array.isArray(idx) && idx.length > 0 && idx.every((v) => typeof v === 'boolean')) return maskPositions(fn, idx as boolean[], n);
  let values: number[];
  if (typeof idx === 'number') values = [idx];
  else if (idx instanceof MArray) values = idx.toArray();
  else if (Array.isArray(idx) && idx.every((v) => typeof v === 'number')) values = idx as number[];
  else return matlabError(`${fn}:invalidIndices`, 'Indices must be a numeric vector of positive integers or a logical vector.');
  return values.map((v) => {
    if (!Number.isInteger(v) || v < 1) {
      matlabError(`${fn}:invalidIndices`, `Array indices must be positive integers or logical values (got ${v}).`);
    }
    if (v > n) {
      matlabError(`${fn}:indexOutOfRange`, `Index ${v} exceeds the number of files in the datastore (${n}).`);
    }
    return v - 1;
  });
}

function maskPositions(fn: string, mask: readonly boolean[], n: number): number[] {
  if (mask.length > n) {
    matlabError(`${fn}:indexOutOfRange`, `The logical index has ${mask.length} elements but the datastore has only ${n} files.`);
  }
  const out: number[] = [];
  mask.forEach((m, i) => {
    if (m) out.push(i);
  });
  return out;
}
