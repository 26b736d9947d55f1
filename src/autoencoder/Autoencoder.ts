/**
 * A trained autoencoder: MATLAB's Autoencoder object with its public
 * properties and encode/decode/predict. Data scaling (ScaleData) is applied
 * on the way in and undone on the way out, as MATLAB does.
 */
import { MArray } from '../runtime/marray.ts';
import { Cell } from '../runtime/cell.ts';
import { matlabError } from '../runtime/errors.ts';
import { propertiesBody } from '../runtime/render.ts';
import { applyMinMax, reverseMinMax, type MinMaxSettings } from './mapminmax.ts';
import { layer } from './forward.ts';
import { toDataMatrix, fromDataMatrix } from './data.ts';
import type { TransferName } from './transfer.ts';

export interface AutoencoderState {
  EncoderTransferFunction: TransferName;
  EncoderWeights: MArray;
  EncoderBiases: MArray;
  DecoderTransferFunction: TransferName;
  DecoderWeights: MArray;
  DecoderBiases: MArray;
  TrainingParameters: Record<string, unknown>;
  ScaleData: boolean;
  /** mapminmax settings of the training data (null when ScaleData is false). */
  scaling: MinMaxSettings | null;
  /** Size of one training image, or null when trained on a matrix. */
  imageSize: number[] | null;
}

export class Autoencoder {
  EncoderTransferFunction!: TransferName;
  EncoderWeights!: MArray;
  EncoderBiases!: MArray;
  DecoderTransferFunction!: TransferName;
  DecoderWeights!: MArray;
  DecoderBiases!: MArray;
  TrainingParameters!: Record<string, unknown>;
  ScaleData!: boolean;
  scaling!: MinMaxSettings | null;
  imageSize!: number[] | null;

  constructor(state: AutoencoderState) {
    Object.assign(this, state);
  }

  get HiddenSize(): number {
    return this.EncoderWeights.dims[0];
  }

  get inputSize(): number {
    return this.EncoderWeights.dims[1];
  }

  /** Hidden representation (HiddenSize×N) of a matrix or a cell of images. */
  encode(x: unknown): MArray {
    const d = this.checkedInput('encode', x);
    const scaled = this.scaling ? applyMinMax(this.scaling, d.values, d.rows) : d.values;
    return MArray.from(this.encodeScaled(scaled, d.cols), [this.HiddenSize, d.cols]);
  }

  /** Reconstruction from codes (HiddenSize×N): a matrix, or a cell of images if trained on images. */
  decode(z: unknown): MArray | Cell<MArray> {
    if (!(z instanceof MArray) || z.dims.length !== 2 || z.dims[0] !== this.HiddenSize) {
      matlabError('decode:invalidInput', `Z must be a matrix with ${this.HiddenSize} rows (one column per sample).`);
    }
    const cols = z.dims[1];
    return fromDataMatrix(this.decodeToData(Float64Array.from(z.data), cols), this.inputSize, cols, this.imageSize);
  }

  /** Reconstruction of the inputs, in the same form as the input. */
  predict(x: unknown): MArray | Cell<MArray> {
    const d = this.checkedInput('predict', x);
    const scaled = this.scaling ? applyMinMax(this.scaling, d.values, d.rows) : d.values;
    return fromDataMatrix(this.decodeToData(this.encodeScaled(scaled, d.cols), d.cols), d.rows, d.cols, d.imageSize);
  }

  displayMatlab(): string {
    return propertiesBody('Autoencoder with properties:', {
      HiddenSize: this.HiddenSize,
      EncoderTransferFunction: this.EncoderTransferFunction,
      EncoderWeights: this.EncoderWeights,
      EncoderBiases: this.EncoderBiases,
      DecoderTransferFunction: this.DecoderTransferFunction,
      DecoderWeights: this.DecoderWeights,
      DecoderBiases: this.DecoderBiases,
      TrainingParameters: this.TrainingParameters,
      ScaleData: this.ScaleData,
    });
  }

  private checkedInput(fn: string, x: unknown) {
    const d = toDataMatrix(fn, x);
    if (d.rows !== this.inputSize) matlabError(`${fn}:invalidInput`, `The input has ${d.rows} values per sample; the autoencoder expects ${this.inputSize}.`);
    return d;
  }

  private encodeScaled(scaled: Float64Array, cols: number): Float64Array {
    return layer(this.EncoderWeights.data, this.EncoderBiases.data, scaled, this.HiddenSize, this.inputSize, cols, this.EncoderTransferFunction);
  }

  private decodeToData(z: Float64Array, cols: number): Float64Array {
    const y = layer(this.DecoderWeights.data, this.DecoderBiases.data, z, this.inputSize, this.HiddenSize, cols, this.DecoderTransferFunction);
    return this.scaling ? reverseMinMax(this.scaling, y, this.inputSize) : y;
  }
}
