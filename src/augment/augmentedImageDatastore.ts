/**
 * augmentedImageDatastore (and its older name augmentedImageSource): images
 * from a datastore or an H×W×C×N array, colour-converted, randomly
 * augmented, then resized or cropped to OutputSize, in MATLAB's order. It is
 * an ImageSource, so trainNetwork reads it directly; its reads are random,
 * so the trainer never caches them.
 */
import { matlabError } from '../runtime/errors.ts';
import { matchString, parseNameValues } from '../runtime/args.ts';
import { MArray } from '../runtime/marray.ts';
import { Categorical } from '../runtime/categorical.ts';
import { Cell } from '../runtime/cell.ts';
import { table, type Table } from '../runtime/table.ts';
import { globalRandom } from '../runtime/random.ts';
import { imresize } from '../image/imresize.ts';
import { mArrayToRaw, type RawPixels } from '../image/imread.ts';
import { isImageSource, type ImageSource } from '../data/observations.ts';
import { ImageDataAugmenter } from './imageDataAugmenter.ts';
import { rawToImage, stackImage, crop, preprocessColor, requireCroppable, type ColorPreprocessing } from './pixels.ts';
import { propertiesDisplay } from '../runtime/propertiesDisplay.ts';
import { valueText } from './display.ts';

const FN = 'augmentedImageDatastore';
const ID = 'nnet_cnn:augmentedImageDatastore';
const COLOR_MODES = ['none', 'gray2rgb', 'rgb2gray'] as const;
const SIZE_MODES = ['resize', 'centercrop', 'randcrop'] as const;
type OutputSizeMode = (typeof SIZE_MODES)[number];

/** Where the images come from: a datastore, or an array with its labels. */
type Images = { kind: 'source'; source: ImageSource } | { kind: 'array'; X: MArray; Y: Categorical };

function asOutputSize(v: unknown): number[] {
  const s = v instanceof MArray ? v.toArray() : Array.isArray(v) ? v : null;
  if (!s || (s.length !== 2 && s.length !== 3) || !s.every((x) => Number.isInteger(x) && x > 0)) {
    matlabError(`${ID}:invalidOutputSize`, 'Expected outputSize to be a vector of two or three positive integers: [height width] or [height width channels].');
  }
  return s as number[];
}

function asImages(args: unknown[]): { images: Images; nv: unknown[] } {
  const [first, second] = args;
  if (isImageSource(first)) return { images: { kind: 'source', source: first }, nv: args.slice(1) };
  if (!(first instanceof MArray) || first.dims.length > 4 || first.cls === 'logical') {
    return matlabError(`${ID}:invalidInput`, 'Expected the images to be an image datastore or an H×W×C×N numeric array followed by categorical labels.');
  }
  const n = first.dims[3] ?? 1;
  if (!(second instanceof Categorical) || second.numel !== n) {
    return matlabError(`${ID}:invalidResponses`, `Expected Y to be a categorical vector with one label per image (${n}).`);
  }
  return { images: { kind: 'array', X: first, Y: second }, nv: args.slice(2) };
}

export class AugmentedImageDatastore implements ImageSource {
  readonly #images: Images;
  readonly #size: number[];
  MiniBatchSize = 128;
  readonly DataAugmentation: 'none' | ImageDataAugmenter;
  readonly ColorPreprocessing: ColorPreprocessing;
  readonly OutputSizeMode: OutputSizeMode;
  readonly DispatchInBackground = false;
  /** Augmented reads differ each time: the trainer must not cache them. */
  readonly repeatableReads = false;
  /** 0-based position of the next observation `read` returns. */
  #cursor = 0;

  constructor(outputSize: unknown, ...args: unknown[]) {
    this.#size = asOutputSize(outputSize);
    const { images, nv } = asImages(args);
    this.#images = images;
    const p = parseNameValues(FN, nv, ['ColorPreprocessing', 'DataAugmentation', 'OutputSizeMode', 'DispatchInBackground']);
    const aug = p.get('DataAugmentation') ?? 'none';
    if (!(aug instanceof ImageDataAugmenter) && (typeof aug !== 'string' || matchString(FN, 'DataAugmentation', aug, ['none']) !== 'none')) {
      matlabError(`${ID}:invalidAugmentation`, "Expected DataAugmentation to be 'none' or an imageDataAugmenter object.");
    }
    this.DataAugmentation = aug instanceof ImageDataAugmenter ? aug : 'none';
    this.ColorPreprocessing = p.has('ColorPreprocessing') ? matchString(FN, 'ColorPreprocessing', p.get('ColorPreprocessing'), COLOR_MODES) as ColorPreprocessing : 'none';
    this.OutputSizeMode = p.has('OutputSizeMode') ? matchString(FN, 'OutputSizeMode', p.get('OutputSizeMode'), SIZE_MODES) as OutputSizeMode : 'resize';
  }

