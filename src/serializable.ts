/**
 * Registers the toolbox's classes with save/load: layers, networks, training
 * info and options, image datastores. A layer is saved as its declared
 * properties with its class's version (layers/declaration.ts); engine
 * tensors are caches and are never saved.
 */
import { registerSerializable } from './io/registry.ts';
// The runtime classes (MArray, Categorical, …) register themselves here.
import './io/builtins.ts';
import { Layer } from './layers/Layer.ts';
import { layerClasses } from './layers/registry.ts';
// Every layer module, so that each has registered its class.
import './layers/index.ts';
// The importer's own layer classes (ONNX-order flatten, elementwise affine), so an imported network loads without importing the importer first.
import './onnx/importLayers.ts';
import './layers/placeholderLayer.ts';
import { restoreLayer, layerState } from './layers/declaration.ts';
import { MaxPooling2DLayer, AveragePooling2DLayer } from './layers/poolingLayers.ts';
import { SeriesNetwork } from './network/SeriesNetwork.ts';
import { DAGNetwork } from './network/DAGNetwork.ts';
import { LayerGraph } from './network/LayerGraph.ts';
import type { Edge } from './network/assemble.ts';
import { LayerArray } from './network/LayerArray.ts';
import { TrainingInfo } from './train/trainingInfo.ts';
import { TrainingOptions, TrainingOptionsSGDM, TrainingOptionsADAM, TrainingOptionsRMSProp } from './train/trainingOptions.ts';
import { ImageDatastore } from './data/imageDatastore.ts';
import { restoreImageDatastore } from './io/datastoreRestore.ts';
import { imread } from './image/imread.ts';
import { matlabError } from './runtime/errors.ts';

/** Fields holding engine caches (tensors): rebuilt on demand, never saved. */
function isCache(value: unknown): boolean {
  return value !== null && typeof value === 'object' && ('dataId' in (value as object) || (Array.isArray(value) && value.some(isCache)));
}

function fieldsOf(obj: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (!isCache(v)) out[k] = v;
  return out;
}

function restore<T extends object>(proto: object, fields: Record<string, unknown>): T {
  const obj = Object.create(proto) as Record<string, unknown>;
  for (const [k, v] of Object.entries(fields)) obj[k] = v;
  return obj as T;
}

// A layer is saved as its declared properties and its class's version (layerState); the
// tag is MATLAB's class name. Caches are not properties, so they are never saved.
for (const cls of layerClasses()) {
  const decl = cls.declaration;
  registerSerializable(`nnet.${decl.className}`, cls,
    (layer: Layer) => layerState(layer, decl),
    (data: Record<string, unknown>) => restoreLayer(cls.prototype, decl, data));
}

// Files written before the declared model stored both pooling kinds as one class with a `kind` field.
class LegacyPooling2DLayer {}
registerSerializable('nnet.Pooling2DLayer', LegacyPooling2DLayer,
  () => matlabError('save:legacyClass', 'Pooling2DLayer is a read-only legacy class.'),
  (data: Record<string, unknown>) => {
    const cls = data.kind === 'max' ? MaxPooling2DLayer : AveragePooling2DLayer;
    return restoreLayer(cls.prototype, cls.declaration, data);
  });

registerSerializable('nnet.SeriesNetwork', SeriesNetwork,
  (net: SeriesNetwork) => ({ layers: [...net.ownLayers] }),
  (data: { layers: Layer[] }) => new SeriesNetwork(checkedLayers(data.layers)));

registerSerializable('nnet.DAGNetwork', DAGNetwork,
  (net: DAGNetwork) => ({ layers: [...net.ownLayers], edges: net.edges }),
  (data: { layers: Layer[]; edges: Edge[] }) => new DAGNetwork(checkedLayers(data.layers), checkedEdges(data.edges, data.layers.length)));

registerSerializable('nnet.LayerGraph', LayerGraph,
  (g: LayerGraph) => ({ layers: [...g.structure.layers], links: g.structure.links }),
  (data: { layers: Layer[]; links: { source: string; destination: string; port: number }[] }) => new LayerGraph(checkedLayers(data.layers), data.links));

/** A saved network's layers must be layers (a hand-edited file fails here, clearly). */
function checkedLayers(v: unknown): Layer[] {
  if (!Array.isArray(v) || !v.every((l) => l instanceof Layer)) matlabError('load:invalidNetwork', 'Invalid saved network: its layers are not a list of layers.');
  return v as Layer[];
}

function checkedEdges(v: unknown, count: number): Edge[] {
  const ok = (i: unknown) => Number.isInteger(i) && (i as number) >= 0 && (i as number) < count;
  if (!Array.isArray(v) || !v.every((e) => e !== null && typeof e === 'object' && ok(e.from) && ok(e.to) && Number.isInteger(e.port) && e.port >= 0)) {
    matlabError('load:invalidNetwork', 'Invalid saved network: its connections are not valid layer indices.');
  }
  return v as Edge[];
}

registerSerializable('nnet.LayerArray', LayerArray,
  (a: LayerArray) => ({ layers: [...a] }),
  (data: { layers: Layer[] }) => LayerArray.fromLayers(data.layers));

registerSerializable('nnet.TrainingInfo', TrainingInfo,
  (info: TrainingInfo) => fieldsOf(info),
  (data: Record<string, unknown>) => restore<TrainingInfo>(TrainingInfo.prototype, data));

// Options are plain values (a validation datastore included); a custom OutputFcn is a function and is refused by save.
for (const cls of [TrainingOptionsSGDM, TrainingOptionsADAM, TrainingOptionsRMSProp]) {
  registerSerializable(`nnet.${cls.name}`, cls as unknown as new (...args: unknown[]) => TrainingOptions,
    (o: TrainingOptions) => fieldsOf(o),
    (data: Record<string, unknown>) => restore<TrainingOptions>(cls.prototype, data));
}

// A datastore is its file list and labels; images stay on disk, as in MATLAB (restored as saved, even if they moved).
registerSerializable('matlab.io.datastore.ImageDatastore', ImageDatastore,
  (ds: ImageDatastore) => {
    if (ds.ReadFcn !== imread) matlabError('save:customReadFcn', 'Cannot save an ImageDatastore with a custom ReadFcn: functions cannot be saved.');
    return ds.savedState();
  },
  restoreImageDatastore);
