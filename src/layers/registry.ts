/**
 * The layer classes known to save/load, each registered beside its class
 * (as tfjs's registerClass): adding a layer is one file plus its export.
 */
import type { Layer } from './Layer.ts';
import type { LayerDeclaration } from './declaration.ts';

export type LayerClass = (new () => Layer) & { declaration: LayerDeclaration };

const classes: LayerClass[] = [];

export function registerLayer(cls: LayerClass): void {
  if (!classes.includes(cls)) classes.push(cls);
}

/** Every registered layer class (layers/index.ts imports them all). */
export function layerClasses(): readonly LayerClass[] {
  return classes;
}
