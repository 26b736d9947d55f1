/** Point the figures module at a fresh temp folder for a test file, and clean it up after. */
import { beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setFiguresFolder } from '../../src/graphics/index.ts';

/** Returns a getter for the folder (set once the file's tests start). */
export function useTempFiguresFolder(prefix: string): () => string {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), prefix));
    setFiguresFolder(dir);
  });
  afterAll(() => {
    setFiguresFolder(null);
    rmSync(dir, { recursive: true, force: true });
  });
  return () => dir;
}