  /** [height width], as MATLAB shows it; a third outputSize element only fixes the channel count. */
  get OutputSize(): number[] {
    return this.#size.slice(0, 2);
  }

  get NumObservations(): number {
    return this.numObservations;
  }

  get numObservations(): number {
    return this.#images.kind === 'source' ? this.#images.source.numObservations : this.#images.Y.numel;
  }

  get Labels(): Categorical {
    return this.#images.kind === 'source' ? this.#images.source.Labels : this.#images.Y;
  }

  describeObservation(i0: number): string {
    const im = this.#images;
    return im.kind === 'source' && im.source.describeObservation ? im.source.describeObservation(i0) : `observation ${i0 + 1}`;
  }

  async #original(i0: number): Promise<MArray> {
    const im = this.#images;
    return im.kind === 'source' ? rawToImage(await im.source.readImageRawAt(i0)) : stackImage(im.X, i0);
  }

  /** Observation i0 (0-based) through the whole pipeline, as an H×W×C MArray. */
  async readImageAt(i0: number): Promise<MArray> {
    if (!Number.isInteger(i0) || i0 < 0 || i0 >= this.numObservations) {
      matlabError(`${ID}:indexOutOfRange`, `Index ${i0 + 1} is out of range: the datastore has ${this.numObservations} observations.`);
    }
    let img = preprocessColor(await this.#original(i0), this.ColorPreprocessing);
    if (this.DataAugmentation !== 'none') img = this.DataAugmentation.augment(img);
    img = this.#fit(img);
    const channels = img.dims[2] ?? 1;
    if (this.#size.length === 3 && channels !== this.#size[2]) {
      matlabError(`${ID}:channelMismatch`, `Image ${this.describeObservation(i0)} has ${channels} channel(s) but OutputSize asks for ${this.#size[2]}; use 'ColorPreprocessing' to convert.`);
    }
    return img;
  }

  async readImageRawAt(i0: number): Promise<RawPixels> {
    return mArrayToRaw(await this.readImageAt(i0));
  }

  /** Resize (bilinear) or crop to OutputSize. */
  #fit(img: MArray): MArray {
    const [h, w] = this.#size;
    const [H, W] = img.dims;
    if (this.OutputSizeMode === 'resize') return H === h && W === w ? img : imresize(img, [h, w], 'bilinear');
    requireCroppable(FN, img, h, w);
    const random = this.OutputSizeMode === 'randcrop';
    const start = (extra: number) => (random ? Math.floor(globalRandom().nextDouble() * (extra + 1)) : Math.floor(extra / 2));
    return crop(img, h, w, start(H - h), start(W - w));
  }

  hasdata(): boolean {
    return this.#cursor < this.numObservations;
  }

  reset(): void {
    this.#cursor = 0;
  }

  /** The next MiniBatchSize observations as MATLAB's table: `input` (images) and `response` (labels). */
  async read(): Promise<Table> {
    if (!this.hasdata()) matlabError(`${ID}:noMoreData`, 'No more data to read. Use reset to read from the start again.');
    const end = Math.min(this.#cursor + this.MiniBatchSize, this.numObservations);
    const positions = Array.from({ length: end - this.#cursor }, (_, k) => this.#cursor + k);
    this.#cursor = end;
    const images: MArray[] = [];
    for (const i0 of positions) images.push(await this.readImageAt(i0));
    const labels = this.Labels;
    return labels.numel === this.numObservations
      ? table({ input: Cell.column(images), response: labels.select(positions) })
      : table({ input: Cell.column(images) });
  }

  displayMatlab(): string {
    const props = ['NumObservations', 'MiniBatchSize', 'DataAugmentation', 'ColorPreprocessing', 'OutputSize', 'OutputSizeMode', 'DispatchInBackground'] as const;
    const text = (n: (typeof props)[number]) => (n === 'DataAugmentation' && this.DataAugmentation !== 'none' ? '[1×1 imageDataAugmenter]' : valueText(this[n]));
    return propertiesDisplay('augmentedImageDatastore', props.map((n) => [n, text(n)] as const));
  }
}

/** augmentedImageDatastore(outputSize, imds, ...nv) or (outputSize, X, Y, ...nv). */
export function augmentedImageDatastore(outputSize: unknown, ...args: unknown[]): AugmentedImageDatastore {
  return new AugmentedImageDatastore(outputSize, ...args);
}

/** The older name (R2017b); newer MATLAB returns an augmentedImageDatastore from it too. */
export const augmentedImageSource = augmentedImageDatastore;
