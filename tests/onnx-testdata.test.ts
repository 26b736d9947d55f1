/**
 * Debian's libonnx-testdata (the ONNX project's own test models): every model
 * whose operators all map to MATLAB layers must import and reproduce each
 * test_data_set_N/output_0.pb from input_0.pb within 1e-4 × max(1, max|expected|).
 * The others are counted with their reason: an unsupported operator (named),
 * an input (or output) no MATLAB network can have, an opset outside 6–17.
 *
 * The per-model lines and counts are docs/onnx-testdata.txt; this test
 * regenerates them and fails when the committed file differs
 * (ONNX_TESTDATA_WRITE=1 rewrites it).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importONNXNetwork } from '../src/onnx/importONNX.ts';
import { matlabToOnnx, onnxToMatlab, readTensorFile } from '../src/onnx/importTensors.ts';
import { predict } from '../src/network/inference.ts';
import { MatlabError } from '../src/runtime/errors.ts';
import { writeFileAtomic } from '../src/io/atomicWrite.ts';

const ROOT = '/usr/share/libonnx-testdata/data';
const SUITES = ['node', 'pytorch-converted', 'pytorch-operator', 'simple'];
const DOC = new URL('../docs/onnx-testdata.txt', import.meta.url);
const MUST_PASS = [
  'pytorch-converted/test_Conv2d_groups', 'pytorch-converted/test_Conv2d_groups_thnn', 'pytorch-converted/test_Conv2d_dilated',
  'pytorch-converted/test_Conv2d_strided', 'pytorch-converted/test_Conv2d_padding', 'pytorch-converted/test_Conv2d_depthwise',
  'pytorch-converted/test_MaxPool2d', 'pytorch-converted/test_AvgPool2d', 'pytorch-converted/test_AvgPool2d_stride',
  'pytorch-converted/test_BatchNorm2d_eval', 'pytorch-converted/test_BatchNorm2d_momentum_eval',
  'pytorch-converted/test_Linear', 'pytorch-converted/test_Linear_no_bias',
];

type Status = 'pass' | 'FAIL' | 'unsupported operator' | 'unsupported input' | 'unsupported opset';

interface Outcome {
  model: string;
  status: Status;
  detail: string;
  /** The unsupported operators, for the counts. */
  operators?: string[];
}

const REASONS: Record<string, Status> = {
  unsupportedOperators: 'unsupported operator',
  unsupportedInput: 'unsupported input',
  unsupportedOutput: 'unsupported input',
  unsupportedOutputLayerType: 'unsupported input',
  unsupportedTensorType: 'unsupported input',
  unsupportedOpset: 'unsupported opset',
};

/** The operators importONNXNetwork's message names, and its details (each operator's reason). */
function operatorsOf(message: string): { operators: string[]; details: string } {
  const m = /unsupported ONNX operators: ([^.]*)\. Details: (.*)\. Use importONNXLayers/s.exec(message);
  return m ? { operators: m[1].split(', '), details: m[2] } : { operators: [message], details: message };
}

