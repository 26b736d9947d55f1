/**
 * One 2-D line-plot axes as SVG: white box, inward ticks, tick labels,
 * labels, title, optional shaded x-bands, series clipped to the box. Used
 * by plot() and by the training-progress view.
 */
import { cssColor } from '../image/colorSpec.ts';
import type { LineSeries } from './figureModel.ts';
import { el, line, polyline, rect, text, textLines, type Rect } from './svg.ts';
import { niceStep, tickLabel, ticksFor } from './ticks.ts';

export interface Band {
  x0: number;
  x1: number;
  fill: string;
  label?: string;
}

export interface LineAxesSpec {
  box: Rect;
  xlim: [number, number];
  ylim: [number, number];
  series: readonly LineSeries[];
  title?: string;
  xlabel?: string;
  ylabel?: string;
  fontSize: number;
  grid?: boolean;
  bands?: readonly Band[];
  /** Unique within the SVG document (clip path id). */
  id: string;
}

const AXIS_COLOR = '#262626'; // MATLAB's axes colour 0.15

function marker(kind: string, x: number, y: number, size: number, color: string): string {
  const r = size / 2;
  switch (kind) {
    case '.':
      return el('circle', { cx: x, cy: y, r: Math.max(1, size / 4), fill: color });
    case '+':
      return line(x - r, y, x + r, y, { stroke: color }) + line(x, y - r, x, y + r, { stroke: color });
    case 'x':
      return line(x - r, y - r, x + r, y + r, { stroke: color }) + line(x - r, y + r, x + r, y - r, { stroke: color });
    case '*':
      return marker('+', x, y, size, color) + marker('x', x, y, size * 0.8, color);
    case 's':
      return rect({ x: x - r, y: y - r, w: size, h: size }, { fill: 'none', stroke: color });
    case 'd':
      return polyline([[x, y - r], [x + r, y], [x, y + r], [x - r, y], [x, y - r]], { stroke: color });
    case '^':
      return polyline([[x, y - r], [x + r, y + r], [x - r, y + r], [x, y - r]], { stroke: color });
    case 'v':
      return polyline([[x, y + r], [x + r, y - r], [x - r, y - r], [x, y + r]], { stroke: color });
    default:
      return el('circle', { cx: x, cy: y, r, fill: 'none', stroke: color });
  }
}

function seriesSvg(s: LineSeries, X: (v: number) => number, Y: (v: number) => number): string {
  const color = cssColor(s.color);
  const parts: string[] = [];
  if (s.dash !== null) {
    // NaN breaks the line, as in MATLAB.
    let run: [number, number][] = [];
    const flush = () => {
      if (run.length > 1) {
        parts.push(polyline(run, {
          stroke: color, 'stroke-width': s.width, 'stroke-dasharray': s.dash || undefined,
          'stroke-linejoin': 'round', 'stroke-opacity': s.opacity,
        }));
      }
      run = [];
    };
    for (let i = 0; i < s.x.length; i++) {
      if (Number.isFinite(s.x[i]) && Number.isFinite(s.y[i])) run.push([X(s.x[i]), Y(s.y[i])]);
      else flush();
    }
    flush();
  }
  if (s.marker) {
    for (let i = 0; i < s.x.length; i++) {
      if (Number.isFinite(s.x[i]) && Number.isFinite(s.y[i])) parts.push(marker(s.marker, X(s.x[i]), Y(s.y[i]), s.markerSize, color));
    }
  }
  return parts.join('');
}

export function renderLineAxes(spec: LineAxesSpec): string {
  const { box, xlim, ylim, fontSize: fs } = spec;
  const X = (v: number) => box.x + ((v - xlim[0]) / (xlim[1] - xlim[0] || 1)) * box.w;
  const Y = (v: number) => box.y + box.h - ((v - ylim[0]) / (ylim[1] - ylim[0] || 1)) * box.h;
  const out: string[] = [rect(box, { fill: '#ffffff' })];
  const clip = `clip-${spec.id}`;
  out.push(el('clipPath', { id: clip }, rect(box)));
  for (const b of spec.bands ?? []) {
    const x0 = Math.max(box.x, X(b.x0));
    const x1 = Math.min(box.x + box.w, X(b.x1));
    if (x1 > x0) out.push(rect({ x: x0, y: box.y, w: x1 - x0, h: box.h }, { fill: b.fill }));
  }
  const xt = ticksFor(xlim);
  const yt = ticksFor(ylim);
  const tick = Math.max(3, Math.min(box.w, box.h) * 0.012);
  if (spec.grid) {
    for (const v of xt) out.push(line(X(v), box.y, X(v), box.y + box.h, { stroke: '#dfdfdf', 'stroke-width': 0.5 }));
    for (const v of yt) out.push(line(box.x, Y(v), box.x + box.w, Y(v), { stroke: '#dfdfdf', 'stroke-width': 0.5 }));
  }
  out.push(el('g', { 'clip-path': `url(#${clip})` }, spec.series.map((s) => seriesSvg(s, X, Y)).join('')));
  const axis = { stroke: AXIS_COLOR, 'stroke-width': 0.6 };
  const xs = niceStep(xlim[1] - xlim[0]);
  const ys = niceStep(ylim[1] - ylim[0]);
  for (const v of xt) {
    out.push(line(X(v), box.y + box.h, X(v), box.y + box.h - tick, axis), line(X(v), box.y, X(v), box.y + tick, axis));
    out.push(text(X(v), box.y + box.h + 5, tickLabel(v, xs), { size: fs, anchor: 'middle', baseline: 'hanging', color: AXIS_COLOR }));
  }
  let labelWidth = 0;
  for (const v of yt) {
    out.push(line(box.x, Y(v), box.x + tick, Y(v), axis), line(box.x + box.w, Y(v), box.x + box.w - tick, Y(v), axis));
    const t = tickLabel(v, ys);
    labelWidth = Math.max(labelWidth, t.length * fs * 0.6);
    out.push(text(box.x - 4, Y(v), t, { size: fs, anchor: 'end', baseline: 'middle', color: AXIS_COLOR }));
  }
  out.push(rect(box, { fill: 'none', ...axis }));
  if (spec.xlabel) out.push(textLines(box.x + box.w / 2, box.y + box.h + fs * 1.5 + 4, spec.xlabel, { size: fs * 1.1, anchor: 'middle', baseline: 'hanging' }));
  if (spec.ylabel) {
    const x = box.x - labelWidth - 8 - fs * 0.4;
    out.push(text(x, box.y + box.h / 2, spec.ylabel.replace(/\n/g, ' '), { size: fs * 1.1, anchor: 'middle', rotate: -90 }));
  }
  if (spec.title) out.push(textLines(box.x + box.w / 2, box.y - fs * 0.6, spec.title, { size: fs * 1.1, anchor: 'middle', weight: 'bold' }, true));
  return out.join('');
}
