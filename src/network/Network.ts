/**
 * What SeriesNetwork and DAGNetwork share: their layers in topological order
 * (owned, never handed out: `Layers` returns copies, MATLAB's value
 * semantics), the engine tensors of their parameters (made once, on first
 * use) and the compiled inference passes, by target layer.
 */
import { tf } from '../engine/tf.ts';
import { matlabError } from '../runtime/errors.ts';
import { propertiesDisplay } from '../runtime/propertiesDisplay.ts';
import type { Layer, ActivationSize } from '../layers/Layer.ts';
import { InputLayer } from '../layers/imageInputLayer.ts';
import { ClassificationOutputLayer } from '../layers/outputLayers.ts';
import { LayerArray } from './LayerArray.ts';
import { cloneLayers } from './cloneLayers.ts';
import { compileInference, disposePlan, runPlan, type InferencePlan } from './inferencePlan.ts';
import { forwardTopology, inputIndex, outputIndex, type Topology } from './topology.ts';
import { initializeLayers, type Assembled } from './assemble.ts';

/** The engine tensors a network keeps: parameters and compiled passes. */
interface NetworkTensors {
  params: tf.Tensor[][] | null;
  plans: Map<number, InferencePlan>;
}

function disposeTensors(t: NetworkTensors): void {
  t.params?.flat().forEach((p) => { if (!p.isDisposed) p.dispose(); });
  t.params = null;
  for (const plan of t.plans.values()) disposePlan(plan);
  t.plans.clear();
}

// A network dropped without releaseTensors still frees its tensors once collected.
const finalizer = new FinalizationRegistry<NetworkTensors>(disposeTensors);

export abstract class Network {
  protected readonly topology: Topology;
  private readonly sizes: ActivationSize[];
  private readonly tensors: NetworkTensors = { params: null, plans: new Map() };

  /** `assembled` must own its layers, which must carry their parameters (trainNetwork and assembleNetwork make sure of it). */
  protected constructor(assembled: Assembled) {
    this.topology = assembled.topology;
    this.sizes = assembled.outputSizes;
    initializeLayers(assembled);
    finalizer.register(this, this.tensors, this);
  }

  /** Copies of the layers (changing one never changes the network). */
  get Layers(): LayerArray {
    return LayerArray.fromLayers(cloneLayers(this.topology.layers));
  }

  /** The network's own layers, for the toolbox's internal use (never to be handed to the user). */
  get ownLayers(): readonly Layer[] {
    return this.topology.layers;
  }

  get graph(): Topology {
    return this.topology;
  }

  get InputNames(): string[] {
    return [this.topology.layers[inputIndex(this.topology)].Name];
  }

  get OutputNames(): string[] {
    return [this.topology.layers[outputIndex(this.topology)].Name];
  }

  protected get inputLayer(): InputLayer {
    return this.topology.layers[inputIndex(this.topology)] as InputLayer;
  }

  get inputSize(): ActivationSize {
    return this.inputLayer.InputSize;
  }

  /** Output size of layer i (0-based, topological order). */
  outputSizeOf(i: number): ActivationSize {
    return this.sizes[i];
  }

  /** Class names of a classification network (empty otherwise). */
  get classNames(): string[] {
    const out = this.topology.layers[outputIndex(this.topology)];
    return out instanceof ClassificationOutputLayer ? out.ClassNames : [];
  }

  /** Engine tensors of every layer's learnables, kept across calls. */
  parameterTensors(): tf.Tensor[][] {
    this.tensors.params ??= this.topology.layers.map((l) => l.learnables().map((p) => tf.keep(tf.tidy(() => p.toTensor()))));
    return this.tensors.params;
  }

  /** Drop cached tensors. */
  releaseTensors(): void {
    disposeTensors(this.tensors);
    for (const l of this.topology.layers) l.releaseCache();
  }

  /** Layer index (0-based) from a 1-based index or a name, MATLAB-style errors otherwise. */
  layerIndex(fn: string, layer: unknown): number {
    const n = this.topology.layers.length;
    if (typeof layer === 'number' || (layer !== null && typeof layer === 'object' && 'valueOf' in (layer as object) && typeof (layer as { valueOf(): unknown }).valueOf() === 'number')) {
      const i = Number(layer);
      if (!Number.isInteger(i) || i < 1 || i > n) matlabError(`${fn}:invalidLayer`, `Invalid layer index ${i}: the network has ${n} layers.`);
      return i - 1;
    }
    if (typeof layer === 'string') {
      const i = this.topology.layers.findIndex((l) => l.Name === layer);
      if (i < 0) matlabError(`${fn}:invalidLayer`, `Invalid layer name '${layer}': the network has no layer of that name.`);
      return i;
    }
    return matlabError(`${fn}:invalidLayer`, 'Invalid layer: give a layer name or a 1-based layer index.');
  }

  /** Inference forward of an NHWC batch to the output of layer `target` (default: the output layer), batch norm folded and activations fused. */
  forward(x: tf.Tensor, target = outputIndex(this.topology)): tf.Tensor {
    let plan = this.tensors.plans.get(target);
    if (!plan) {
      plan = compileInference(this.topology, this.parameterTensors(), target);
      this.tensors.plans.set(target, plan);
    }
    return runPlan(plan, x);
  }

  /** The same pass layer by layer, without folding (the reference the compiled pass is tested against). */
  forwardUnfused(x: tf.Tensor, target = outputIndex(this.topology)): tf.Tensor {
    return forwardTopology(this.topology, x, this.parameterTensors(), { training: false }, target);
  }

}

/** The display MATLAB gives networks and layer graphs; `connections` only for graphs. */
export function networkDisplay(className: string, layerCount: number, connections: number | null, inputs: readonly string[], outputs: readonly string[]): string {
  const names = (list: readonly string[]) => `{${list.map((s) => `'${s}'`).join('  ')}}`;
  return propertiesDisplay(className, [
    ['Layers', `[${layerCount}×1 nnet.cnn.layer.Layer]`],
    ...(connections === null ? [] : [['Connections', `[${connections}×2 table]`] as const]),
    ['InputNames', names(inputs)],
    ['OutputNames', names(outputs)],
  ], { newline: true });
}
