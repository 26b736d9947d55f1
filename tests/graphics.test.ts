import { beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { MArray } from '../src/runtime/marray.ts';
import { zeros } from '../src/runtime/index.ts';
import { Categorical } from '../src/runtime/categorical.ts';
import { imwrite } from '../src/image/index.ts';
import {
  close, confusionchart, confusionmat, confusionNumbers, exportgraphics, figure, gca, gcf, imshow, montage, plot,
  plotconfusion, renderOpenFigures, saveas, subplot, title, xlabel, ylabel, hold, xlim, ylim,
} from '../src/graphics/index.ts';
import { formatPercent } from '../src/graphics/confusionNumbers.ts';
import { confusionFigureSize, CONFUSION_COLORS } from '../src/graphics/plotconfusion.ts';
import { subplotPosition } from '../src/graphics/layout.ts';
import { autoLimits, niceStep, tickLabel, ticksFor } from '../src/graphics/ticks.ts';
import { useTempFiguresFolder } from './helpers/figures.ts';

const figuresDir = useTempFiguresFolder('dltb-figures-');
beforeEach(async () => {
  close('all');
  await renderOpenFigures(); // drain what earlier tests left
});

async function pngSize(file: string): Promise<[number, number]> {
  const m = await sharp(file).metadata();
  expect(m.format).toBe('png');
  return [m.width!, m.height!];
}

/** RGB of the device pixel (x, y). */
async function pixel(file: string, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(file).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const o = (y * info.width + x) * info.channels;
  return [data[o], data[o + 1], data[o + 2]];
}

function solid(h: number, w: number, rgb: [number, number, number]): MArray {
  const a = MArray.zeros([h, w, 3], 'uint8');
  for (let k = 0; k < 3; k++) a.data.fill(rgb[k], k * h * w, (k + 1) * h * w);
  return a;
}

describe('figures as PNG files', () => {
  it('imshow in a fresh figure writes figures/figure1.png, sized to the image, pixels intact', async () => {
    imshow(solid(30, 40, [255, 0, 0]));
    const files = await renderOpenFigures();
    expect(files).toEqual([path.join(figuresDir(), 'figure1.png')]);
    // 40 px wide grows by floor(512/40) = 12 → 480×360, plus a 14 px margin all round.
    expect(await pngSize(files[0])).toEqual([508, 388]);
    expect(await pixel(files[0], 254, 194)).toEqual([255, 0, 0]);
    expect(await pixel(files[0], 3, 3)).toEqual([240, 240, 240]); // MATLAB's figure grey
    expect(await renderOpenFigures()).toEqual([]); // nothing changed since
    title('Red');
    const again = await renderOpenFigures();
    expect(await pngSize(again[0])).toEqual([508, 412]); // a title band was added
  });

  it('subplot(4,5,i) grid of digits and named figures', async () => {
    const f = figure('Name', 'Digits');
    expect(f.Name).toBe('Digits');
    for (let i = 1; i <= 20; i++) {
      subplot(4, 5, i);
      const d = MArray.zeros([28, 28], 'uint8');
      d.data.fill(i * 10);
      imshow(d);
    }
    expect(gcf().axes).toHaveLength(20);
    const [file] = await renderOpenFigures();
    expect(file).toBe(path.join(figuresDir(), 'Digits.png'));
    // 28 px grows by floor(200/28) = 7 → 196 px cells with 14 px gaps.
    expect(await pngSize(file)).toEqual([14 + 5 * (196 + 14), 14 + 4 * (196 + 14)]);
    expect(await pixel(file, 14 + 98, 14 + 98)).toEqual([10, 10, 10]);
    expect(await pixel(file, 14 + 4 * 210 + 98, 14 + 3 * 210 + 98)).toEqual([200, 200, 200]);
  });

  it('imshow reads files, honours [low high] and [] display ranges', async () => {
    const file = path.join(figuresDir(), 'in.png');
    await imwrite(solid(8, 8, [0, 0, 255]), file);
    const ax = await imshow(file);
    expect(ax.image?.width).toBe(8);
    expect(ax.image?.rgb.slice(0, 3)).toEqual(new Uint8Array([0, 0, 255]));
    imshow(MArray.from([-1, 0, 1, 3], [2, 2]), [-1, 3]);
    expect(Array.from(gca().image!.rgb.filter((_, i) => i % 3 === 0))).toEqual([0, 128, 64, 255]);
    imshow(MArray.from([10, 20, 30, 40], [2, 2]), []);
    expect(Array.from(gca().image!.rgb.filter((_, i) => i % 3 === 0))).toEqual([0, 170, 85, 255]);
    imshow(MArray.from([1, 0, 0, 1], [2, 2], 'logical'));
    expect(Array.from(gca().image!.rgb.filter((_, i) => i % 3 === 0))).toEqual([255, 0, 0, 255]);
  });

  it('montage tiles stacks, cells and file lists on a near-square grid', async () => {
    const stack = MArray.zeros([10, 10, 1, 5], 'uint8');
    montage(stack);
    expect([gca().image!.height, gca().image!.width]).toEqual([20, 30]); // ceil(sqrt(5)) = 3 columns, 2 rows
    montage([solid(4, 4, [1, 2, 3]), solid(4, 4, [4, 5, 6])], 'Size', [2, 1]);
    expect([gca().image!.height, gca().image!.width]).toEqual([8, 4]);
    const files = [path.join(figuresDir(), 'm1.png'), path.join(figuresDir(), 'm2.png')];
    await imwrite(solid(6, 6, [9, 9, 9]), files[0]);
    await imwrite(solid(6, 6, [200, 9, 9]), files[1]);
    await montage(files);
    expect([gca().image!.height, gca().image!.width]).toEqual([6, 12]);
    const rgbStack = MArray.zeros([5, 7, 3, 4], 'uint8');
    rgbStack.data.fill(90);
    montage(rgbStack, 'BorderSize', 1);
    expect([gca().image!.height, gca().image!.width]).toEqual([14, 18]); // 2×2 grid of 7×9 bordered tiles
    await montage({ Files: files });
    expect(gca().image!.rgb.slice(-3)).toEqual(new Uint8Array([200, 9, 9]));
  });

  it('plot draws lines in MATLAB’s 560×420 figure at twice the resolution', async () => {
    figure();
    plot([1, 2, 3, 4], [1, 4, 9, 16], 'r-o');
    title('Squares');
    xlabel('n');
    ylabel('n^2');
    const [file] = await renderOpenFigures();
    expect(await pngSize(file)).toEqual([1120, 840]);
    const ax = gca();
    expect(ax.lines[0].color).toEqual([1, 0, 0]);
    expect(ax.lines[0].marker).toBe('o');
    // The axes interior is white; a red line crosses it.
    const [l, b, w, h] = subplotPosition(null);
    expect(await pixel(file, Math.round((l + w / 2) * 1120), Math.round((1 - b - h * 0.9) * 840))).toEqual([255, 255, 255]);
    const { data } = await sharp(file).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    let red = 0;
    for (let i = 0; i < data.length; i += 3) if (data[i] > 200 && data[i + 1] < 60 && data[i + 2] < 60) red++;
    expect(red).toBeGreaterThan(500);
  });

  it('hold on keeps lines; xlim/ylim fix the limits', () => {
    figure();
    plot([1, 2, 3]);
    hold('on');
    plot([3, 2, 1], 'k--');
    expect(gca().lines.map((l) => l.dash)).toEqual(['', '6 4']);
    hold('off');
    plot([5, 6]);
    expect(gca().lines).toHaveLength(1);
    xlim([0, 10]);
    expect(gca().xlim).toEqual([0, 10]);
    expect(() => ylim([2, 1])).toThrow(/increasing values/);
  });

  it('chooses MATLAB-like ticks: steps of 1, 2, 5 × 10^k, limits on ticks, no float noise', () => {
    expect(niceStep(1.2)).toBeCloseTo(0.2, 15);
    expect(autoLimits(0, 1.06)).toEqual([0, 1.2]);
    expect(autoLimits(1, 4)).toEqual([1, 4]);
    expect(ticksFor([0, 1.2]).map((v) => tickLabel(v, 0.2))).toEqual(['0', '0.2', '0.4', '0.6', '0.8', '1', '1.2']);
    expect(ticksFor([1, 4]).map((v) => tickLabel(v, 0.5))).toEqual(['1', '1.5', '2', '2.5', '3', '3.5', '4']);
  });

  it('subplot positions follow MATLAB’s formula', () => {
    expect(subplotPosition(null)).toEqual([0.13, 0.11, 0.775, 0.815]);
    const [l, b, w, h] = subplotPosition({ m: 2, n: 2, cells: [1] });
    expect(l).toBeCloseTo(0.13, 12);
    expect(w).toBeCloseTo(0.775 / 1.76 * 0.76, 12);
    expect(b).toBeCloseTo(0.11 + 0.815 / 1.72, 12);
    expect(h).toBeCloseTo(0.815 / 1.72 * 0.72, 12);
  });

  it('close renders what was not written yet; saveas and exportgraphics write where asked', async () => {
    const f = figure();
    plot([3, 1, 2]);
    const jpg = await saveas(f, path.join(figuresDir(), 'out', 'plot.jpg'));
    expect((await sharp(jpg).metadata()).format).toBe('jpeg');
    const svg = await saveas(f, path.join(figuresDir(), 'plot'), 'svg');
    expect(svg.endsWith('plot.svg')).toBe(true);
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg[^>]+viewBox="0 0 560 420"/);
    const hi = await exportgraphics(f, path.join(figuresDir(), 'hi.png'), 'Resolution', 144);
    expect(await pngSize(hi)).toEqual([840, 630]);
    close(f);
    const files = await renderOpenFigures();
    expect(files).toHaveLength(1);
    expect(existsSync(files[0])).toBe(true);
  });

  it('rejects bad input with MATLAB-style messages', async () => {
    expect(() => subplot(2, 2, 5)).toThrow(/Index exceeds number of subplots/);
    expect(() => imshow(MArray.zeros([2, 2, 2]))).toThrow(/M×N grayscale or M×N×3 truecolor/);
    expect(() => imshow(MArray.zeros([2, 2]), [3, 1])).toThrow(/LOW < HIGH/);
    await expect(imshow(path.join(figuresDir(), 'missing.png'))).rejects.toThrow(/Unable to find file/);
    expect(() => plot([1, 2], [1, 2, 3])).toThrow(/Vectors must be the same length/);
    expect(() => plot('x')).toThrow(/plot needs data/);
    expect(() => figure(0)).toThrow(/positive integer/);
    expect(() => close(99)).toThrow(/does not exist/);
    await expect(saveas(figure(), path.join(figuresDir(), 'x.bmp'))).rejects.toThrow(/Unsupported file format 'bmp'/);
  });
});

