/**
 * plot(y), plot(x, y), plot(x, y, LineSpec, ...), with 'LineWidth',
 * (and plot(lgraph) for a layer graph or network: plotLayerGraph.ts),
 * 'Color', 'LineStyle', 'Marker', 'MarkerSize', 'DisplayName'. Columns
 * of a matrix are separate lines; colours follow MATLAB's colour order.
 */
import { MArray } from '../runtime/marray.ts';
import { matlabError } from '../runtime/errors.ts';
import { parseNameValues } from '../runtime/args.ts';
import { isColorName, parseColor, type RGB } from '../image/colorSpec.ts';
import { Axes, type LineSeries } from './figureModel.ts';
import { gca } from './registry.ts';
import { autoLimits, finiteExtent } from './ticks.ts';
import { isLayerGraphLike, plotLayerGraph } from './plotLayerGraph.ts';

/** MATLAB's default ColorOrder (R2014b and later). */
export const COLOR_ORDER: readonly RGB[] = [
  [0, 0.447, 0.741], [0.85, 0.325, 0.098], [0.929, 0.694, 0.125], [0.494, 0.184, 0.556],
  [0.466, 0.674, 0.188], [0.301, 0.745, 0.933], [0.635, 0.078, 0.184],
];

const DASHES: Record<string, string> = { '-': '', '--': '6 4', ':': '1.5 3', '-.': '6 3 1.5 3' };
const MARKERS = 'o+*.xsd^v><ph';

interface Spec {
  color?: RGB;
  dash?: string | null;
  marker?: string | null;
}

/** LineSpec such as 'r--o', 'k:', '.'. */
export function parseLineSpec(s: string): Spec | null {
  const out: Spec = {};
  let rest = s;
  for (const style of ['--', '-.', '-', ':']) {
    if (rest.includes(style)) {
      out.dash = DASHES[style];
      rest = rest.replace(style, '');
      break;
    }
  }
  for (const ch of rest) {
    if (MARKERS.includes(ch) && out.marker === undefined) out.marker = ch;
    else if (isColorName(ch) && out.color === undefined) out.color = parseColor('plot', ch);
    else return null;
  }
  // A marker alone draws no line, as in MATLAB.
  if (out.marker && out.dash === undefined) out.dash = null;
  return out;
}

type Data = MArray | readonly number[] | number;

function columns(fn: string, d: Data): number[][] {
  if (typeof d === 'number') return [[d]];
  if (Array.isArray(d)) return [d.map(Number)];
  if (!(d instanceof MArray)) return matlabError(`MATLAB:${fn}:invalidData`, 'Data must be numeric: a number, an array of numbers or a numeric matrix.');
  const [r, c] = d.dims;
  const values = Array.from(d.data);
  if (r === 1 || c === 1) return [values];
  return Array.from({ length: c }, (_, j) => values.slice(j * r, (j + 1) * r));
}

function isData(x: unknown): x is Data {
  return typeof x === 'number' || x instanceof MArray || (Array.isArray(x) && x.every((v) => typeof v === 'number'));
}

/** Group the arguments into (x?, y, spec?) triples followed by name-value pairs. */
function groups(args: unknown[]): { sets: { x?: Data; y: Data; spec?: Spec }[]; nv: unknown[] } {
  const sets: { x?: Data; y: Data; spec?: Spec }[] = [];
  let i = 0;
  while (i < args.length && isData(args[i])) {
    const a = args[i] as Data;
    const b = args[i + 1];
    if (isData(b)) {
      i += 2;
      const spec = typeof args[i] === 'string' ? parseLineSpec(args[i] as string) : null;
      if (spec) i++;
      sets.push({ x: a, y: b, spec: spec ?? undefined });
    } else {
      i += 1;
      const spec = typeof b === 'string' ? parseLineSpec(b) : null;
      if (spec) i++;
      sets.push({ y: a, spec: spec ?? undefined });
    }
  }
  if (sets.length === 0) matlabError('MATLAB:plot:noData', 'plot needs data: plot(Y), plot(X, Y) or plot(X, Y, LineSpec).');
  return { sets, nv: args.slice(i) };
}

export function plot(...args: unknown[]): Axes {
  const ax = args[0] instanceof Axes ? (args.shift() as Axes) : gca();
  if (isLayerGraphLike(args[0])) return plotLayerGraph(args[0], ax);
  const { sets, nv } = groups(args);
  const o = parseNameValues('plot', nv, ['Color', 'DisplayName', 'LineStyle', 'LineWidth', 'Marker', 'MarkerSize']);
  ax.reset();
  for (const set of sets) {
    const ys = columns('plot', set.y);
    const xs = set.x === undefined ? ys.map((y) => y.map((_, k) => k + 1)) : columns('plot', set.x);
    ys.forEach((y, k) => {
      const x = xs[Math.min(k, xs.length - 1)];
      if (x.length !== y.length) matlabError('MATLAB:plot:XYLengthMismatch', `Vectors must be the same length: X has ${x.length} elements, Y has ${y.length}.`);
      const auto = COLOR_ORDER[ax.colorIndex++ % COLOR_ORDER.length];
      const style = o.get('LineStyle');
      const series: LineSeries = {
        x, y,
        color: o.has('Color') ? parseColor('plot', o.get('Color')) : set.spec?.color ?? auto,
        // LineWidth is in points (96/72 px each); MATLAB's 0.5 pt looks thinner on screen than this 0.75 pt default.
        width: (typeof o.get('LineWidth') === 'number' ? (o.get('LineWidth') as number) : 0.75) * (4 / 3),
        dash: typeof style === 'string' ? (style === 'none' ? null : DASHES[style] ?? '') : set.spec?.dash ?? '',
        marker: typeof o.get('Marker') === 'string' && o.get('Marker') !== 'none' ? (o.get('Marker') as string) : set.spec?.marker ?? null,
        markerSize: typeof o.get('MarkerSize') === 'number' ? (o.get('MarkerSize') as number) : 6,
        label: typeof o.get('DisplayName') === 'string' ? (o.get('DisplayName') as string) : undefined,
      };
      ax.lines.push(series);
    });
  }
  ax.touch();
  return ax;
}

/** The limits an axes shows: set ones, else automatic from its lines. */
export function axesLimits(ax: Axes): { x: [number, number]; y: [number, number] } {
  const xe = finiteExtent(...ax.lines.map((l) => l.x)) ?? [0, 1];
  const ye = finiteExtent(...ax.lines.map((l) => l.y)) ?? [0, 1];
  return { x: ax.xlim ?? autoLimits(xe[0], xe[1]), y: ax.ylim ?? autoLimits(ye[0], ye[1]) };
}
