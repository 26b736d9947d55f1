/**
 * The 'Weights' argument the architecture functions share: `f()` and
 * `f('Weights','imagenet')` mean MATLAB's pretrained network, `f('Weights','none')`
 * the untrained layers. Pretrained weights are not installed yet, so one
 * function says so; the installer replaces `pretrainedNetwork` alone.
 */
import { matchString, parseNameValues } from '../runtime/args.ts';
import { matlabError } from '../runtime/errors.ts';
import type { Network } from '../network/Network.ts';

/** The pretrained network `fn` trained on `source` ('imagenet', …). */
export function pretrainedNetwork(fn: string, source: string): Network {
  return matlabError(`${fn}:pretrainedNotInstalled`,
    `The pretrained ${fn} network ('Weights','${source}') is not available: pretrained weights are not installed in this toolbox. ` +
    `Use ${fn}('Weights','none') for the untrained network architecture.`);
}

/**
 * `build()` for 'Weights','none', else the pretrained network. `sources` are
 * the pretrained weights MATLAB offers for `fn` (the first is the default).
 */
export function architecture<T>(fn: string, args: readonly unknown[], build: () => T, sources: readonly string[] = ['imagenet']): T | Network {
  const opts = parseNameValues(fn, args, ['Weights']);
  const weights = opts.has('Weights') ? matchString(fn, 'Weights', opts.get('Weights'), [...sources, 'none']) : sources[0];
  return weights === 'none' ? build() : pretrainedNetwork(fn, weights);
}
