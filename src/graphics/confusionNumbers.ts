/**
 * The numbers plotconfusion shows, kept apart from drawing so they can be
 * tested: counts (rows = output class, columns = target class), each
 * cell's share of all samples, per-class and overall accuracy.
 */
import { MArray } from '../runtime/marray.ts';
import { Categorical } from '../runtime/categorical.ts';
import { matlabError } from '../runtime/errors.ts';

export interface ConfusionNumbers {
  classes: string[];
  /** counts[o][t]: samples of target class t classified as o. */
  counts: number[][];
  total: number;
  /** counts / total × 100. */
  cellPercent: number[][];
  /** Per output class (right column): % of that row that is correct; NaN for an empty row. */
  outputCorrect: number[];
  /** Per target class (bottom row): % of that column that is correct; NaN for an empty column. */
  targetCorrect: number[];
  /** Overall % correct (bottom-right cell). */
  accuracy: number;
}

/** Class index (0-based) of each sample, −1 where unknown. */
interface Labelled {
  classes: string[];
  index: Int32Array;
}

/** K×N one-hot or score matrix → argmax per column; K = 1 means a binary 0/1 output. */
function fromMatrix(fn: string, a: MArray, what: string): Labelled {
  if (a.dims.length !== 2) matlabError(`MATLAB:${fn}:invalidInput`, `${what} must be a K×N matrix (one column per sample) or a categorical array.`);
  const [K, N] = a.dims;
  const index = new Int32Array(N);
  if (K === 1) {
    for (let j = 0; j < N; j++) index[j] = Number.isNaN(a.data[j]) ? -1 : a.data[j] >= 0.5 ? 1 : 0;
    return { classes: ['0', '1'], index };
  }
  for (let j = 0; j < N; j++) {
    let best = -1;
    let bestV = -Infinity;
    let anyNaN = false;
    for (let i = 0; i < K; i++) {
      const v = a.data[i + j * K];
      if (Number.isNaN(v)) anyNaN = true;
      else if (v > bestV) {
        bestV = v;
        best = i;
      }
    }
    index[j] = anyNaN ? -1 : best;
  }
  return { classes: Array.from({ length: K }, (_, i) => String(i + 1)), index };
}

function labelled(fn: string, x: unknown, what: string): Labelled {
  if (x instanceof Categorical) return { classes: x.categories.slice(), index: Int32Array.from(x.codes, (c) => c - 1) };
  if (x instanceof MArray) return fromMatrix(fn, x, what);
  return matlabError(`MATLAB:${fn}:invalidInput`, `${what} must be a K×N matrix (one column per sample) or a categorical array.`);
}

/** Targets and outputs as class indices over one shared class list. */
export function alignLabels(fn: string, targets: unknown, outputs: unknown): { classes: string[]; t: Int32Array; o: Int32Array } {
  const t = labelled(fn, targets, 'Targets');
  const o = labelled(fn, outputs, 'Outputs');
  if (t.index.length !== o.index.length) {
    matlabError(`MATLAB:${fn}:sizeMismatch`, `Targets and outputs must have the same number of samples (${t.index.length} and ${o.index.length}).`);
  }
  const bothMatrices = !(targets instanceof Categorical) && !(outputs instanceof Categorical);
  if (bothMatrices && t.classes.length !== o.classes.length) {
    matlabError(`MATLAB:${fn}:sizeMismatch`, `Targets and outputs must have the same number of classes (rows): ${t.classes.length} and ${o.classes.length}.`);
  }
  // Categorical inputs: classes are the targets' categories, then any the outputs add.
  const classes = t.classes.slice();
  for (const c of o.classes) if (!classes.includes(c)) classes.push(c);
  const remap = (l: Labelled) => Int32Array.from(l.index, (k) => (k < 0 ? -1 : classes.indexOf(l.classes[k])));
  return { classes, t: remap(t), o: remap(o) };
}

export function confusionNumbers(targets: MArray | Categorical, outputs: MArray | Categorical): ConfusionNumbers {
  const { classes, t, o } = alignLabels('plotconfusion', targets, outputs);
  const K = classes.length;
  const counts = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  let total = 0;
  for (let j = 0; j < t.length; j++) {
    if (t[j] < 0 || o[j] < 0) continue; // unknown samples are left out, as MATLAB does with NaN targets
    counts[o[j]][t[j]]++;
    total++;
  }
  const pct = (a: number, b: number) => (b === 0 ? Number.NaN : (100 * a) / b);
  const rowSum = counts.map((r) => r.reduce((s, v) => s + v, 0));
  const colSum = classes.map((_, c) => counts.reduce((s, r) => s + r[c], 0));
  const correct = classes.reduce((s, _, i) => s + counts[i][i], 0);
  return {
    classes, counts, total,
    cellPercent: counts.map((r) => r.map((v) => pct(v, total))),
    outputCorrect: rowSum.map((s, i) => pct(counts[i][i], s)),
    targetCorrect: colSum.map((s, i) => pct(counts[i][i], s)),
    accuracy: pct(correct, total),
  };
}

/** MATLAB's cell text: one decimal, '100%' when exact, 'NaN%' for an empty class. */
export function formatPercent(v: number): string {
  if (Number.isNaN(v)) return 'NaN%';
  if (v === 100) return '100%';
  return `${v.toFixed(1)}%`;
}
