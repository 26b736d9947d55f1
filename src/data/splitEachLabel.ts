/**
 * splitEachLabel's arithmetic, kept apart from the datastore class: parse
 * MATLAB's argument list and compute, for each output, the 0-based file
 * positions it keeps (ascending, so outputs follow the original file order).
 */
import { Categorical } from '../runtime/categorical.ts';
import { MArray } from '../runtime/marray.ts';
import { matlabError } from '../runtime/errors.ts';
import { matchString, parseNameValues } from '../runtime/args.ts';
import { shuffleIndices } from '../runtime/random.ts';
import { groupByLabel, type LabelGroup } from './labels.ts';

const FN = 'splitEachLabel';
const FLAG = 'randomized';
const NAMES = ['Include', 'Exclude'] as const;

export interface SplitSpec {
  /** Fractions in (0,1) or whole counts ≥ 1, one per output but the last. */
  amounts: number[];
  kind: 'fraction' | 'count';
  randomized: boolean;
  include?: string[];
  exclude?: string[];
}

function asScalarNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v instanceof MArray && v.cls !== 'logical') {
    if (v.numel !== 1) matlabError(`${FN}:nonScalarNumericalInput`, 'Each proportion must be a numeric scalar.');
    return v.data[0];
  }
  return undefined;
}

function labelList(name: string, v: unknown): string[] {
  if (typeof v === 'string' || typeof v === 'number') return [String(v)];
  if (v instanceof Categorical) return v.toStrings();
  if (v instanceof MArray) return v.toArray().map(String);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.map(String);
  return matlabError(`${FN}:incExcInvalidType`, `The value of '${name}' must be a label or a list of labels.`);
}

export function parseSplitArgs(args: readonly unknown[]): SplitSpec {
  const amounts: number[] = [];
  let k = 0;
  for (; k < args.length; k++) {
    const v = asScalarNumber(args[k]);
    if (v === undefined) break;
    amounts.push(v);
  }
  if (amounts.length === 0) {
    matlabError(`${FN}:noNumericalInput`, 'splitEachLabel needs at least one proportion (0 < p < 1) or number of files per label (an integer ≥ 1).');
  }
  const kind = validateAmounts(amounts);
  let randomized = false;
  // 'randomized' (or a prefix such as 'randomize') may follow the numbers; then Include/Exclude pairs.
  if (k < args.length && typeof args[k] === 'string' && matchString(FN, 'option', args[k], [FLAG, ...NAMES]) === FLAG) {
    randomized = true;
    k++;
  }
  const rest = args.slice(k);
  if (rest.length % 2 === 1 && typeof rest[rest.length - 1] === 'string') {
    // A lone trailing word: name the bad option rather than complain about pairs.
    const choice = matchString(FN, 'option', rest[rest.length - 1], NAMES);
    matlabError(`${FN}:missingValue`, `Parameter '${choice}' needs a value.`);
  }
  const nv = parseNameValues(FN, rest, NAMES);
  if (nv.has('Include') && nv.has('Exclude')) {
    matlabError(`${FN}:combineIncExcNVPair`, "The 'Include' and 'Exclude' parameters cannot be combined.");
  }
  const spec: SplitSpec = { amounts, kind, randomized };
  if (nv.has('Include')) spec.include = labelList('Include', nv.get('Include'));
  if (nv.has('Exclude')) spec.exclude = labelList('Exclude', nv.get('Exclude'));
  return spec;
}

function validateAmounts(amounts: readonly number[]): 'fraction' | 'count' {
  for (const p of amounts) {
    if (!Number.isFinite(p) || p <= 0) {
      matlabError(`${FN}:nonPositiveProportions`, `Proportions must be positive: a fraction between 0 and 1 or a number of files per label (got ${p}).`);
    }
  }
  const fractions = amounts.filter((p) => p < 1).length;
  if (fractions !== 0 && fractions !== amounts.length) {
    matlabError(`${FN}:neitherFracNorNum`, 'Proportions must be all fractions (between 0 and 1) or all numbers of files (integers of at least 1), not a mix.');
  }
  if (fractions === 0 && !amounts.every(Number.isInteger)) {
    matlabError(`${FN}:fracMoreThanOne`, `A number of files per label must be a whole number; a fraction must be less than 1 (got ${amounts.find((p) => !Number.isInteger(p))}).`);
  }
  const sum = amounts.reduce((s, p) => s + p, 0);
  if (fractions > 0 && sum > 1) {
    matlabError(`${FN}:sumFracMoreThanOne`, `The sum of the proportions (${sum}) must not exceed 1.`);
  }
  return fractions > 0 ? 'fraction' : 'count';
}

/** Cumulative file counts at each output boundary, for one label (MATLAB rounds the cumulative sums). */
function boundaries(spec: SplitSpec, count: number): number[] {
  let cum = 0;
  return spec.amounts.map((p) => {
    cum += spec.kind === 'fraction' ? count * p : p;
    return spec.kind === 'fraction' ? Math.round(cum) : cum;
  });
}

function checkCounts(spec: SplitSpec, groups: readonly LabelGroup[]): void {
  if (spec.kind !== 'count' || groups.length === 0) return;
  const wanted = spec.amounts.reduce((s, n) => s + n, 0);
  const smallest = groups.reduce((a, b) => (b.members.length < a.members.length ? b : a));
  if (wanted > smallest.members.length) {
    matlabError(`${FN}:sumPropMoreThanLabels`,
      `Label '${smallest.label}' has only ${smallest.members.length} file(s), fewer than the ${wanted} requested per label. `
      + 'The number of files per label must not exceed the smallest label count; use a smaller number or a proportion.');
  }
}

function selectGroups(groups: LabelGroup[], spec: SplitSpec): LabelGroup[] {
  if (spec.include) {
    for (const l of spec.include) {
      if (!groups.some((g) => g.label === l)) {
        matlabError(`${FN}:includeNotInLabels`, `Label '${l}' given in 'Include' is not one of the datastore's labels.`);
      }
    }
    return groups.filter((g) => spec.include!.includes(g.label));
  }
  if (spec.exclude) return groups.filter((g) => !spec.exclude!.includes(g.label));
  return groups;
}

/** 0-based positions for each of amounts.length + 1 outputs. */
export function splitPositions(labels: Categorical, spec: SplitSpec): number[][] {
  if (labels.numel === 0) {
    matlabError(`${FN}:splitWhenLabelsEmpty`, "The datastore has no labels. Create it with 'LabelSource','foldernames' or set its Labels property.");
  }
  const groups = selectGroups(groupByLabel(labels), spec);
  checkCounts(spec, groups);
  const outputs: number[][] = Array.from({ length: spec.amounts.length + 1 }, () => []);
  for (const { members } of groups) {
    // Random draws happen label by label in category order, so rng(seed) reproduces the split.
    const order = spec.randomized ? shuffleIndices(members.length).map((i) => members[i]) : members;
    const ends = [...boundaries(spec, members.length), members.length];
    let at = 0;
    ends.forEach((end, o) => {
      outputs[o].push(...order.slice(at, end));
      at = end;
    });
  }
  return outputs.map((o) => o.sort((a, b) => a - b));
}
