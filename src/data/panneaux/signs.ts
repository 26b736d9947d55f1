/**
 * The four French road signs of the synthetic Panneaux set, drawn as SVG on a
 * 200-unit square (the sign) above its pole. Letters and digits are stroked
 * paths, not text: librsvg would otherwise pick whatever fonts the machine
 * has, and the same seed must give the same bytes everywhere.
 */

/** Sign square side and the whole drawing's height (sign + pole), in SVG units. */
export const SIGN_UNITS = 200;
export const DRAWING_HEIGHT = 560;

export interface SignClass {
  /** Folder name (the label imageDatastore reads). */
  name: string;
  /** Images of this class: 35, 35, 30, 40 give the course's 28 validation images (7, 7, 6, 8) at 0.8. */
  count: number;
  /** SVG elements of the sign face, in the 200×200 square. */
  face: string;
}

const RED = '#c4161c';
const WHITE = '#f4f4f2';
const BLACK = '#1b1b1b';

/** A regular polygon's points, `n` vertices at radius `r` about (100, 100), first at angle `start` (degrees). */
function polygon(n: number, r: number, start: number): string {
  return Array.from({ length: n }, (_, k) => {
    const a = ((start + (360 * k) / n) * Math.PI) / 180;
    return `${(100 + r * Math.cos(a)).toFixed(3)},${(100 + r * Math.sin(a)).toFixed(3)}`;
  }).join(' ');
}

/** Stroked glyph centre lines in the box [l, r] × [t, b] (already inset by half the stroke). */
const GLYPHS: Record<string, (l: number, r: number, t: number, b: number) => string> = {
  S: (l, r, t, b) => {
    const a = 0.26 * (b - t);
    const rx = (r - l) / 2;
    const m = (t + b) / 2;
    return `M${r},${t + a} A${rx},${a} 0 0 0 ${l},${t + a} C${l},${m} ${r},${m} ${r},${b - a} A${rx},${a} 0 0 1 ${l},${b - a}`;
  },
  T: (l, r, t, b) => `M${l},${t} H${r} M${(l + r) / 2},${t} V${b}`,
  O: (l, r, t, b) => stadium(l, r, t, b),
  P: (l, r, t, b) => {
    const ry = 0.27 * (b - t);
    const mid = (l + r) / 2;
    return `M${l},${b} V${t} H${mid} A${r - mid},${ry} 0 0 1 ${mid},${t + 2 * ry} H${l}`;
  },
  '5': (l, r, t, b) => {
    const w = r - l;
    const rx = w / 2;
    const ry = 0.31 * (b - t);
    const cx = (l + r) / 2;
    const cy = b - ry;
    const at = (deg: number): string => {
      const a = (deg * Math.PI) / 180;
      return `${(cx + rx * Math.cos(a)).toFixed(3)},${(cy + ry * Math.sin(a)).toFixed(3)}`;
    };
    return `M${r},${t} H${l + 0.16 * w} L${at(-142)} A${rx},${ry} 0 1 1 ${at(148)}`;
  },
  '0': (l, r, t, b) => stadium(l, r, t, b),
};

/** A closed rounded outline (O, 0): two half-ellipses joined by straight sides. */
function stadium(l: number, r: number, t: number, b: number): string {
  const rx = (r - l) / 2;
  const ry = Math.min(rx * 1.1, (b - t) / 2);
  return `M${l},${t + ry} A${rx},${ry} 0 0 1 ${r},${t + ry} V${b - ry} A${rx},${ry} 0 0 1 ${l},${b - ry} Z`;
}

/** A word of stroked glyphs, centred on x = 100, between heights top and bottom. */
function word(text: string, top: number, bottom: number, glyphWidth: number, gap: number, stroke: number, colour: string): string {
  const total = text.length * glyphWidth + (text.length - 1) * gap;
  const h = stroke / 2;
  const paths = [...text].map((ch, i) => {
    const l = 100 - total / 2 + i * (glyphWidth + gap);
    return GLYPHS[ch](l + h, l + glyphWidth - h, top + h, bottom - h);
  });
  return `<path d="${paths.join(' ')}" fill="none" stroke="${colour}" stroke-width="${stroke}" stroke-linecap="butt" stroke-linejoin="miter"/>`;
}

// Flat-topped octagon: apothem 100 fills the square.
const octagonRadius = (apothem: number): number => apothem / Math.cos(Math.PI / 8);

/** The inverted triangle of cédez-le-passage, scaled about its centroid. */
function triangle(scale: number): string {
  const side = 200;
  const height = (side * Math.sqrt(3)) / 2;
  const top = 100 - height / 2;
  const cy = top + height / 3;
  const pts: [number, number][] = [[0, top], [side, top], [100, top + height]];
  return pts.map(([x, y]) => `${(100 + (x - 100) * scale).toFixed(3)},${(cy + (y - cy) * scale).toFixed(3)}`).join(' ');
}

export const SIGN_CLASSES: readonly SignClass[] = [
  {
    name: 'cedez_le_passage',
    count: 35,
    face: `<polygon points="${triangle(0.97)}" fill="${WHITE}" stroke="${WHITE}" stroke-width="6" stroke-linejoin="round"/>`
      + `<polygon points="${triangle(0.92)}" fill="${RED}" stroke="${RED}" stroke-width="6" stroke-linejoin="round"/>`
      + `<polygon points="${triangle(0.54)}" fill="${WHITE}" stroke="${WHITE}" stroke-width="4" stroke-linejoin="round"/>`,
  },
  {
    name: 'limitation_50',
    count: 35,
    face: `<circle cx="100" cy="100" r="100" fill="${WHITE}"/>`
      + `<circle cx="100" cy="100" r="85.5" fill="none" stroke="${RED}" stroke-width="23"/>`
      + word('50', 58, 142, 46, 12, 13, BLACK),
  },
  {
    name: 'sens_interdit',
    count: 30,
    face: `<circle cx="100" cy="100" r="100" fill="${WHITE}"/>`
      + `<circle cx="100" cy="100" r="96" fill="${RED}"/>`
      + `<rect x="26" y="83" width="148" height="34" fill="${WHITE}"/>`,
  },
  {
    name: 'stop',
    count: 40,
    face: `<polygon points="${polygon(8, octagonRadius(100), 22.5)}" fill="${WHITE}"/>`
      + `<polygon points="${polygon(8, octagonRadius(95), 22.5)}" fill="${RED}"/>`
      + word('STOP', 72, 128, 30, 7, 10, WHITE),
  },
];

/** The whole drawing: pole (metal gradient) behind the face, in a 200 × 560 viewBox, `px` pixels wide. */
export function signSvg(sign: SignClass, px: number, pole: boolean): string {
  const height = (px * DRAWING_HEIGHT) / SIGN_UNITS;
  const poleSvg = pole
    ? '<defs><linearGradient id="metal" x1="0" x2="1" y1="0" y2="0">'
      + '<stop offset="0" stop-color="#5d6064"/><stop offset="0.45" stop-color="#c9cbcd"/><stop offset="1" stop-color="#6a6d70"/>'
      + '</linearGradient></defs><rect x="92" y="100" width="16" height="460" fill="url(#metal)"/>'
    : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${px}" height="${height}" viewBox="0 0 ${SIGN_UNITS} ${DRAWING_HEIGHT}">`
    + `${poleSvg}${sign.face}</svg>`;
}
