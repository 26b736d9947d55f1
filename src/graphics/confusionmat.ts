/**
 * [C, order] = confusionmat(group, grouphat): C(i, j) counts samples of
 * known class order(i) predicted as order(j). Classes: a categorical's
 * categories, or the sorted union of the values (numbers or strings).
 */
import { MArray } from '../runtime/marray.ts';
import { Categorical } from '../runtime/categorical.ts';
import { Cell } from '../runtime/cell.ts';
import { matlabError } from '../runtime/errors.ts';
import { withOutputs, type Outputs } from '../runtime/outputs.ts';

type Group = Categorical | MArray | readonly number[] | readonly string[];
export type ClassOrder = Categorical | MArray | Cell<string>;

interface Keys {
  keys: (string | number | null)[];
  categories?: string[];
}

function keysOf(g: Group, pos: number): Keys {
  if (g instanceof Categorical) {
    return { keys: Array.from(g.codes, (c) => (c === 0 ? null : g.categories[c - 1])), categories: g.categories };
  }
  if (g instanceof MArray) {
    if (!g.isVector() && g.numel > 0) matlabError('stats:confusionmat:BadGroup', `Input ${pos} must be a vector of class labels; it is ${g.dims.join('×')}.`);
    return { keys: Array.from(g.data, (v) => (Number.isNaN(v) ? null : v)) };
  }
  if (Array.isArray(g) && g.every((v) => typeof v === 'number' || typeof v === 'string')) {
    return { keys: g.map((v: string | number) => (typeof v === 'number' && Number.isNaN(v) ? null : v === '' ? null : v)) };
  }
  return matlabError('stats:confusionmat:BadGroup', `Input ${pos} must be a categorical, numeric or string vector of class labels.`);
}

/** Counts and class order; shared with confusionchart. */
export function confusionCounts(group: Group, grouphat: Group): { counts: number[][]; classes: (string | number)[]; categorical: boolean } {
  const a = keysOf(group, 1);
  const b = keysOf(grouphat, 2);
  if (a.keys.length !== b.keys.length) {
    matlabError('stats:confusionmat:GroupLenMismatch', `G and GHAT need to be the same length (${a.keys.length} and ${b.keys.length}).`);
  }
  let classes: (string | number)[];
  if (a.categories || b.categories) {
    classes = [...(a.categories ?? [])];
    for (const c of b.categories ?? []) if (!classes.includes(c)) classes.push(c);
  } else {
    const all = [...a.keys, ...b.keys].filter((k): k is string | number => k !== null);
    classes = [...new Set(all)].sort((x, y) => (typeof x === 'number' && typeof y === 'number' ? x - y : String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0));
  }
  const index = new Map(classes.map((c, i) => [c, i]));
  const counts = classes.map(() => new Array<number>(classes.length).fill(0));
  a.keys.forEach((k, j) => {
    const p = b.keys[j];
    // Missing labels (NaN, '', <undefined>) are left out, as MATLAB does.
    if (k === null || p === null) return;
    counts[index.get(k)!][index.get(p)!]++;
  });
  return { counts, classes, categorical: Boolean(a.categories || b.categories) };
}

export function confusionmat(group: Group, grouphat: Group): Outputs<MArray, [MArray, ClassOrder]> {
  const { counts, classes, categorical } = confusionCounts(group, grouphat);
  const K = classes.length;
  const C = MArray.zeros([K, K]);
  counts.forEach((row, i) => row.forEach((v, j) => { C.data[i + j * K] = v; }));
  let order: ClassOrder;
  if (categorical) order = Categorical.fromStrings(classes as string[], classes as string[]);
  else if (classes.every((c) => typeof c === 'number')) order = MArray.column(classes as number[]);
  else order = Cell.column(classes.map(String));
  return withOutputs(C, [C, order] as [MArray, ClassOrder]);
}
