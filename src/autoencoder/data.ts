/**
 * Autoencoder inputs: a numeric matrix (one column per sample) or a cell of
 * same-size images, each flattened column-major into one column as MATLAB does.
 */
import { MArray } from '../runtime/marray.ts';
import { Cell } from '../runtime/cell.ts';
import { matlabError } from '../runtime/errors.ts';

export interface DataMatrix {
  values: Float64Array;
  rows: number;
  cols: number;
  /** Image size when the data came as a cell of images (for predict and plotWeights). */
  imageSize: number[] | null;
}

export function toDataMatrix(fn: string, x: unknown): DataMatrix {
  if (x instanceof MArray) {
    if (x.dims.length !== 2) matlabError(`${fn}:invalidInput`, 'X must be a matrix (one column per sample) or a cell array of images.');
    return { values: Float64Array.from(x.data), rows: x.dims[0], cols: x.dims[1], imageSize: null };
  }
  if (x instanceof Cell || Array.isArray(x)) {
    const cells = x as unknown[];
    if (cells.length === 0) matlabError(`${fn}:invalidInput`, 'The cell array of images is empty.');
    const first = cells[0];
    if (!(first instanceof MArray)) matlabError(`${fn}:invalidInput`, 'Each cell must hold a numeric image.');
    const imageSize = [...first.dims];
    const rows = first.numel;
    const values = new Float64Array(rows * cells.length);
    cells.forEach((img, j) => {
      if (!(img instanceof MArray) || img.numel !== rows || img.dims.some((d, k) => d !== imageSize[k])) {
        matlabError(`${fn}:invalidInput`, `All images must have the same size: cell ${j + 1} differs from cell 1.`);
      }
      values.set(img.data, j * rows);
    });
    return { values, rows, cols: cells.length, imageSize };
  }
  return matlabError(`${fn}:invalidInput`, 'X must be a numeric matrix or a cell array of images.');
}

/** Back to the caller's form: a matrix, or a column cell of images. */
export function fromDataMatrix(values: Float64Array, rows: number, cols: number, imageSize: number[] | null): MArray | Cell<MArray> {
  if (imageSize === null) return MArray.from(values, [rows, cols]);
  return Cell.from({ length: cols }, (_, j) => MArray.from(values.subarray(j * rows, (j + 1) * rows), imageSize));
}
