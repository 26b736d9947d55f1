/**
 * MATLAB colour specifications ('r', 'red', [1 0 0]) → RGB in [0, 1],
 * shared by imtile's BackgroundColor and the figures' line colours.
 */
import { MArray } from '../runtime/marray.ts';
import { matlabError } from '../runtime/errors.ts';

export type RGB = [number, number, number];

const NAMED: Record<string, RGB> = {
  r: [1, 0, 0], red: [1, 0, 0],
  g: [0, 1, 0], green: [0, 1, 0],
  b: [0, 0, 1], blue: [0, 0, 1],
  c: [0, 1, 1], cyan: [0, 1, 1],
  m: [1, 0, 1], magenta: [1, 0, 1],
  y: [1, 1, 0], yellow: [1, 1, 0],
  k: [0, 0, 0], black: [0, 0, 0],
  w: [1, 1, 1], white: [1, 1, 1],
};

/** True when `s` names a colour (one letter or a full name). */
export function isColorName(s: string): boolean {
  return Object.hasOwn(NAMED, s.toLowerCase());
}

export function parseColor(fn: string, c: unknown): RGB {
  if (typeof c === 'string' && isColorName(c)) return NAMED[c.toLowerCase()].slice() as RGB;
  if (typeof c === 'string' && /^#[0-9a-f]{6}$/i.test(c)) {
    return [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16) / 255) as RGB;
  }
  const v = c instanceof MArray ? Array.from(c.data) : Array.isArray(c) ? c : null;
  if (v && v.length === 3 && v.every((x) => typeof x === 'number' && x >= 0 && x <= 1)) return v as RGB;
  return matlabError(`MATLAB:${fn}:invalidColor`,
    'Invalid color: specify an RGB triplet with values in [0, 1], a hexadecimal color code, or a color name such as \'red\' or \'k\'.');
}

/** CSS form for SVG. */
export function cssColor([r, g, b]: RGB): string {
  const h = (x: number) => Math.round(Math.min(1, Math.max(0, x)) * 255).toString(16).padStart(2, '0');
  return `#${h(r)}${h(g)}${h(b)}`;
}
