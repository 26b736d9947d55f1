/**
 * imageDataAugmenter: MATLAB's random affine augmentation (reflection,
 * rotation, scale, shear, translation), drawn from the global stream so
 * `rng(seed)` reproduces it, applied as one warp about the image centre.
 */
import { matlabError } from '../runtime/errors.ts';
import { parseNameValues } from '../runtime/args.ts';
import { MArray } from '../runtime/marray.ts';
import { Cell } from '../runtime/cell.ts';
import { globalRandom } from '../runtime/random.ts';
import { warpImage, mul2, type Affine } from './warp.ts';
import { propertiesDisplay } from '../runtime/propertiesDisplay.ts';
import { valueText } from './display.ts';

const FN = 'imageDataAugmenter';
const ID = 'nnet_cnn:imageDataAugmenter';

/** A [min max] range sampled uniformly, or a function returning the value to use (MATLAB's `@() value`). */
export type RangeSpec = readonly [number, number] | (() => unknown);

type RangeName = 'RandRotation' | 'RandScale' | 'RandXScale' | 'RandYScale' | 'RandXShear' | 'RandYShear' | 'RandXTranslation' | 'RandYTranslation';

/** Defaults in MATLAB's display order; `positive` ranges are scales, `open90` shears (|angle| < 90°). */
const RANGES: readonly { name: RangeName; def: [number, number]; rule?: 'positive' | 'open90' }[] = [
  { name: 'RandRotation', def: [0, 0] },
  { name: 'RandScale', def: [1, 1], rule: 'positive' },
  { name: 'RandXScale', def: [1, 1], rule: 'positive' },
  { name: 'RandYScale', def: [1, 1], rule: 'positive' },
  { name: 'RandXShear', def: [0, 0], rule: 'open90' },
  { name: 'RandYShear', def: [0, 0], rule: 'open90' },
  { name: 'RandXTranslation', def: [0, 0] },
  { name: 'RandYTranslation', def: [0, 0] },
];

const NAMES = ['FillValue', 'RandXReflection', 'RandYReflection', ...RANGES.map((r) => r.name)] as const;

function numbersOf(v: unknown): number[] | null {
  if (typeof v === 'number') return [v];
  if (v instanceof MArray && v.cls !== 'logical') return v.toArray();
  if (Array.isArray(v) && v.every((x) => typeof x === 'number')) return v as number[];
  return null;
}

function asRange(name: string, v: unknown, rule?: 'positive' | 'open90'): RangeSpec {
  if (typeof v === 'function') return v as () => unknown;
  const r = numbersOf(v);
  if (!r || r.length !== 2 || !r.every(Number.isFinite)) {
    matlabError(`${ID}:invalidRange`, `Expected ${name} to be a 2-element vector of finite real numbers or a function handle.`);
  }
  if (r[0] > r[1]) matlabError(`${ID}:invalidRange`, `${name} must be a nondecreasing range [min max]: ${r[0]} > ${r[1]}.`);
  checkValue(name, r[0], rule);
  checkValue(name, r[1], rule);
  return [r[0], r[1]];
}

function checkValue(name: string, x: number, rule?: 'positive' | 'open90'): void {
  if (rule === 'positive' && !(x > 0)) matlabError(`${ID}:invalidScale`, `Expected ${name} values to be positive.`);
  if (rule === 'open90' && !(Math.abs(x) < 90)) matlabError(`${ID}:invalidShear`, `Expected ${name} values to be in the range (-90, 90) degrees.`);
}

function asLogicalScalar(name: string, v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  const n = numbersOf(v) ?? (v instanceof MArray ? v.toArray() : null);
  if (n && n.length === 1 && (n[0] === 0 || n[0] === 1)) return n[0] === 1;
  return matlabError(`${ID}:invalidReflection`, `Expected ${name} to be a logical scalar (true or false).`);
}

function asFill(v: unknown): number[] {
  const n = numbersOf(v);
  if (!n || n.length === 0 || !n.every(Number.isFinite)) matlabError(`${ID}:invalidFillValue`, 'Expected FillValue to be a finite numeric scalar or a vector with one value per channel.');
  return n;
}

const isDefault = (r: RangeSpec, def: readonly number[]) => typeof r !== 'function' && r[0] === def[0] && r[1] === def[1];

export class ImageDataAugmenter {
  readonly FillValue: number | number[];
  readonly RandXReflection: boolean;
  readonly RandYReflection: boolean;
  declare readonly RandRotation: RangeSpec;
  declare readonly RandScale: RangeSpec;
  declare readonly RandXScale: RangeSpec;
  declare readonly RandYScale: RangeSpec;
  declare readonly RandXShear: RangeSpec;
  declare readonly RandYShear: RangeSpec;
  declare readonly RandXTranslation: RangeSpec;
  declare readonly RandYTranslation: RangeSpec;

  constructor(...nv: unknown[]) {
    const p = parseNameValues(FN, nv, NAMES);
    const fill = p.has('FillValue') ? asFill(p.get('FillValue')) : [0];
    this.FillValue = fill.length === 1 ? fill[0] : fill;
    this.RandXReflection = p.has('RandXReflection') ? asLogicalScalar('RandXReflection', p.get('RandXReflection')) : false;
    this.RandYReflection = p.has('RandYReflection') ? asLogicalScalar('RandYReflection', p.get('RandYReflection')) : false;
    const self = this as unknown as Record<RangeName, RangeSpec>;
    for (const r of RANGES) self[r.name] = p.has(r.name) ? asRange(r.name, p.get(r.name), r.rule) : r.def;
  }

