/**
 * The base of every layer. A layer module keeps together what Keras and
 * PyTorch keep together: the MATLAB constructor, the visible properties with
 * their defaults and validation, and the forward computation.
 */
import type { tf } from '../engine/tf.ts';
import type { BatchStatistics } from '../engine/normalization.ts';
import { MArray } from '../runtime/marray.ts';
import { propertiesBody } from '../runtime/render.ts';

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
  /** Receives each batch-normalisation layer's batch statistics during training. */
  onBatchStatistics?: (layer: Layer, stats: BatchStatistics) => void;
}

export abstract class Layer {
  Name: string;
  /** MATLAB's type column in a layer array display ('Convolution', …). */
  abstract readonly Type: string;
  /** Default name given by trainNetwork when Name is '' ('conv', 'relu', …). */
  abstract readonly defaultName: string;

  constructor(name: string) {
    this.Name = name;
  }

  /** MATLAB's description column, e.g. "16 3×3 convolutions with stride [1  1] …". */
  abstract describe(): string;

  get isInput(): boolean {
    return false;
  }
  get isOutput(): boolean {
    return false;
  }

  /** Check that the layer accepts `input` and return its output size (MATLAB errors otherwise). */
  abstract outputSize(input: ActivationSize): ActivationSize;

  /** Give uninitialised learnables their initial values (MATLAB does this when training starts). */
  initialize(_input: ActivationSize): void {}

  /** Learnable parameters, in a fixed order matching `forward`'s `params`. */
  learnables(): Learnable[] {
    return [];
  }

  /** The forward computation on an [N,H,W,C] (or [N,K]) batch. */
  abstract forward(x: tf.Tensor, params: tf.Tensor[], ctx: ForwardContext): tf.Tensor;

  /** Dispose engine tensors the layer caches for inference (rebuilt on demand). */
  releaseCache(): void {}

  /** Visible properties for display, in MATLAB's order. */
  properties(): Record<string, unknown> {
    return { Name: this.Name };
  }

  /** MATLAB's class name in `… with properties:`. */
  get className(): string {
    return this.constructor.name;
  }

  displayMatlab(): string {
    // Numeric vectors are MATLAB row vectors ([3 3]), not cells.
    const props = Object.fromEntries(Object.entries(this.properties()).map(([k, v]) =>
      [k, Array.isArray(v) && v.every((e) => typeof e === 'number') ? MArray.row(v) : v]));
    return propertiesBody(`${this.className} with properties:`, props);
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

/** Shape text MATLAB uses: 28×28×1. */
export function sizeText(dims: readonly number[]): string {
  return dims.join('×');
}

/** MATLAB's row-vector text inside descriptions: [1  1]. */
export function vectorText(v: readonly number[]): string {
  return `[${v.join('  ')}]`;
}

