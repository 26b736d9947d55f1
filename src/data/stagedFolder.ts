/**
 * Build a whole folder tree atomically: write into `<out>.tmp-<pid>`, drop
 * a completion marker last, then rename into place. A crashed run leaves
 * only a .tmp folder, never a half-filled `<out>` that looks complete.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { matlabError } from '../runtime/errors.ts';
import { processAlive, writeFileAtomic } from '../io/atomicWrite.ts';

/** Name of the marker written into a finished tree (JSON with what was written). */
export const COMPLETE_MARKER = '.prepared.json';

export interface StagedResult<T> {
  /** What `build` returned, or what the marker of an existing complete tree records. */
  value: T;
  /** True when a complete tree was already there and nothing was written. */
  skipped: boolean;
}

export function readMarker<T>(dir: string): T | undefined {
  const file = path.join(dir, COMPLETE_MARKER);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** Remove staging folders left by runs that died (their pid is gone). */
async function removeStaleStaging(outDir: string): Promise<void> {
  const parent = path.dirname(outDir);
  const prefix = `${path.basename(outDir)}.tmp-`;
  for (const name of existsSync(parent) ? readdirSync(parent) : []) {
    const pid = Number(name.slice(prefix.length));
    if (name.startsWith(prefix) && Number.isInteger(pid) && pid !== process.pid && !processAlive(pid)) {
      await rm(path.join(parent, name), { recursive: true, force: true });
    }
  }
}

/**
 * Run `build(stagingDir)` and publish its tree at `outDir`. An existing
 * complete tree is kept (skipped) unless `force`; an existing folder
 * without the marker is refused unless `force` (it is not ours to merge into).
 */
export async function buildStaged<T>(fn: string, outDir: string, force: boolean, build: (staging: string) => Promise<T>): Promise<StagedResult<T>> {
  const done = readMarker<T>(outDir);
  if (done !== undefined && !force) return { value: done, skipped: true };
  const placeholder = placeholderFiles(outDir);
  if (existsSync(outDir) && done === undefined && !force && placeholder === null) {
    matlabError(`${fn}:folderExists`,
      `Folder '${outDir}' already exists but holds no completed preparation (${COMPLETE_MARKER} missing). Remove it or use the force option.`);
  }
  await removeStaleStaging(outDir);
  const staging = `${outDir}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    const value = await build(staging);
    // A folder shipped with only a README (the repository's MNIST/) keeps it.
    for (const name of placeholder ?? []) await copyFile(path.join(outDir, name), path.join(staging, name));
    await writeFileAtomic(path.join(staging, COMPLETE_MARKER), `${JSON.stringify(value, null, 2)}\n`);
    await publish(staging, outDir);
    return { value, skipped: false };
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
}

/** Files that may sit in an output folder before its first preparation. */
const PLACEHOLDER_NAMES = new Set(['README.md', '.gitkeep']);

/** The names in `dir` when it holds nothing but placeholder files (an empty list when empty), else null. */
function placeholderFiles(dir: string): string[] | null {
  if (!existsSync(dir)) return null;
  const names = readdirSync(dir);
  return names.every((n) => PLACEHOLDER_NAMES.has(n)) ? names : null;
}

async function publish(staging: string, outDir: string): Promise<void> {
  if (!existsSync(outDir)) {
    await rename(staging, outDir);
    return;
  }
  // force: move the old tree aside first so outDir is never missing files of either run for long.
  const old = `${outDir}.old-${process.pid}`;
  await rename(outDir, old);
  await rename(staging, outDir);
  await rm(old, { recursive: true, force: true });
}
