// filtrage_prewitt.ts — line-for-line twin of filtrage_prewitt.m (course, chapter 7):
// Prewitt filters (vertical then horizontal edges) applied to a colour photo.
// Run it with `npx dltb run toolbox/filtrage_prewitt.ts`; the figures are written to ./figures/.
import { imread, imfilter } from '../src/image/index.ts';
import { close, clc, imshow, figure, subplot } from '../src/graphics/index.ts';
import { rdivide, vertcat, transpose } from '../src/runtime/index.ts';

// peppers.png ships with MATLAB and may not be redistributed: this is scikit-image's coffee.png
// (photo by Rachel Michetti, CC0, from Debian's python3-skimage), a colour photo of the same kind.
const PEPPERS = new URL('./images/peppers_substitute.png', import.meta.url).pathname;

// clear all — a script starts with no variables, nothing to clear
close('all');
clc();

const originalRGB = await imread(PEPPERS);
imshow(originalRGB);
const c = 1;
const Prewit = rdivide(vertcat([-1, 0, 1],
                               [-1, 0, 1],
                               [-1, 0, 1]), 3);
const filteredRGB2 = imfilter(originalRGB, Prewit);
const filteredRGB3 = imfilter(originalRGB, transpose(Prewit));

figure();
subplot(1, 3, 1);
imshow(originalRGB);
subplot(1, 3, 2);
imshow(filteredRGB2);
subplot(1, 3, 3);
imshow(filteredRGB3);

void c; // the course sets c but never uses it
