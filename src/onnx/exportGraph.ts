/**
 * The ONNX graph under construction for exportONNXNetwork: nodes,
 * initializers and unique tensor names, with the opset-dependent forms the
 * layer table (exportOperators.ts) shares — attributes, constants that became
 * inputs (Clip at 11, Pad at 11, Dropout at 12) and the opset-6 broadcasting
 * attributes of the arithmetic operators.
 */
import type { ActivationSize } from '../layers/Layer.ts';
import { AttributeType, type OnnxAttribute, type OnnxNode, type OnnxTensor } from './protobuf.ts';
import { floatTensor, int64Tensor } from './tensors.ts';

/** One exported activation: its tensor, MATLAB's H×W×C size, and its ONNX rank (4: N×C×H×W, 2: N×C after a Flatten or Gemm). */
export interface ExportValue {
  name: string;
  size: ActivationSize;
  rank: 2 | 4;
}

export type AttributeValue = number | number[] | string | { float: number } | { floats: number[] };

/** Integers as INT/INTS; `{ float }`/`{ floats }` mark float attributes (a JS number cannot say which it is). */
function attribute(name: string, v: AttributeValue): OnnxAttribute {
  if (typeof v === 'string') return { name, type: AttributeType.STRING, s: new TextEncoder().encode(v) };
  if (Array.isArray(v)) return { name, type: AttributeType.INTS, ints: v };
  if (typeof v === 'number') return { name, type: AttributeType.INT, i: v };
  if ('float' in v) return { name, type: AttributeType.FLOAT, f: v.float };
  return { name, type: AttributeType.FLOATS, floats: v.floats };
}

export class ExportGraph {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  private readonly used = new Set<string>();

  constructor(readonly opset: number) {}

  /** A tensor or node name not used yet: `base`, else base_1, base_2, … */
  unique(base: string): string {
    let name = base;
    for (let k = 1; this.used.has(name); k++) name = `${base}_${k}`;
    this.used.add(name);
    return name;
  }

  /** Reserve names given by the network (layer names) before any helper tensor takes them. */
  reserve(names: Iterable<string>): void {
    for (const n of names) this.used.add(n);
  }

  node(opType: string, inputs: string[], outputs: string[], attrs: Record<string, AttributeValue | undefined> = {}, name = outputs[0]): void {
    const attribute_ = Object.entries(attrs).filter((e): e is [string, AttributeValue] => e[1] !== undefined).map(([k, v]) => attribute(k, v));
    this.nodes.push({ name, opType, input: inputs, output: outputs, attribute: attribute_ });
  }

  /** A float initializer (values in ONNX's row-major order); returns its name. */
  floats(base: string, dims: readonly number[], data: Float32Array): string {
    const name = this.unique(base);
    this.initializers.push(floatTensor(name, dims, data));
    return name;
  }

  /** An int64 initializer (shapes, axes). */
  ints(base: string, values: readonly number[]): string {
    const name = this.unique(base);
    this.initializers.push(int64Tensor(name, values));
    return name;
  }

  /** A float scalar initializer (dims []: Clip's min/max, Dropout's ratio). */
  scalar(base: string, v: number): string {
    const name = this.unique(base);
    this.initializers.push(floatTensor(name, [], Float32Array.of(v)));
    return name;
  }

  /**
   * Constant padding of an N×C×H×W tensor by MATLAB's [t b l r]: pads as an
   * attribute before opset 11, as inputs from 11 on.
   */
  pad(input: string, output: string, tblr: readonly number[], value: number): void {
    const [t, b, l, r] = tblr;
    const pads = [0, 0, t, l, 0, 0, b, r];
    if (this.opset < 11) {
      this.node('Pad', [input], [output], { mode: 'constant', pads, value: { float: value } });
    } else {
      this.node('Pad', [input, this.ints(`${output}_pads`, pads), this.scalar(`${output}_value`, value)], [output], { mode: 'constant' });
    }
  }

  /**
   * Element-wise Sub/Div/Mul of x by a constant from a MATLAB statistic:
   * `perChannel` holds C values, or (with `spatial`) C×H×W, or one value.
   * Opset 6 has no numpy broadcasting: it needs broadcast=1 and axis=1.
   */
  arithmetic(op: 'Sub' | 'Div' | 'Mul' | 'Add' | 'Pow', x: ExportValue, output: string, constant: { data: Float32Array; spatial: boolean }): void {
    const [h, w, c] = x.size;
    const legacy = this.opset < 7;
    // Opset 6 broadcasts a contiguous run of A's dimensions (axis=1: C×H×W); ONNX's own version converter
    // rejects a per-channel C with axis 1, so per-channel values are spread over H×W there.
    const { data, spatial } = legacy && x.rank === 4 && constant.data.length === c && c > 1 && h * w > 1 ? { data: spreadChannels(constant.data, h * w), spatial: true } : constant;
    let dims: number[];
    if (data.length === 1) dims = legacy ? [1] : [];
    else if (x.rank === 2) dims = [c];
    else if (spatial) dims = legacy ? [c, h, w] : [1, c, h, w];
    else dims = legacy ? [c] : [1, c, 1, 1];
    const name = this.floats(`${output}_${op === 'Sub' || op === 'Add' ? 'B' : op === 'Pow' ? 'exponent' : 'scale'}`, dims, data);
    const attrs = legacy ? (data.length === 1 ? { broadcast: 1 } : { broadcast: 1, axis: 1 }) : {};
    this.node(op, [x.name, name], [output], attrs);
  }

  /** A rank-2 activation (N×K) as N×K×1×1, for the layers that need images. */
  as4d(x: ExportValue): ExportValue {
    if (x.rank === 4) return x;
    const name = this.unique(`${x.name}_4d`);
    this.node('Reshape', [x.name, this.ints(`${name}_shape`, [0, x.size[2], 1, 1])], [name]);
    return { name, size: x.size, rank: 4 };
  }
}

/** C values → C×H×W (row-major), each channel's value over its hw positions. */
function spreadChannels(v: Float32Array, hw: number): Float32Array {
  const out = new Float32Array(v.length * hw);
  v.forEach((x, c) => out.fill(x, c * hw, (c + 1) * hw));
  return out;
}
