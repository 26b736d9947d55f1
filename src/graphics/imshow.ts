/**
 * imshow(I), imshow(I, [low high]), imshow(I, []), imshow(file): put an
 * image in the current axes (replacing what it showed). A file name is
 * read with imread, so that form returns a Promise.
 */
import { MArray } from '../runtime/marray.ts';
import { matlabError } from '../runtime/errors.ts';
import { parseNameValues } from '../runtime/args.ts';
import { imread } from '../image/imread.ts';
import { numbersOf } from '../image/imageInput.ts';
import { Axes, type DisplayImage } from './figureModel.ts';
import { gca, trackPendingDraw } from './registry.ts';
import { dataRange, toDisplayImage } from './displayImage.ts';

/** Place decoded pixels in `ax` (or the current axes) as a new image. */
export function showImage(img: DisplayImage, ax: Axes = gca()): Axes {
  ax.reset();
  ax.image = img;
  ax.touch();
  return ax;
}

/** Display range from imshow's second argument or 'DisplayRange'. */
export function parseDisplayRange(fn: string, a: MArray, r: unknown): [number, number] | undefined {
  if (r === undefined) return undefined;
  const v = numbersOf(fn, r, 2, '[LOW HIGH]');
  if (v.length === 0) return dataRange(a);
  if (v.length !== 2 || !(v[1] > v[0])) {
    matlabError(`MATLAB:${fn}:invalidDisplayRange`, `${fn}: the display range must be [LOW HIGH] with LOW < HIGH, or [] for the data's range.`);
  }
  return [v[0], v[1]];
}

/** Split imshow's arguments: optional [low high] then name-value pairs. */
function parseArgs(a: MArray, rest: unknown[]): { range?: [number, number]; parent?: Axes } {
  let args = rest;
  let range: [number, number] | undefined;
  if (args.length > 0 && typeof args[0] !== 'string') {
    range = parseDisplayRange('imshow', a, args[0]);
    args = args.slice(1);
  }
  const nv = parseNameValues('imshow', args, ['Border', 'Colormap', 'DisplayRange', 'InitialMagnification', 'Interpolation', 'Parent', 'XData', 'YData']);
  if (nv.has('DisplayRange')) range = parseDisplayRange('imshow', a, nv.get('DisplayRange'));
  const parent = nv.get('Parent');
  if (parent !== undefined && !(parent instanceof Axes)) matlabError('MATLAB:imshow:invalidParent', "'Parent' must be an axes (from subplot or gca).");
  return { range, parent: parent as Axes | undefined };
}

export function imshow(file: string, ...rest: unknown[]): Promise<Axes>;
export function imshow(image: MArray, ...rest: unknown[]): Axes;
export function imshow(image: MArray | string, ...rest: unknown[]): Axes | Promise<Axes> {
  if (typeof image === 'string') {
    // Keep the target axes chosen now: the script may call subplot again before the read finishes.
    const ax = gca();
    return trackPendingDraw(imread(image).then((a) => {
      const o = parseArgs(a, rest);
      return showImage(toDisplayImage('imshow', a, o.range), o.parent ?? ax);
    }));
  }
  if (!(image instanceof MArray)) {
    matlabError('MATLAB:imshow:invalidInput', 'imshow expects an image array (uint8, double, single or logical) or a file name.');
  }
  const o = parseArgs(image, rest);
  return showImage(toDisplayImage('imshow', image, o.range), o.parent ?? gca());
}
