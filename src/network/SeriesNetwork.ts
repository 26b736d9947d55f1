/**
 * SeriesNetwork: a trained chain of layers. Holds the engine tensors of its
 * parameters (made once, on first use) for fast repeated inference.
 */
import { tf } from '../engine/tf.ts';
import { matlabError } from '../runtime/errors.ts';
import { Layer, type ActivationSize } from '../layers/Layer.ts';
import { ImageInputLayer } from '../layers/imageInputLayer.ts';
import { ClassificationOutputLayer } from '../layers/outputLayers.ts';
import { LayerArray } from './LayerArray.ts';
import { assemble } from './assemble.ts';
import { forwardRange } from './forward.ts';
import { compileInference, runPlan, type InferencePlan } from './inferencePlan.ts';
import { asLayerList } from './assemble.ts';
import { cloneLayers } from './cloneLayers.ts';

export class SeriesNetwork {
  readonly Layers: LayerArray;
  private params: tf.Tensor[][] | null = null;
  /** Compiled inference passes, by end layer. */
  private plans = new Map<number, InferencePlan>();

  /** Layers must carry their parameters (trainNetwork and assembleNetwork make sure of it). */
  constructor(layers: Iterable<Layer>) {
    this.Layers = LayerArray.fromLayers(layers);
    const { sizes } = assemble('SeriesNetwork', this.Layers, false);
    this.Layers.forEach((l, i) => l.initialize(sizes[i]));
  }

  get InputNames(): string[] {
    return [this.Layers[0].Name];
  }

  get OutputNames(): string[] {
    return [this.Layers[this.Layers.length - 1].Name];
  }

  get inputSize(): ActivationSize {
    return (this.Layers[0] as ImageInputLayer).InputSize;
  }

  /** Class names of a classification network (empty otherwise). */
  get classNames(): string[] {
    const out = this.Layers[this.Layers.length - 1];
    return out instanceof ClassificationOutputLayer ? out.ClassNames : [];
  }

  /** Engine tensors of every layer's learnables, kept across calls. */
  parameterTensors(): tf.Tensor[][] {
    if (!this.params) this.params = this.Layers.map((l) => l.learnables().map((p) => tf.keep(tf.tidy(() => p.toTensor()))));
    return this.params;
  }

  /** Drop cached tensors (after the layers' properties change). */
  releaseTensors(): void {
    this.params?.flat().forEach((t) => t.dispose());
    this.params = null;
    for (const plan of this.plans.values()) plan.owned.forEach((t) => t.dispose());
    this.plans.clear();
    for (const l of this.Layers) l.releaseCache();
  }

  /** Layer index (0-based) from a 1-based index or a name, MATLAB-style errors otherwise. */
  layerIndex(fn: string, layer: unknown): number {
    if (typeof layer === 'number' || (layer !== null && typeof layer === 'object' && 'valueOf' in (layer as object) && typeof (layer as { valueOf(): unknown }).valueOf() === 'number')) {
      const i = Number(layer);
      if (!Number.isInteger(i) || i < 1 || i > this.Layers.length) matlabError(`${fn}:invalidLayer`, `Invalid layer index ${i}: the network has ${this.Layers.length} layers.`);
      return i - 1;
    }
    if (typeof layer === 'string') {
      const i = this.Layers.findIndex((l) => l.Name === layer);
      if (i < 0) matlabError(`${fn}:invalidLayer`, `Invalid layer name '${layer}': the network has no layer of that name.`);
      return i;
    }
    return matlabError(`${fn}:invalidLayer`, 'Invalid layer: give a layer name or a 1-based layer index.');
  }

  /** Inference forward of an NHWC batch through layers [0, end), batch norm folded and activations fused. */
  forward(x: tf.Tensor4D, end = this.Layers.length): tf.Tensor {
    let plan = this.plans.get(end);
    if (!plan) {
      plan = compileInference(this.Layers, this.parameterTensors(), end);
      this.plans.set(end, plan);
    }
    return runPlan(plan, x);
  }

  /** The same pass layer by layer, without folding (the reference the compiled pass is tested against). */
  forwardUnfused(x: tf.Tensor4D, end = this.Layers.length): tf.Tensor {
    return forwardRange(this.Layers, x, this.parameterTensors(), { training: false }, 0, end);
  }

  displayMatlab(): string {
    return `  SeriesNetwork with properties:\n\n         Layers: [${this.Layers.length}×1 nnet.cnn.layer.Layer]\n     InputNames: {'${this.InputNames[0]}'}\n    OutputNames: {'${this.OutputNames[0]}'}\n`;
  }
}

/**
 * assembleNetwork(layers): a network from layers whose parameters are all
 * given (Weights, Bias, …), without training; MATLAB errors on a missing one.
 */
export function assembleNetwork(layers: unknown): SeriesNetwork {
  const FN = 'assembleNetwork';
  const list = cloneLayers(asLayerList(FN, layers));
  for (const l of list) {
    const props = l.properties();
    for (const p of l.learnables()) {
      if (props[p.property] === null || props[p.property] === undefined) {
        matlabError(`${FN}:missingParameter`, `Invalid network: layer '${l.Name || l.Type}' has no '${p.property}'. Set every learnable parameter before assembling (or train the network with trainNetwork).`);
      }
    }
  }
  return new SeriesNetwork(list);
}
