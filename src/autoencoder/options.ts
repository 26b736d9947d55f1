/** trainAutoencoder's name-value options, with MATLAB's names, defaults and checks. */
import { parseNameValues, matchString } from '../runtime/args.ts';
import { matlabError } from '../runtime/errors.ts';
import { MArray } from '../runtime/marray.ts';
import { ENCODER_TRANSFERS, DECODER_TRANSFERS, type TransferName } from './transfer.ts';

const FN = 'trainAutoencoder';

export interface AutoencoderOptions {
  EncoderTransferFunction: TransferName;
  DecoderTransferFunction: TransferName;
  MaxEpochs: number;
  L2WeightRegularization: number;
  LossFunction: 'msesparse';
  ShowProgressWindow: boolean;
  SparsityProportion: number;
  SparsityRegularization: number;
  TrainingAlgorithm: 'trainscg';
  ScaleData: boolean;
  UseGPU: boolean;
}

const NAMES = [
  'EncoderTransferFunction', 'DecoderTransferFunction', 'MaxEpochs', 'L2WeightRegularization', 'LossFunction',
  'ShowProgressWindow', 'SparsityProportion', 'SparsityRegularization', 'TrainingAlgorithm', 'ScaleData', 'UseGPU',
] as const;

function scalar(name: string, v: unknown): number {
  const x = v instanceof MArray && v.numel === 1 ? v.data[0] : v;
  if (typeof x !== 'number' || !Number.isFinite(x)) matlabError(`${FN}:invalidValue`, `The value of '${name}' must be a finite numeric scalar.`);
  return x;
}

function nonNegative(name: string, v: unknown): number {
  const x = scalar(name, v);
  if (x < 0) matlabError(`${FN}:invalidValue`, `The value of '${name}' must be nonnegative.`);
  return x;
}

function logical(name: string, v: unknown): boolean {
  const x = v instanceof MArray && v.numel === 1 ? v.data[0] : v;
  if (typeof x === 'boolean') return x;
  if (x === 0 || x === 1) return x === 1;
  return matlabError(`${FN}:invalidValue`, `The value of '${name}' must be a logical scalar (true or false).`);
}

export function hiddenSizeArg(v: unknown): number {
  if (v === undefined) return 10;
  const x = scalar('hiddenSize', v);
  if (!Number.isInteger(x) || x < 1) matlabError(`${FN}:invalidHiddenSize`, 'hiddenSize must be a positive integer.');
  return x;
}

export function parseAutoencoderOptions(args: readonly unknown[]): AutoencoderOptions {
  const nv = parseNameValues(FN, args, NAMES);
  const get = <T>(name: (typeof NAMES)[number], dflt: T, check: (name: string, v: unknown) => T): T =>
    nv.has(name) ? check(name, nv.get(name)) : dflt;
  const choice = <T extends string>(choices: readonly T[]) => (name: string, v: unknown) => matchString(FN, name, v, choices) as T;
  const opts: AutoencoderOptions = {
    EncoderTransferFunction: get('EncoderTransferFunction', 'logsig', choice(ENCODER_TRANSFERS)),
    DecoderTransferFunction: get('DecoderTransferFunction', 'logsig', choice(DECODER_TRANSFERS)),
    MaxEpochs: get('MaxEpochs', 1000, (n, v) => {
      const x = scalar(n, v);
      if (!Number.isInteger(x) || x < 1) matlabError(`${FN}:invalidValue`, `The value of '${n}' must be a positive integer.`);
      return x;
    }),
    L2WeightRegularization: get('L2WeightRegularization', 0.001, nonNegative),
    LossFunction: get('LossFunction', 'msesparse', choice(['msesparse'] as const)),
    // Accepted for compatibility: there is no training window here, progress goes to stderr.
    ShowProgressWindow: get('ShowProgressWindow', true, logical),
    SparsityProportion: get('SparsityProportion', 0.05, (n, v) => {
      const x = scalar(n, v);
      if (!(x > 0 && x < 1)) matlabError(`${FN}:invalidValue`, `The value of '${n}' must be between 0 and 1 (exclusive).`);
      return x;
    }),
    SparsityRegularization: get('SparsityRegularization', 1, nonNegative),
    TrainingAlgorithm: get('TrainingAlgorithm', 'trainscg', choice(['trainscg'] as const)),
    ScaleData: get('ScaleData', true, logical),
    // Accepted: the engine picks its backend itself (useExecutionEnvironment).
    UseGPU: get('UseGPU', false, logical),
  };
  return opts;
}
