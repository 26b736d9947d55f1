/**
 * confusionchart(trueLabels, predictedLabels) or confusionchart(C,
 * classLabels): MATLAB's chart (rows = true class, columns = predicted),
 * cells shaded from white toward blue (diagonal) or orange (off-diagonal)
 * by their share of the largest count.
 */
import { MArray } from '../runtime/marray.ts';
import { Categorical } from '../runtime/categorical.ts';
import { matlabError } from '../runtime/errors.ts';
import { propertiesDisplay } from '../runtime/propertiesDisplay.ts';
import { parseNameValues } from '../runtime/args.ts';
import { cssColor, type RGB } from '../image/colorSpec.ts';
import { confusionCounts } from './confusionmat.ts';
import type { Figure } from './figureModel.ts';
import { addAxes, gcf } from './registry.ts';
import { line, rect, text, type Rect } from './svg.ts';

const DIAGONAL: RGB = [0, 0.447, 0.741];
const OFF_DIAGONAL: RGB = [0.85, 0.325, 0.098];

export class ConfusionMatrixChart {
  constructor(
    readonly NormalizedValues: MArray,
    readonly ClassLabels: string[],
    public Title: string,
    readonly Parent: Figure,
  ) {}

  displayMatlab(): string {
    const k = this.ClassLabels.length;
    return propertiesDisplay('ConfusionMatrixChart', [
      ['NormalizedValues', `[${k}×${k} double]`], ['ClassLabels', `[${k}×1 categorical]`], ['Title', `'${this.Title}'`],
    ], { newline: true });
  }
}

function mix(c: RGB, t: number): RGB {
  return c.map((v) => 1 - t * (1 - v)) as RGB;
}

/** Cell size, grid offset and the space the column labels need, from the labels alone. */
function geometry(labels: string[], title: string) {
  const K = labels.length;
  const cs = Math.max(36, Math.min(80, 480 / K));
  const top = title ? 44 : 20;
  const below = labels.some((s) => s.length > 3) ? Math.max(...labels.map((s) => s.length)) * 6.5 + 14 : 24;
  return { cs, top, below, size: [Math.ceil(90 + K * cs + 30), Math.ceil(top + K * cs + below + 34)] as [number, number] };
}

function draw(counts: number[][], labels: string[], title: string, box: Rect): string {
  const K = labels.length;
  const { cs, top, below } = geometry(labels, title);
  const gx = box.x + 90;
  const gy = box.y + top;
  const max = Math.max(1, ...counts.flat());
  const fs = Math.max(9, Math.min(13, cs * 0.28));
  const out: string[] = [];
  counts.forEach((row, r) => row.forEach((v, c) => {
    const cell = { x: gx + c * cs, y: gy + r * cs, w: cs, h: cs };
    const t = v / max;
    out.push(rect(cell, { fill: v === 0 ? '#ffffff' : cssColor(mix(r === c ? DIAGONAL : OFF_DIAGONAL, 0.15 + 0.85 * t)) }));
    if (v !== 0) out.push(text(cell.x + cs / 2, cell.y + cs / 2, String(v), { size: fs, anchor: 'middle', baseline: 'middle', color: t > 0.45 ? '#ffffff' : '#000000' }));
  }));
  const side = K * cs;
  for (let i = 0; i <= K; i++) {
    out.push(line(gx, gy + i * cs, gx + side, gy + i * cs, { stroke: '#d0d0d0', 'stroke-width': 0.5 }));
    out.push(line(gx + i * cs, gy, gx + i * cs, gy + side, { stroke: '#d0d0d0', 'stroke-width': 0.5 }));
  }
  const rotate = labels.some((s) => s.length > 3);
  labels.forEach((name, i) => {
    out.push(text(gx - 6, gy + (i + 0.5) * cs, name, { size: 10.5, anchor: 'end', baseline: 'middle' }));
    const x = gx + (i + 0.5) * cs;
    out.push(rotate
      ? text(x, gy + side + 6, name, { size: 10.5, anchor: 'end', rotate: -90, baseline: 'middle' })
      : text(x, gy + side + 6, name, { size: 10.5, anchor: 'middle', baseline: 'hanging' }));
  });
  out.push(text(gx + side / 2, gy + side + below + 6, 'Predicted Class', { size: 11.5, anchor: 'middle', baseline: 'hanging' }));
  out.push(text(box.x + 26, gy + side / 2, 'True Class', { size: 11.5, anchor: 'middle', rotate: -90 }));
  if (title) out.push(text(gx + side / 2, box.y + 26, title, { size: 13, anchor: 'middle', weight: 'bold' }));
  return out.join('');
}

function fromMatrix(m: MArray, labels: unknown): { counts: number[][]; classes: string[] } {
  const [r, c] = m.dims;
  if (m.dims.length !== 2 || r !== c) matlabError('MATLAB:confusionchart:invalidMatrix', `The confusion matrix must be square; it is ${m.dims.join('×')}.`);
  const counts = Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => m.data[i + j * r]));
  let classes = Array.from({ length: r }, (_, i) => String(i));
  if (labels !== undefined) {
    const l = labels instanceof Categorical ? labels.toStrings() : Array.isArray(labels) ? labels.map(String) : labels instanceof MArray ? Array.from(labels.data, String) : null;
    if (!l || l.length !== r) matlabError('MATLAB:confusionchart:invalidClassLabels', `Class labels must be a vector with one label per row of the matrix (${r}).`);
    classes = l;
  }
  return { counts, classes };
}

export function confusionchart(...args: unknown[]): ConfusionMatrixChart {
  const [a, b] = args;
  const isLabels = (x: unknown) => x instanceof Categorical || (x instanceof MArray && x.isVector()) || Array.isArray(x);
  let data: { counts: number[][]; classes: string[] };
  let rest: unknown[];
  if (a instanceof MArray && !a.isVector()) {
    const hasLabels = b !== undefined && typeof b !== 'string';
    data = fromMatrix(a, hasLabels ? b : undefined);
    rest = args.slice(hasLabels ? 2 : 1);
  } else if (isLabels(a) && isLabels(b)) {
    const r = confusionCounts(a as Categorical, b as Categorical);
    data = { counts: r.counts, classes: r.classes.map(String) };
    rest = args.slice(2);
  } else {
    return matlabError('MATLAB:confusionchart:invalidInput', 'confusionchart expects (trueLabels, predictedLabels) or (C, classLabels) with C a square matrix of counts.');
  }
  const nv = parseNameValues('confusionchart', rest, ['Title']);
  const title = nv.has('Title') ? String(nv.get('Title')) : '';
  const f = gcf();
  f.axes.length = 0;
  const ax = addAxes(f, null);
  ax.custom = { size: geometry(data.classes, title).size, scale: 1.5, draw: (box) => draw(data.counts, data.classes, title, box) };
  ax.touch();
  const K = data.classes.length;
  const values = MArray.zeros([K, K]);
  data.counts.forEach((row, i) => row.forEach((v, j) => { values.data[i + j * K] = v; }));
  return new ConfusionMatrixChart(values, data.classes, title, f);
}
