/**
 * The layers the ONNX importer makes for operators that have no built-in
 * MATLAB layer of the same meaning, as MATLAB's importer does with its
 * nnet.onnx.layer.* classes. ONNXFlattenLayer (MATLAB's
 * nnet.onnx.layer.FlattenLayer) flattens in ONNX's row-major order of the
 * tensor as the ONNX graph holds it (C,H,W for NCHW), where flattenLayer
 * follows MATLAB's column-major H,W,C. A Flatten feeding a Gemm needs none:
 * the importer permutes the fully connected weights instead.
 */
import { tf } from '../engine/tf.ts';
import { Layer, type ActivationSize } from '../layers/Layer.ts';
import { NAME_PROPERTY, fillLayer, type LayerDeclaration } from '../layers/declaration.ts';
import { registerLayer } from '../layers/registry.ts';

/** Engine (NHWC) axis of each semantic axis N, C, H, W. */
const ENGINE_AXIS = [0, 3, 1, 2];

export class ONNXFlattenLayer extends Layer {
  static readonly declaration: LayerDeclaration = {
    className: 'nnet.onnx.layer.FlattenLayer', type: 'Flatten', defaultName: 'flatten', version: 1,
    properties: [NAME_PROPERTY, { name: 'ONNXOrder', group: 'Hyperparameters', default: 'CHW', option: false }],
  };
  /** The order of the ONNX tensor's axes after the batch, fastest last: 'CHW' (NCHW) or e.g. 'HWC' (after an NHWC transpose). */
  declare ONNXOrder: string;

  describe(): string {
    return `Flatten activations into 1-D assuming ${this.ONNXOrder} (row-major) order`;
  }

  outputSize(input: ActivationSize): ActivationSize {
    return [1, 1, input[0] * input[1] * input[2]];
  }

  forward(x: tf.Tensor): tf.Tensor {
    if (x.rank !== 4) return x;
    const [n, h, w, c] = x.shape;
    const perm = [0, ...[...this.ONNXOrder].map((a) => ENGINE_AXIS['NCHW'.indexOf(a)])];
    return tf.transpose(x, perm).reshape([n, 1, 1, h * w * c]);
  }
}
registerLayer(ONNXFlattenLayer);

export function onnxFlattenLayer(name: string, order: string): ONNXFlattenLayer {
  const layer = new ONNXFlattenLayer();
  fillLayer('importONNXLayers', layer, ONNXFlattenLayer.declaration, { Name: name, ONNXOrder: order }, []);
  return layer;
}
