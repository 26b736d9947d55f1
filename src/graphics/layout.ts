/**
 * Where each axes goes. Three cases: a custom drawing fills its figure;
 * figures holding only images get a tight grid sized to the images (so
 * photos are not shrunk into MATLAB's 560×420 window); anything else uses
 * MATLAB's 560×420 figure and its subplot positions.
 */
import type { Axes, Figure, GridSpec } from './figureModel.ts';
import type { Rect } from './svg.ts';

export interface Layout {
  width: number;
  height: number;
  /** Device pixels per logical pixel. */
  scale: number;
  boxes: Map<Axes, Rect>;
  /** Font size for tick labels and labels (titles are 1.1×). */
  fontSize: number;
}

export const FIGURE_SIZE: [number, number] = [560, 420];
const DEFAULT_POSITION: [number, number, number, number] = [0.13, 0.11, 0.775, 0.815];

/** MATLAB's subplot position [left bottom width height] (normalised, from the bottom). */
export function subplotPosition(spec: GridSpec | null): [number, number, number, number] {
  if (!spec) return DEFAULT_POSITION;
  const { m, n, cells } = spec;
  // subplot's insets: 0.2/0.04 of a cell's width left/right, 0.18/0.1 of its height below/above.
  const W = DEFAULT_POSITION[2] / (n - 0.24);
  const H = DEFAULT_POSITION[3] / (m - 0.28);
  const rows = cells.map((p) => Math.floor((p - 1) / n));
  const cols = cells.map((p) => (p - 1) % n);
  const [r0, r1, c0, c1] = [Math.min(...rows), Math.max(...rows), Math.min(...cols), Math.max(...cols)];
  return [
    DEFAULT_POSITION[0] + c0 * W,
    DEFAULT_POSITION[1] + (m - 1 - r1) * H,
    (c1 - c0 + 1) * W - 0.24 * W,
    (r1 - r0 + 1) * H - 0.28 * H,
  ];
}

function standardLayout(fig: Figure): Layout {
  const [W, H] = FIGURE_SIZE;
  const boxes = new Map<Axes, Rect>();
  for (const ax of fig.axes) {
    const [l, b, w, h] = subplotPosition(ax.spec);
    boxes.set(ax, { x: l * W, y: (1 - b - h) * H, w: w * W, h: h * H });
  }
  return { width: W, height: H, scale: 2, boxes, fontSize: 10 };
}

/**
 * Display size of an image: in a grid, big ones shrink to `target` and small ones grow by whole
 * factors; alone, photos show at 100 % (as imshow does, up to 1024 px) and small images grow to ~512.
 */
export function displaySize(w: number, h: number, target: number, alone = false): [number, number] {
  const big = Math.max(w, h);
  let s: number;
  if (alone) s = big > 1024 ? 1024 / big : big >= 256 ? 1 : Math.floor(512 / big);
  else s = big > target ? target / big : Math.max(1, Math.floor(target / big));
  return [Math.max(1, Math.round(w * s)), Math.max(1, Math.round(h * s))];
}

const GAP = 14;
const TITLE_BAND = 24;
const XLABEL_BAND = 20;
const YLABEL_BAND = 20;

function imageGridLayout(fig: Figure): Layout {
  const axes = fig.axes;
  const spec = axes[0].spec;
  const m = spec?.m ?? 1;
  const n = spec?.n ?? 1;
  const alone = m * n === 1;
  const target = Math.max(140, Math.min(300, Math.floor(1000 / n)));
  let cw = 0;
  let ch = 0;
  for (const ax of axes) {
    const [w, h] = displaySize(ax.image!.width, ax.image!.height, target, alone);
    cw = Math.max(cw, w);
    ch = Math.max(ch, h);
  }
  const top = axes.some((a) => a.title) ? TITLE_BAND : 0;
  const bottom = axes.some((a) => a.xlabel) ? XLABEL_BAND : 0;
  const left = axes.some((a) => a.ylabel) ? YLABEL_BAND : 0;
  const cellW = left + cw;
  const cellH = top + ch + bottom;
  const boxes = new Map<Axes, Rect>();
  for (const ax of axes) {
    const cells = ax.spec?.cells ?? [1];
    const rows = cells.map((p) => Math.floor((p - 1) / n));
    const cols = cells.map((p) => (p - 1) % n);
    const [r0, r1, c0, c1] = [Math.min(...rows), Math.max(...rows), Math.min(...cols), Math.max(...cols)];
    boxes.set(ax, {
      x: GAP + c0 * (cellW + GAP) + left,
      y: GAP + r0 * (cellH + GAP) + top,
      w: (c1 - c0 + 1) * cellW + (c1 - c0) * GAP - left,
      h: (r1 - r0 + 1) * cellH + (r1 - r0) * GAP - top - bottom,
    });
  }
  return { width: GAP + n * (cellW + GAP), height: GAP + m * (cellH + GAP), scale: 1, boxes, fontSize: 11 };
}

function isImageGrid(fig: Figure): boolean {
  const axes = fig.axes;
  if (axes.length === 0 || !axes.every((a) => a.image && a.lines.length === 0 && !a.custom)) return false;
  if (axes.length === 1) return true;
  const s = axes[0].spec;
  return s !== null && axes.every((a) => a.spec && a.spec.m === s.m && a.spec.n === s.n);
}

export function layoutFigure(fig: Figure): Layout {
  const custom = fig.axes.length === 1 ? fig.axes[0].custom : null;
  if (custom) {
    const [w, h] = custom.size;
    return { width: w, height: h, scale: custom.scale ?? 1.5, boxes: new Map([[fig.axes[0], { x: 0, y: 0, w, h }]]), fontSize: 11 };
  }
  return isImageGrid(fig) ? imageGridLayout(fig) : standardLayout(fig);
}
