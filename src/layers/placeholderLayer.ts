/**
 * PlaceholderLayer: what importONNXLayers puts in place of an ONNX operator
 * that has no MATLAB layer, as MATLAB's importer does. It keeps the
 * operator's description (ONNXNode: op type, attributes, inputs, outputs)
 * and its constant inputs (Weights), so the user can replace it
 * (replaceLayer) with a layer of their own. It cannot run: a network holding
 * one does not assemble.
 */
import type { tf } from '../engine/tf.ts';
import { matlabError } from '../runtime/errors.ts';
import { Layer, type ActivationSize } from './Layer.ts';
import { NAME_PROPERTY, fillLayer, type LayerDeclaration } from './declaration.ts';
import { registerLayer } from './registry.ts';

export class PlaceholderLayer extends Layer {
  static readonly declaration: LayerDeclaration = {
    className: 'PlaceholderLayer', type: 'PLACEHOLDER LAYER', defaultName: 'placeholder', version: 1,
    properties: [
      NAME_PROPERTY,
      { name: 'Description', group: 'Hyperparameters', default: '' },
      { name: 'ONNXNode', group: 'Hyperparameters', default: null },
      { name: 'Weights', group: 'Hyperparameters', default: null },
      { name: 'NumInputs', group: 'hidden', default: 1 },
    ],
  };
  declare Description: string;
  /** The operator: OpType, Name, Attributes (name → value), Inputs, Outputs. */
  declare ONNXNode: Record<string, unknown> | null;
  /** The operator's constant inputs by ONNX name (row-major dims and values). */
  declare Weights: Record<string, unknown> | null;
  declare NumInputs: number;

  override inputCount(): number {
    return this.NumInputs;
  }

  describe(): string {
    return this.Description;
  }

  outputSize(_input: ActivationSize): ActivationSize {
    return matlabError('assembleNetwork:placeholderLayer', `Layer '${this.Name}' is a placeholder for an unsupported operator (${this.Description}). Replace it with replaceLayer before assembling the network.`);
  }

  forward(_x: tf.Tensor): tf.Tensor {
    return matlabError('predict:placeholderLayer', `Layer '${this.Name}' is a placeholder for an unsupported operator and cannot run.`);
  }
}
registerLayer(PlaceholderLayer);

/** A placeholder for one unsupported operator (internal to the importers, as in MATLAB, which has no constructor for it). */
export function placeholderLayer(name: string, description: string, node: Record<string, unknown>, weights: Record<string, unknown>, numInputs: number): PlaceholderLayer {
  const layer = new PlaceholderLayer();
  fillLayer('placeholderLayer', layer, PlaceholderLayer.declaration, { Name: name, Description: description, ONNXNode: node, Weights: weights, NumInputs: Math.max(1, numInputs) }, []);
  return layer;
}
