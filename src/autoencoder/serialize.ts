/** Autoencoder with save/load: its state is plain values and MArrays. */
import { registerSerializable } from '../io/registry.ts';
import { MArray } from '../runtime/marray.ts';
import { Autoencoder, type AutoencoderState } from './Autoencoder.ts';

registerSerializable('nnet.Autoencoder', Autoencoder,
  (a: Autoencoder) => ({
    ...stateOf(a),
    // Typed arrays of the scaling go as MArrays (the savable numeric type).
    scaling: a.scaling && { xmin: MArray.from(a.scaling.xmin, [a.scaling.xmin.length, 1]), xmax: MArray.from(a.scaling.xmax, [a.scaling.xmax.length, 1]), ymin: a.scaling.ymin, ymax: a.scaling.ymax },
    imageSize: a.imageSize && MArray.from(a.imageSize, [1, a.imageSize.length]),
  }),
  (d: Record<string, any>) => new Autoencoder({
    ...(d as AutoencoderState),
    scaling: d.scaling && { xmin: Float64Array.from(d.scaling.xmin.data), xmax: Float64Array.from(d.scaling.xmax.data), ymin: d.scaling.ymin, ymax: d.scaling.ymax },
    imageSize: d.imageSize && Array.from(d.imageSize.data as ArrayLike<number>),
  }));

function stateOf(a: Autoencoder): AutoencoderState {
  const { EncoderTransferFunction, EncoderWeights, EncoderBiases, DecoderTransferFunction, DecoderWeights, DecoderBiases, TrainingParameters, ScaleData, scaling, imageSize } = a;
  return { EncoderTransferFunction, EncoderWeights, EncoderBiases, DecoderTransferFunction, DecoderWeights, DecoderBiases, TrainingParameters, ScaleData, scaling, imageSize };
}
