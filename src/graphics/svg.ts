/**
 * Tiny SVG writer: every figure is drawn as SVG text (then rasterised by
 * sharp), so these helpers keep escaping and number formatting in one place.
 */

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The font every figure uses: DejaVu Sans ships with Debian, Helvetica/Arial where it does not. */
export const FONT_FAMILY = "'DejaVu Sans', Helvetica, Arial, sans-serif";

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Numbers rounded to 0.01 px keep files small without visible loss. */
export function n(v: number): string {
  return String(Math.round(v * 100) / 100);
}

type Attrs = Record<string, string | number | undefined>;

function attrs(a: Attrs): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? n(v) : esc(v as string)}"`)
    .join('');
}

export function el(tag: string, a: Attrs, children?: string): string {
  return children === undefined ? `<${tag}${attrs(a)}/>` : `<${tag}${attrs(a)}>${children}</${tag}>`;
}

export function rect(r: Rect, a: Attrs = {}): string {
  return el('rect', { x: r.x, y: r.y, width: r.w, height: r.h, ...a });
}

export function line(x1: number, y1: number, x2: number, y2: number, a: Attrs = {}): string {
  return el('line', { x1, y1, x2, y2, ...a });
}

export interface TextStyle {
  size: number;
  anchor?: 'start' | 'middle' | 'end';
  weight?: 'normal' | 'bold';
  color?: string;
  /** Degrees, about the text's anchor point. */
  rotate?: number;
  baseline?: 'auto' | 'middle' | 'hanging';
}

/** A text line; `dy` shifts middle/hanging baselines by hand since librsvg ignores dominant-baseline. */
export function text(x: number, y: number, s: string, st: TextStyle): string {
  const shift = st.baseline === 'middle' ? st.size * 0.35 : st.baseline === 'hanging' ? st.size * 0.8 : 0;
  return el('text', {
    x, y: y + shift,
    'font-family': FONT_FAMILY,
    'font-size': st.size,
    'font-weight': st.weight === 'bold' ? 'bold' : undefined,
    'text-anchor': st.anchor ?? 'start',
    fill: st.color ?? '#000000',
    transform: st.rotate ? `rotate(${n(st.rotate)} ${n(x)} ${n(y)})` : undefined,
  }, esc(s));
}

/** Several lines ('\n'-separated), 1.2 em apart; `upward` keeps the last line at y (titles grow upward). */
export function textLines(x: number, y: number, s: string, st: TextStyle, upward = false): string {
  const parts = s.split('\n');
  const step = st.size * 1.2;
  const y0 = upward ? y - (parts.length - 1) * step : y;
  return parts.map((p, i) => text(x, y0 + i * step, p, st)).join('');
}

export function polyline(points: readonly [number, number][], a: Attrs = {}): string {
  return el('polyline', { points: points.map(([x, y]) => `${n(x)},${n(y)}`).join(' '), fill: 'none', ...a });
}

/** Wrap content in an <svg> whose user units are logical pixels, drawn at `scale` device pixels each. */
export function svgDocument(width: number, height: number, scale: number, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${n(width * scale)}" height="${n(height * scale)}" viewBox="0 0 ${n(width)} ${n(height)}">${body}</svg>`;
}
