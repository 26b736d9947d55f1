/**
 * Observations for training and inference, from an image source (an image
 * datastore or anything shaped like one, such as an augmented datastore:
 * read as needed; decoded images cached up to a byte budget only when the
 * caller will read them again and reads are repeatable) or from an in-memory
 * H×W×C×N array. Batches come out as NHWC Float32Arrays ready for a tensor.
 */
import { matlabError } from '../runtime/errors.ts';
import { MArray } from '../runtime/marray.ts';
import { Categorical } from '../runtime/categorical.ts';
import type { ActivationSize } from '../layers/Layer.ts';
import { sizeText } from '../runtime/render.ts';
import type { RawPixels } from '../image/imread.ts';
import { reorderImages } from '../engine/layout.ts';
import { DecodeCache, defaultCacheBudget } from './decodeCache.ts';
import { mapLimit } from './concurrency.ts';

export interface ObservationSource {
  readonly count: number;
  /** Labels for classification, when known. */
  readonly labels: Categorical | null;
  /** Images number `indices0` (0-based), NHWC. */
  readBatch(indices0: readonly number[]): Promise<Float32Array>;
}

/** What trainNetwork, predict and classify read images from (ImageDatastore is one). */
export interface ImageSource {
  readonly numObservations: number;
  readonly Labels: Categorical;
  /** Observation i0 (0-based) as row-major interleaved H×W×C pixels. */
  readImageRawAt(i0: number): Promise<RawPixels>;
  /** Names the observation in error messages (a file name). */
  describeObservation?(i0: number): string;
  /** False when two reads of one observation differ (random augmentation): nothing is cached then. */
  readonly repeatableReads?: boolean;
}

export function isImageSource(x: unknown): x is ImageSource {
  const s = x as Partial<ImageSource> | null;
  return s !== null && typeof s === 'object' && typeof s.numObservations === 'number' && typeof s.readImageRawAt === 'function';
}

/** How the caller will use a source. */
export interface SourceOptions {
  /**
   * Passes the caller will make over the data (epochs, plus the mean-image and
   * statistics passes). Decoded images are cached only when there is a later pass
   * to read them: a one-shot classify keeps nothing. Default 1.
   */
  passes?: number;
  /** Most bytes the decode cache may hold (default: 1 GiB, at most a quarter of the machine's memory). */
  cacheBytes?: number;
}

/** Images decoded concurrently (sharp decodes on libuv's thread pool). */
const READ_CONCURRENCY = 16;

class DatastoreSource implements ObservationSource {
  readonly count: number;
  readonly labels: Categorical | null;
  /** Null when nothing is worth caching. */
  readonly cache: DecodeCache | null;

  constructor(private readonly ds: ImageSource, private readonly size: ActivationSize, private readonly fn: string, options: SourceOptions) {
    this.count = ds.numObservations;
    this.labels = ds.Labels && ds.Labels.numel === this.count ? ds.Labels : null;
    const reread = (options.passes ?? 1) > 1 && ds.repeatableReads !== false;
    this.cache = reread ? new DecodeCache(this.count, size[0] * size[1] * size[2], options.cacheBytes ?? defaultCacheBudget()) : null;
  }

  private describe(i0: number): string {
    return this.ds.describeObservation ? `'${this.ds.describeObservation(i0)}'` : `observation ${i0 + 1}`;
  }

  private async pixels(i0: number): Promise<RawPixels['data']> {
    const hit = this.cache?.get(i0);
    if (hit) return hit;
    let raw: RawPixels;
    try {
      raw = await this.ds.readImageRawAt(i0);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      return matlabError(`${this.fn}:unreadableImage`, `Unable to read image ${i0 + 1} (${this.describe(i0)}): ${msg}`);
    }
    const [h, w, c] = this.size;
    if (raw.height !== h || raw.width !== w || raw.channels !== c) {
      matlabError(`${this.fn}:imageSizeMismatch`, `The image ${this.describe(i0)} is ${sizeText([raw.height, raw.width, raw.channels])} but the input layer expects images of size ${sizeText(this.size)}. All images must have the size of the input layer.`);
    }
    this.cache?.put(i0, raw.data);
    return raw.data;
  }

  async readBatch(indices0: readonly number[]): Promise<Float32Array> {
    const per = this.size[0] * this.size[1] * this.size[2];
    const out = new Float32Array(indices0.length * per);
    await mapLimit(indices0, READ_CONCURRENCY, async (i0, k) => out.set(await this.pixels(i0), k * per));
    return out;
  }
}

class ArraySource implements ObservationSource {
  readonly count: number;
  private readonly nhwc: Float32Array;
  constructor(x: MArray, private readonly size: ActivationSize, readonly labels: Categorical | null, fn: string) {
    const [h, w, c = 1, n = 1] = x.dims;
    if (h !== size[0] || w !== size[1] || c !== size[2]) {
      matlabError(`${fn}:imageSizeMismatch`, `The input images are ${sizeText([h, w, c])} but the input layer expects images of size ${sizeText(size)}.`);
    }
    this.count = n;
    // Reorder once from column-major H×W×C×N to NHWC.
    this.nhwc = reorderImages(x.data, h, w, c, n, true);
  }
  async readBatch(indices0: readonly number[]): Promise<Float32Array> {
    const per = this.size[0] * this.size[1] * this.size[2];
    const out = new Float32Array(indices0.length * per);
    indices0.forEach((i, k) => out.set(this.nhwc.subarray(i * per, (i + 1) * per), k * per));
    return out;
  }
}

/** A source for `data` (an ImageDatastore or an H×W×C×N array), checked against the input size. */
export function observationSource(fn: string, data: unknown, size: ActivationSize, labels: Categorical | null = null, options: SourceOptions = {}): ObservationSource {
  if (isImageSource(data)) {
    if (data.numObservations === 0) matlabError(`${fn}:emptyData`, 'The datastore contains no images.');
    return new DatastoreSource(data, size, fn, options);
  }
  if (data instanceof MArray) {
    if (data.numel === 0) matlabError(`${fn}:emptyData`, 'The input array is empty.');
    return new ArraySource(data, size, labels, fn);
  }
  return matlabError(`${fn}:invalidData`, 'Invalid data: expected an image datastore (imageDatastore, augmentedImageDatastore) or an H×W×C×N numeric array.');
}

/** Consecutive index ranges [0..count) cut into batches of at most `size`. */
export function sequentialBatches(count: number, size: number): number[][] {
  const out: number[][] = [];
  for (let s = 0; s < count; s += size) out.push(Array.from({ length: Math.min(size, count - s) }, (_, k) => s + k));
  return out;
}
