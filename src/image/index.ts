/** Image processing functions under their MATLAB names. */
export { imread } from './imread.ts';
export { imwrite } from './imwrite.ts';
export { imfilter } from './imfilter.ts';
export { fspecial } from './fspecial.ts';
export { imresize } from './imresize.ts';
export { rgb2gray } from './rgb2gray.ts';
export { im2double, im2single, im2uint8, im2uint16 } from './classConvert.ts';
export { mat2gray } from './mat2gray.ts';
export { imtile } from './imtile.ts';
