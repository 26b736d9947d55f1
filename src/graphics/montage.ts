/**
 * montage(images | files, Name, Value): tile frames with imtile and show the
 * result in the current axes. File lists are read first, so that form
 * returns a Promise.
 */
import { MArray } from '../runtime/marray.ts';
import { fileListOf, framesOf, readFrames, tileFrames, type FileList, type ImageList } from '../image/imtile.ts';
import { Axes } from './figureModel.ts';
import { gca, trackPendingDraw } from './registry.ts';
import { toDisplayImage } from './displayImage.ts';
import { parseDisplayRange, showImage } from './imshow.ts';

/** Separate montage's own options from imtile's ('Size' is montage's older name for 'GridSize'). */
function splitOptions(args: unknown[]): { tile: unknown[]; range: unknown; parent?: Axes } {
  const tile: unknown[] = [];
  let range: unknown;
  let parent: Axes | undefined;
  for (let i = 0; i + 1 < args.length; i += 2) {
    const name = String(args[i]).toLowerCase();
    if (name === 'displayrange') range = args[i + 1];
    else if (name === 'parent' && args[i + 1] instanceof Axes) parent = args[i + 1] as Axes;
    else if (name === 'size') tile.push('GridSize', args[i + 1]);
    else tile.push(args[i], args[i + 1]);
  }
  if (args.length % 2 === 1) tile.push(args[args.length - 1]); // let imtile report the odd argument
  return { tile, range, parent };
}

function show(frames: MArray[], args: unknown[], ax: Axes): Axes {
  const o = splitOptions(args);
  const tiled = tileFrames('montage', frames, o.tile);
  const range = o.range === undefined ? undefined : parseDisplayRange('montage', tiled, o.range);
  return showImage(toDisplayImage('montage', tiled, range), o.parent ?? ax);
}

export function montage(files: FileList, ...args: unknown[]): Promise<Axes>;
export function montage(images: ImageList, ...args: unknown[]): Axes;
export function montage(images: ImageList | FileList, ...args: unknown[]): Axes | Promise<Axes> {
  const ax = gca();
  const files = fileListOf(images);
  if (files) return trackPendingDraw(readFrames(files).then((frames) => show(frames, args, ax)));
  return show(framesOf('montage', images as ImageList), args, ax);
}
