/**
 * trainNetwork leaves the caller's layer array untouched (MATLAB's value
 * semantics): it trains copies. Parameter arrays are copied too.
 */
import { MArray } from '../runtime/marray.ts';
import type { Layer } from '../layers/Layer.ts';

function cloneValue(v: unknown): unknown {
  if (v instanceof MArray) return MArray.from(v.data, v.dims, v.cls);
  if (Array.isArray(v)) return v.map(cloneValue);
  return v;
}

export function cloneLayer<L extends Layer>(layer: L): L {
  const copy = Object.create(Object.getPrototypeOf(layer)) as L;
  for (const key of Object.keys(layer)) {
    (copy as Record<string, unknown>)[key] = cloneValue((layer as Record<string, unknown>)[key]);
  }
  return copy;
}

export function cloneLayers(layers: readonly Layer[]): Layer[] {
  return layers.map(cloneLayer);
}
