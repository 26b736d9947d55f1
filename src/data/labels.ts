/**
 * Datastore labels: deriving them from folder names and grouping file
 * positions per category (the basis of countEachLabel and splitEachLabel).
 */
import path from 'node:path';
import { Categorical, UNDEFINED_LABEL } from '../runtime/categorical.ts';
import { MArray } from '../runtime/marray.ts';
import { matlabError } from '../runtime/errors.ts';
import { compareCodeUnits } from './fileList.ts';

/** LabelSource 'foldernames': each file's immediate parent folder; categories in MATLAB's character order. */
export function folderLabels(files: readonly string[]): Categorical {
  const names = files.map((f) => path.basename(path.dirname(f)));
  const cats = [...new Set(names)].sort(compareCodeUnits);
  return Categorical.fromStrings(names, cats);
}

/** A label-less datastore has an empty Labels array (MATLAB shows `{}`). */
export function noLabels(): Categorical {
  return Categorical.fromStrings([], []);
}

/** Accept the label forms MATLAB accepts: categorical, text, or numbers (converted to their text). */
export function toLabels(fn: string, value: unknown, n: number): Categorical {
  let labels: Categorical;
  if (value instanceof Categorical) labels = value;
  else if (value instanceof MArray) labels = numericLabels(value.toArray());
  else if (Array.isArray(value) && value.every((v) => typeof v === 'number')) labels = numericLabels(value as number[]);
  else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) labels = Categorical.fromStrings(value as string[]);
  else {
    return matlabError(`${fn}:invalidLabels`, 'Labels must be a categorical array, a cell array of character vectors, a string array or a numeric vector.');
  }
  if (labels.numel !== n) {
    matlabError(`${fn}:invalidLabelsLength`, `The number of labels (${labels.numel}) must equal the number of files (${n}).`);
  }
  return labels;
}

function numericLabels(values: readonly number[]): Categorical {
  // Numeric labels keep numeric category order (MATLAB sorts the numbers, not their text).
  const cats = [...new Set(values)].sort((a, b) => a - b).map(String);
  return Categorical.fromStrings(values.map(String), cats);
}

export interface LabelGroup {
  /** 1-based category code, 0 for <undefined>. */
  code: number;
  label: string;
  /** 0-based file positions, in file order. */
  members: number[];
}

/**
 * Labels that occur, in category order, with their files; files without a
 * label form a last <undefined> group (as MATLAB's findgroups-based code does).
 */
export function groupByLabel(labels: Categorical): LabelGroup[] {
  const byCode: number[][] = Array.from({ length: labels.categories.length + 1 }, () => []);
  labels.codes.forEach((code, i) => byCode[code].push(i));
  const groups: LabelGroup[] = [];
  labels.categories.forEach((label, c) => {
    if (byCode[c + 1].length > 0) groups.push({ code: c + 1, label, members: byCode[c + 1] });
  });
  if (byCode[0].length > 0) groups.push({ code: 0, label: UNDEFINED_LABEL, members: byCode[0] });
  return groups;
}
