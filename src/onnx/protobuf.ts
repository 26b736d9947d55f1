/**
 * ONNX's protobuf messages, read and written with protobufjs against ONNX's
 * own schema (onnx.proto, copied unchanged from github.com/onnx/onnx,
 * Apache-2.0). No hand-written wire decoding: a truncated or foreign file
 * fails in protobufjs' decoder and is reported here in MATLAB's style.
 */
import { readFileSync } from 'node:fs';
import protobuf from 'protobufjs';
import { matlabError } from '../runtime/errors.ts';

/** The subset of onnx.proto's messages this toolbox reads and writes (field names as protobufjs gives them). */
export interface OnnxTensor {
  name?: string;
  dims?: (number | Long)[];
  dataType?: number;
  floatData?: number[];
  int32Data?: number[];
  int64Data?: (number | Long)[];
  doubleData?: number[];
  rawData?: Uint8Array;
}
type Long = { toNumber(): number };

export interface OnnxAttribute {
  name: string;
  type?: number;
  f?: number;
  i?: number | Long;
  s?: Uint8Array;
  t?: OnnxTensor;
  floats?: number[];
  ints?: (number | Long)[];
  strings?: Uint8Array[];
}

export interface OnnxNode {
  input?: string[];
  output?: string[];
  name?: string;
  opType?: string;
  domain?: string;
  attribute?: OnnxAttribute[];
}

export interface OnnxDimension {
  dimValue?: number | Long;
  dimParam?: string;
}

export interface OnnxValueInfo {
  name?: string;
  type?: { tensorType?: { elemType?: number; shape?: { dim?: OnnxDimension[] } } };
}

export interface OnnxGraph {
  node?: OnnxNode[];
  name?: string;
  initializer?: OnnxTensor[];
  input?: OnnxValueInfo[];
  output?: OnnxValueInfo[];
  valueInfo?: OnnxValueInfo[];
}

export interface OnnxModel {
  irVersion?: number | Long;
  opsetImport?: { domain?: string; version?: number | Long }[];
  producerName?: string;
  producerVersion?: string;
  graph?: OnnxGraph;
}

/** TensorProto.DataType values this toolbox meets. */
export const DataType = { FLOAT: 1, UINT8: 2, INT8: 3, INT32: 6, INT64: 7, BOOL: 9, FLOAT16: 10, DOUBLE: 11 } as const;

/** AttributeProto.AttributeType values. */
export const AttributeType = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, FLOATS: 6, INTS: 7, STRINGS: 8 } as const;

let schema: protobuf.Root | undefined;

/** The parsed onnx.proto (parsed once, on first use). */
export function onnxSchema(): protobuf.Root {
  schema ??= protobuf.parse(readFileSync(new URL('./onnx.proto', import.meta.url), 'utf8'), { keepCase: false }).root;
  return schema;
}

function messageType(name: string): protobuf.Type {
  return onnxSchema().lookupType(`onnx.${name}`);
}

/** Decode a ModelProto; `fn` and `what` name the caller and the file in errors. */
export function decodeModel(fn: string, bytes: Uint8Array, what: string): OnnxModel {
  let model: OnnxModel;
  try {
    model = messageType('ModelProto').decode(bytes) as unknown as OnnxModel;
  } catch (e) {
    return matlabError(`${fn}:invalidFile`, `Unable to read '${what}' as an ONNX model: ${(e as Error).message}. The file is truncated or is not an ONNX (.onnx) file.`);
  }
  if (!model.graph || !(model.graph.node?.length) || !(model.opsetImport?.length)) {
    matlabError(`${fn}:invalidFile`, `'${what}' is not an ONNX model: it has no graph or no operator set.`);
  }
  return model;
}

/** Decode a TensorProto (the test data's input_*.pb / output_*.pb). */
export function decodeTensor(fn: string, bytes: Uint8Array, what: string): OnnxTensor {
  try {
    return messageType('TensorProto').decode(bytes) as unknown as OnnxTensor;
  } catch (e) {
    return matlabError(`${fn}:invalidFile`, `Unable to read '${what}' as an ONNX tensor: ${(e as Error).message}.`);
  }
}

/** Encode a ModelProto given as plain objects (protobufjs checks every field against the schema). */
export function encodeModel(fn: string, model: OnnxModel): Uint8Array {
  const type = messageType('ModelProto');
  const problem = type.verify(model);
  if (problem) matlabError(`${fn}:internal`, `Invalid ONNX model produced: ${problem}`);
  return type.encode(type.fromObject(model as Record<string, unknown>)).finish();
}

/** Encode a TensorProto. */
export function encodeTensor(tensor: OnnxTensor): Uint8Array {
  const type = messageType('TensorProto');
  return type.encode(type.fromObject(tensor as Record<string, unknown>)).finish();
}

/** A protobuf int64 (a Long for large values) as a JS number. */
export function toNumber(v: number | Long | undefined | null): number {
  if (v === undefined || v === null) return 0;
  return typeof v === 'number' ? v : v.toNumber();
}
