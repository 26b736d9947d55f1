/**
 * Checks on the state a registered class is rebuilt from at load. A file
 * that passed its checksum can still have been crafted (or written by a
 * buggy version): what it says must be the right kind of value before any
 * object is built on it, so a bad file fails at load with a clear message
 * instead of later with a raw TypeError. Each check throws
 * `load:invalidData`; the decoder adds the file and variable. (Layers are
 * checked by their declarations: layers/declaration.ts restoreLayer.)
 */
import { matlabError } from '../runtime/errors.ts';
import { MArray, isMClass, type MClass } from '../runtime/marray.ts';
import { Categorical } from '../runtime/categorical.ts';
import type { SavedImageDatastore } from '../data/imageDatastore.ts';

const ID = 'load:invalidData';

function invalid(what: string): never {
  return matlabError(ID, what);
}

/** A short name for what was found instead, for messages. */
export function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (v instanceof MArray) return `a ${v.cls} array`;
  if (ArrayBuffer.isView(v)) return `a ${v.constructor.name}`;
  if (typeof v === 'object') return `an object of class '${Object.getPrototypeOf(v)?.constructor?.name ?? 'Object'}'`;
  return typeof v === 'string' ? `the text '${v.length > 20 ? `${v.slice(0, 20)}…` : v}'` : `a ${typeof v}`;
}

const DATA_CLASS: Record<MClass, Function> = { double: Float64Array, single: Float32Array, uint8: Uint8Array, uint16: Uint16Array, logical: Uint8Array };

function checkDims(what: string, dims: unknown, numel: number): asserts dims is number[] {
  const ok = Array.isArray(dims) && dims.length >= 2 && dims.every((d) => Number.isSafeInteger(d) && d >= 0);
  if (!ok) invalid(`${what} has invalid dimensions (${kindOf(dims)})`);
  const product = (dims as number[]).reduce((a, b) => a * b, 1);
  if (product !== numel) invalid(`${what} has ${numel} elements but dimensions ${(dims as number[]).join('×')}`);
}

/** The saved state of an MArray: a known class, data of that class's typed array, dimensions matching its length. */
export function checkMArrayState(s: unknown): asserts s is { cls: MClass; dims: number[]; data: Float64Array | Float32Array | Uint8Array } {
  const { cls, dims, data } = (s ?? {}) as Record<string, unknown>;
  if (!isMClass(cls)) invalid(`a numeric array has the unknown class ${kindOf(cls)}`);
  if (!(data instanceof DATA_CLASS[cls])) invalid(`a ${cls} array holds ${kindOf(data)} instead of its numbers`);
  checkDims(`a ${cls} array`, dims, (data as ArrayLike<number>).length);
}

/** The saved state of a categorical: text categories, codes within them, dimensions matching the codes. */
export function checkCategoricalState(s: unknown): asserts s is { categories: string[]; codes: Uint32Array; dims: number[] } {
  const { categories, codes, dims } = (s ?? {}) as Record<string, unknown>;
  if (!Array.isArray(categories) || !categories.every((c) => typeof c === 'string')) invalid(`a categorical array has categories that are not text (${kindOf(categories)})`);
  if (!(codes instanceof Uint32Array)) invalid(`a categorical array holds ${kindOf(codes)} instead of its codes`);
  checkDims('a categorical array', dims, codes.length);
  for (const c of codes) if (c > categories.length) invalid(`a categorical array has the code ${c} but only ${categories.length} categories`);
}

/** The saved state of an ImageDatastore: file names as text, labels for every file (or none), a positive ReadSize. */
export function checkDatastoreState(s: unknown): asserts s is SavedImageDatastore {
  const d = (s ?? {}) as Record<string, unknown>;
  const textList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
  if (!textList(d.files)) invalid(`an ImageDatastore's file list is not a list of file names (${kindOf(d.files)})`);
  if (!(d.labels instanceof Categorical)) invalid(`an ImageDatastore's labels are ${kindOf(d.labels)}, not a categorical array`);
  const labels = d.labels as Categorical;
  if (labels.numel !== 0 && labels.numel !== d.files.length) invalid(`an ImageDatastore has ${d.files.length} files but ${labels.numel} labels`);
  if (!Number.isSafeInteger(d.readSize) || (d.readSize as number) < 1) invalid(`an ImageDatastore's ReadSize is ${kindOf(d.readSize)}, not a positive integer`);
  if (!textList(d.extensions)) invalid(`an ImageDatastore's FileExtensions are not a list of extensions (${kindOf(d.extensions)})`);
  if (d.folders !== undefined && !textList(d.folders)) invalid(`an ImageDatastore's Folders are not a list of folder names (${kindOf(d.folders)})`);
  if (d.includeSubfolders !== undefined && typeof d.includeSubfolders !== 'boolean') invalid(`an ImageDatastore's IncludeSubfolders is ${kindOf(d.includeSubfolders)}`);
  if (d.labelSource !== undefined && d.labelSource !== 'none' && d.labelSource !== 'foldernames') invalid(`an ImageDatastore's LabelSource is ${kindOf(d.labelSource)}`);
}
