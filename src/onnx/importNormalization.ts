/**
 * The input normalization an exporter writes as element-wise arithmetic on
 * the graph input (this toolbox's exportONNXNetwork and MATLAB's: Sub of the
 * mean, Div by the standard deviation, Mul and Add for the rescalings), read
 * back into the input layer's Normalization and statistics:
 *   Sub c                       → 'zerocenter', Mean c
 *   'zerocenter' then Div s     → 'zscore', StandardDeviation s
 *   'zerocenter' then Mul k     → 'rescale-zero-one', Min = Mean, Max = Min + 1/k
 *   'rescale-zero-one' Add −1   → 'rescale-symmetric', Max = Min + 2·(Max − Min)
 * Only when the input layer's output feeds that node alone, in NCHW (or N×F)
 * layout; anything else stays with the operator's own entry.
 */
import { MArray } from '../runtime/marray.ts';
import { InputLayer } from '../layers/imageInputLayer.ts';
import { isIdentityLayout, type ConstValue, type ImportContext, type NodeView, type Value } from './importValues.ts';

type Op = 'Sub' | 'Div' | 'Mul' | 'Add';

/** A constant over C channels, C×H×W or one value, as MATLAB's statistic (1×1×C, H×W×C, scalar); null when it fits none. */
function statistic(c: ConstValue, [h, w, ch]: readonly number[]): MArray | null {
  const d = c.data;
  if (d.length === 1) return MArray.scalar(Number(d[0]), 'single');
  // A per-channel constant must broadcast over the channel axis: [C], [C 1 1] or [1 C 1 1].
  const dims = c.dims.filter((x, i) => x !== 1 || i >= c.dims.length - 3);
  if (d.length === ch && (dims.length === 1 || dims.slice(-2).every((x) => x === 1))) return MArray.from(Float32Array.from(d, Number), [1, 1, ch], 'single');
  if (d.length === h * w * ch && c.dims.slice(-3).join() === [ch, h, w].join()) {
    const out = new Float32Array(d.length);
    for (let k = 0; k < ch; k++) for (let r = 0; r < h; r++) for (let col = 0; col < w; col++) out[r + h * (col + w * k)] = Number(d[(k * h + r) * w + col]);
    return MArray.from(out, [h, w, ch], 'single');
  }
  return null;
}

/** f element by element (a scalar broadcasts); null for two statistics of different shapes. */
function combine(a: MArray, b: MArray, f: (x: number, y: number) => number): MArray | null {
  if (a.numel !== 1 && b.numel !== 1 && a.numel !== b.numel) return null;
  const big = a.numel >= b.numel ? a : b;
  const at = (m: MArray, i: number) => Number(m.data[m.numel === 1 ? 0 : i]);
  return MArray.from(Float32Array.from({ length: big.numel }, (_, i) => f(at(a, i), at(b, i))), big.dims, 'single');
}

/** Fold the node into the input layer's normalization; false when it is not such a node. */
function fold(op: Op, node: NodeView, ctx: ImportContext): boolean {
  if (node.inputs.length !== 2) return false;
  const [x, c] = node.inputs.map((n) => ctx.value(ctx.fn, n)) as [Value, Value];
  if (x.kind === 'const' || c.kind !== 'const' || !x.size) return false;
  if (x.kind === 'image' ? !isIdentityLayout(x.layout) : x.order !== null) return false;
  const layer = ctx.layers.find((l) => l.layer.Name === x.source)?.layer;
  if (!(layer instanceof InputLayer) || ctx.readersOf(node.inputs[0]) !== 1) return false;
  const s = statistic(c, x.size);
  if (!s) return false;
  const n = layer.Normalization;
  if (op === 'Sub' && n === 'none') {
    layer.Normalization = 'zerocenter';
    layer.setStatistics({ Mean: s });
  } else if (op === 'Div' && n === 'zerocenter') {
    layer.Normalization = 'zscore';
    layer.setStatistics({ StandardDeviation: s });
  } else if (op === 'Mul' && n === 'zerocenter' && layer.Mean) {
    const min = layer.Mean;
    const max = combine(min, s, (lo, k) => lo + 1 / k);
    if (!max) return false;
    layer.Normalization = 'rescale-zero-one';
    layer.Mean = null;
    layer.setStatistics({ Min: min, Max: max });
  } else if (op === 'Add' && n === 'rescale-zero-one' && layer.Min && layer.Max && s.numel === 1 && s.data[0] === -1) {
    layer.Normalization = 'rescale-symmetric';
    layer.setStatistics({ Max: combine(layer.Min, layer.Max, (lo, hi) => lo + 2 * (hi - lo))! });
  } else {
    return false;
  }
  ctx.values.set(node.outputs[0], x);
  return true;
}

/** An operator entry's build, trying the input normalization first. */
export function normalizingInput(op: Op, build: (node: NodeView, ctx: ImportContext) => void): (node: NodeView, ctx: ImportContext) => void {
  return (node, ctx) => {
    if (!fold(op, node, ctx)) build(node, ctx);
  };
}
