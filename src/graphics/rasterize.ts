/**
 * Scene → file bytes. Raster formats: the SVG rendered by sharp (librsvg)
 * with each image resized and composited at device resolution. SVG: the
 * images embedded as PNG data.
 */
import sharp from 'sharp';
import type { DisplayImage } from './figureModel.ts';
import type { Scene } from './renderFigure.ts';
import { el, svgDocument } from './svg.ts';

export type FigureFormat = 'png' | 'jpeg' | 'tiff' | 'webp' | 'svg';

function rawInput(img: DisplayImage) {
  return sharp(img.rgb, { raw: { width: img.width, height: img.height, channels: 3 } });
}

/** Device-pixel placement of a scene image (whole pixels, at least 1×1). */
function devicePlacement(r: { x: number; y: number; w: number; h: number }, scale: number) {
  const left = Math.round(r.x * scale);
  const top = Math.round(r.y * scale);
  return { left, top, width: Math.max(1, Math.round((r.x + r.w) * scale) - left), height: Math.max(1, Math.round((r.y + r.h) * scale) - top) };
}

export async function rasterize(scene: Scene, format: Exclude<FigureFormat, 'svg'>, scale = scene.scale): Promise<Buffer> {
  const svg = svgDocument(scene.width, scene.height, scale, scene.body);
  const layers = await Promise.all(scene.images.map(async ({ img, rect }) => {
    const p = devicePlacement(rect, scale);
    // Enlarged images keep square pixels (MATLAB's nearest-neighbour display); reduced ones are smoothed.
    const kernel = p.width >= img.width ? 'nearest' : 'lanczos3';
    const input = await rawInput(img).resize(p.width, p.height, { fit: 'fill', kernel }).png().toBuffer();
    return { input, left: p.left, top: p.top };
  }));
  let out = sharp(Buffer.from(svg)).composite(layers).flatten({ background: '#ffffff' });
  out = format === 'jpeg' ? out.jpeg({ quality: 92 }) : format === 'png' ? out.png() : out.toFormat(format);
  return out.toBuffer();
}

export async function toSvg(scene: Scene): Promise<string> {
  const images = await Promise.all(scene.images.map(async ({ img, rect }) => {
    const png = await rawInput(img).png().toBuffer();
    return el('image', {
      x: rect.x, y: rect.y, width: rect.w, height: rect.h, preserveAspectRatio: 'none',
      style: 'image-rendering: pixelated', href: `data:image/png;base64,${png.toString('base64')}`,
    });
  }));
  return svgDocument(scene.width, scene.height, 1, scene.body + images.join(''));
}
