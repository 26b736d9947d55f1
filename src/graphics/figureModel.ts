/**
 * What a figure holds: axes with an image, line series or custom drawing,
 * and labels. Functions like imshow/plot/title only edit this model; the
 * renderer turns it into pixels when the figure is written.
 */
import type { RGB } from '../image/colorSpec.ts';
import type { Rect } from './svg.ts';
import { propertiesDisplay } from '../runtime/propertiesDisplay.ts';

/** Decoded pixels ready to draw: row-major, 3 channels. */
export interface DisplayImage {
  rgb: Uint8Array;
  width: number;
  height: number;
}

export interface LineSeries {
  x: number[];
  y: number[];
  color: RGB;
  width: number;
  /** SVG dash array, '' for solid; null draws no line (markers only). */
  dash: string | null;
  marker: string | null;
  markerSize: number;
  opacity?: number;
  label?: string;
}

/** Content that draws itself (plotconfusion, confusionchart). */
export interface CustomDrawing {
  /** Preferred figure size in logical pixels. */
  size: [number, number];
  /** Device pixels per logical pixel in the PNG. */
  scale?: number;
  draw(box: Rect): string;
}

/** subplot(m, n, p): grid and the 1-based cells it spans. */
export interface GridSpec {
  m: number;
  n: number;
  cells: number[];
}

export class Axes {
  image: DisplayImage | null = null;
  lines: LineSeries[] = [];
  custom: CustomDrawing | null = null;
  title = '';
  xlabel = '';
  ylabel = '';
  hold = false;
  xlim: [number, number] | null = null;
  ylim: [number, number] | null = null;
  grid = false;
  /** Sequence number of the next plot() colour. */
  colorIndex = 0;

  constructor(readonly figure: Figure, readonly spec: GridSpec | null) {}

  /** Record a change so the figure is rewritten. */
  touch(): void {
    this.figure.touch();
  }

  /** newplot: without hold, drawing replaces what the axes showed. */
  reset(): void {
    if (this.hold) return;
    this.image = null;
    this.lines = [];
    this.custom = null;
    this.title = '';
    this.xlabel = '';
    this.ylabel = '';
    this.xlim = null;
    this.ylim = null;
    this.colorIndex = 0;
  }

  displayMatlab(): string {
    return propertiesDisplay('Axes', [['Title', `'${this.title}'`], ['Figure', String(this.figure.Number)]], { newline: true });
  }
}

export class Figure {
  readonly axes: Axes[] = [];
  currentAxes: Axes | null = null;
  /** Bumped on every change; compared with writtenVersion to know what to rewrite. */
  version = 0;
  writtenVersion = -1;

  constructor(readonly Number: number, public Name = '') {}

  touch(): void {
    this.version++;
  }

  displayMatlab(): string {
    // MATLAB aligns these on the longest name it shows, Position.
    const className = `Figure (${this.Number}${this.Name ? `: ${this.Name}` : ''})`;
    return propertiesDisplay(className, [['Number', String(this.Number)], ['Name', `'${this.Name}'`]], { nameWidth: 'Position'.length, newline: true });
  }
}
