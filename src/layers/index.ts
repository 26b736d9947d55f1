/** Every layer constructor under its MATLAB name, and the layer classes. */
export * from './Layer.ts';
export * from './imageInputLayer.ts';
export * from './convolution2dLayer.ts';
export * from './batchNormalizationLayer.ts';
export * from './activationLayers.ts';
export * from './poolingLayers.ts';
export * from './dropoutLayer.ts';
export * from './fullyConnectedLayer.ts';
export * from './outputLayers.ts';
export * from './combinationLayers.ts';
export * from './crossChannelNormalizationLayer.ts';
export * from './groupedConvolution2dLayer.ts';
