/**
 * MATLAB's ImageDatastore: a list of image files with labels, read lazily
 * (one file per readimage/read call), never holding the images in memory.
 */
import { statSync } from 'node:fs';
import { MArray } from '../runtime/marray.ts';
import { Cell } from '../runtime/cell.ts';
import { Categorical } from '../runtime/categorical.ts';
import { Table } from '../runtime/table.ts';
import { matlabError } from '../runtime/errors.ts';
import { class as classOf } from '../runtime/types.ts';
import { matchString, parseNameValues } from '../runtime/args.ts';
import { shuffleIndices } from '../runtime/random.ts';
import { imread, readImageRaw, mArrayToRaw, IMREAD_EXTENSIONS, type RawPixels } from '../image/imread.ts';
import { absolutePath } from '../runtime/paths.ts';
import { listFiles } from './fileList.ts';
import { folderLabels, noLabels, toLabels, groupByLabel } from './labels.ts';
import { toPositions, type IndexInput } from './indexing.ts';
import { parseSplitArgs, splitPositions } from './splitEachLabel.ts';
import { formatImageDatastore } from './datastoreDisplay.ts';
import { mapLimit } from './concurrency.ts';
import { withOutputs, type Outputs } from '../runtime/outputs.ts';

const FN = 'imageDatastore';
const NV_NAMES = ['IncludeSubfolders', 'FileExtensions', 'LabelSource', 'Labels', 'ReadFcn', 'ReadSize', 'AlternateFileSystemRoots'] as const;
/** Parallel decodes for readall. */
const READ_CONCURRENCY = 8;

export type ReadFcn = (file: string) => MArray | Promise<MArray>;
export type Location = string | readonly string[];
export type LabelSourceValue = 'foldernames' | 'none';

export interface ReadInfo {
  Filename: string | Cell<string>;
  FileSize: number | number[];
  Label: Categorical;
}

interface State {
  files: string[];
  labels: Categorical;
  folders: string[];
  readFcn: ReadFcn;
  readSize: number;
  extensions: string[];
  includeSubfolders: boolean;
  labelSource: LabelSourceValue;
}

/** What save keeps of a datastore: its file list and settings (the images stay on disk, as in MATLAB). */
export interface SavedImageDatastore {
  files: string[];
  labels: Categorical;
  readSize: number;
  extensions: string[];
  folders?: string[];
  includeSubfolders?: boolean;
  labelSource?: LabelSourceValue;
}

/** Marks the internal constructor path (subsets and copies), unreachable from user code. */
const INTERNAL: unique symbol = Symbol('ImageDatastore.internal');

function asLogicalScalar(name: string, v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number' && (v === 0 || v === 1)) return v === 1;
  if (v instanceof MArray && v.numel === 1 && (v.data[0] === 0 || v.data[0] === 1)) return v.data[0] === 1;
  return matlabError(`${FN}:invalidLogical`, `The value of '${name}' must be true or false.`);
}

function asReadSize(v: unknown): number {
  const n = typeof v === 'number' ? v : v instanceof MArray && v.numel === 1 ? v.data[0] : NaN;
  if (!Number.isInteger(n) || n < 1) {
    matlabError(`${FN}:invalidReadSize`, 'ReadSize must be a positive integer scalar.');
  }
  return n;
}

function asReadFcn(v: unknown): ReadFcn {
  if (typeof v !== 'function') {
    matlabError(`${FN}:invalidReadFcn`, 'ReadFcn must be a function handle taking a file name and returning an image.');
  }
  return v as ReadFcn;
}

function asExtensions(v: unknown): string[] {
  const list = typeof v === 'string' ? [v] : Array.isArray(v) ? v : undefined;
  if (!list || list.length === 0 || !list.every((e) => typeof e === 'string' && /^\.[^./\\]+$/.test(e))) {
    return matlabError(`${FN}:invalidFileExtensions`, "FileExtensions must be a file extension such as '.png' or a list of them, each starting with a dot.");
  }
  return (list as string[]).map((e) => e.toLowerCase());
}

function asLocations(location: unknown): string[] {
  if (typeof location === 'string') return [location];
  if (Array.isArray(location) && location.every((l) => typeof l === 'string')) return location as string[];
  return matlabError(`${FN}:invalidLocation`, 'The location must be a folder or file name, or a list of folder and file names.');
}

