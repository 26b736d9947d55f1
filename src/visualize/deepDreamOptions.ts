/**
 * deepDreamImage's name-value options, with MATLAB's names and defaults
 * (NumIterations 10, PyramidLevels 3, PyramidScale 1.4, OutputScaling
 * 'linear', Verbose true, ExecutionEnvironment 'auto'; InitialImage random).
 */
import { parseNameValues, matchString } from '../runtime/args.ts';
import { matlabError } from '../runtime/errors.ts';
import { MArray } from '../runtime/marray.ts';
import { numbersOf, positiveInteger } from '../layers/validate.ts';
import type { ExecutionEnvironment } from '../engine/tf.ts';

export const FN = 'deepDreamImage';

export interface DeepDreamOptions {
  numIterations: number;
  pyramidLevels: number;
  pyramidScale: number;
  outputScaling: 'linear' | 'none';
  verbose: boolean;
  initialImage: MArray | null;
  executionEnvironment: ExecutionEnvironment;
}

const NAMES = ['NumIterations', 'PyramidLevels', 'PyramidScale', 'OutputScaling', 'Verbose', 'InitialImage', 'ExecutionEnvironment'] as const;

function scaleAboveOne(v: unknown): number {
  const n = numbersOf(FN, 'PyramidScale', v);
  if (n.length !== 1 || !(n[0] > 1) || !Number.isFinite(n[0])) matlabError(`${FN}:invalidValue`, "Invalid value for 'PyramidScale'. Value must be a finite scalar greater than 1.");
  return n[0];
}

function logicalScalar(v: unknown): boolean {
  const n = numbersOf(FN, 'Verbose', v);
  if (n.length !== 1 || (n[0] !== 0 && n[0] !== 1)) matlabError(`${FN}:invalidValue`, "Invalid value for 'Verbose'. Value must be a logical scalar (true or false, 1 or 0).");
  return n[0] === 1;
}

function initialImage(v: unknown): MArray | null {
  if (v === undefined) return null;
  if (!(v instanceof MArray) || v.cls === 'logical' || v.isEmpty() || v.dims.length > 3) {
    matlabError(`${FN}:invalidInitialImage`, "Invalid value for 'InitialImage'. Value must be a nonempty numeric H×W or H×W×C image.");
  }
  return v;
}

export function parseDeepDreamOptions(nv: readonly unknown[]): DeepDreamOptions {
  const o = parseNameValues(FN, nv, NAMES);
  return {
    numIterations: o.has('NumIterations') ? positiveInteger(FN, 'NumIterations', o.get('NumIterations')) : 10,
    pyramidLevels: o.has('PyramidLevels') ? positiveInteger(FN, 'PyramidLevels', o.get('PyramidLevels')) : 3,
    pyramidScale: o.has('PyramidScale') ? scaleAboveOne(o.get('PyramidScale')) : 1.4,
    outputScaling: matchString(FN, 'OutputScaling', o.get('OutputScaling') ?? 'linear', ['linear', 'none']) as 'linear' | 'none',
    verbose: o.has('Verbose') ? logicalScalar(o.get('Verbose')) : true,
    initialImage: initialImage(o.get('InitialImage')),
    executionEnvironment: matchString(FN, 'ExecutionEnvironment', o.get('ExecutionEnvironment') ?? 'auto', ['auto', 'cpu', 'gpu']) as ExecutionEnvironment,
  };
}
