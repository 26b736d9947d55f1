/**
 * imageInputLayer(inputSize, …): the network's entry. With 'zerocenter'
 * normalisation (MATLAB's default) it subtracts the training set's mean image,
 * computed by trainNetwork in one pass before training.
 */
import { tf } from '../engine/tf.ts';
import { parseNameValues, matchString } from '../runtime/args.ts';
import { matlabError } from '../runtime/errors.ts';
import { MArray } from '../runtime/marray.ts';
import { tensorFromMArray } from '../engine/layout.ts';
import { Layer, sizeText, type ActivationSize } from './Layer.ts';
import { layerName, numbersOf } from './validate.ts';

const FN = 'imageInputLayer';
export type InputNormalization = 'zerocenter' | 'none';

export class ImageInputLayer extends Layer {
  readonly Type = 'Image Input';
  readonly defaultName = 'imageinput';
  readonly InputSize: ActivationSize;
  readonly Normalization: InputNormalization;
  /** Mean image H×W×C (single), set by trainNetwork for 'zerocenter'. */
  Mean: MArray | null;
  private meanTensor: tf.Tensor | null = null;

  constructor(inputSize: ActivationSize, normalization: InputNormalization, name: string, mean: MArray | null) {
    super(name);
    this.InputSize = inputSize;
    this.Normalization = normalization;
    this.Mean = mean;
  }

  override get isInput(): boolean {
    return true;
  }

  describe(): string {
    return `${sizeText(this.InputSize)} images${this.Normalization === 'none' ? '' : ` with '${this.Normalization}' normalization`}`;
  }

  outputSize(): ActivationSize {
    return this.InputSize;
  }

  /** Set the mean image (H×W×C) used by 'zerocenter'. */
  setMean(mean: MArray): void {
    this.Mean = mean;
    this.releaseCache();
  }

  override releaseCache(): void {
    this.meanTensor?.dispose();
    this.meanTensor = null;
  }

  forward(x: tf.Tensor): tf.Tensor {
    if (this.Normalization === 'none' || this.Mean === null) return x;
    if (!this.meanTensor) this.meanTensor = tf.keep(tensorFromMArray(this.Mean, 3));
    return tf.sub(x, this.meanTensor);
  }

  override properties(): Record<string, unknown> {
    return { Name: this.Name, InputSize: [...this.InputSize], Normalization: this.Normalization, Mean: this.Mean };
  }
}

export function imageInputLayer(inputSize: unknown, ...nv: unknown[]): ImageInputLayer {
  const size = numbersOf(FN, 'inputSize', inputSize);
  if ((size.length !== 2 && size.length !== 3) || !size.every((s) => Number.isInteger(s) && s > 0)) {
    matlabError(`${FN}:invalidInputSize`, 'Invalid input size. Specify a vector of two or three positive integers [h w] or [h w c].');
  }
  const opts = parseNameValues(FN, nv, ['Normalization', 'Name', 'Mean']);
  const normalization = matchString(FN, 'Normalization', opts.get('Normalization') ?? 'zerocenter', ['zerocenter', 'none']) as InputNormalization;
  const name = layerName(FN, opts.get('Name') ?? '');
  const full: ActivationSize = [size[0], size[1], size[2] ?? 1];
  const mean = opts.get('Mean');
  if (mean !== undefined && !(mean instanceof MArray)) matlabError(`${FN}:invalidMean`, "Invalid value for 'Mean'. Value must be a numeric array of size h×w×c.");
  return new ImageInputLayer(full, normalization, name, (mean as MArray | undefined) ?? null);
}
