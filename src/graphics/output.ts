/**
 * Writing figures to files: renderOpenFigures (what the CLI calls when a
 * script ends), saveas and exportgraphics. Files are written through a
 * the atomic writer (io/atomicWrite.ts), so a viewer never sees half a PNG.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { matlabError } from '../runtime/errors.ts';
import { parseNameValues } from '../runtime/args.ts';
import { writeFileAtomic } from '../io/atomicWrite.ts';
import { normalizePath } from '../runtime/paths.ts';
import { Axes, Figure } from './figureModel.ts';
import { figuresFolder, openFigures, settlePendingDraws, takeClosedUnwritten } from './registry.ts';
import { figureScene } from './renderFigure.ts';
import { rasterize, toSvg, type FigureFormat } from './rasterize.ts';

/** Paths written since the last renderOpenFigures call (figures and training-progress views). */
const written: string[] = [];

/** Let other writers (the training-progress view) report their files to the CLI. */
export function reportWritten(file: string): void {
  if (!written.includes(file)) written.push(file);
}

/** figures/<Name>.png, or figures/figure<N>.png for unnamed figures. */
export function figureFile(fig: Figure): string {
  // Names become portable file names: 'Confusion (plotconfusion)' → 'Confusion_plotconfusion'.
  const safe = fig.Name.replace(/[^\p{L}\p{N}._ -]+/gu, '').trim().replace(/\s+/g, '_');
  return path.join(figuresFolder(), `${safe || `figure${fig.Number}`}.png`);
}

const EXTENSIONS: Record<string, FigureFormat> = {
  png: 'png', jpg: 'jpeg', jpeg: 'jpeg', tif: 'tiff', tiff: 'tiff', webp: 'webp', svg: 'svg',
};

function formatFor(file: string, fmt?: string): FigureFormat {
  const ext = (fmt ?? path.extname(file).slice(1)).toLowerCase();
  const f = EXTENSIONS[ext];
  if (!f) {
    matlabError('MATLAB:saveas:invalidFormat', `Unsupported file format '${ext || '(none)'}': use one of ${Object.keys(EXTENSIONS).join(', ')}.`);
  }
  return f;
}

/** Render `fig` into `file` (format from the extension unless given). */
export async function writeFigure(fig: Figure, file: string, fmt?: FigureFormat, scale?: number): Promise<string> {
  const format = fmt ?? formatFor(file);
  // Images still being read (an imshow(file) without await) belong in the picture.
  await settlePendingDraws();
  const scene = figureScene(fig);
  const bytes = format === 'svg' ? await toSvg(scene) : await rasterize(scene, format, scale);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, bytes);
  return file;
}

/**
 * Write every figure changed since it was last written (open ones, and
 * those closed unwritten), then return all figure files written since the
 * previous call, in order.
 */
export async function renderOpenFigures(): Promise<string[]> {
  await settlePendingDraws();
  const figs = [...takeClosedUnwritten(), ...openFigures()];
  for (const fig of figs) {
    if (fig.version === fig.writtenVersion) continue;
    const version = fig.version;
    const file = await writeFigure(fig, figureFile(fig), 'png');
    fig.writtenVersion = version;
    reportWritten(file);
  }
  return written.splice(0);
}

function figureOf(fn: string, h: unknown): Figure {
  if (h instanceof Figure) return h;
  if (h instanceof Axes) return h.figure;
  return matlabError(`MATLAB:${fn}:invalidHandle`, `${fn}: the first argument must be a figure (from figure or gcf) or an axes.`);
}

function target(fn: string, filename: unknown, fmt?: string): { file: string; format: FigureFormat } {
  if (typeof filename !== 'string' || filename.length === 0) {
    matlabError(`MATLAB:${fn}:invalidFilename`, `${fn}: the file name must be a nonempty character vector or string scalar.`);
  }
  let file = normalizePath(filename);
  const format = fmt !== undefined ? formatFor(file, fmt) : path.extname(file) ? formatFor(file) : 'png';
  if (!path.extname(file)) file += `.${format === 'jpeg' ? 'jpg' : format === 'tiff' ? 'tif' : format}`;
  return { file: path.resolve(file), format };
}

/** saveas(fig, filename) or saveas(fig, filename, formattype). */
export async function saveas(h: Figure | Axes, filename: string, formattype?: string): Promise<string> {
  const fig = figureOf('saveas', h);
  const { file, format } = target('saveas', filename, formattype);
  return writeFigure(fig, file, format);
}

/** exportgraphics(obj, filename, 'Resolution', dpi): dpi relative to 96 px per inch. */
export async function exportgraphics(h: Figure | Axes, filename: string, ...nv: unknown[]): Promise<string> {
  const fig = figureOf('exportgraphics', h);
  const o = parseNameValues('exportgraphics', nv, ['BackgroundColor', 'ContentType', 'Resolution']);
  const { file, format } = target('exportgraphics', filename);
  const dpi = o.get('Resolution');
  if (dpi !== undefined && (typeof dpi !== 'number' || !(dpi > 0))) {
    matlabError('MATLAB:exportgraphics:invalidResolution', "'Resolution' must be a positive number of dots per inch.");
  }
  return writeFigure(fig, file, format, dpi === undefined ? undefined : (dpi as number) / 96);
}

