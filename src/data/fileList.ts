/**
 * Resolve datastore locations (folders, files, simple wildcards) into a
 * sorted list of absolute file paths. Synchronous on purpose: MATLAB's
 * imageDatastore(...) is a plain constructor call in the ported scripts.
 */
import { readdirSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { matlabError } from '../runtime/errors.ts';
import { absolutePath } from '../runtime/paths.ts';

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

/** A directory's identity on disk, the same through every symbolic link to it. */
function dirIdentity(s: Stats): string {
  return `${s.dev}:${s.ino}`;
}

/**
 * Files of `root` (and, with includeSubfolders, of its subfolders), unsorted.
 * Iterative, so depth and file count never meet the call-stack limit. Symbolic
 * links to folders are followed (a linked dataset folder behaves like a real
 * one), but each real directory is listed once, so a link back up the tree is
 * no loop. Real subfolders go first and links after them, in name order, so a
 * folder reached both ways is listed (and labelled) under its own name.
 */
function listFolder(root: string, opts: ListOptions): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const real = [root];
  const links: string[] = [];
  while (real.length > 0 || links.length > 0) {
    if (real.length === 0) links.sort(compareCodeUnits).reverse();
    const dir = (real.length > 0 ? real.pop() : links.pop()) as string;
    const stats = statOrNull(dir);
    if (!stats || seen.has(dirIdentity(stats))) continue;
    seen.add(dirIdentity(stats));
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (opts.includeSubfolders) real.push(full);
      } else if (entry.isSymbolicLink() && statOrNull(full)?.isDirectory()) {
        if (opts.includeSubfolders) links.push(full);
      } else if (opts.extensions.includes(path.extname(entry.name).toLowerCase())) {
        out.push(full);
      }
    }
  }
  return out;
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
      const found = listFolder(m, opts).sort(compareCodeUnits);
      if (found.length === 0) noImagesError(location, m, opts);
      // One push per file: spreading 125,000+ arguments overflows the call stack.
      for (const f of found) files.push(f);
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
  const files: string[] = [];
  for (const loc of locations) for (const f of listLocation(loc, opts)) files.push(f);
  return files;
}
