/**
 * Figure → scene: the SVG of everything but the pixels of images, plus
 * where each image goes. Images are composited by sharp afterwards so
 * small ones (MNIST digits) stay sharp-edged, as MATLAB shows them.
 */
import type { Axes, DisplayImage, Figure } from './figureModel.ts';
import { layoutFigure } from './layout.ts';
import { renderLineAxes } from './lineAxes.ts';
import { axesLimits } from './plot.ts';
import { rect, text, textLines, type Rect } from './svg.ts';

export const FIGURE_BACKGROUND = '#f0f0f0'; // MATLAB's default figure colour (0.94)

export interface PlacedImage {
  img: DisplayImage;
  /** Logical pixels. */
  rect: Rect;
}

export interface Scene {
  width: number;
  height: number;
  scale: number;
  body: string;
  images: PlacedImage[];
}

/** The largest rectangle with the image's aspect ratio centred in `box` (MATLAB's axis image). */
export function fitImage(box: Rect, img: DisplayImage): Rect {
  const s = Math.min(box.w / img.width, box.h / img.height);
  const w = img.width * s;
  const h = img.height * s;
  return { x: box.x + (box.w - w) / 2, y: box.y + (box.h - h) / 2, w, h };
}

function imageAxes(ax: Axes, box: Rect, fs: number, images: PlacedImage[]): string {
  const r = fitImage(box, ax.image!);
  images.push({ img: ax.image!, rect: r });
  const out: string[] = [];
  if (ax.title) out.push(textLines(r.x + r.w / 2, r.y - 7, ax.title, { size: fs * 1.1, anchor: 'middle', weight: 'bold' }, true));
  if (ax.xlabel) out.push(textLines(r.x + r.w / 2, r.y + r.h + fs * 1.3, ax.xlabel, { size: fs, anchor: 'middle' }));
  if (ax.ylabel) out.push(text(r.x - 7, r.y + r.h / 2, ax.ylabel, { size: fs, anchor: 'middle', rotate: -90 }));
  return out.join('');
}

export function figureScene(fig: Figure): Scene {
  const lay = layoutFigure(fig);
  const images: PlacedImage[] = [];
  const parts: string[] = [rect({ x: 0, y: 0, w: lay.width, h: lay.height }, { fill: FIGURE_BACKGROUND })];
  fig.axes.forEach((ax, i) => {
    const box = lay.boxes.get(ax)!;
    if (ax.custom) parts.push(ax.custom.draw(box));
    else if (ax.image) parts.push(imageAxes(ax, box, lay.fontSize, images));
    else {
      const lim = axesLimits(ax);
      parts.push(renderLineAxes({
        box, xlim: lim.x, ylim: lim.y, series: ax.lines, title: ax.title, xlabel: ax.xlabel, ylabel: ax.ylabel,
        fontSize: lay.fontSize, grid: ax.grid, id: `f${fig.Number}a${i}`,
      }));
    }
  });
  return { width: lay.width, height: lay.height, scale: lay.scale, body: parts.join(''), images };
}
