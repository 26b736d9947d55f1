/**
 * When a zoo file's graph is not MATLAB's architecture (VGG, ResNet and
 * SqueezeNet come from other trainings and converters), the installed network
 * is the file imported as it is (importONNXLayers), adapted to what MATLAB's
 * pretrained networks take and give: RGB images with the zoo's normalization
 * in the input layer (a Caffe model's first convolution reordered from BGR),
 * a softmax 'prob' and a classification layer with the 1,000 ImageNet classes.
 */
import { matlabError, MatlabError } from '../runtime/errors.ts';
import { MArray } from '../runtime/marray.ts';
import { importONNXLayers } from '../onnx/importONNX.ts';
import { imagenetClassNames } from '../architectures/imagenet.ts';
import { softmaxLayer, classificationLayer, SoftmaxLayer } from '../layers/outputLayers.ts';
import type { Layer } from '../layers/Layer.ts';
import { addLayers, connectLayers, removeLayers, type LayerGraph } from '../network/LayerGraph.ts';
import { assembleNetwork } from '../network/assembleNetwork.ts';
import type { Network } from '../network/Network.ts';
import { setNormalization } from './transplant.ts';
import type { ZooModel } from './zoo.ts';

type Props = Layer & Record<string, any>;

/** The network of the ONNX file at `path`, as MATLAB's pretrained `zoo.name` presents itself. */
export function importedNetwork(zoo: ZooModel, path: string, what: string): Network {
  let lg: LayerGraph;
  try {
    lg = importONNXLayers(path, 'ImportWeights', true, 'OutputLayerType', 'classification', 'ClassNames', imagenetClassNames());
  } catch (e) {
    if (e instanceof MatlabError) matlabError('models:cannotImport', `'${what}' cannot be imported as ${zoo.name}: ${e.message}`);
    throw e;
  }
  const { layers, links } = lg.structure;
  if (layers.some((l) => l.declaration.className === 'PlaceholderLayer')) {
    matlabError('models:cannotImport', `'${what}' cannot be imported as ${zoo.name}: it has operators this toolbox does not support (see importONNXLayers).`);
  }
  const output = layers.find((l) => l.isOutput)!;
  const feeding = links.find((e) => e.destination === output.Name)!.source;
  const last = layers.find((l) => l.Name === feeding)!;
  if (!(last instanceof SoftmaxLayer)) {
    // The file ends at the scores (MXNet exports): add MATLAB's softmax before the classification layer.
    lg = removeLayers(lg, output.Name);
    lg = addLayers(lg, [softmaxLayer('Name', 'prob'), classificationLayer('Name', 'output', 'Classes', imagenetClassNames())]);
    lg = connectLayers(lg, feeding, 'prob');
  }
  const own = lg.structure.layers as Props[];
  const input = own.find((l) => l.isInput)!;
  if (zoo.bgr) swapFirstConvolution(own, lg, input.Name, what);
  setNormalization(input, zoo.preprocessing);
  return assembleNetwork(lg) as Network;
}

/** The convolution reading the input directly gets its three input channels in reverse order (BGR → RGB). */
function swapFirstConvolution(layers: Props[], lg: LayerGraph, input: string, what: string): void {
  const readers = lg.structure.links.filter((e) => e.source === input).map((e) => layers.find((l) => l.Name === e.destination)!);
  const conv = readers.length === 1 && readers[0].declaration.className === 'Convolution2DLayer' ? readers[0] : undefined;
  const w = conv?.Weights as MArray | null | undefined;
  if (!conv || !w || w.dims[2] !== 3) {
    matlabError('models:cannotImport', `'${what}' takes BGR images, but its input does not feed one 3-channel convolution whose weights could be reordered for RGB.`);
  }
  const [h, wd, , f] = w.dims;
  const out = new Float32Array(w.numel);
  const plane = h * wd;
  for (let o = 0; o < f; o++) {
    for (let c = 0; c < 3; c++) out.set(w.data.subarray((o * 3 + 2 - c) * plane, (o * 3 + 3 - c) * plane), (o * 3 + c) * plane);
  }
  conv.Weights = MArray.wrap(out, w.dims, 'single');
}
