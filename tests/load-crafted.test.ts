/**
 * load of files it did not expect: a workspace whose datastore's images
 * moved (restored with a warning, as MATLAB does), and crafted files (shared
 * data blocks, a wildcard file list, deep nesting, a layer whose Weights are
 * text, malformed arrays), each refused at load with a clear error and
 * bounded work.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { save, load } from '../src/io/saveload.ts';
import { containerChunks } from '../src/io/container.ts';
import { encodeVariables } from '../src/io/encoder.ts';
import type { Node } from '../src/io/nodes.ts';
import '../src/serializable.ts';
import { imageDatastore, ImageDatastore } from '../src/data/imageDatastore.ts';
import { convolution2dLayer, imageInputLayer, fullyConnectedLayer, softmaxLayer, classificationLayer } from '../src/layers/index.ts';
import { MArray } from '../src/runtime/marray.ts';
import { MatlabError } from '../src/runtime/errors.ts';
import { makeImageTree, removeDir, tempDir } from './fixtures/imageTree.ts';
import { rejectionOf } from './helpers/errors.ts';
import { craftedHeaderBytes } from './fixtures/matFiles.ts';

let dir = '';
beforeAll(() => {
  dir = tempDir('dltb-load-');
});
afterAll(() => removeDir(dir));

/** Write a checksummed file holding exactly these nodes and blobs (what a crafted file looks like). */
function writeCrafted(name: string, vars: Record<string, Node>, blobs: Uint8Array[] = []): string {
  const file = path.join(dir, `${name}.mat`);
  const meta = { format: 'DLTBMAT', version: 1, created: new Date().toISOString(), vars };
  writeFileSync(file, Buffer.concat([...containerChunks(meta, blobs)]));
  return file;
}

/** Write a checksummed file whose JSON header is exactly `header` (no blobs), as container.ts lays it out. */
function writeCraftedHeader(name: string, header: string): string {
  const file = path.join(dir, `${name}.mat`);
  writeFileSync(file, craftedHeaderBytes(header));
  return file;
}

/** Replace, in a node tree, the value of every object key `key` by `value`. */
function replaceKey(n: Node, key: string, value: Node): Node {
  if (n === null || typeof n !== 'object') return n;
  const v = n.v as unknown;
  if (n.t === 'obj' && v && typeof v === 'object') {
    const o = v as Record<string, Node>;
    for (const k of Object.keys(o)) o[k] = k === key ? value : replaceKey(o[k], key, value);
  } else if (Array.isArray(v)) {
    n.v = v.map((x: Node) => replaceKey(x, key, value));
  } else if (n.t === 'class') {
    n.v = replaceKey(v as Node, key, value);
  }
  return n;
}

function stderrOf<T>(f: () => Promise<T>): Promise<{ value: T; stderr: string }> {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => { lines.push(String(s)); return true; });
  return f().then((value) => ({ value, stderr: lines.join('') })).finally(() => spy.mockRestore());
}

describe('a workspace whose datastore images have moved', () => {
  it('loads as saved, with a warning, and fails only when an image is read', async () => {
    const root = await makeImageTree(path.join(dir, 'images'), { a: 2, b: 3 });
    const ds = imageDatastore(root, 'IncludeSubfolders', true, 'LabelSource', 'foldernames');
    const file = await save(path.join(dir, 'workspace'), { ds, note: 'kept' });
    renameSync(root, path.join(dir, 'images-moved'));
    const { value, stderr } = await stderrOf(() => load(file));
    const loaded = value.ds as ImageDatastore;
    expect(value.note).toBe('kept');
    expect(loaded).toBeInstanceOf(ImageDatastore);
    expect([...loaded.Files]).toEqual([...ds.Files]);
    expect(loaded.Labels.toStrings()).toEqual(ds.Labels.toStrings());
    expect([...loaded.Folders]).toEqual([...ds.Folders]);
    expect(loaded.LabelSource).toBe('foldernames');
    expect(loaded.IncludeSubfolders).toBe(true);
    expect(stderr).toMatch(/^Warning: A loaded ImageDatastore refers to 5 of its 5 images in folders that no longer exist/);
    const err = await rejectionOf(loaded.readimage(1));
    expect(err.message).toContain(ds.Files[0]);
  });

  it('loads silently when the images are where they were', async () => {
    const root = await makeImageTree(path.join(dir, 'still-here'), { a: 1 });
    const file = await save(path.join(dir, 'present'), { ds: imageDatastore(root, 'IncludeSubfolders', true) });
    const { value, stderr } = await stderrOf(() => load(file));
    expect(stderr).toBe('');
    expect((await (value.ds as ImageDatastore).readimage(1)).dims).toEqual([2, 3]);
  });
});

