/**
 * Resolve datastore locations (folders, files, simple wildcards) into a
 * sorted list of absolute file paths. Synchronous on purpose: MATLAB's
 * imageDatastore(...) is a plain constructor call in the ported scripts.
 */
import { readdirSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { matlabError } from '../runtime/errors.ts';
import { absolutePath } from './paths.ts';

/** MATLAB sorts text by character code, not by locale ('10' before '9'). */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface ListOptions {
  includeSubfolders: boolean;
  /** Lower-case extensions with the dot. */
  extensions: readonly string[];
  /** Function name used in error identifiers. */
  fn: string;
}

function statOrNull(p: string): Stats | null {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}

function hasWildcard(p: string): boolean {
  return /[*?]/.test(p);
}

function wildcardToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/** Expand '*' and '?' component by component (a pattern such as 'data/<star>/img<star>.png'). */
function expandWildcards(absPattern: string): string[] {
  const parts = absPattern.split('/');
  let current = [parts[0] === '' ? '/' : parts[0]];
  for (const part of parts.slice(1)) {
    if (part === '') continue;
    const next: string[] = [];
    for (const dir of current) {
      if (!hasWildcard(part)) {
        const p = path.join(dir, part);
        if (statOrNull(p)) next.push(p);
        continue;
      }
      const re = wildcardToRegExp(part);
      let names: string[] = [];
      try {
        names = readdirSync(dir);
      } catch {
        continue;
      }
      for (const name of names.sort(compareCodeUnits)) if (re.test(name)) next.push(path.join(dir, name));
    }
    current = next;
  }
  return current;
}

function listFolder(dir: string, opts: ListOptions, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    // Follow symlinks: a linked dataset folder should behave like a real one.
    const isDir = entry.isDirectory() || (entry.isSymbolicLink() && statOrNull(full)?.isDirectory() === true);
    if (isDir) {
      if (opts.includeSubfolders) listFolder(full, opts, out);
    } else if (opts.extensions.includes(path.extname(entry.name).toLowerCase())) {
      out.push(full);
    }
  }
}

function hasSubfolders(dir: string): boolean {
  return readdirSync(dir, { withFileTypes: true }).some((e) => e.isDirectory());
}

/** Files of one location, sorted; folders are searched, explicit files kept whatever their extension. */
function listLocation(location: string, opts: ListOptions): string[] {
  const abs = absolutePath(location);
  const matches = hasWildcard(abs) ? expandWildcards(abs) : statOrNull(abs) ? [abs] : [];
  if (matches.length === 0) {
    matlabError(`${opts.fn}:fileNotFound`, `Unable to find file or directory '${location}'.`);
  }
  const files: string[] = [];
  for (const m of matches) {
    if (statOrNull(m)?.isDirectory()) {
      const found: string[] = [];
      listFolder(m, opts, found);
      if (found.length === 0) noImagesError(location, m, opts);
      files.push(...found.sort(compareCodeUnits));
    } else {
      files.push(m);
    }
  }
  return files;
}

function noImagesError(location: string, dir: string, opts: ListOptions): never {
  const hint = !opts.includeSubfolders && hasSubfolders(dir)
    ? ` The folder has subfolders: set 'IncludeSubfolders' to true to search them.`
    : '';
  return matlabError(`${opts.fn}:noFilesFound`,
    `No files with extensions ${opts.extensions.join(', ')} found in folder '${location}'.${hint}`);
}

/** All files of all locations, in location order, each location's files sorted. */
export function listFiles(locations: readonly string[], opts: ListOptions): string[] {
  // An empty list gives an empty datastore, as MATLAB's imageDatastore({}) does.
  return locations.flatMap((loc) => listLocation(loc, opts));
}