/** One-hot K×N from 1-based classes, built as the course does: zeros(k, n), then entries assigned (rows past k grow it). */
function oneHot(classes: number[], k = 3): MArray {
  const m = zeros(k, classes.length);
  classes.forEach((c, i) => m.set(c, i + 1, 1));
  return m;
}

describe('plotconfusion', () => {
  // Targets: 4 × class 1, 3 × class 2, 3 × class 3 (10 samples).
  const t = [1, 1, 1, 1, 2, 2, 2, 3, 3, 3];
  const y = [1, 1, 1, 2, 2, 2, 1, 3, 3, 2];

  it('computes counts, percentages and accuracies for a known confusion', () => {
    const c = confusionNumbers(oneHot(t), oneHot(y));
    expect(c.classes).toEqual(['1', '2', '3']);
    // Rows = output class, columns = target class.
    expect(c.counts).toEqual([[3, 1, 0], [1, 2, 1], [0, 0, 2]]);
    expect(c.total).toBe(10);
    expect(c.cellPercent[0][0]).toBeCloseTo(30, 12);
    expect(c.outputCorrect.map((v) => +v.toFixed(4))).toEqual([75, 50, 100]);
    expect(c.targetCorrect.map((v) => +v.toFixed(4))).toEqual([75, 66.6667, 66.6667]);
    expect(c.accuracy).toBeCloseTo(70, 12);
    expect([formatPercent(100), formatPercent(100 / 3), formatPercent(0), formatPercent(Number.NaN)]).toEqual(['100%', '33.3%', '0.0%', 'NaN%']);
  });

  it('takes the course’s 10-row one-hot matrices and categorical arrays', () => {
    const digits = [10, 1, 10, 5];
    // The course allocates zeros(9, n): assigning row 10 grows it to 10 classes.
    const c = confusionNumbers(oneHot(digits, 9), oneHot([10, 1, 9, 5], 9));
    expect(c.classes).toHaveLength(10);
    expect(c.counts[9][9]).toBe(1);
    expect(c.counts[8][9]).toBe(1);
    expect(Number.isNaN(c.outputCorrect[1])).toBe(true); // nothing predicted as class 2
    const cat = confusionNumbers(Categorical.fromStrings(['a', 'b', 'b']), Categorical.fromStrings(['a', 'a', 'b']));
    expect(cat.classes).toEqual(['a', 'b']);
    expect(cat.counts).toEqual([[1, 1], [0, 1]]);
  });

  it('draws MATLAB’s layout and colours into a PNG of the expected size', async () => {
    const f = plotconfusion(oneHot(t), oneHot(y));
    expect(f.Name).toBe('Confusion (plotconfusion)');
    const [file] = await renderOpenFigures();
    expect(path.basename(file)).toBe('Confusion_plotconfusion.png');
    const [w, h] = confusionFigureSize(['1', '2', '3']);
    expect(await pngSize(file)).toEqual([Math.round(w * 1.5), Math.round(h * 1.5)]);
    // Cell (1,1) is diagonal green, cell (1,2) off-diagonal red: sample near their top-left corners.
    const cell = Math.max(48, Math.min(90, 560 / 4));
    const at = (r: number, c: number) => pixel(file, Math.round((80 + c * cell + 4) * 1.5), Math.round((44 + r * cell + 4) * 1.5));
    // MATLAB's colours (RGB 0-255) from the reference.
    expect(await at(0, 0)).toEqual([188, 230, 196]);
    expect(await at(0, 1)).toEqual([249, 196, 192]);
    expect(await at(0, 3)).toEqual([240, 240, 240]);
    expect(await at(3, 3)).toEqual([217, 217, 217]);
    expect(CONFUSION_COLORS.green).toBe('#22ac3c'); // 34,172,60
    expect(CONFUSION_COLORS.red).toBe('#e23d2d'); // 226,61,45
  });

  it('rejects mismatched inputs', () => {
    expect(() => plotconfusion(oneHot([1, 2]), oneHot([1, 2, 3]))).toThrow(/same number of samples/);
    expect(() => plotconfusion(MArray.zeros([3, 2]), MArray.zeros([4, 2]))).toThrow(/same number of classes/);
    expect(() => plotconfusion('a' as never, oneHot([1]))).toThrow(/K×N matrix/);
  });
});

