/**
 * Registers the toolbox's classes with save/load: layers, networks, training
 * info and options, image datastores. A layer is saved as its class tag plus
 * its own fields (MArray parameters included); engine tensors are caches and
 * are never saved.
 */
import { registerSerializable } from './io/registry.ts';
// The runtime classes (MArray, Categorical, …) register themselves here.
import './io/builtins.ts';
import { Layer } from './layers/Layer.ts';
import { ImageInputLayer } from './layers/imageInputLayer.ts';
import { Convolution2DLayer } from './layers/convolution2dLayer.ts';
import { BatchNormalizationLayer } from './layers/batchNormalizationLayer.ts';
import { ReLULayer, LeakyReLULayer } from './layers/activationLayers.ts';
import { Pooling2DLayer } from './layers/poolingLayers.ts';
import { DropoutLayer } from './layers/dropoutLayer.ts';
import { FullyConnectedLayer } from './layers/fullyConnectedLayer.ts';
import { SoftmaxLayer, ClassificationOutputLayer, RegressionOutputLayer } from './layers/outputLayers.ts';
import { SeriesNetwork } from './network/SeriesNetwork.ts';
import { LayerArray } from './network/LayerArray.ts';
import { TrainingInfo } from './train/trainingInfo.ts';
import { TrainingOptions, TrainingOptionsSGDM, TrainingOptionsADAM, TrainingOptionsRMSProp } from './train/trainingOptions.ts';
import { ImageDatastore } from './data/imageDatastore.ts';
import { restoreImageDatastore } from './io/datastoreRestore.ts';
import { checkLoadedLayer } from './io/loadChecks.ts';
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

type LayerClass = new (...args: never[]) => Layer;
const layerClasses: [string, LayerClass][] = [
  ['ImageInputLayer', ImageInputLayer], ['Convolution2DLayer', Convolution2DLayer], ['BatchNormalizationLayer', BatchNormalizationLayer],
  ['ReLULayer', ReLULayer], ['LeakyReLULayer', LeakyReLULayer], ['Pooling2DLayer', Pooling2DLayer], ['DropoutLayer', DropoutLayer],
  ['FullyConnectedLayer', FullyConnectedLayer], ['SoftmaxLayer', SoftmaxLayer], ['ClassificationOutputLayer', ClassificationOutputLayer],
  ['RegressionOutputLayer', RegressionOutputLayer],
];

for (const [tag, cls] of layerClasses) {
  registerSerializable(`nnet.${tag}`, cls as unknown as new (...args: unknown[]) => Layer,
    (layer: Layer) => fieldsOf(layer),
    (data: Record<string, unknown>) => {
      const layer = restore<Layer>(cls.prototype, data);
      checkLoadedLayer(layer, tag);
      // Tensor caches start empty.
      for (const k of ['meanTensor', 'statsTensors']) if (k in cls.prototype || k in layer) (layer as unknown as Record<string, unknown>)[k] = null;
      return layer;
    });
}

registerSerializable('nnet.SeriesNetwork', SeriesNetwork,
  (net: SeriesNetwork) => ({ layers: [...net.Layers] }),
  (data: { layers: Layer[] }) => new SeriesNetwork(data.layers));

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
