/**
 * trainAutoencoder(X, hiddenSize, Name, Value, ...): a one-hidden-layer
 * sparse autoencoder trained full batch with scaled conjugate gradient on
 * the msesparse loss (MATLAB's defaults: logsig/logsig, 1000 epochs,
 * λ 0.001, β 1, ρ 0.05, ScaleData true).
 */
import { MArray } from '../runtime/marray.ts';
import { globalRandom } from '../runtime/random.ts';
import { ProgressBar } from '../runtime/progressBar.ts';
import { Autoencoder } from './Autoencoder.ts';
import { toDataMatrix } from './data.ts';
import { minMaxSettings, applyMinMax } from './mapminmax.ts';
import { MseSparse } from './msesparse.ts';
import { hiddenSizeArg, parseAutoencoderOptions } from './options.ts';
import { initialParams, views, type Shapes } from './params.ts';
import { scg } from './scg.ts';
import { outputRange } from './transfer.ts';

// The engine computes in float32: MATLAB's sigma (5e-5) would make the
// curvature difference quotient mostly rounding noise, so a larger step is used.
const CURVATURE_SIGMA = 1e-3;

export function trainAutoencoder(x: unknown, hiddenSize?: unknown, ...nameValues: unknown[]): Autoencoder {
  // MATLAB allows trainAutoencoder(X, 'Name', value, ...) too.
  if (typeof hiddenSize === 'string') return trainAutoencoder(x, undefined, hiddenSize, ...nameValues);
  const hidden = hiddenSizeArg(hiddenSize);
  const opts = parseAutoencoderOptions(nameValues);
  const data = toDataMatrix('trainAutoencoder', x);
  const shapes: Shapes = { input: data.rows, hidden };

  // Inputs and targets are the same data, so one mapminmax setting serves both.
  const [ymin, ymax] = outputRange(opts.DecoderTransferFunction);
  const scaling = opts.ScaleData ? minMaxSettings(data.values, data.rows, data.cols, ymin, ymax) : null;
  const scaled = scaling ? applyMinMax(scaling, data.values, data.rows) : data.values;

  const loss = new MseSparse(scaled, scaled, shapes, {
    encoder: opts.EncoderTransferFunction,
    decoder: opts.DecoderTransferFunction,
    l2: opts.L2WeightRegularization,
    sparsity: opts.SparsityRegularization,
    proportion: opts.SparsityProportion,
  });
  const rand = globalRandom();
  const bar = new ProgressBar({ total: opts.MaxEpochs, label: `trainAutoencoder (${data.rows}→${hidden}, ${data.cols} samples)` });
  let result;
  try {
    result = scg((w, withGradient) => {
      const { terms, grad } = loss.evaluate(w, withGradient);
      return { f: terms.loss, g: grad };
    }, initialParams(shapes, () => rand.nextDouble()), {
      maxEpochs: opts.MaxEpochs,
      sigma: CURVATURE_SIGMA,
      onEpoch: (epoch, f) => bar.update(epoch, `loss ${f.toPrecision(4)}`),
    });
  } finally {
    loss.dispose();
  }
  bar.finish(`loss ${result.f.toPrecision(4)}, ${result.epochs} epochs`);

  const p = views(result.w, shapes);
  return new Autoencoder({
    EncoderTransferFunction: opts.EncoderTransferFunction,
    EncoderWeights: MArray.from(p.W1, [hidden, data.rows]),
    EncoderBiases: MArray.from(p.b1, [hidden, 1]),
    DecoderTransferFunction: opts.DecoderTransferFunction,
    DecoderWeights: MArray.from(p.W2, [data.rows, hidden]),
    DecoderBiases: MArray.from(p.b2, [data.rows, 1]),
    TrainingParameters: {
      ...opts,
      Epochs: result.epochs,
      StopReason: result.stop,
      Performance: result.f,
    },
    ScaleData: opts.ScaleData,
    scaling,
    imageSize: data.imageSize,
  });
}
