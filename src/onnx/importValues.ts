/**
 * What the ONNX importer knows about each tensor of the graph while it
 * walks the nodes: a constant (initializer, Constant, a folded shape
 * computation) or an activation produced by a MATLAB layer.
 *
 * An activation is an image (the layer's H×W×C output, with `layout`
 * saying which semantic axis N, C, H, W each ONNX axis holds: [0,1,2,3] is
 * NCHW, and a Transpose changes only the layout) or features (an N×D ONNX
 * matrix). Features from a Flatten/Reshape of an H×W×C activation keep that
 * activation as their source with the ONNX row-major `order` of its axes
 * ('CHW' for NCHW): a Gemm permutes its weights to MATLAB's column-major
 * flattening instead of flattening, and any other reader gets an
 * ONNXFlattenLayer in between.
 */
import { matlabError } from '../runtime/errors.ts';
import type { ActivationSize, Layer } from '../layers/Layer.ts';
import type { OnnxAttribute, OnnxNode } from './protobuf.ts';
import { AttributeType, toNumber } from './protobuf.ts';
import { tensorValues } from './tensors.ts';
import { onnxFlattenLayer } from './importLayers.ts';

export interface ImageValue {
  kind: 'image';
  /** The layer whose output this is. */
  source: string;
  /** H×W×C; null after a placeholder (unknown). */
  size: ActivationSize | null;
  /** layout[i]: the semantic axis (0 N, 1 C, 2 H, 3 W) of ONNX axis i. */
  layout: number[];
}

export interface FeatureValue {
  kind: 'features';
  source: string;
  /** The source activation's H×W×C (1×1×D for plain features). */
  size: ActivationSize | null;
  /** ONNX row-major order of the source's axes ('CHW'), or null when the features are the source's channels. */
  order: string | null;
}

export interface ConstValue {
  kind: 'const';
  dims: number[];
  data: Float32Array | number[];
  dataType: number;
}

export type Activation = ImageValue | FeatureValue;
export type Value = Activation | ConstValue;

/** An operator (or a use of one) with no MATLAB layer: the importer puts a placeholder instead. */
export class Unsupported extends Error {}

export function unsupported(reason: string): never {
  throw new Unsupported(reason);
}

export const NCHW = [0, 1, 2, 3];

export function isIdentityLayout(layout: readonly number[]): boolean {
  return layout.every((s, i) => s === i);
}

/** The ONNX row-major order of an image value's axes after the batch ('CHW' for NCHW). */
export function layoutOrder(layout: readonly number[]): string {
  return layout.slice(1).map((s) => 'NCHW'[s]).join('');
}

/** Per-sample element count of an activation. */
export function elementCount(size: ActivationSize): number {
  return size[0] * size[1] * size[2];
}

/** An activation's ONNX shape (batch `n` first). */
export function onnxShape(v: Activation, n: number): number[] {
  if (!v.size) return unsupported('its input size is unknown (it follows an unsupported operator)');
  const [h, w, c] = v.size;
  if (v.kind === 'features') return [n, h * w * c];
  const bySemantic = [n, c, h, w];
  return v.layout.map((s) => bySemantic[s]);
}

/**
 * For features whose source is H×W×C flattened in ONNX `order`: the MATLAB
 * column-major index (h + H·w + H·W·c) of each ONNX feature j. Null when the
 * two orders agree (plain features, or a 1×1 source).
 */
export function matlabFeatureIndex(v: FeatureValue): Int32Array | null {
  if (!v.size) return unsupported('its input size is unknown (it follows an unsupported operator)');
  const [h, w, c] = v.size;
  if (v.order === null || (h === 1 && w === 1)) return null;
  const extent: Record<string, number> = { C: c, H: h, W: w };
  const axes = [...v.order];
  const index = new Int32Array(h * w * c);
  for (let j = 0; j < index.length; j++) {
    const at: Record<string, number> = {};
    let rest = j;
    for (let k = axes.length - 1; k >= 0; k--) {
      at[axes[k]] = rest % extent[axes[k]];
      rest = Math.floor(rest / extent[axes[k]]);
    }
    index[j] = at.H + h * (at.W + w * at.C);
  }
  return index;
}

/** A graph node with typed access to its attributes. */
export class NodeView {
  readonly opType: string;
  readonly inputs: string[];
  readonly outputs: string[];
  private readonly attrs: Map<string, OnnxAttribute>;

  constructor(readonly node: OnnxNode) {
    this.opType = node.opType ?? '';
    this.inputs = node.input ?? [];
    this.outputs = node.output ?? [];
    this.attrs = new Map((node.attribute ?? []).map((a) => [a.name, a]));
  }

  has(name: string): boolean {
    return this.attrs.has(name);
  }