/** Build the initial state from imageDatastore's arguments. */
function stateFromArgs(location: unknown, nvArgs: readonly unknown[]): State {
  const locations = asLocations(location);
  const nv = parseNameValues(FN, nvArgs, NV_NAMES);
  const includeSubfolders = nv.has('IncludeSubfolders') ? asLogicalScalar('IncludeSubfolders', nv.get('IncludeSubfolders')) : false;
  const extensions = nv.has('FileExtensions') ? asExtensions(nv.get('FileExtensions')) : [...IMREAD_EXTENSIONS];
  const labelSource = nv.has('LabelSource')
    ? (matchString(FN, 'LabelSource', nv.get('LabelSource'), ['none', 'foldernames']) as LabelSourceValue)
    : 'none';
  if (labelSource === 'foldernames' && nv.has('Labels')) {
    matlabError(`${FN}:labelSourceAndLabels`, "'LabelSource' 'foldernames' and 'Labels' cannot be given together.");
  }
  const files = listFiles(locations, { includeSubfolders, extensions, fn: FN });
  const labels = labelSource === 'foldernames' ? folderLabels(files)
    : nv.has('Labels') ? toLabels(FN, nv.get('Labels'), files.length) : noLabels();
  return {
    files,
    labels,
    folders: locations.map(absolutePath).filter((p) => isFolder(p)),
    readFcn: nv.has('ReadFcn') ? asReadFcn(nv.get('ReadFcn')) : imread,
    readSize: nv.has('ReadSize') ? asReadSize(nv.get('ReadSize')) : 1,
    extensions,
    includeSubfolders,
    labelSource,
  };
}

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

export class ImageDatastore {
  #s: State;
  /** 0-based position of the next file `read` returns. */
  #cursor = 0;
  /** Files as a frozen Cell, built once: scripts index `ds.Files` inside loops. */
  #filesCell: Cell<string> | undefined;

  /** Same as `imageDatastore(location, ...nv)`. */
  constructor(location: Location | typeof INTERNAL, ...nv: unknown[]) {
    this.#s = location === INTERNAL ? (nv[0] as State) : stateFromArgs(location, nv);
  }

  /**
   * Rebuild a saved datastore exactly as saved, without listing or checking
   * the file system (load: the images may have moved; reading them fails then).
   */
  static fromSaved(saved: SavedImageDatastore): ImageDatastore {
    return new ImageDatastore(INTERNAL, {
      files: [...saved.files], labels: saved.labels, folders: [...(saved.folders ?? [])], readFcn: imread, readSize: saved.readSize,
      extensions: [...saved.extensions], includeSubfolders: saved.includeSubfolders ?? false, labelSource: saved.labelSource ?? 'none',
    });
  }

  /** The state save writes (a custom ReadFcn is the caller's to refuse: functions cannot be saved). */
  savedState(): SavedImageDatastore {
    const s = this.#s;
    return {
      files: [...s.files], labels: s.labels, readSize: s.readSize, extensions: [...s.extensions],
      folders: [...s.folders], includeSubfolders: s.includeSubfolders, labelSource: s.labelSource,
    };
  }

