/**
 * The base of every layer. A layer class declares its MATLAB properties and
 * learnables once (static `declaration`, see declaration.ts); construction,
 * validation, display, clone, save/load and the trainer's parameter list are
 * derived from it. What stays per class is the computation: `outputSize`,
 * `describe` and the functional `forward(x, params, ctx)`, whose gradients
 * the engine takes through forward kernels.
 */
import type { tf } from '../engine/tf.ts';
import type { BatchStatistics } from '../engine/normalization.ts';
import { MArray } from '../runtime/marray.ts';
import { matlabError } from '../runtime/errors.ts';
import { formatInline } from '../runtime/render.ts';
import { cloneDeclared, displayDeclared, publicProperties, type LayerDeclaration } from './declaration.ts';
import { initialValue, type Initializer } from './initializers.ts';
import { releaseLayerCache } from './layerCache.ts';

/** Activation size H×W×C (a fully connected output is 1×1×K). */
export type ActivationSize = [number, number, number];

/** One learnable parameter: its MATLAB property and its engine tensor form. */
export interface Learnable {
  /** MATLAB property name ('Weights', 'Bias', 'Scale', 'Offset'). */
  readonly property: string;
  readonly learnRateFactor: number;
  readonly l2Factor: number;
  /** The parameter in engine layout. */
  toTensor(): tf.Tensor;
  /** Write a trained engine tensor back into the MATLAB property. */
  fromTensor(t: tf.Tensor): void;
}

export interface ForwardContext {
  training: boolean;
  /** False when no layer before this one learns, so the layer's input needs no gradient. */
  inputGradient?: boolean;
  /** True when the parameters are constants and only the input's gradient is wanted (deepDreamImage): skips dW and db. */
  constantParameters?: boolean;
  /** Receives each batch-normalisation layer's batch statistics during training. */
  onBatchStatistics?: (layer: Layer, stats: BatchStatistics) => void;
}

type LayerClass = { declaration: LayerDeclaration };
type Props = Record<string, unknown>;

export abstract class Layer {
  declare Name: string;

  /** The class's declaration (each concrete class defines `static readonly declaration`). */
  get declaration(): LayerDeclaration {
    return (this.constructor as unknown as LayerClass).declaration;
  }

  /** MATLAB's type column in a layer array display ('Convolution', …). */
  get Type(): string {
    return this.declaration.type;
  }

  /** Default name given by trainNetwork when Name is '' ('conv', 'relu', …). */
  get defaultName(): string {
    return this.declaration.defaultName;
  }

  /** MATLAB's class name in `… with properties:`. */
  get className(): string {
    return this.declaration.className;
  }

  /** MATLAB's description column, e.g. "16 3×3 convolutions with stride [1  1] …". */
  abstract describe(): string;

  get isInput(): boolean {
    return false;
  }
  get isOutput(): boolean {
    return false;
  }

  /** Number of inputs (MATLAB's NumInputs); layers of several inputs (additionLayer, …) declare NumInputs and override this. */
  inputCount(): number {
    return this.isInput ? 0 : 1;
  }

  /** Input port names: 'in', or 'in1', 'in2', … for several. */
  inputNames(): string[] {
    const n = this.inputCount();
    return n === 1 ? ['in'] : Array.from({ length: n }, (_, i) => `in${i + 1}`);
  }

  outputCount(): number {
    return this.isOutput ? 0 : 1;
  }

  outputNames(): string[] {
    return this.isOutput ? [] : ['out'];
  }

  /** Check that the layer accepts `input` and return its output size (MATLAB errors otherwise). */
  abstract outputSize(input: ActivationSize): ActivationSize;

  /** The output size for all inputs at once; layers of several inputs override it. */
  outputSizeOf(inputs: readonly ActivationSize[]): ActivationSize {
    return this.outputSize(inputs[0]);
  }

  /** Settle properties that depend on the input size ('same' padding, 'auto' channel counts). */
  configure(_input: ActivationSize): void {}

  /** Resolve input-dependent properties and give unset learnables their initial values (as MATLAB does when training starts). */
  initialize(input: ActivationSize, fn = 'trainNetwork'): void {
    this.configure(input);
    const props = this as unknown as Props;
    for (const l of this.declaration.learnables ?? []) {
      if (props[l.name] === null || props[l.name] === undefined) {
        props[l.name] = initialValue(fn, props[l.initializer] as Initializer, l.shape(this, input), `Layer '${layerLabel(this)}': the ${l.initializer}`);
      }
    }
  }

  /** Learnable parameters, in a fixed order matching `forward`'s `params`. */
  learnables(): Learnable[] {
    const props = this as unknown as Props;
    return (this.declaration.learnables ?? []).map((l) => ({
      property: l.name,
      learnRateFactor: props[l.learnRateFactor] as number,
      l2Factor: props[l.l2Factor] as number,
      toTensor: () => l.toEngine(this, props[l.name] as MArray),
      fromTensor: (t: tf.Tensor) => { props[l.name] = l.fromEngine(this, t); },
    }));
  }

  /** The forward computation on an [N,H,W,C] (or [N,K]) batch. */
  abstract forward(x: tf.Tensor, params: tf.Tensor[], ctx: ForwardContext): tf.Tensor;

  /** The forward computation on all inputs; layers of several inputs override it. */
  forwardInputs(xs: tf.Tensor[], params: tf.Tensor[], ctx: ForwardContext): tf.Tensor {
    return this.forward(xs[0], params, ctx);
  }

  /** Dispose the engine tensors the layer caches (rebuilt on demand). */
  releaseCache(): void {
    releaseLayerCache(this);
  }

  /** Visible properties, in MATLAB's order. */
  properties(): Record<string, unknown> {
    return publicProperties(this, this.declaration);
  }

  /** A value copy: declared properties only (arrays copy-on-write), no caches. */
  clone(): this {
    return cloneDeclared(this, this.declaration);
  }

  displayMatlab(): string {
    // Numeric vectors are MATLAB row vectors ([3 3]), not cells.
    const inline = (v: unknown) => formatInline(Array.isArray(v) && v.every((e) => typeof e === 'number') ? MArray.row(v) : v);
    return displayDeclared(this, this.declaration, inline);
  }

  /** How `display` shows a plain array of layers (MATLAB's Layer array); set by the layer-array module. */
  static displayMatlabArray?: (items: readonly unknown[]) => string;
}

/** A layer whose output has its input's size (activations, dropout, softmax). */
export abstract class ShapePreservingLayer extends Layer {
  outputSize(input: ActivationSize): ActivationSize {
    return input;
  }
}

/** Shape text MATLAB uses: 28×28×1 (the runtime's). */
export { sizeText } from '../runtime/render.ts';

/** MATLAB's row-vector text inside descriptions: [1  1]. */
export function vectorText(v: readonly number[]): string {
  return `[${v.join('  ')}]`;
}

/** The layer's name in messages ('conv_1', or its default name while unnamed). */
export function layerLabel(layer: Layer): string {
  return layer.Name || layer.defaultName;
}

/** MATLAB's error for a layer that cannot take its input. */
export function invalidLayerInput(layer: Layer, what: string): never {
  return matlabError('trainNetwork:invalidLayers', `Layer '${layerLabel(layer)}': ${what}`);
}