  int(name: string, def: number): number {
    const a = this.attrs.get(name);
    return a ? toNumber(a.i) : def;
  }

  float(name: string, def: number): number {
    const a = this.attrs.get(name);
    return a ? a.f ?? 0 : def;
  }

  ints(name: string, def: number[] | null = null): number[] | null {
    const a = this.attrs.get(name);
    return a ? (a.ints ?? []).map(toNumber) : def;
  }

  floats(name: string): number[] | null {
    const a = this.attrs.get(name);
    return a ? [...(a.floats ?? [])] : null;
  }

  string(name: string, def: string): string {
    const a = this.attrs.get(name);
    return a?.s ? new TextDecoder().decode(a.s) : def;
  }

  tensor(name: string): ConstValue | null {
    const a = this.attrs.get(name);
    return a?.t ? constFromTensor(a.t) : null;
  }

  /** Attributes as plain values (for a placeholder's ONNXNode). */
  attributeValues(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, a] of this.attrs) {
      switch (a.type) {
        case AttributeType.FLOAT: out[k] = a.f; break;
        case AttributeType.INT: out[k] = toNumber(a.i); break;
        case AttributeType.STRING: out[k] = a.s ? new TextDecoder().decode(a.s) : ''; break;
        case AttributeType.FLOATS: out[k] = [...(a.floats ?? [])]; break;
        case AttributeType.INTS: out[k] = (a.ints ?? []).map(toNumber); break;
        case AttributeType.TENSOR: out[k] = a.t ? constFromTensor(a.t) : null; break;
        default: out[k] = `(attribute of type ${a.type ?? '?'})`;
      }
    }
    return out;
  }
}

export function constFromTensor(t: Parameters<typeof tensorValues>[1]): ConstValue {
  const v = tensorValues('importONNXNetwork', t);
  return { kind: 'const', dims: v.dims, data: v.data, dataType: v.dataType };
}

/** MATLAB's matlab.lang.makeValidName: letters, digits and underscores, starting with a letter, at most 63 characters. */
export function makeValidName(s: string): string {
  let n = s.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z]/.test(n)) n = `x${n}`;
  return n.slice(0, 63);
}

/** A layer added by the importer and the layers feeding its input ports. */
export interface ImportedLayer {
  layer: Layer;
  inputs: string[];
}

/** The state of one import: values by ONNX name, the layers made so far, their output sizes. */
export class ImportContext {
  readonly values = new Map<string, Value>();
  readonly layers: ImportedLayer[] = [];
  private readonly sizes = new Map<string, ActivationSize | null>();
  private readonly taken = new Set<string>();
  private readonly flattened = new Map<FeatureValue, string>();

  constructor(readonly fn: string, readonly opset: number, readonly batch: number, private readonly readers: Map<string, number>) {}

  /** A unique valid layer name from `hint`. */
  uniqueName(hint: string): string {
    const base = makeValidName(hint || 'layer');
    let name = base;
    for (let k = 1; this.taken.has(name); k++) name = `${base}_${k}`;
    this.taken.add(name);
    return name;
  }

  /** Add a layer fed by `inputs` (layer names, one per port); returns its output size (null when an input size is unknown). */
  add(layer: Layer, inputs: string[]): ActivationSize | null {
    const ins = inputs.map((s) => this.sizes.get(s) ?? null);
    let size: ActivationSize | null = null;
    if (layer.isInput) size = layer.outputSize([0, 0, 0]);
    else if (ins.every((s) => s !== null) && !layer.Type.startsWith('PLACEHOLDER')) size = layer.outputSizeOf(ins as ActivationSize[]);
    this.layers.push({ layer, inputs });
    this.sizes.set(layer.Name, size);
    return size;
  }

  sizeOf(source: string): ActivationSize | null {
    return this.sizes.get(source) ?? null;
  }

  /** How many nodes (and graph outputs) read the tensor. */
  readersOf(name: string): number {
    return this.readers.get(name) ?? 0;
  }

  value(fn: string, name: string): Value {
    const v = this.values.get(name);
    if (!v) matlabError(`${fn}:invalidFile`, `Invalid ONNX model: tensor '${name}' is used before it is produced (the graph is not topologically sorted or an input is missing).`);
    return v;
  }

  /**
   * The layer whose output holds these features as MATLAB channels: the
   * source itself, or an ONNXFlattenLayer (one per value) when the ONNX order
   * differs from the source's channels.
   */
  featureSource(v: FeatureValue): string {
    if (matlabFeatureIndex(v) === null) return v.source;
    let name = this.flattened.get(v);
    if (!name) {
      const layer = onnxFlattenLayer(this.uniqueName(`${v.source}_flatten`), v.order!);
      this.add(layer, [v.source]);
      name = layer.Name;
      this.flattened.set(v, name);
    }
    return name;
  }
}
