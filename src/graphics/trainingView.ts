/**
 * The training-progress window as SVG, laid out like MATLAB's: accuracy
 * (or RMSE) on top, loss below, both against iteration with raw and
 * smoothed training curves, validation points and shaded epochs; an
 * information panel on the right. Shared by the PNG and the live page.
 */
import type { TrainingPlotFinish, TrainingPlotStart } from '../train/plotHook.ts';
import type { IterationRecord } from '../train/trainingInfo.ts';
import type { RGB } from '../image/colorSpec.ts';
import type { LineSeries } from './figureModel.ts';
import { renderLineAxes, type Band } from './lineAxes.ts';
import { line, rect, text } from './svg.ts';
import { autoLimits, finiteExtent } from './ticks.ts';

export type TrainingRecord = IterationRecord & { elapsedSeconds: number };

export interface TrainingViewState {
  start: TrainingPlotStart | null;
  records: TrainingRecord[];
  finish: TrainingPlotFinish | null;
  startedAt: Date;
}

export const VIEW_SIZE: [number, number] = [1100, 680];
const BACKGROUND = '#f0f0f0';
const COLORS = {
  metric: [0, 0.447, 0.741] as RGB,
  metricRaw: [0.55, 0.74, 0.9] as RGB,
  loss: [0.85, 0.325, 0.098] as RGB,
  lossRaw: [0.96, 0.7, 0.58] as RGB,
  validation: [0, 0, 0] as RGB,
};
/** Points kept per raw curve: more would not show at this width and would slow the page. */
const MAX_POINTS = 1500;

/** Exponential moving average with start-up bias correction (the smoothed training curve). */
export function smooth(values: readonly number[], factor = 0.7): number[] {
  let acc = 0;
  let weight = 0;
  return values.map((v) => {
    if (!Number.isFinite(v)) return Number.NaN;
    acc = factor * acc + (1 - factor) * v;
    weight = factor * weight + (1 - factor);
    return acc / weight;
  });
}

function thin<T>(xs: readonly T[]): T[] {
  if (xs.length <= MAX_POINTS) return xs.slice();
  const step = xs.length / MAX_POINTS;
  const out: T[] = [];
  for (let i = 0; i < MAX_POINTS; i++) out.push(xs[Math.floor(i * step)]);
  out.push(xs[xs.length - 1]);
  return out;
}

function series(x: number[], y: number[], color: RGB, width: number, extra: Partial<LineSeries> = {}): LineSeries {
  return { x, y, color, width, dash: '', marker: null, markerSize: 6, ...extra };
}

/** Raw, smoothed and validation series for one quantity. */
function curves(recs: readonly TrainingRecord[], pick: (r: TrainingRecord) => number, val: (r: TrainingRecord) => number | undefined, main: RGB, raw: RGB): LineSeries[] {
  const it = recs.map((r) => r.iteration);
  const y = recs.map(pick);
  const s = smooth(y);
  const kept = thin(it.map((x, i) => i));
  const vRecs = recs.filter((r) => val(r) !== undefined);
  return [
    series(kept.map((i) => it[i]), kept.map((i) => y[i]), raw, 0.8),
    series(kept.map((i) => it[i]), kept.map((i) => s[i]), main, 1.6),
    series(vRecs.map((r) => r.iteration), vRecs.map((r) => val(r)!), COLORS.validation, 1, { dash: '4 3', marker: '.', markerSize: 9 }),
  ];
}

function epochBands(st: TrainingViewState, xmax: number): Band[] {
  const per = st.start?.iterationsPerEpoch ?? 0;
  if (!(per > 0)) return [];
  const bands: Band[] = [];
  for (let e = 0; e * per < xmax; e++) {
    bands.push({ x0: e * per, x1: (e + 1) * per, fill: e % 2 === 0 ? '#ffffff' : '#f2f2f2', label: `Epoch ${e + 1}` });
  }
  return bands;
}

