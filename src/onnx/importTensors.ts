/**
 * ONNX tensors (NCHW images, N×C matrices, row-major) ↔ MATLAB's arrays for
 * an imported network (H×W×C×N images, N×C matrices, column-major): what a
 * caller needs to feed an ONNX test data set (input_0.pb) to `predict` and
 * compare its result with output_0.pb.
 */
import { readFileSync } from 'node:fs';
import { matlabError } from '../runtime/errors.ts';
import { MArray } from '../runtime/marray.ts';
import { decodeTensor } from './protobuf.ts';
import { tensorValues, type TensorValues } from './tensors.ts';

/** A TensorProto file (input_0.pb) read into its dims and row-major values. */
export function readTensorFile(fn: string, file: string): TensorValues {
  return tensorValues(fn, decodeTensor(fn, readFileSync(file), file));
}

/** NCHW → H×W×C×N single, or N×C → N×C single. */
export function onnxToMatlab(fn: string, t: TensorValues): MArray {
  const v = t.data;
  if (t.dims.length === 4) {
    const [n, c, h, w] = t.dims;
    const out = new Float32Array(v.length);
    for (let i = 0; i < n; i++) for (let ch = 0; ch < c; ch++) for (let r = 0; r < h; r++) for (let col = 0; col < w; col++) {
      out[r + h * (col + w * (ch + c * i))] = Number(v[((i * c + ch) * h + r) * w + col]);
    }
    return MArray.wrap(out, [h, w, c, n], 'single');
  }
  if (t.dims.length === 2) {
    const [n, c] = t.dims;
    const out = new Float32Array(v.length);
    for (let i = 0; i < n; i++) for (let j = 0; j < c; j++) out[i + n * j] = Number(v[i * c + j]);
    return MArray.wrap(out, [n, c], 'single');
  }
  return matlabError(`${fn}:unsupportedInput`, `A rank-${t.dims.length} ONNX tensor has no MATLAB network layout (4-D NCHW images or 2-D N×C features).`);
}

/** A predict result (H×W×C×N or N×K) as ONNX's row-major NCHW / N×K values. */
export function matlabToOnnx(m: MArray): Float32Array {
  const d = m.dims;
  const out = new Float32Array(m.numel);
  if (d.length === 2) {
    const [n, k] = d;
    for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) out[i * k + j] = m.data[i + n * j];
    return out;
  }
  const [h, w, c, n = 1] = d;
  for (let i = 0; i < n; i++) for (let ch = 0; ch < c; ch++) for (let r = 0; r < h; r++) for (let col = 0; col < w; col++) {
    out[((i * c + ch) * h + r) * w + col] = m.data[r + h * (col + w * (ch + c * i))];
  }
  return out;
}
