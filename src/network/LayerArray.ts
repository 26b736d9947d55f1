/**
 * A layer array as MATLAB shows and indexes it: `net.Layers.get(1)`,
 * `net.Layers.get(end)`, `net.Layers.range(1, 22)` for `net.Layers(1:22)`,
 * `net.Layers.range(1, end.minus(3))` for `net.Layers(1:end-3)`, and the
 * display `15×1 Layer array with layers:`.
 */
import { Cell } from '../runtime/cell.ts';
import { matlabError } from '../runtime/errors.ts';
import { EndIndex } from '../runtime/subscripts.ts';
import { Layer } from '../layers/Layer.ts';

/**
 * A layer as scripts see it: MATLAB reads and sets any property by name
 * (`layers(2).WeightLearnRateFactor = 0`), so elements are typed loosely.
 */
export type AnyLayer = Layer & { [property: string]: any };

export class LayerArray extends Cell<AnyLayer> {
  static fromLayers(layers: Iterable<Layer>): LayerArray {
    const a = new LayerArray();
    for (const l of layers) a.push(l);
    return a;
  }

  /** `Layers(a:b)`, 1-based and inclusive; `end` works in both (`range(1, end.minus(3))`). */
  range(from: number | EndIndex, to: number | EndIndex): LayerArray {
    const first = from instanceof EndIndex ? from.resolve(this.length) : from;
    const last = to instanceof EndIndex ? to.resolve(this.length) : to;
    if (!Number.isInteger(first) || !Number.isInteger(last) || first < 1 || last > this.length) {
      matlabError('MATLAB:badsubscript', `Index exceeds the number of array elements. Index must not exceed ${this.length}.`);
    }
    return LayerArray.fromLayers(this.slice(first - 1, last));
  }

  /** `Layers(indices)` with 1-based indices. */
  pick(indices: Iterable<number | EndIndex>): LayerArray {
    return LayerArray.fromLayers(Array.from(indices, (i) => this.get(i)));
  }

  displayMatlab(): string {
    return layerTable(this);
  }
}

/** The rows MATLAB prints for a layer array. */
export function layerTable(layers: readonly Layer[]): string {
  const n = layers.length;
  const idxWidth = String(n).length;
  const names = layers.map((l) => `'${l.Name}'`);
  const nameWidth = Math.max(...names.map((s) => s.length));
  const typeWidth = Math.max(...layers.map((l) => l.Type.length));
  // MATLAB right-aligns the index in six characters ("     9", "    10").
  const rows = layers.map((l, i) =>
    `${String(i + 1).padStart(Math.max(6, idxWidth + 3))}   ${names[i].padEnd(nameWidth)}   ${l.Type.padEnd(typeWidth)}   ${l.describe()}`);
  return `  ${n}×1 Layer array with layers:\n\n${rows.join('\n')}\n`;
}

// A plain Layer[] displays as MATLAB's layer array too.
Layer.displayMatlabArray = (items) => layerTable(items as Layer[]);
