import { describe, expect, it } from 'vitest';
import path from 'node:path';
import sharp from 'sharp';
import { imread } from '../src/image/index.ts';
import { findFigure } from '../src/graphics/registry.ts';
import { renderOpenFigures } from '../src/graphics/index.ts';
import { useTempFiguresFolder } from './helpers/figures.ts';

useTempFiguresFolder('dltb-prewitt-');

describe('toolbox/filtrage_prewitt.ts', () => {
  it('filters the shipped photo and leaves two figures, written as PNGs of the expected size', async () => {
    await import('../toolbox/filtrage_prewitt.ts');
    const photo = await imread(path.join(import.meta.dirname, '..', 'toolbox', 'images', 'peppers_substitute.png'));
    expect(photo.dims).toEqual([400, 600, 3]);
    const f2 = findFigure(2)!;
    expect(f2.axes.map((a) => a.spec?.cells[0])).toEqual([1, 2, 3]);
    // Pixel (r, c) of channel k in the vertical-edge image, by hand: (right column − left column) / 3, clipped to uint8.
    const [r, c, k] = [200, 300, 0];
    const at = (i: number, j: number) => photo.get(i, j, k + 1);
    let s = 0;
    for (let d = -1; d <= 1; d++) s += at(r + d, c + 1) - at(r + d, c - 1);
    const want = Math.min(255, Math.max(0, Math.round(s / 3)));
    const shown = f2.axes[1].image!;
    expect(shown.rgb[((r - 1) * shown.width + (c - 1)) * 3 + k]).toBe(want);

    const files = await renderOpenFigures();
    expect(files.map((f) => path.basename(f))).toEqual(['figure1.png', 'figure2.png']);
    const size = async (f: string) => {
      const m = await sharp(f).metadata();
      return [m.format, m.width, m.height];
    };
    expect(await size(files[0])).toEqual(['png', 600 + 28, 400 + 28]); // a photo alone shows at 100 %
    expect(await size(files[1])).toEqual(['png', 14 + 3 * (300 + 14), 14 + 200 + 14]); // three 300×200 tiles
  });
});
