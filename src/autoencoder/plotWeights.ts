/**
 * plotWeights(autoenc): the encoder's weights as images, one tile per hidden
 * unit (row i of EncoderWeights reshaped column-major to the image size), in
 * a near-square grid with 1-pixel gaps, the whole mosaic min-max normalised.
 * Drawn into the current axes, as MATLAB draws into the current figure.
 */
import { MArray } from '../runtime/marray.ts';
import { matlabError } from '../runtime/errors.ts';
import { imshow } from '../graphics/index.ts';
import type { Axes } from '../graphics/index.ts';
import { Autoencoder } from './Autoencoder.ts';

/** Tile size: the training images' size, else a square if the input size is one. */
function tileSize(a: Autoencoder): [number, number] {
  if (a.imageSize && a.imageSize.length === 2) return [a.imageSize[0], a.imageSize[1]];
  const s = Math.round(Math.sqrt(a.inputSize));
  if (s * s === a.inputSize) return [s, s];
  return matlabError('plotWeights:notImageData', 'plotWeights needs an autoencoder trained on 2-D images (or a square number of inputs).');
}

/** The mosaic as an MArray in [0, 1]; gaps take the mosaic's minimum (black). */
export function weightsMosaic(a: Autoencoder): MArray {
  const [h, w] = tileSize(a);
  const n = a.HiddenSize;
  const cols = Math.ceil(Math.sqrt(n));
  const rows = Math.ceil(n / cols);
  const H = rows * h + (rows - 1);
  const W = cols * w + (cols - 1);
  const W1 = a.EncoderWeights.data;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of W1) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const span = hi > lo ? hi - lo : 1;
  const out = new Float64Array(H * W);
  for (let unit = 0; unit < n; unit++) {
    // Tiles fill the grid row by row, as MATLAB's plotWeights does.
    const top = Math.floor(unit / cols) * (h + 1);
    const left = (unit % cols) * (w + 1);
    for (let c = 0; c < w; c++) {
      for (let r = 0; r < h; r++) {
        const weight = W1[(c * h + r) * n + unit]; // EncoderWeights(unit, r + c·h), column-major
        out[(left + c) * H + top + r] = (weight - lo) / span;
      }
    }
  }
  return MArray.from(out, [H, W]);
}

export function plotWeights(autoenc: unknown): Axes {
  if (!(autoenc instanceof Autoencoder)) matlabError('plotWeights:invalidInput', 'plotWeights expects an Autoencoder (from trainAutoencoder).');
  return imshow(weightsMosaic(autoenc));
}