  /** A datastore sharing settings with this one but holding the files at `positions0`. */
  #withPositions(positions0: readonly number[]): ImageDatastore {
    const s = this.#s;
    const labels = s.labels.numel === 0 ? s.labels : s.labels.select(positions0);
    return new ImageDatastore(INTERNAL, { ...s, files: positions0.map((p) => s.files[p]), labels });
  }

  // ---- MATLAB properties ----

  /** Absolute file names (a frozen column Cell: change the file list by assigning Files). */
  get Files(): Cell<string> {
    this.#filesCell ??= Object.freeze(Cell.column(this.#s.files)) as Cell<string>;
    return this.#filesCell;
  }

  set Files(v: readonly string[]) {
    const files = asLocations(v).map(absolutePath);
    const s = this.#s;
    const labels = s.labelSource === 'foldernames' ? folderLabels(files)
      : s.labels.numel === files.length || s.labels.numel === 0 ? s.labels
        : Categorical.fromCodes(new Uint32Array(files.length), s.labels.categories);
    this.#s = { ...s, files, labels };
    this.#filesCell = undefined;
    this.#cursor = 0;
  }

  get Folders(): Cell<string> {
    return Cell.column(this.#s.folders);
  }

  get Labels(): Categorical {
    return this.#s.labels;
  }

  set Labels(v: Categorical | readonly string[] | readonly number[] | MArray) {
    this.#s = { ...this.#s, labels: toLabels(FN, v, this.#s.files.length) };
  }

  get ReadFcn(): ReadFcn {
    return this.#s.readFcn;
  }

  set ReadFcn(v: ReadFcn) {
    this.#s = { ...this.#s, readFcn: asReadFcn(v) };
  }

  get ReadSize(): number {
    return this.#s.readSize;
  }

  set ReadSize(v: number) {
    this.#s = { ...this.#s, readSize: asReadSize(v) };
  }

  get FileExtensions(): Cell<string> {
    return Cell.row(this.#s.extensions);
  }

  get IncludeSubfolders(): boolean {
    return this.#s.includeSubfolders;
  }

  get LabelSource(): LabelSourceValue {
    return this.#s.labelSource;
  }

  // ---- for library code (trainer) ----

  get numObservations(): number {
    return this.#s.files.length;
  }

  /** The file of observation i0 (0-based), for messages. */
  describeObservation(i0: number): string {
    return this.#s.files[i0];
  }

  /** Raw pixels of file `i0` (0-based); a custom ReadFcn is honoured (its result converted). */
  async readImageRawAt(i0: number): Promise<RawPixels> {
    const file = this.#fileAt0(i0);
    if (this.#s.readFcn === imread) return readImageRaw(file);
    return mArrayToRaw(await this.#s.readFcn(file));
  }

  #fileAt0(i0: number): string {
    if (!Number.isInteger(i0) || i0 < 0 || i0 >= this.#s.files.length) {
      matlabError(`${FN}:indexOutOfRange`, `Index ${i0 + 1} is out of range: the datastore has ${this.#s.files.length} files.`);
    }
    return this.#s.files[i0];
  }

  async #readFile(i0: number): Promise<MArray> {
    return this.#s.readFcn(this.#fileAt0(i0));
  }

  // ---- MATLAB methods ----

  /** `readimage(ds, i)`: image number i (1-based). */
  async readimage(i: number | MArray): Promise<MArray> {
    const n = i instanceof MArray ? (i.numel === 1 ? i.data[0] : NaN) : i;
    const [p] = toPositions('readimage', [n], this.#s.files.length);
    return this.#readFile(p);
  }

  hasdata(): boolean {
    return this.#cursor < this.#s.files.length;
  }

  reset(): void {
    this.#cursor = 0;
  }

  /** Next ReadSize images: an image when ReadSize is 1, else a Cell of up to ReadSize images. */
  async read(): Promise<MArray | Cell<MArray>> {
    return (await this.readWithInfo()).data;
  }

  /** `[data, info] = read(ds)`. */
  async readWithInfo(): Promise<{ data: MArray | Cell<MArray>; info: ReadInfo }> {
    if (!this.hasdata()) {
      matlabError('MATLAB:datastoreio:splittabledatastore:noMoreData',
        'No more data to read. Use the reset method to reset the datastore to the start of the data.');
    }
    const start = this.#cursor;
    const end = Math.min(start + this.#s.readSize, this.#s.files.length);
    this.#cursor = end; // advanced before awaiting so concurrent reads never return the same file
    const positions = Array.from({ length: end - start }, (_, k) => start + k);
    const images = await mapLimit(positions, READ_CONCURRENCY, (p) => this.#readFile(p));
    const files = positions.map((p) => this.#s.files[p]);
    const label = this.#s.labels.numel === 0 ? noLabels() : this.#s.labels.select(positions);
    if (this.#s.readSize === 1) {
      return { data: images[0], info: { Filename: files[0], FileSize: fileSize(files[0]), Label: label } };
    }
    return { data: Cell.column(images), info: { Filename: Cell.column(files), FileSize: files.map(fileSize), Label: label } };
  }

  /** First image, without moving the read position. */
  async preview(): Promise<MArray> {
    if (this.#s.files.length === 0) matlabError(`${FN}:emptyDatastore`, 'The datastore has no files to preview.');
    return this.#readFile(0);
  }

  /** Every image, as an N×1 Cell (this one does hold them all in memory, as MATLAB's readall does). */
  async readall(): Promise<Cell<MArray>> {
    const positions = this.#s.files.map((_, i) => i);
    return Cell.column(await mapLimit(positions, READ_CONCURRENCY, (p) => this.#readFile(p)));
  }

  /** Same files in a random order from the global generator (`rng` makes it reproducible). */
  shuffle(): ImageDatastore {
    return this.#withPositions(shuffleIndices(this.#s.files.length));
  }

  /** Datastore of the files at 1-based indices (numbers, numeric or logical MArray, boolean mask). */
  subset(indices: IndexInput): ImageDatastore {
    return this.#withPositions(toPositions('subset', indices, this.#s.files.length));
  }

  copy(): ImageDatastore {
    const c = this.#withPositions(this.#s.files.map((_, i) => i));
    c.#cursor = this.#cursor;
    return c;
  }

  /** Table with Label (categorical) and Count (double) for each label present. */
  countEachLabel(): Table & { Label: Categorical; Count: MArray } {
    const groups = this.#s.labels.numel === 0 ? [] : groupByLabel(this.#s.labels);
    return Table.fromColumns({
      Label: Categorical.fromCodes(groups.map((g) => g.code), this.#s.labels.categories),
      Count: MArray.column(groups.map((g) => g.members.length)),
    });
  }

  /**
   * `[ds1, ..., dsN] = splitEachLabel(ds, p1, ..., pN-1, ['randomized'], ['Include'|'Exclude', labels])`.
   * Like MATLAB's `ds1 = splitEachLabel(...)`, the result is the first datastore; it destructures into all of them.
   */
  splitEachLabel(...args: unknown[]): Outputs<ImageDatastore, ImageDatastore[]> {
    const parts = splitPositions(this.#s.labels, parseSplitArgs(args)).map((p) => this.#withPositions(p));
    return withOutputs(parts[0], parts);
  }

  displayMatlab(): string {
    const s = this.#s;
    return formatImageDatastore({ Files: s.files, Folders: s.folders, Labels: s.labels, ReadSize: s.readSize, ReadFcn: s.readFcn });
  }
}

// ---- MATLAB function forms ----

/** `imageDatastore(location, Name, Value, ...)`: location is a folder, a file, a wildcard, or a list of them. */
export function imageDatastore(location: Location, ...nv: unknown[]): ImageDatastore {
  return new ImageDatastore(location, ...nv);
}

/**
 * A datastore method called as a function, as MATLAB dispatches it: on a
 * value without that method it is MATLAB's undefined-function error.
 */
function method<T>(name: string, ds: unknown): T {
  const f = ds !== null && typeof ds === 'object' ? (ds as Record<string, unknown>)[name] : undefined;
  if (typeof f !== 'function') matlabError('MATLAB:UndefinedFunction', `Undefined function '${name}' for input arguments of type '${classOf(ds)}'.`);
  return f.bind(ds) as T;
}

export const readimage = (ds: ImageDatastore, i: number | MArray): Promise<MArray> => method<ImageDatastore['readimage']>('readimage', ds)(i);
export const read = (ds: ImageDatastore): Promise<MArray | Cell<MArray>> => method<ImageDatastore['read']>('read', ds)();
export const readall = (ds: ImageDatastore): Promise<Cell<MArray>> => method<ImageDatastore['readall']>('readall', ds)();
export const hasdata = (ds: ImageDatastore): boolean => method<ImageDatastore['hasdata']>('hasdata', ds)();
export const reset = (ds: ImageDatastore): void => method<ImageDatastore['reset']>('reset', ds)();
export const preview = (ds: ImageDatastore): Promise<MArray> => method<ImageDatastore['preview']>('preview', ds)();
export const shuffle = (ds: ImageDatastore): ImageDatastore => method<ImageDatastore['shuffle']>('shuffle', ds)();
export const subset = (ds: ImageDatastore, indices: IndexInput): ImageDatastore => method<ImageDatastore['subset']>('subset', ds)(indices);
export const countEachLabel = (ds: ImageDatastore): Table & { Label: Categorical; Count: MArray } => method<ImageDatastore['countEachLabel']>('countEachLabel', ds)();
export const splitEachLabel = (ds: ImageDatastore, ...args: unknown[]): Outputs<ImageDatastore, ImageDatastore[]> => method<ImageDatastore['splitEachLabel']>('splitEachLabel', ds)(...args);
