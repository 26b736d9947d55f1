/**
 * The toolbox's one file writer (save, figures, the training-progress PNG,
 * the MNIST folders, the staged-tree markers): write a temp file next to the
 * target under a unique name, fsync it, then rename it over the target.
 * Readers see either the old file or the complete new one, never a
 * half-written file, and a failure at any step removes the temp file and
 * leaves the old file as it was. A writer killed outright (kill -9, power
 * loss) cannot clean up, so the first write into a folder (again at most every
 * SWEEP_INTERVAL_MS) removes the temp files of writers that are no longer running.
 */
import { lstat, open, readdir, rename, rm, type FileHandle } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/** What can be written: text (UTF-8), bytes, or a sequence of chunks (large files stream without one big buffer). */
export type FileContents = string | Uint8Array | Iterable<Uint8Array>;

/** `.<name>.<pid>.<12 hex>.tmp`: the pid says whose it is, the random part keeps concurrent writers apart. */
const TEMP_NAME = /^\..+\.(\d+)\.[0-9a-f]{12}\.tmp$/;
/** Temp names of earlier versions of this toolbox (`<name>.tmp-<pid>`), swept as well. */
const LEGACY_TEMP_NAME = /^.+\.tmp-(\d+)$/;
const SWEEP_INTERVAL_MS = 10_000;

/** Temp name in the target's directory: rename is only atomic within one filesystem. */
export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

export async function writeFileAtomic(target: string, contents: FileContents): Promise<void> {
  const dir = path.dirname(target);
  await sweepOnce(dir);
  const temp = tempPathFor(target);
  let handle: FileHandle | undefined;
  try {
    handle = await open(temp, 'wx');
    for (const chunk of chunksOf(contents)) await writeAll(handle, chunk);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, target);
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
  await syncDirectory(dir);
}

function chunksOf(contents: FileContents): Iterable<Uint8Array> {
  if (typeof contents === 'string') return [Buffer.from(contents, 'utf8')];
  if (contents instanceof Uint8Array) return [contents];
  return contents;
}

async function writeAll(handle: FileHandle, chunk: Uint8Array): Promise<void> {
  for (let done = 0; done < chunk.byteLength; ) {
    const { bytesWritten } = await handle.write(chunk, done, chunk.byteLength - done);
    done += bytesWritten;
  }
}

/** Persist the rename itself; not possible on every platform (e.g. Windows), hence best effort. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // The data is already safely in place; only durability across a crash is weaker.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Folder → time of its last sweep (a folder written 10,000 times is listed once, not 10,000 times). */
const lastSweep = new Map<string, number>();

async function sweepOnce(dir: string): Promise<void> {
  const key = path.resolve(dir);
  const now = Date.now();
  if (now - (lastSweep.get(key) ?? -Infinity) < SWEEP_INTERVAL_MS) return;
  lastSweep.set(key, now);
  await removeStaleTempFiles(key);
}

/** True while a process with this id runs (EPERM: it runs, under another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove the temp files in `dir` left by writers that died. Never fails the
 * write that triggered it: a folder that cannot be listed is simply not swept.
 */
export async function removeStaleTempFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = TEMP_NAME.exec(name) ?? LEGACY_TEMP_NAME.exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid || processAlive(pid)) continue;
    const file = path.join(dir, name);
    try {
      // Files only: a staging folder (`<out>.tmp-<pid>`) is stagedFolder.ts's to remove.
      if (!(await lstat(file)).isFile()) continue;
      await rm(file, { force: true });
      removed.push(file);
    } catch {
      // Gone already, or not ours to remove: leave it.
    }
  }
  return removed;
}
