/**
 * ONNX TensorProto values ↔ plain typed arrays, in ONNX's own (row-major)
 * layout. Layout changes into MATLAB's conventions belong to the operator
 * tables, not here.
 */
import { matlabError } from '../runtime/errors.ts';
import { DataType, toNumber, type OnnxTensor } from './protobuf.ts';

/** A tensor's dims and values: floats as Float32Array, integers as plain numbers (int64 shapes, axes). */
export interface TensorValues {
  dims: number[];
  data: Float32Array | number[];
  dataType: number;
}

function rawView(raw: Uint8Array): DataView {
  return new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
}

/** The values of an initializer or Constant; `fn` names the caller in errors. */
export function tensorValues(fn: string, t: OnnxTensor): TensorValues {
  const dims = (t.dims ?? []).map(toNumber);
  const count = dims.reduce((a, b) => a * b, 1);
  const type = t.dataType ?? DataType.FLOAT;
  const raw = t.rawData && t.rawData.length > 0 ? t.rawData : undefined;
  const check = (n: number) => {
    if (n !== count) matlabError(`${fn}:invalidTensor`, `ONNX tensor '${t.name ?? ''}' holds ${n} values but its dims [${dims.join(' ')}] need ${count}.`);
  };
  switch (type) {
    case DataType.FLOAT: {
      if (raw) {
        if (raw.byteLength !== count * 4) check(raw.byteLength / 4);
        // Copy into an aligned buffer: raw_data sits at any offset inside the file
        // (and Node's Buffer.slice shares memory, so copy through Uint8Array's own slice).
        return { dims, data: new Float32Array(Uint8Array.prototype.slice.call(raw).buffer), dataType: type };
      }
      check(t.floatData?.length ?? 0);
      return { dims, data: Float32Array.from(t.floatData ?? []), dataType: type };
    }
    case DataType.DOUBLE: {
      if (raw) {
        check(raw.byteLength / 8);
        const v = rawView(raw);
        return { dims, data: Float32Array.from({ length: count }, (_, i) => v.getFloat64(i * 8, true)), dataType: type };
      }
      check(t.doubleData?.length ?? 0);
      return { dims, data: Float32Array.from(t.doubleData ?? []), dataType: type };
    }
    case DataType.INT64: {
      if (raw) {
        check(raw.byteLength / 8);
        const v = rawView(raw);
        return { dims, data: Array.from({ length: count }, (_, i) => Number(v.getBigInt64(i * 8, true))), dataType: type };
      }
      check(t.int64Data?.length ?? 0);
      return { dims, data: (t.int64Data ?? []).map(toNumber), dataType: type };
    }
    case DataType.INT32: case DataType.INT8: case DataType.UINT8: case DataType.BOOL: {
      if (raw) {
        const size = type === DataType.INT32 ? 4 : 1;
        check(raw.byteLength / size);
        const v = rawView(raw);
        const read = (i: number) => (type === DataType.INT32 ? v.getInt32(i * 4, true) : type === DataType.INT8 ? v.getInt8(i) : v.getUint8(i));
        return { dims, data: Array.from({ length: count }, (_, i) => read(i)), dataType: type };
      }
      check(t.int32Data?.length ?? 0);
      return { dims, data: [...(t.int32Data ?? [])], dataType: type };
    }
    default:
      return matlabError(`${fn}:unsupportedTensorType`, `ONNX tensor '${t.name ?? ''}' has data type ${type}; only float, double and integer tensors can be imported.`);
  }
}

/** A float32 TensorProto (values in ONNX's row-major layout), stored as raw_data as exporters do. */
export function floatTensor(name: string, dims: readonly number[], data: Float32Array): OnnxTensor {
  const count = dims.reduce((a, b) => a * b, 1);
  if (count !== data.length) throw new Error(`floatTensor '${name}': ${data.length} values for dims [${dims.join(' ')}]`);
  return { name, dims: [...dims], dataType: DataType.FLOAT, rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/** An int64 TensorProto (Reshape shapes, axes). */
export function int64Tensor(name: string, values: readonly number[]): OnnxTensor {
  const raw = new Uint8Array(values.length * 8);
  const v = new DataView(raw.buffer);
  values.forEach((x, i) => v.setBigInt64(i * 8, BigInt(x), true));
  return { name, dims: [values.length], dataType: DataType.INT64, rawData: raw };
}