export function formatClock(d: Date): string {
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getMonth()];
  const p = (v: number) => String(v).padStart(2, '0');
  return `${p(d.getDate())}-${mon}-${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** MATLAB's panel writes durations as '1 min 20 sec'. */
export function formatDuration(seconds: number): string {
  const t = Math.max(0, Math.floor(seconds));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const s = t % 60;
  return h > 0 ? `${h} hr ${m} min ${s} sec` : m > 0 ? `${m} min ${s} sec` : `${s} sec`;
}

function formatRate(v: number): string {
  return v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e4) ? v.toExponential(4).replace(/e([+-])(\d)$/, 'e$10$2') : String(Number(v.toPrecision(5)));
}

/** The information panel's sections: [heading, [label, value][]]. */
export function panelSections(st: TrainingViewState): [string, [string, string][]][] {
  const s = st.start;
  const last = st.records.at(-1);
  const regression = s?.regression ?? false;
  const metricName = regression ? 'Validation RMSE' : 'Validation accuracy';
  const f = st.finish;
  const finalMetric = f?.finalValidationMetric;
  const elapsed = f?.elapsedSeconds ?? last?.elapsedSeconds ?? 0;
  const rates = new Set(st.records.map((r) => r.learnRate));
  return [
    ['Results', [
      [metricName, finalMetric === undefined ? 'N/A' : regression ? finalMetric.toFixed(4) : `${finalMetric.toFixed(2)}%`],
      ['Training finished', f ? f.reason : 'No (in progress)'],
    ]],
    ['Training Time', [
      ['Start time', formatClock(st.startedAt)],
      ['Elapsed time', formatDuration(elapsed)],
    ]],
    ['Training Cycle', [
      ['Epoch', `${last?.epoch ?? 0} of ${s?.maxEpochs ?? '?'}`],
      ['Iteration', `${last?.iteration ?? 0} of ${s?.totalIterations ?? '?'}`],
      ['Iterations per epoch', String(s?.iterationsPerEpoch ?? '?')],
      ['Maximum iterations', String(s?.totalIterations ?? '?')],
    ]],
    ['Validation', [['Frequency', s?.validation ? `${s.validationFrequency} iterations` : 'Not used']]],
    ['Other Information', [
      ['Hardware resource', s ? s.hardware.replace(/^\w/, (c) => c.toUpperCase()) : '?'],
      ['Learning rate schedule', rates.size > 1 ? 'Piecewise' : 'Constant'],
      ['Learning rate', last ? formatRate(last.learnRate) : '?'],
    ]],
  ];
}

function panel(st: TrainingViewState, x: number, y: number): string {
  const out: string[] = [];
  let yy = y;
  for (const [head, rows] of panelSections(st)) {
    out.push(text(x, yy, head, { size: 12.5, weight: 'bold' }));
    out.push(line(x, yy + 5, x + 250, yy + 5, { stroke: '#b4b4b4', 'stroke-width': 0.7 }));
    yy += 23;
    for (const [k, v] of rows) {
      out.push(text(x + 8, yy, `${k}:`, { size: 11, color: '#404040' }), text(x + 250, yy, v, { size: 11, anchor: 'end' }));
      yy += 18;
    }
    yy += 14;
  }
  return out.join('');
}

function legend(x: number, y: number, name: string, main: RGB, raw: RGB, validation: boolean): string {
  const c = (v: RGB) => `rgb(${v.map((k) => Math.round(k * 255)).join(',')})`;
  const item = (dx: number, color: RGB, w: number, label: string, dashed = false) =>
    line(x + dx, y, x + dx + 26, y, { stroke: c(color), 'stroke-width': w, 'stroke-dasharray': dashed ? '4 3' : undefined })
    + (dashed ? `<circle cx="${x + dx + 13}" cy="${y}" r="2.6" fill="#000"/>` : '')
    + text(x + dx + 32, y, label, { size: 11, baseline: 'middle' });
  return text(x, y, `${name}:`, { size: 11, weight: 'bold', baseline: 'middle' })
    + item(70, main, 1.6, 'Training (smoothed)') + item(230, raw, 0.8, 'Training')
    + (validation ? item(340, COLORS.validation, 1, 'Validation', true) : '');
}

/** The whole view in logical pixels (VIEW_SIZE). */
export function trainingViewBody(st: TrainingViewState): string {
  const [W, H] = VIEW_SIZE;
  const recs = st.records;
  const regression = st.start?.regression ?? false;
  const validation = st.start?.validation ?? true;
  const total = Math.max(1, st.start?.totalIterations ?? recs.at(-1)?.iteration ?? 1);
  const xlim: [number, number] = [0, total];
  const bands = epochBands(st, total);
  const top = curves(recs, (r) => r.metric, (r) => r.validationMetric, COLORS.metric, COLORS.metricRaw);
  const bottom = curves(recs, (r) => r.loss, (r) => r.validationLoss, COLORS.loss, COLORS.lossRaw);
  const ext = (s: LineSeries[]) => finiteExtent(...s.map((l) => l.y));
  const metricLim: [number, number] = regression ? autoLimits(0, (ext(top) ?? [0, 1])[1]) : [0, 100];
  const lossLim = autoLimits(0, (ext(bottom) ?? [0, 1])[1]);
  const plotX = 80;
  const plotW = 700;
  const title = `Training Progress (${formatClock(st.startedAt)})`;
  const parts = [
    rect({ x: 0, y: 0, w: W, h: H }, { fill: BACKGROUND }),
    text(24, 30, title, { size: 15, weight: 'bold' }),
    renderLineAxes({
      box: { x: plotX, y: 60, w: plotW, h: 250 }, xlim, ylim: metricLim, series: top, bands, grid: true,
      ylabel: regression ? 'RMSE' : 'Accuracy (%)', fontSize: 11, id: 'metric',
    }),
    renderLineAxes({
      box: { x: plotX, y: 350, w: plotW, h: 220 }, xlim, ylim: lossLim, series: bottom, bands, grid: true,
      ylabel: 'Loss', xlabel: 'Iteration', fontSize: 11, id: 'loss',
    }),
    // Epoch names above the top plot, centred on each shaded band.
    ...bands.filter((b) => ((b.x1 - b.x0) / total) * plotW >= 55).map((b) => text(plotX + (((b.x0 + b.x1) / 2) / total) * plotW, 54, b.label ?? '', { size: 10, anchor: 'middle', color: '#606060' })),
    legend(plotX, 628, regression ? 'RMSE' : 'Accuracy', COLORS.metric, COLORS.metricRaw, validation),
    legend(plotX, 652, 'Loss', COLORS.loss, COLORS.lossRaw, validation),
    panel(st, 820, 70),
  ];
  return parts.join('');
}

/** One line for the page's status bar. */
export function statusLine(st: TrainingViewState): string {
  const last = st.records.at(-1);
  const s = st.start;
  if (st.finish) return `Training finished: ${st.finish.reason} · ${last?.iteration ?? 0} iterations · ${formatDuration(st.finish.elapsedSeconds)}`;
  if (!last) return 'Starting training…';
  return `Training · Iteration ${last.iteration} of ${s?.totalIterations ?? '?'} · Epoch ${last.epoch} of ${s?.maxEpochs ?? '?'} · Elapsed ${formatDuration(last.elapsedSeconds)}`;
}