describe('confusionmat and confusionchart', () => {
  it('confusionmat counts true (rows) against predicted (columns) with the class order', () => {
    const [C, order] = confusionmat([1, 2, 3, 3, 2], [1, 3, 3, 2, 2]);
    expect(C.dims).toEqual([3, 3]);
    expect([C.get(1, 1), C.get(2, 3), C.get(3, 2), C.get(3, 3), C.get(2, 2)]).toEqual([1, 1, 1, 1, 1]);
    expect((order as MArray).toArray()).toEqual([1, 2, 3]);
    const [Cc, oc] = confusionmat(Categorical.fromStrings(['x', 'y']), Categorical.fromStrings(['y', 'y']));
    expect(Cc.toArray()).toEqual([0, 0, 1, 1]);
    expect((oc as Categorical).toStrings()).toEqual(['x', 'y']);
    expect(() => confusionmat([1, 2], [1])).toThrow(/same length/);
  });

  it('confusionchart draws a chart with the counts', async () => {
    figure();
    const ch = confusionchart(Categorical.fromStrings(['a', 'b', 'b']), Categorical.fromStrings(['a', 'a', 'b']), 'Title', 'AB');
    expect(ch.NormalizedValues.toArray()).toEqual([1, 1, 0, 1]);
    expect(ch.Title).toBe('AB');
    const [file] = await renderOpenFigures();
    const [w, h] = await pngSize(file);
    expect(w).toBeGreaterThan(200);
    expect(h).toBeGreaterThan(200);
    expect(() => confusionchart(MArray.zeros([2, 3]))).toThrow(/must be square/);
  });
});
