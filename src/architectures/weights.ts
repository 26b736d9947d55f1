/**
 * The 'Weights' argument the architecture functions share: `f()` and
 * `f('Weights','imagenet')` mean MATLAB's pretrained network, loaded from the
 * model store (src/models/store.ts) where `dltb models install` puts it;
 * `f('Weights','none')` the untrained layers.
 */
import { matchString, parseNameValues } from '../runtime/args.ts';
import { matlabError } from '../runtime/errors.ts';
import type { Network } from '../network/Network.ts';
import { loadInstalledNetwork, modelStore } from '../models/store.ts';
import { megabytes, zooFileName, zooModel } from '../models/zoo.ts';

/** The pretrained network `fn` trained on `source` ('imagenet', …), from the model store. */
export function pretrainedNetwork(fn: string, source: string): Network {
  const zoo = source === 'imagenet' ? zooModel(fn) : undefined;
  if (!zoo) {
    return matlabError(`${fn}:pretrainedNotAvailable`,
      `The pretrained ${fn} network ('Weights','${source}') is not available: this toolbox installs ImageNet weights from the ONNX Model Zoo only. ` +
      `Use ${fn}('Weights','none') for the untrained network architecture.`);
  }
  const net = loadInstalledNetwork(fn, fn);
  if (net) return net;
  return matlabError(`${fn}:pretrainedNotInstalled`,
    `${fn} requires its pretrained weights, which are not installed in ${modelStore()}: ` +
    `run "npx dltb models install ${fn}" (downloads ${megabytes(zoo.size)} from the ONNX Model Zoo), ` +
    `or "npx dltb models install ${fn} --file ${zooFileName(zoo)}". ` +
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
