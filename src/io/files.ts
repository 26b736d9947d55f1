/**
 * File names and file-system errors for save/load, worded like MATLAB's.
 */
import path from 'node:path';
import { matlabError } from '../runtime/errors.ts';
import { normalizePath } from '../runtime/paths.ts';

/**
 * The file MATLAB would use: Windows-style separators accepted (course scripts
 * were written on Windows) and `.mat` appended when the name has no extension.
 */
export function matFilename(fn: 'save' | 'load', filename: unknown): string {
  if (typeof filename !== 'string' || filename.length === 0) {
    matlabError(`${fn}:invalidFilename`, `The file name must be a nonempty character vector or string scalar, not ${describeType(filename)}.`);
  }
  const p = normalizePath(filename);
  return path.extname(p) === '' ? `${p}.mat` : p;
}

/** Short human description of a value's type, for argument errors. */
export function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return `an object of class '${Object.getPrototypeOf(v)?.constructor?.name ?? 'Object'}'`;
  if (typeof v === 'string') return v.length === 0 ? 'an empty string' : 'a string';
  return `a ${typeof v}`;
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a folder in the path is not a folder',
  EISDIR: 'it is a folder',
  ENOTEMPTY: 'a folder with that name exists',
  EEXIST: 'a folder with that name exists',
  ELOOP: 'too many levels of symbolic links',
};

/** Wrap a Node file-system error in a MATLAB-style error; anything else passes through. */
export function rethrowFsError(err: unknown, id: string, action: string, file: string): never {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string') throw err;
  return matlabError(id, `Unable to ${action} file '${file}': ${REASONS[code] ?? (err as Error).message}.`);
}