describe('crafted files', () => {
  it('refuses one data block shared by 100 arrays (it would be copied 100 times)', async () => {
    const blob = new Uint8Array(1 << 20);
    const arrays: Node[] = Array.from({ length: 100 }, (_, i) => ({ t: 'typed', id: i + 1, type: 'Float64Array', blob: 0 }));
    const file = writeCrafted('shared', { x: { t: 'arr', id: 0, v: arrays } }, [blob]);
    const err = await rejectionOf(load(file));
    expect(err.identifier).toBe('load:corruptFile');
    expect(err.message).toContain('data block 0 is used by more than one array');
  });

  it('restores a wildcard file list as text, without walking the file system', async () => {
    const root = await makeImageTree(path.join(dir, 'glob'), { a: 2 });
    const pattern = `${root}/*/*.png`;
    const saved = imageDatastore(root, 'IncludeSubfolders', true);
    saved.Files = [pattern]; // a file list is names, never listed again
    const file = await save(path.join(dir, 'glob'), { ds: saved });
    const ds = (await load(file)).ds as ImageDatastore;
    // Kept as the one name it is, not expanded into the two images it matches.
    expect([...ds.Files]).toEqual([pattern]);
    expect((await rejectionOf(ds.readimage(1))).message).toContain(pattern);
  });

  it('refuses deep nesting with a clear error, not a RangeError', async () => {
    // 100,000 nested arrays, written as text (JSON.stringify itself could not go that deep).
    const depth = 100_000;
    const x = `${'{"t":"arr","v":['.repeat(depth)}1${']}'.repeat(depth)}`;
    const file = writeCraftedHeader('deep', `{"format":"DLTBMAT","version":1,"vars":{"x":${x}},"blobs":[]}`);
    const err = await rejectionOf(load(file));
    expect(err.identifier).toBe('load:corruptFile');
    expect(err.message).toContain('nested more than 1000 levels deep');
  });

  it('save refuses values load could not read back', async () => {
    let deep: unknown[] = [];
    for (let i = 0; i < 2000; i++) deep = [deep];
    const err = await rejectionOf(save(path.join(dir, 'too-deep'), { deep }));
    expect(err.identifier).toBe('save:tooDeep');
    // Ordinary nesting still round-trips.
    let ok: unknown[] = [];
    for (let i = 0; i < 100; i++) ok = [ok];
    const file = await save(path.join(dir, 'deep-ok'), { ok });
    expect(JSON.stringify((await load(file)).ok)).toBe(JSON.stringify(ok));
  });

  it("refuses a layer whose Weights are the text 'hello', or numbers of the wrong class", async () => {
    const layers = () => [imageInputLayer([4, 4, 1], 'Normalization', 'none'), convolution2dLayer(3, 2, 'Weights', MArray.from(new Float32Array(18), [3, 3, 1, 2], 'single'), 'Bias', MArray.from([0, 0], [1, 1, 2], 'single')),
      fullyConnectedLayer(2), softmaxLayer(), classificationLayer()];
    const text = encodeVariables([['layers', layers()]]);
    replaceKey(text.vars.layers, 'Weights', 'hello');
    const err = await rejectionOf(load(writeCrafted('hello', text.vars, text.blobs)));
    expect(err.identifier).toMatch(/^load:invalid(Layer|Data)$/);
    expect(err.message).toContain('Convolution2DLayer');
    expect(err.message).toContain('Weights');

    const bytes = encodeVariables([['layers', layers()], ['w', MArray.from(new Uint8Array(18), [3, 3, 1, 2], 'uint8')]]);
    replaceKey(bytes.vars.layers, 'Weights', { t: 'ref', id: (bytes.vars.w as unknown as { id: number }).id });
    // Numbers of another class are converted to the single precision layers compute in.
    const loaded = (await load(writeCrafted('uint8', bytes.vars, bytes.blobs), 'layers')).layers as { Weights: MArray }[];
    expect(loaded[1].Weights.cls).toBe('single');
  });

  it('refuses a numeric array whose dimensions do not match its data, and other malformed objects', async () => {
    const saved = encodeVariables([['m', MArray.from([1, 2, 3, 4], [2, 2])]]);
    replaceKey(saved.vars.m, 'dims', { t: 'arr', id: 99, v: [1000, 1000] });
    const err = await rejectionOf(load(writeCrafted('dims', saved.vars, saved.blobs)));
    expect(err.identifier).toBe('load:invalidData');
    expect(err.message).toContain('a double array has 4 elements but dimensions 1000×1000');

    const text = encodeVariables([['m', MArray.from([1, 2], [1, 2])]]);
    replaceKey(text.vars.m, 'data', 'hello');
    expect((await rejectionOf(load(writeCrafted('text-data', text.vars, text.blobs)))).message).toContain("holds the text 'hello' instead of its numbers");

    // A registered class whose state is not even an object: a clear error, never a raw TypeError.
    const weird = writeCrafted('weird', { t: { t: 'class', id: 0, tag: 'Table', v: 'hello' } });
    const e = await rejectionOf(load(weird));
    expect(e).toBeInstanceOf(MatlabError);
    expect(e.identifier).toBe('load:invalidData');
    expect(e.message).toContain("its saved 'Table' object cannot be rebuilt");
  });
});
