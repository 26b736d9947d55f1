/**
 * The open figures, the current one, and where figure files go. One module
 * owns this state so figure/subplot/close/render all agree on it.
 */
import path from 'node:path';
import { Axes, Figure, type GridSpec } from './figureModel.ts';

const open = new Map<number, Figure>();
let current: Figure | null = null;
/** Figures closed before being written: still rendered at the end of the script. */
const closedUnwritten: Figure[] = [];
let folderOverride: string | null = null;
/** Image reads that will draw into a figure (imshow(file), montage(files)), possibly never awaited. */
const pendingDraws = new Set<Promise<unknown>>();

/** The folder figure PNGs are written to (default: ./figures under the current folder). */
export function figuresFolder(): string {
  return folderOverride ?? path.join(process.cwd(), 'figures');
}

/** Redirect figure files (tests, docs generation); null restores the default. */
export function setFiguresFolder(dir: string | null): void {
  folderOverride = dir === null ? null : path.resolve(dir);
}

export function openFigures(): Figure[] {
  return [...open.values()].sort((a, b) => a.Number - b.Number);
}

export function takeClosedUnwritten(): Figure[] {
  return closedUnwritten.splice(0);
}

export function findFigure(n: number): Figure | undefined {
  return open.get(n);
}

/** MATLAB numbers new figures with the lowest free positive integer. */
export function createFigure(num?: number, name = ''): Figure {
  let k = num ?? 1;
  if (num === undefined) while (open.has(k)) k++;
  const f = new Figure(k, name);
  open.set(k, f);
  current = f;
  return f;
}

export function selectFigure(f: Figure): Figure {
  current = f;
  return f;
}

/** gcf: the current figure, created when there is none. */
export function gcf(): Figure {
  return current ?? createFigure();
}

/** gca: the current axes of the current figure, created (full size) when there is none. */
export function gca(): Axes {
  const f = gcf();
  if (!f.currentAxes) {
    const ax = new Axes(f, null);
    f.axes.push(ax);
    f.currentAxes = ax;
    f.touch();
  }
  return f.currentAxes;
}

export function addAxes(f: Figure, spec: GridSpec | null): Axes {
  const ax = new Axes(f, spec);
  f.axes.push(ax);
  f.currentAxes = ax;
  f.touch();
  return ax;
}

export function removeFigure(f: Figure): void {
  if (open.get(f.Number) !== f) return;
  open.delete(f.Number);
  if (f.version !== f.writtenVersion && f.axes.length > 0) closedUnwritten.push(f);
  if (current === f) current = openFigures().at(-1) ?? null;
}

/**
 * Track a read that will draw into a figure, so rendering waits for it (a
 * forgotten `await imshow(file)` must not render empty axes). Returns the
 * promise the caller gets: a failed read still rejects it, and an
 * unawaited failure still surfaces as Node's unhandled rejection.
 */
export function trackPendingDraw<T>(p: Promise<T>): Promise<T> {
  pendingDraws.add(p);
  const settled = (): void => {
    pendingDraws.delete(p);
  };
  p.then(settled, settled);
  return p.then((v) => v);
}

/** Wait until no tracked read is pending (those started while waiting included). */
export async function settlePendingDraws(): Promise<void> {
  while (pendingDraws.size > 0) await Promise.allSettled([...pendingDraws]);
}