async function runModel(dir: string, model: string): Promise<Outcome> {
  let net;
  try {
    net = importONNXNetwork(join(dir, 'model.onnx'), 'OutputLayerType', 'regression');
  } catch (e) {
    if (!(e instanceof MatlabError)) throw e;
    const status = REASONS[e.identifier.split(':')[1]];
    if (!status) return { model, status: 'FAIL', detail: `${e.identifier}: ${e.message}` };
    if (status !== 'unsupported operator') return { model, status, detail: e.message };
    const { operators, details } = operatorsOf(e.message);
    return { model, status, detail: details, operators };
  }
  const sets = readdirSync(dir).filter((d) => d.startsWith('test_data_set_')).sort();
  let worst = 0;
  for (const set of sets) {
    const x = readTensorFile('onnxTestdata', join(dir, set, 'input_0.pb'));
    const expected = readTensorFile('onnxTestdata', join(dir, set, 'output_0.pb'));
    // MATLAB networks compute in single precision: data beyond its range (double test data) cannot go through one.
    if (![x, expected].every((t) => Array.from(t.data).every((v) => Number.isFinite(Number(v))))) {
      return { model, status: 'unsupported input', detail: `${set}: its values exceed single precision (MATLAB networks compute in single)` };
    }
    const got = matlabToOnnx(await predict(net, onnxToMatlab('onnxTestdata', x)));
    if (got.length !== expected.data.length) return { model, status: 'FAIL', detail: `${set}: ${got.length} values, expected ${expected.data.length}` };
    let scale = 1;
    let diff = 0;
    for (let i = 0; i < got.length; i++) {
      scale = Math.max(scale, Math.abs(Number(expected.data[i])));
      diff = Math.max(diff, Math.abs(got[i] - Number(expected.data[i])));
    }
    if (!(diff <= 1e-4 * scale)) return { model, status: 'FAIL', detail: `${set}: max |difference| ${diff.toExponential(2)} > 1e-4 × ${scale}` };
    worst = Math.max(worst, diff / scale);
  }
  return { model, status: 'pass', detail: `${sets.length} data set(s), max relative difference ${worst.toExponential(1)}` };
}

function report(outcomes: Outcome[]): string {
  const count = (s: Status) => outcomes.filter((o) => o.status === s).length;
  const operators = new Map<string, number>();
  for (const o of outcomes) if (o.status === 'unsupported operator') for (const op of o.operators ?? []) operators.set(op, (operators.get(op) ?? 0) + 1);
  const inputKinds: [string, RegExp][] = [
    ['several data inputs', /data inputs/], ['input rank not 4 or 2', /has rank/], ['non-float input', /element type/],
    ['not one output', /outputs;/], ['constant output', /is a constant/], ['values beyond single precision', /single precision/],
  ];
  const inputs = inputKinds.map(([what, re]) => `${what} ${outcomes.filter((o) => o.status === 'unsupported input' && re.test(o.detail)).length}`);
  const lines = [
    '# libonnx-testdata (Debian) through importONNXNetwork: generated by tests/onnx-testdata.test.ts (ONNX_TESTDATA_WRITE=1 rewrites it)',
    `# ${outcomes.length} models: ${count('pass')} pass, ${count('FAIL')} fail, ${count('unsupported operator')} unsupported operator, ${count('unsupported input')} unsupported input or output, ${count('unsupported opset')} opset outside 6-17`,
    `# unsupported input or output: ${inputs.join(', ')}`,
    `# unsupported operators (models): ${[...operators].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([op, n]) => `${op} ${n}`).join(', ')}`,
    // A pass line has no figures, so the file does not change with rounding.
    ...outcomes.map((o) => `${o.model}\t${o.status}${o.status === 'pass' ? '' : `\t${o.detail.replace(/\s+/g, ' ')}`}`),
  ];
  return `${lines.join('\n')}\n`;
}

describe('libonnx-testdata', () => {
  it('imports and reproduces every model whose operators map', async () => {
    expect(existsSync(ROOT), `${ROOT} is missing: scripts/ensure-debian-packages.sh installs libonnx-testdata`).toBe(true);
    const outcomes: Outcome[] = [];
    for (const suite of SUITES) {
      for (const m of readdirSync(join(ROOT, suite)).sort()) {
        const o = await runModel(join(ROOT, suite, m), `${suite}/${m}`);
        outcomes.push(o);
        console.log(`${o.model}: ${o.status} (${o.detail})`);
      }
    }
    const text = report(outcomes);
    if (process.env.ONNX_TESTDATA_WRITE === '1') await writeFileAtomic(DOC.pathname, text);
    expect(outcomes.filter((o) => o.status === 'FAIL')).toEqual([]);
    for (const m of MUST_PASS) expect(outcomes.find((o) => o.model === m)?.status, m).toBe('pass');
    expect(text).toBe(readFileSync(DOC, 'utf8'));
  }, 300_000);
});
