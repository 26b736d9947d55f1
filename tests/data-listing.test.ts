/**
 * Listing big and looping folder trees (issue 11, items 1 and 2): one root of
 * 200,000 files, and symbolic links that point back up the tree.
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { closeSync, mkdirSync, openSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { imageDatastore, countEachLabel } from '../src/data/imageDatastore.ts';
import { tempDir, removeDir, makeImageTree } from './fixtures/imageTree.ts';

let work: string;
beforeAll(() => {
  work = tempDir('dltb-listing-');
});
afterAll(() => removeDir(work));

/** `perFolder` empty files in each of `folders` label folders: the listing never opens them. */
function emptyTree(root: string, folders: number, perFolder: number): void {
  for (let l = 0; l < folders; l++) {
    const dir = path.join(root, `class${l}`);
    mkdirSync(dir, { recursive: true });
    for (let k = 0; k < perFolder; k++) closeSync(openSync(path.join(dir, `${String(k).padStart(6, '0')}.png`), 'w'));
  }
}

describe('imageDatastore over 200,000 files under one root', () => {
  it('lists them all, sorted, with their folder labels (no call-stack overflow)', () => {
    const root = path.join(work, 'big');
    emptyTree(root, 10, 20_000);
    const ds = imageDatastore(root, 'IncludeSubfolders', true, 'LabelSource', 'foldernames');
    expect(ds.numObservations).toBe(200_000);
    expect(ds.Files.get(1)).toBe(path.join(root, 'class0', '000000.png'));
    expect(ds.Files.get(200_000)).toBe(path.join(root, 'class9', '019999.png'));
    expect(ds.Files.get(20_001)).toBe(path.join(root, 'class1', '000000.png'));
    expect(countEachLabel(ds).Count.toArray()).toEqual(new Array(10).fill(20_000));
    // The same files as a list of two locations.
    const two = imageDatastore([path.join(root, 'class0'), root], 'IncludeSubfolders', true);
    expect(two.numObservations).toBe(220_000);
  });
});

describe('symbolic links under the root', () => {
  const fileNames = (root: string, ds: ReturnType<typeof imageDatastore>) => [...ds.Files].map((f) => path.relative(root, f));

  it('follows a link back to the root only once (each real folder listed once)', async () => {
    const root = await makeImageTree(path.join(work, 'oneLink'), { a: 2, b: 1 });
    symlinkSync(root, path.join(root, 'a', 'up'));
    const ds = imageDatastore(root, 'IncludeSubfolders', true, 'LabelSource', 'foldernames');
    expect(fileNames(root, ds)).toEqual(['a/img00.png', 'a/img01.png', 'b/img00.png']);
    expect(ds.Labels.toStrings()).toEqual(['a', 'a', 'b']);
  });

  it('terminates with two links back to the root', async () => {
    const root = await makeImageTree(path.join(work, 'twoLinks'), { a: 1, b: 1 });
    symlinkSync(root, path.join(root, 'loop1'));
    symlinkSync('..', path.join(root, 'b', 'loop2'));
    const ds = imageDatastore(root, 'IncludeSubfolders', true);
    expect(fileNames(root, ds)).toEqual(['a/img00.png', 'b/img00.png']);
  });

  it('still follows a link to a folder outside the root, and lists a folder reached both ways under its real name', async () => {
    const outside = await makeImageTree(path.join(work, 'outside'), { c: 2 });
    const root = await makeImageTree(path.join(work, 'linked'), { a: 1 });
    symlinkSync(path.join(outside, 'c'), path.join(root, 'c'));
    // 'a' reached again through a link whose name sorts first.
    symlinkSync(path.join(root, 'a'), path.join(root, '0-alias'));
    const ds = imageDatastore(root, 'IncludeSubfolders', true, 'LabelSource', 'foldernames');
    expect(fileNames(root, ds)).toEqual(['a/img00.png', 'c/img00.png', 'c/img01.png']);
    expect(ds.Labels.toStrings()).toEqual(['a', 'c', 'c']);
  });
});
