/**
 * Checks a layer array the way trainNetwork does before training, gives
 * unnamed layers MATLAB's default names (conv_1, conv_2, fc, …) and works out
 * every layer's activation size.
 */
import { matlabError } from '../runtime/errors.ts';
import { Layer, sizeText, type ActivationSize } from '../layers/Layer.ts';

export interface Assembled {
  layers: Layer[];
  /** sizes[i] = input size of layer i; sizes[n] = network output size. */
  sizes: ActivationSize[];
}

/** Accept Layer[] (or a LayerArray) and reject anything else with a clear message. */
export function asLayerList(fn: string, layers: unknown): Layer[] {
  if (!Array.isArray(layers) || layers.length === 0 || !layers.every((l) => l instanceof Layer)) {
    matlabError(`${fn}:invalidLayers`, 'Invalid layers: expected a nonempty array of layers (as built with imageInputLayer, convolution2dLayer, …).');
  }
  return layers as Layer[];
}

/** MATLAB's default names: a type used once gets its bare name, repeated types get _1, _2, … */
export function assignDefaultNames(layers: Layer[]): void {
  const counts = new Map<string, number>();
  for (const l of layers) if (l.Name === '') counts.set(l.defaultName, (counts.get(l.defaultName) ?? 0) + 1);
  const seen = new Map<string, number>();
  for (const l of layers) {
    if (l.Name !== '') continue;
    const k = (seen.get(l.defaultName) ?? 0) + 1;
    seen.set(l.defaultName, k);
    l.Name = counts.get(l.defaultName)! > 1 ? `${l.defaultName}_${k}` : l.defaultName;
  }
  const names = new Set<string>();
  for (const l of layers) {
    if (names.has(l.Name)) matlabError('trainNetwork:invalidLayers', `Invalid network: layer names must be unique; '${l.Name}' is used twice.`);
    names.add(l.Name);
  }
}

/** Validate structure and sizes; `requireOutput` is true for training. */
export function assemble(fn: string, layers: Layer[], requireOutput: boolean): Assembled {
  if (!layers[0].isInput) {
    matlabError(`${fn}:missingInputLayer`, `Invalid network: the first layer must be an input layer (imageInputLayer); it is a ${layers[0].Type} layer.`);
  }
  layers.forEach((l, i) => {
    if (i > 0 && l.isInput) matlabError(`${fn}:invalidLayers`, `Invalid network: layer ${i + 1} is an input layer; a series network has exactly one, first.`);
    if (i < layers.length - 1 && l.isOutput) matlabError(`${fn}:invalidLayers`, `Invalid network: layer ${i + 1} (${l.Type}) is an output layer; it must be the last layer.`);
  });
  if (requireOutput && !layers[layers.length - 1].isOutput) {
    matlabError(`${fn}:missingOutputLayer`, `Invalid network: the last layer must be an output layer (classificationLayer or regressionLayer); it is a ${layers[layers.length - 1].Type} layer.`);
  }
  assignDefaultNames(layers);
  const sizes: ActivationSize[] = [];
  let size = layers[0].outputSize([0, 0, 0]);
  for (const l of layers) {
    sizes.push(size);
    size = l.outputSize(size);
    if (size.some((d) => !(d >= 1))) matlabError(`${fn}:invalidLayers`, `Invalid network: layer '${l.Name}' produces an empty ${sizeText(size)} output.`);
  }
  sizes.push(size);
  return { layers, sizes };
}
