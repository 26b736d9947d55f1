/**
 * MATLAB's save/load for this toolbox:
 *   save alldata            →  await save('alldata', { net, trainDigitData })
 *   save alldata net        →  await save('alldata', { net, trainDigitData }, 'net')
 *   load alldata            →  const { net } = await load('alldata')
 * Files use our own checksummed container (see container.ts), not MATLAB's
 * MAT format, and are replaced atomically.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { matlabError } from '../runtime/errors.ts';
import { encodeVariables } from './encoder.ts';
import { VariableDecoder } from './decoder.ts';
import type { Node } from './nodes.ts';
import { containerChunks, readContainer } from './container.ts';
import { writeFileAtomic } from './atomicWrite.ts';
import { describeType, matFilename, rethrowFsError } from './files.ts';
import './builtins.ts';

export { registerSerializable } from './registry.ts';

const FORMAT_VERSION = 1;
/** MATLAB format flags: accepted so ported scripts run; we only have one format. */
const FORMAT_FLAGS = new Set(['-mat', '-v4', '-v6', '-v7', '-v7.3', '-nocompression', '-compress']);

interface SaveRequest { names: string[]; append: boolean }

function parseSaveArgs(args: readonly unknown[]): SaveRequest {
  const names: string[] = [];
  let append = false;
  args.forEach((arg, i) => {
    if (typeof arg !== 'string' || arg.length === 0) {
      matlabError('save:invalidArgument', `Argument ${i + 3} must be a variable name or option (a nonempty character vector), not ${describeType(arg)}.`);
    }
    if (!arg.startsWith('-')) {
      if (!names.includes(arg)) names.push(arg);
    } else if (arg.toLowerCase() === '-append') {
      append = true;
    } else if (!FORMAT_FLAGS.has(arg.toLowerCase())) {
      matlabError('save:unknownOption', `Unknown save option '${arg}'. Supported: '-append' (format flags such as '-v7.3' are accepted and ignored).`);
    }
  });
  return { names, append };
}

function checkVariables(fn: 'save', vars: unknown): asserts vars is Record<string, unknown> {
  const proto = typeof vars === 'object' && vars !== null ? Object.getPrototypeOf(vars) : undefined;
  if (proto !== Object.prototype && proto !== null) {
    matlabError(`${fn}:invalidVariables`, `The variables to save must be given as an object such as { net, trainDigitData }, not ${describeType(vars)}.`);
  }
}

const has = (obj: object, key: string): boolean => Object.prototype.hasOwnProperty.call(obj, key);

/**
 * Save variables to a file and return the absolute path written.
 * Trailing arguments name the variables to save (default: all of `vars`);
 * '-append' adds to / replaces variables in an existing file.
 */
export async function save(filename: string, vars: Record<string, unknown>, ...names: string[]): Promise<string> {
  const file = matFilename('save', filename);
  checkVariables('save', vars);
  const request = parseSaveArgs(names);
  for (const name of request.names) {
    if (!has(vars, name)) matlabError('save:variableNotFound', `Variable '${name}' not found.`);
  }
  const chosen = request.names.length > 0 ? request.names : Object.keys(vars);
  const entries = new Map<string, unknown>(chosen.map((name) => [name, vars[name]]));
  const merged = request.append ? await appendTo(file, entries) : entries;

  const encoded = encodeVariables([...merged]);
  const meta = { format: 'DLTBMAT', version: FORMAT_VERSION, created: new Date().toISOString(), vars: encoded.vars };
  try {
    await writeFileAtomic(file, containerChunks(meta, encoded.blobs));
  } catch (err) {
    rethrowFsError(err, 'save:cannotWriteFile', 'write', file);
  }
  return path.resolve(file);
}

/** The file's variables with `entries` replacing same-named ones (MATLAB's -append). */
async function appendTo(file: string, entries: Map<string, unknown>): Promise<Map<string, unknown>> {
  let decoder: VariableDecoder;
  try {
    decoder = await openFile(file);
  } catch (err) {
    // Like a plain save when there is nothing to append to yet.
    if ((err as { identifier?: string }).identifier === 'load:fileNotFound') return entries;
    throw err;
  }
  const merged = new Map<string, unknown>();
  for (const name of decoder.names()) merged.set(name, entries.has(name) ? entries.get(name) : decoder.decode(name));
  for (const [name, value] of entries) merged.set(name, value);
  return merged;
}

async function openFile(file: string): Promise<VariableDecoder> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    return readFailed(err, file);
  }
  return decoderOf(bytes, file);
}

/** The same, synchronously (pretrained networks load inside synchronous calls such as `alexnet()`). */
function openFileSync(file: string): VariableDecoder {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    return readFailed(err, file);
  }
  return decoderOf(bytes, file);
}

function readFailed(err: unknown, file: string): never {
  if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
    matlabError('load:fileNotFound', `Unable to find file or directory '${file}'.`);
  }
  return rethrowFsError(err, 'load:cannotReadFile', 'read', file);
}

function decoderOf(bytes: Buffer, file: string): VariableDecoder {
  const { meta, blobs } = readContainer(bytes, file);
  return new VariableDecoder(meta.vars as Record<string, Node>, blobs, file);
}

/**
 * Load variables from a file written by save. Trailing arguments name the
 * variables to load (default: all); naming one the file lacks is an error.
 */
export async function load(filename: string, ...names: string[]): Promise<Record<string, any>> {
  const file = matFilename('load', filename);
  const wanted = wantedNames(names);
  return decodeWanted(await openFile(file), wanted, file);
}

/** `load` without a Promise: the same file format, checks and errors, read synchronously. */
export function loadSync(filename: string, ...names: string[]): Record<string, any> {
  const file = matFilename('load', filename);
  const wanted = wantedNames(names);
  return decodeWanted(openFileSync(file), wanted, file);
}

function wantedNames(names: readonly string[]): string[] {
  const wanted: string[] = [];
  names.forEach((arg, i) => {
    if (typeof arg !== 'string' || arg.length === 0) {
      matlabError('load:invalidArgument', `Argument ${i + 2} must be a variable name (a nonempty character vector), not ${describeType(arg)}.`);
    }
    if (arg.toLowerCase() === '-mat') return;
    if (arg.startsWith('-')) matlabError('load:unknownOption', `Unknown load option '${arg}'. Only '-mat' is supported.`);
    if (!wanted.includes(arg)) wanted.push(arg);
  });
  return wanted;
}

function decodeWanted(decoder: VariableDecoder, wanted: readonly string[], file: string): Record<string, any> {
  for (const name of wanted) {
    if (!decoder.has(name)) matlabError('load:variableNotFound', `Variable '${name}' not found in file '${file}'.`);
  }
  const out: Record<string, any> = {};
  for (const name of wanted.length > 0 ? wanted : decoder.names()) {
    Object.defineProperty(out, name, { value: decoder.decode(name), writable: true, enumerable: true, configurable: true });
  }
  return out;
}
