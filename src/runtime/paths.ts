/**
 * MATLAB path helpers. Course scripts were written on Windows
 * (`[pwd '\MNIST\train']`), so backslashes are treated as separators
 * everywhere: on Linux a backslash in a file name is almost never intended.
 */
import path from 'node:path';
import { matlabError } from './errors.ts';

/** Current folder, as MATLAB's pwd. */
export function pwd(): string {
  return process.cwd();
}

/** Backslashes → '/', repeated separators collapsed (a leading '//' kept for UNC-like paths). */
export function normalizePath(p: string): string {
  if (typeof p !== 'string') {
    matlabError('MATLAB:normalizePath:invalidInput', 'A path must be a character vector or string scalar.');
  }
  const s = p.replace(/\\/g, '/');
  const lead = s.startsWith('//') ? '/' : '';
  return lead + s.replace(/\/{2,}/g, '/');
}

/** MATLAB's fullfile: join with one separator, keeping a trailing separator if the last part has one. */
export function fullfile(...parts: string[]): string {
  for (const p of parts) {
    if (typeof p !== 'string') {
      matlabError('MATLAB:fullfile:NonCharInputs', 'All inputs must be strings, character vectors, or cell arrays of character vectors.');
    }
  }
  const kept = parts.filter((p) => p.length > 0).map(normalizePath);
  if (kept.length === 0) return '';
  return normalizePath(kept.join('/'));
}

/** Absolute, normalised form of a user path (relative paths resolve against pwd). */
export function absolutePath(p: string): string {
  return path.resolve(normalizePath(p));
}