  /** One value from a range (uniform) or from the user's function; fixed ranges draw nothing. */
  #sample(name: RangeName): number {
    const r = this[name];
    if (typeof r === 'function') {
      const v = numbersOf(r());
      if (!v || v.length !== 1 || !Number.isFinite(v[0])) matlabError(`${ID}:invalidFunctionOutput`, `The function handle for ${name} must return a finite numeric scalar.`);
      checkValue(name, v[0], RANGES.find((d) => d.name === name)?.rule);
      return v[0];
    }
    return r[0] === r[1] ? r[0] : r[0] + (r[1] - r[0]) * globalRandom().nextDouble();
  }

  /**
   * A random transform, composed reflection → rotation → scale → shear →
   * translation. Positive rotation turns the image counter-clockwise on
   * screen, as imrotate and rot90 do.
   */
  randomTransform(): Affine {
    const flip = (on: boolean) => (on && globalRandom().nextDouble() > 0.5 ? -1 : 1);
    const reflect = [flip(this.RandXReflection), 0, 0, flip(this.RandYReflection)];
    const t = (this.#sample('RandRotation') * Math.PI) / 180;
    const rotate = [Math.cos(t), Math.sin(t), -Math.sin(t), Math.cos(t)];
    // A non-default RandScale overrides RandXScale and RandYScale (MATLAB's rule).
    const iso = !isDefault(this.RandScale, [1, 1]);
    const s = iso ? this.#sample('RandScale') : 0;
    const [sx, sy] = iso ? [s, s] : [this.#sample('RandXScale'), this.#sample('RandYScale')];
    const shx = Math.tan((this.#sample('RandXShear') * Math.PI) / 180);
    const shy = Math.tan((this.#sample('RandYShear') * Math.PI) / 180);
    const shear = mul2([1, 0, shy, 1], [1, shx, 0, 1]);
    const [a, b, c, d] = mul2(shear, mul2([sx, 0, 0, sy], mul2(rotate, reflect)));
    return { a, b, c, d, tx: this.#sample('RandXTranslation'), ty: this.#sample('RandYTranslation') };
  }

  /**
   * MATLAB's augment: an H×W×C image gets one random transform; an
   * H×W×C×N stack one per image; a cell array of images gets one transform
   * applied to every image in it (as MATLAB does, for image/label pairs).
   */
  augment(images: MArray): MArray;
  augment(images: readonly MArray[]): Cell<MArray>;
  augment(images: MArray | readonly MArray[]): MArray | Cell<MArray> {
    if (Array.isArray(images)) {
      images.forEach((im, k) => requireImage(im, `element ${k + 1} of the cell array`));
      const m = this.randomTransform();
      return Cell.row(images.map((im) => warpImage(im, m, this.#fillFor(im))));
    }
    const img = requireImage(images, 'the input');
    const fill = this.#fillFor(img);
    if (img.dims.length < 4) return warpImage(img, this.randomTransform(), fill);
    return mapImages(img, (one) => warpImage(one, this.randomTransform(), fill));
  }

  /** FillValue as one value per channel is only valid when the counts agree. */
  #fillFor(img: MArray): number[] {
    const fill = Array.isArray(this.FillValue) ? this.FillValue : [this.FillValue];
    const channels = img.dims[2] ?? 1;
    if (fill.length !== 1 && fill.length !== channels) {
      matlabError(`${ID}:fillValueChannels`, `FillValue has ${fill.length} values but the image has ${channels} channel(s): give one value, or one per channel.`);
    }
    return fill;
  }

  displayMatlab(): string {
    return propertiesDisplay('imageDataAugmenter', NAMES.map((n) => [n, valueText(this[n])] as const));
  }
}

function requireImage(x: unknown, what: string): MArray {
  if (!(x instanceof MArray) || x.dims.length > 4) {
    matlabError(`${ID}:invalidImage`, `Expected ${what} to be a numeric image (H×W, H×W×C or an H×W×C×N stack).`);
  }
  return x;
}

/** Apply `f` to each H×W×C image of an H×W×C×N stack. */
function mapImages(stack: MArray, f: (img: MArray) => MArray): MArray {
  const [h, w, c, n] = stack.dims;
  const size = h * w * c;
  const out = MArray.zeros(stack.dims, stack.cls);
  for (let k = 0; k < n; k++) {
    const one = MArray.wrap(stack.data.slice(k * size, (k + 1) * size), [h, w, c], stack.cls);
    out.data.set(f(one).data, k * size);
  }
  return out;
}

export function imageDataAugmenter(...nv: unknown[]): ImageDataAugmenter {
  return new ImageDataAugmenter(...nv);
}

/** Function form of the method: `augment(augmenter, images)`. */
export function augment(augmenter: ImageDataAugmenter, images: MArray): MArray;
export function augment(augmenter: ImageDataAugmenter, images: readonly MArray[]): Cell<MArray>;
export function augment(augmenter: ImageDataAugmenter, images: MArray | readonly MArray[]): MArray | Cell<MArray> {
  return Array.isArray(images) ? augmenter.augment(images) : augmenter.augment(images as MArray);
}
