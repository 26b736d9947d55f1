/**
 * The model store's loading side: the synchronous load that `alexnet()` uses
 * gives what `load` gives, with the same errors; a pretrained source the zoo
 * does not offer, and a damaged installed file, are clear errors.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { save, load, MArray, googlenet, squeezenet } from '../src/index.ts';
import { loadSync } from '../src/io/saveload.ts';
import { expectMatlabError } from './helpers/errors.ts';

const dir = mkdtempSync(join(tmpdir(), 'dltb-models-store-'));
const savedEnv = process.env.DLTB_MODELS;
afterAll(() => {
  if (savedEnv === undefined) delete process.env.DLTB_MODELS;
  else process.env.DLTB_MODELS = savedEnv;
  rmSync(dir, { recursive: true, force: true });
});

describe('loadSync', () => {
  it('reads what save wrote, as load does, and names a missing variable or file as load does', async () => {
    const file = join(dir, 'vars.mat');
    await save(file, { a: MArray.from([1, 2, 3], [1, 3]), s: 'text' });
    const sync = loadSync(file);
    const async_ = await load(file);
    expect(Object.keys(sync)).toEqual(['a', 's']);
    expect(Array.from(sync.a.data)).toEqual(Array.from(async_.a.data));
    expect(sync.s).toBe('text');
    expect(Object.keys(loadSync(file, 's'))).toEqual(['s']);
    expectMatlabError(() => loadSync(file, 'b'), 'load:variableNotFound', "Variable 'b' not found");
    expectMatlabError(() => loadSync(join(dir, 'none.mat')), 'load:fileNotFound', 'Unable to find file');
    writeFileSync(join(dir, 'bad.mat'), 'not a mat file');
    const e1 = await load(join(dir, 'bad.mat')).catch((e) => e);
    const e2 = (() => { try { loadSync(join(dir, 'bad.mat')); } catch (e) { return e; } })() as { identifier: string };
    expect(e2.identifier).toBe(e1.identifier);
  });
});

describe('pretrained networks from the store', () => {
  it("googlenet('Weights','places365') is not offered by the zoo: a clear error", () => {
    process.env.DLTB_MODELS = join(dir, 'store');
    expectMatlabError(() => googlenet('Weights', 'places365'), 'googlenet:pretrainedNotAvailable', "('Weights','places365') is not available", "googlenet('Weights','none')");
  });

  it('a damaged installed network is an error naming the file, not a crash', () => {
    const store = join(dir, 'store2');
    process.env.DLTB_MODELS = store;
    expectMatlabError(() => squeezenet(), 'squeezenet:pretrainedNotInstalled', 'downloads 5 MB', '--file squeezenet1.1-7.onnx');
    rmSync(store, { recursive: true, force: true });
    mkdirSync(store, { recursive: true });
    writeFileSync(join(store, 'squeezenet.mat'), Buffer.alloc(100));
    expectMatlabError(() => squeezenet(), 'squeezenet:corruptPretrained', 'The installed squeezenet network cannot be loaded', join(store, 'squeezenet.mat'),
      'Reinstall it with "npx dltb models install squeezenet"');
  });
});
