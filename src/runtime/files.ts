/** File-system queries in MATLAB's terms: fileparts, exist, isfile, isfolder, delete. */
import { existsSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { matlabError } from './errors.ts';
import { warning } from './scriptSupport.ts';
import { normalizePath } from './paths.ts';

function textArg(fn: string, x: unknown): string {
  if (typeof x !== 'string') matlabError(`MATLAB:${fn}:InvalidInput`, 'Input must be a row vector of characters or string scalar.');
  return x;
}

/**
 * MATLAB `[filepath, name, ext] = fileparts(file)`: the folder (no trailing
 * separator), the name, and the extension from the last dot (with the dot).
 * All three outputs come back as an array; one output is its first element.
 */
export function fileparts(file: string): [string, string, string] {
  const f = normalizePath(textArg('fileparts', file));
  const slash = f.lastIndexOf('/');
  const folder = slash < 0 ? '' : slash === 0 ? '/' : f.slice(0, slash);
  const leaf = f.slice(slash + 1);
  const dot = leaf.lastIndexOf('.');
  return dot < 0 ? [folder, leaf, ''] : [folder, leaf.slice(0, dot), leaf.slice(dot)];
}

function kind(p: string): 'file' | 'dir' | undefined {
  try {
    return statSync(normalizePath(p)).isDirectory() ? 'dir' : 'file';
  } catch {
    return undefined;
  }
}

/** MATLAB `isfile(f)`: true for an existing file (not a folder). */
export function isfile(f: string): boolean {
  return kind(textArg('isfile', f)) === 'file';
}

/** MATLAB `isfolder(f)`: true for an existing folder. */
export function isfolder(f: string): boolean {
  return kind(textArg('isfolder', f)) === 'dir';
}

/**
 * MATLAB `exist(name)`, `exist(name, 'file' | 'dir')`: 2 for a file, 7 for a
 * folder, 0 otherwise. Variables and functions are the translator's to
 * answer, not the file system's.
 */
export function exist(name: string, type?: string): number {
  const n = textArg('exist', name);
  const t = type === undefined ? undefined : textArg('exist', type).toLowerCase();
  if (t !== undefined && !['file', 'dir'].includes(t)) {
    matlabError('MATLAB:exist:unsupportedType', `exist(name, '${type}') is not supported here: only 'file' and 'dir' (variables and functions are resolved when the script is translated).`);
  }
  const k = kind(n);
  if (k === 'dir') return 7;
  if (k === 'file' && t !== 'dir') return 2;
  return 0;
}

/** Files of `pattern` (`*` and `?` wildcards in the last part). */
function matches(pattern: string): string[] {
  const p = normalizePath(pattern);
  if (!/[*?]/.test(basename(p))) return existsSync(p) ? [p] : [];
  const dir = dirname(p);
  const re = new RegExp(`^${basename(p).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => re.test(f)).map((f) => join(dir, f)).filter((f) => kind(f) === 'file');
}

/** MATLAB `delete(file1, …)`: wildcards allowed; a missing file is a warning, a folder an error. */
function deleteFiles(...files: string[]): void {
  if (files.length === 0) matlabError('MATLAB:minrhs', 'Not enough input arguments.');
  for (const f of files) {
    const name = textArg('delete', f);
    if (kind(name) === 'dir') matlabError('MATLAB:DELETE:Permission', `'${name}' is a folder; delete removes files (use rmdir for folders).`);
    const found = matches(name);
    if (found.length === 0) {
      warning('MATLAB:DELETE:FileNotFound', "File '%s' not found.", name);
      continue;
    }
    for (const path of found) unlinkSync(path);
  }
}

// `delete` is a reserved word in JavaScript: exported under its MATLAB name.
export { deleteFiles as delete };
