/** ONNX import and export: the public functions. */
export { importONNXNetwork, importONNXLayers, importNetworkFromONNX } from './importONNX.ts';
export { PlaceholderLayer } from '../layers/placeholderLayer.ts';
export { ONNXFlattenLayer } from './importLayers.ts';
