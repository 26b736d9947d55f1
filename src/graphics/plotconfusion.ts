/**
 * plotconfusion(targets, outputs[, name]): MATLAB's confusion plot. Rows are
 * output classes, columns target classes; green diagonal, red off-diagonal,
 * a right column and bottom row of per-class accuracy, overall accuracy in
 * the corner. Colours come from MATLAB's figure.
 */
import type { MArray } from '../runtime/marray.ts';
import type { Categorical } from '../runtime/categorical.ts';
import { matlabError } from '../runtime/errors.ts';
import { confusionNumbers, formatPercent, type ConfusionNumbers } from './confusionNumbers.ts';
import { Figure } from './figureModel.ts';
import { addAxes, createFigure, openFigures, selectFigure } from './registry.ts';
import { line, rect, text, type Rect } from './svg.ts';

export const CONFUSION_COLORS = {
  diagonal: '#bce6c4', // 188,230,196
  offDiagonal: '#f9c4c0', // 249,196,192
  summary: '#f0f0f0', // 240,240,240
  corner: '#d9d9d9', // 217,217,217
  green: '#22ac3c', // 34,172,60
  red: '#e23d2d', // 226,61,45
} as const;

const FIGURE_NAME = 'Confusion (plotconfusion)';

function cellSize(k: number): number {
  return Math.max(48, Math.min(90, 560 / (k + 1)));
}

/** Two lines centred in a cell: a bold count (or green %) above, a percent (or red %) below. */
function cellText(r: Rect, top: string, bottom: string, fs: number, topColor: string, bottomColor: string, boldTop: boolean): string {
  const cx = r.x + r.w / 2;
  const cy = r.y + r.h / 2;
  return text(cx, cy - fs * 0.15, top, { size: fs * (boldTop ? 1.15 : 1), anchor: 'middle', weight: boldTop ? 'bold' : 'normal', color: topColor })
    + text(cx, cy + fs * 1.05, bottom, { size: fs, anchor: 'middle', color: bottomColor });
}

export function drawConfusion(c: ConfusionNumbers, title: string, box: Rect): string {
  const K = c.classes.length;
  const cs = cellSize(K);
  const fs = Math.max(8.5, Math.min(12.5, cs * 0.2));
  const gx = box.x + 80;
  const gy = box.y + 44;
  const out: string[] = [];
  const cellAt = (row: number, col: number): Rect => ({ x: gx + col * cs, y: gy + row * cs, w: cs, h: cs });
  for (let r = 0; r <= K; r++) {
    for (let col = 0; col <= K; col++) {
      const cell = cellAt(r, col);
      if (r < K && col < K) {
        out.push(rect(cell, { fill: r === col ? CONFUSION_COLORS.diagonal : CONFUSION_COLORS.offDiagonal }));
        out.push(cellText(cell, String(c.counts[r][col]), formatPercent(c.cellPercent[r][col]), fs, '#000000', '#000000', true));
      } else {
        // Summary cells: % correct in green over % wrong in red.
        const v = r === K && col === K ? c.accuracy : r === K ? c.targetCorrect[col] : c.outputCorrect[r];
        out.push(rect(cell, { fill: r === K && col === K ? CONFUSION_COLORS.corner : CONFUSION_COLORS.summary }));
        out.push(cellText(cell, formatPercent(v), formatPercent(100 - v), fs, CONFUSION_COLORS.green, CONFUSION_COLORS.red, false));
      }
    }
  }
  const side = (K + 1) * cs;
  for (let i = 0; i <= K + 1; i++) {
    out.push(line(gx, gy + i * cs, gx + side, gy + i * cs, { stroke: '#8c8c8c', 'stroke-width': 0.5 }));
    out.push(line(gx + i * cs, gy, gx + i * cs, gy + side, { stroke: '#8c8c8c', 'stroke-width': 0.5 }));
  }
  const tick = 10.5;
  const rotate = c.classes.some((s) => s.length > 3);
  c.classes.forEach((name, i) => {
    out.push(text(gx - 6, gy + (i + 0.5) * cs, name, { size: tick, anchor: 'end', baseline: 'middle' }));
    const x = gx + (i + 0.5) * cs;
    out.push(rotate
      ? text(x, gy + side + 6, name, { size: tick, anchor: 'end', rotate: -90, baseline: 'middle' })
      : text(x, gy + side + 6, name, { size: tick, anchor: 'middle', baseline: 'hanging' }));
  });
  const longest = Math.max(...c.classes.map((s) => s.length));
  const below = rotate ? longest * tick * 0.62 + 14 : tick + 14;
  out.push(text(gx + side / 2, gy + side + below + 6, 'Target Class', { size: 12, anchor: 'middle', baseline: 'hanging', weight: 'bold' }));
  out.push(text(box.x + 24, gy + side / 2, 'Output Class', { size: 12, anchor: 'middle', rotate: -90, weight: 'bold' }));
  out.push(text(gx + side / 2, box.y + 26, title, { size: 13, anchor: 'middle', weight: 'bold' }));
  return out.join('');
}

/** Figure size that fits the grid, its labels and the title. */
export function confusionFigureSize(classes: readonly string[]): [number, number] {
  const K = classes.length;
  const side = (K + 1) * cellSize(K);
  const longest = Math.max(...classes.map((s) => s.length));
  const below = longest > 3 ? longest * 10.5 * 0.62 + 14 : 24.5;
  return [Math.ceil(80 + side + 30), Math.ceil(44 + side + below + 36)];
}

/** Reuse the confusion figure when one is open (MATLAB redraws its own window). */
function confusionFigure(): Figure {
  const f = openFigures().find((x) => x.Name === FIGURE_NAME);
  if (!f) return createFigure(undefined, FIGURE_NAME);
  f.axes.length = 0;
  f.currentAxes = null;
  return selectFigure(f);
}

export function plotconfusion(targets: MArray | Categorical, outputs: MArray | Categorical, name?: string): Figure {
  if (name !== undefined && typeof name !== 'string') {
    matlabError('MATLAB:plotconfusion:invalidName', 'plotconfusion: the third argument must be a name (character vector).');
  }
  const c = confusionNumbers(targets, outputs);
  if (c.classes.length === 0) matlabError('MATLAB:plotconfusion:noClasses', 'plotconfusion: there are no classes to show.');
  const title = name ? `${name} Confusion Matrix` : 'Confusion Matrix';
  const f = confusionFigure();
  const ax = addAxes(f, null);
  ax.custom = { size: confusionFigureSize(c.classes), scale: 1.5, draw: (box) => drawConfusion(c, title, box) };
  ax.touch();
  return f;
}
