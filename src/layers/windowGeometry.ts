/**
 * What convolution and pooling layers share about their sliding window:
 * MATLAB's 'Padding' argument (which sets PaddingMode and PaddingSize),
 * 'same' padding resolved once the input size is known, the output size with
 * MATLAB's error when the window does not fit, and a nonzero PaddingValue.
 */
import { tf } from '../engine/tf.ts';
import { windowOutputSize } from '../engine/convolution.ts';
import { matlabError } from '../runtime/errors.ts';
import { invalidLayerInput, sizeText, vectorText, type ActivationSize, type Layer } from './Layer.ts';
import type { OptionSpec, PropertySpec } from './declaration.ts';
import { numbersOf, padding, samePadding } from './validate.ts';

export interface PaddedWindow extends Layer {
  readonly window: [number, number];
  Stride: [number, number];
  DilationFactor?: [number, number];
  PaddingMode: 'manual' | 'same';
  PaddingSize: [number, number, number, number];
  PaddingValue?: number | string;
}

/** MATLAB's 'Padding' name-value argument. */
export const paddingOption: OptionSpec = {
  name: 'Padding',
  apply: (fn, layer: PaddedWindow, v) => {
    const p = padding(fn, v);
    layer.PaddingMode = p.same ? 'same' : 'manual';
    layer.PaddingSize = p.same ? [0, 0, 0, 0] : p.tblr;
  },
};

/**
 * The padding in a layer's one-line description. MATLAB keeps 'same' there
 * even once the padding is resolved (trained networks show it); the
 * PaddingSize property holds the numbers.
 */
export function paddingText(layer: PaddedWindow): string {
  return layer.PaddingMode === 'same' ? "'same'" : vectorText(layer.PaddingSize);
}

/** PaddingValue: a numeric scalar (or, where `words` lists them, one of those words). */
export function paddingValueProperty(words: readonly string[] = []): PropertySpec {
  return {
    name: 'PaddingValue', group: 'Hyperparameters', default: 0,
    validate: (fn, v) => {
      if (typeof v === 'string') {
        const w = words.find((x) => x.toLowerCase() === v.toLowerCase());
        if (w) return w;
      } else {
        const n = numbersOf(fn, 'PaddingValue', v);
        if (n.length === 1 && !Number.isNaN(n[0])) return n[0];
      }
      return matlabError(`${fn}:invalidPaddingValue`, `Invalid value for 'PaddingValue'. Value must be a numeric scalar${words.length ? ` or ${words.map((w) => `'${w}'`).join(', ')}` : ''}.`);
    },
  };
}

function effectiveWindow(layer: PaddedWindow): [number, number] {
  const d = layer.DilationFactor ?? [1, 1];
  return [0, 1].map((i) => d[i] * (layer.window[i] - 1) + 1) as [number, number];
}

/** [t b l r] for this input: 'same' keeps ceil(in/stride) outputs, the extra padding bottom/right. */
export function resolvePadding(layer: PaddedWindow, input: ActivationSize): [number, number, number, number] {
  return layer.PaddingMode === 'same' ? samePadding([input[0], input[1]], effectiveWindow(layer), layer.Stride) : layer.PaddingSize;
}

/** Output height and width, or MATLAB's error when the window does not fit. */
export function windowedOutput(layer: PaddedWindow, input: ActivationSize, what: 'filter' | 'pooling window'): [number, number] {
  const pad = resolvePadding(layer, input);
  const d = layer.DilationFactor ?? [1, 1];
  const oh = windowOutputSize(input[0], layer.window[0], layer.Stride[0], d[0], pad[0], pad[1]);
  const ow = windowOutputSize(input[1], layer.window[1], layer.Stride[1], d[1], pad[2], pad[3]);
  if (oh < 1 || ow < 1) {
    invalidLayerInput(layer, `the ${sizeText([input[0], input[1]])} input is smaller than the ${sizeText(layer.window)} ${what}${what === 'filter' ? ' (after padding and dilation)' : ''}.`);
  }
  return [oh, ow];
}

/**
 * The input padded with a nonzero PaddingValue (then the kernel pads
 * nothing), or the input as is with the zero padding left to the kernel.
 */
export function padInput(layer: PaddedWindow, x: tf.Tensor4D): { input: tf.Tensor4D; padding: [number, number, number, number] } {
  const v = layer.PaddingValue ?? 0;
  const [t, b, l, r] = layer.PaddingSize;
  if (v === 0 || typeof v !== 'number' || !(t || b || l || r)) return { input: x, padding: layer.PaddingSize };
  return { input: tf.pad(x, [[0, 0], [t, b], [l, r], [0, 0]], v), padding: [0, 0, 0, 0] };
}
