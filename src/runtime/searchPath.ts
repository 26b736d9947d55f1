/**
 * MATLAB's search path for data files: a name not found in the current
 * folder is looked up in the folders on the path (`dltb run` puts the
 * script's folder there), as MATLAB's imread finds `peppers.png`.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

const folders: string[] = [];

/** MATLAB `addpath(folder)`: the folder is searched first. */
export function addpath(folder: string): void {
  if (!folders.includes(folder)) folders.unshift(folder);
}

/** `file` itself when it exists (or is absolute), else the first folder on the path holding it. */
export function onPath(file: string): string {
  if (typeof file !== 'string' || isAbsolute(file) || existsSync(file)) return file;
  for (const f of folders) {
    const candidate = join(f, file);
    if (existsSync(candidate)) return candidate;
  }
  return file;
}
