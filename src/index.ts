/**
 * The toolbox's public entry: every MATLAB function under its MATLAB name.
 * `import { imageDatastore, trainNetwork, … } from 'matlab-dltb'`.
 */
export * from './runtime/index.ts';
export * from './layers/index.ts';
export { LayerArray } from './network/LayerArray.ts';
export { SeriesNetwork } from './network/SeriesNetwork.ts';
export { DAGNetwork } from './network/DAGNetwork.ts';
export { assembleNetwork } from './network/assembleNetwork.ts';
export { analyzeNetwork } from './network/analyzeNetwork.ts';
export { LayerGraph, layerGraph, addLayers, removeLayers, replaceLayer, connectLayers, disconnectLayers } from './network/LayerGraph.ts';
export { predict, classify, activations } from './network/inference.ts';
export { trainingOptions, TrainingOptions } from './train/trainingOptions.ts';
export { trainNetwork } from './train/trainNetwork.ts';
export { TrainingInfo } from './train/trainingInfo.ts';
export {
  ImageDatastore, imageDatastore, readimage, read, readall, hasdata, reset, preview, shuffle, subset,
  countEachLabel, splitEachLabel,
} from './data/imageDatastore.ts';
export { pwd, fullfile } from './runtime/paths.ts';
export * from './image/index.ts';
export * from './graphics/index.ts';
export * from './augment/index.ts';
export * from './autoencoder/index.ts';
export * from './architectures/index.ts';
export * from './onnx/index.ts';
export { save, load } from './io/saveload.ts';
export { useExecutionEnvironment } from './engine/tf.ts';
import './serializable.ts';
