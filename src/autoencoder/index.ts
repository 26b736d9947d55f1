/** Sparse autoencoders: trainAutoencoder, the Autoencoder object, plotWeights. */
import './serialize.ts';

export { trainAutoencoder } from './trainAutoencoder.ts';
export { Autoencoder } from './Autoencoder.ts';
export { plotWeights, weightsMosaic } from './plotWeights.ts';
import { Autoencoder } from './Autoencoder.ts';
import { matlabError } from '../runtime/errors.ts';

function autoencoderArg(fn: string, a: unknown): Autoencoder {
  if (!(a instanceof Autoencoder)) matlabError(`${fn}:invalidInput`, `${fn} expects an Autoencoder as its first argument.`);
  return a;
}

/** Function forms of the methods (MATLAB's encode(autoenc, X) ...); predict is named apart from the networks' predict. */
export const encode = (autoenc: unknown, x: unknown) => autoencoderArg('encode', autoenc).encode(x);
export const decode = (autoenc: unknown, z: unknown) => autoencoderArg('decode', autoenc).decode(z);
export const predictAutoencoder = (autoenc: unknown, x: unknown) => autoencoderArg('predict', autoenc).predict(x);
