/**
 * Independent checks of an exported ONNX file besides ONNX Runtime: ONNX's
 * own checker (python3-onnx, full_check: every node against its operator
 * schema at the file's opset, with shape inference), and ONNX's version
 * converter, which lifts an opset-6 file (that ONNX Runtime no longer runs)
 * to opset 7 by its own adapters. And a model with more graph outputs, to
 * compare intermediate activations (logits before a saturated softmax).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { DataType, decodeModel, encodeModel } from '../../src/onnx/protobuf.ts';

const PYTHON = '/usr/bin/python3';

const SCRIPT = `
import sys, onnx
from onnx import version_converter
m = onnx.load(sys.argv[1])
onnx.checker.check_model(m, full_check=True)
if len(sys.argv) > 2:
    up = version_converter.convert_version(m, int(sys.argv[3]))
    onnx.checker.check_model(up, full_check=True)
    onnx.save(up, sys.argv[2])
print('checked', m.opset_import[0].version)
`;

/** ONNX's checker on `file`; with `convertTo`, also writes the file converted to that opset at `converted`. */
export function onnxCheck(file: string, convert?: { to: number; file: string }): string {
  const args = ['-c', SCRIPT, file, ...(convert ? [convert.file, String(convert.to)] : [])];
  const r = spawnSync(PYTHON, args, { encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`onnx.checker rejected ${file}:\n${r.stderr || r.error?.message}`);
  return r.stdout.trim();
}

/** The model in `file` with the tensors `names` as further graph outputs. */
export function withOutputs(file: string, names: readonly string[]): Uint8Array {
  const model = decodeModel('test', readFileSync(file), file);
  model.graph!.output = [...(model.graph!.output ?? []), ...names.map((name) => ({ name, type: { tensorType: { elemType: DataType.FLOAT } } }))];
  return encodeModel('test', model);
}
