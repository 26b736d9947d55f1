import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  imageDatastore, ImageDatastore, readimage, read, hasdata, reset, readall, shuffle, subset,
  countEachLabel, splitEachLabel,
} from '../src/data/imageDatastore.ts';
import { pwd, fullfile } from '../src/runtime/paths.ts';
import { MArray } from '../src/runtime/marray.ts';
import { Cell } from '../src/runtime/cell.ts';
import { Categorical } from '../src/runtime/categorical.ts';
import { rng } from '../src/runtime/random.ts';
import { TREE, HEIGHT, WIDTH, tempDir, removeDir, makeImageTree, pixelValue } from './fixtures/imageTree.ts';
import { errorOf, rejectionOf } from './helpers/errors.ts';

let root: string;
let ds: ImageDatastore;
const LABELS = Object.keys(TREE); // fixture label number = position here
const SORTED = ['10', '9', 'cat', 'dog']; // MATLAB's character order
const N = Object.values(TREE).reduce((a, b) => a + b, 0);

beforeAll(async () => {
  root = await makeImageTree(tempDir());
  ds = imageDatastore(root, 'IncludeSubfolders', true, 'LabelSource', 'foldernames');
});
afterAll(() => removeDir(root));


/** Label folder of each file of a datastore. */
const folderOf = (f: string) => path.basename(path.dirname(f));

describe('imageDatastore: files and labels', () => {
  it('lists every image, absolute and sorted in character order', () => {
    expect(ds.Files).toBeInstanceOf(Cell);
    expect(ds.Files.length).toBe(N);
    expect(ds.numObservations).toBe(N);
    const files = [...ds.Files];
    expect(files.every((f) => path.isAbsolute(f))).toBe(true);
    expect(files).toEqual([...files].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(files[0]).toBe(path.join(root, '10', 'img00.png'));
    expect(ds.Files.get(3)).toBe(path.join(root, '9', 'img00.png'));
  });

  it('labels files by folder name with categories in MATLAB order', () => {
    expect(ds.Labels).toBeInstanceOf(Categorical);
    expect(ds.Labels.categories).toEqual(SORTED);
    expect(ds.Labels.toStrings()).toEqual([...ds.Files].map(folderOf));
    expect(ds.LabelSource).toBe('foldernames');
    expect(ds.IncludeSubfolders).toBe(true);
  });

  it('refuses a folder holding only subfolders unless IncludeSubfolders is set', () => {
    const e = errorOf(() => imageDatastore(root));
    expect(e.identifier).toBe('imageDatastore:noFilesFound');
    expect(e.message).toContain('IncludeSubfolders');
  });

  it('has no labels without LabelSource', () => {
    const d = imageDatastore(root, 'IncludeSubfolders', true);
    expect(d.Labels.numel).toBe(0);
    expect(countEachLabel(d).height).toBe(0);
    expect(errorOf(() => splitEachLabel(d, 0.5)).identifier).toBe('splitEachLabel:splitWhenLabelsEmpty');
  });

  it('accepts a file list, a list of folders and explicit Labels', () => {
    const files = [path.join(root, 'dog', 'img03.png'), path.join(root, 'cat', 'img01.png')];
    const d = imageDatastore(files, 'Labels', ['b', 'a']);
    expect([...d.Files]).toEqual(files); // given order kept
    expect(d.Labels.toStrings()).toEqual(['b', 'a']);
    const two = imageDatastore([path.join(root, 'dog'), path.join(root, 'cat')], 'LabelSource', 'foldernames');
    expect(two.numObservations).toBe(TREE.dog + TREE.cat);
    expect(folderOf(two.Files.get(1))).toBe('dog'); // location order, each location sorted
    expect(errorOf(() => imageDatastore(files, 'Labels', ['x'])).identifier).toBe('imageDatastore:invalidLabelsLength');
  });

  it('filters by FileExtensions, case-insensitively', () => {
    const dir = tempDir();
    try {
      writeFileSync(path.join(dir, 'notes.txt'), 'x');
      writeFileSync(path.join(dir, 'A.PNG'), 'not really a png');
      const d = imageDatastore(dir);
      expect([...d.Files].map((f) => path.basename(f))).toEqual(['A.PNG']);
      expect(imageDatastore(dir, 'FileExtensions', '.txt').numObservations).toBe(1);
      expect(imageDatastore(dir, 'FileExtensions', ['.txt', '.png']).numObservations).toBe(2);
      expect(errorOf(() => imageDatastore(dir, 'FileExtensions', 'png')).identifier).toBe('imageDatastore:invalidFileExtensions');
    } finally {
      removeDir(dir);
    }
  });

  it('accepts Windows-style paths written with backslashes', () => {
    const back = root.replace(/\//g, '\\');
    expect(imageDatastore(back, 'IncludeSubfolders', true).numObservations).toBe(N);
    const rel = path.relative(pwd(), root).replace(/\//g, '\\');
    const d = imageDatastore(pwd() + '\\' + rel + '\\cat', 'LabelSource', 'foldernames');
    expect(d.numObservations).toBe(TREE.cat);
    expect(d.Labels.categories).toEqual(['cat']);
    expect(imageDatastore(fullfile(root, 'dog')).numObservations).toBe(TREE.dog);
  });

  it('expands wildcards', () => {
    expect(imageDatastore(path.join(root, 'dog', 'img0*.png')).numObservations).toBe(10);
    expect(imageDatastore(path.join(root, '*', 'img00.png')).numObservations).toBe(4);
  });
});

describe('imageDatastore: errors', () => {
  it('names a missing folder', () => {
    const e = errorOf(() => imageDatastore(path.join(root, 'nope')));
    expect(e.identifier).toBe('imageDatastore:fileNotFound');
    expect(e.message).toBe(`Unable to find file or directory '${path.join(root, 'nope')}'.`);
  });

  it('reports an empty folder', () => {
    const dir = tempDir();
    try {
      const e = errorOf(() => imageDatastore(dir));
      expect(e.identifier).toBe('imageDatastore:noFilesFound');
      expect(e.message).toContain(dir);
    } finally {
      removeDir(dir);
    }
  });

  it('rejects unknown options and bad values', () => {
    expect(errorOf(() => imageDatastore(root, 'IncludeSubfolder', true, 'Colour', 1)).identifier).toBe('imageDatastore:unrecognizedParameter');
    expect(errorOf(() => imageDatastore(root, 'IncludeSubfolders', 'yes')).identifier).toBe('imageDatastore:invalidLogical');
    expect(errorOf(() => imageDatastore(root, 'IncludeSubfolders', true, 'LabelSource', 'files')).identifier).toBe('imageDatastore:unrecognizedStringChoice');
    expect(errorOf(() => imageDatastore(root, 'IncludeSubfolders')).identifier).toBe('imageDatastore:invalidNameValue');
    expect(errorOf(() => imageDatastore(root, 'IncludeSubfolders', true, 'ReadSize', 0)).identifier).toBe('imageDatastore:invalidReadSize');
    expect(errorOf(() => imageDatastore(root, 'IncludeSubfolders', true, 'ReadFcn', 3)).identifier).toBe('imageDatastore:invalidReadFcn');
    // prefixes work, as in MATLAB
    expect(imageDatastore(root, 'includesub', 1, 'labelsource', 'folder').Labels.categories).toEqual(SORTED);
  });

  it('names an unreadable image when it is read', async () => {
    const dir = tempDir();
    try {
      mkdirSync(path.join(dir, 'x'));
      const bad = path.join(dir, 'x', 'broken.png');
      writeFileSync(bad, 'this is not a PNG file at all');
      const d = imageDatastore(dir, 'IncludeSubfolders', true);
      const e = await rejectionOf(readimage(d, 1));
      expect(e.identifier).toBe('MATLAB:imagesci:imread:fileFormat');
      expect(e.message).toContain(bad);
    } finally {
      removeDir(dir);
    }
  });
});

describe('reading', () => {
  it('readimage returns the pixels that were written (uint8, H×W)', async () => {
    for (const i of [1, 3, N]) {
      const file = ds.Files.get(i);
      const l = LABELS.indexOf(folderOf(file));
      const k = Number(path.basename(file).slice(3, 5));
      const img = await readimage(ds, i);
      expect(img.cls).toBe('uint8');
      expect(img.dims).toEqual([HEIGHT, WIDTH]);
      for (let r = 1; r <= HEIGHT; r++) for (let c = 1; c <= WIDTH; c++) expect(img.get(r, c)).toBe(pixelValue(l, k, r - 1, c - 1));
    }
    const raw = await ds.readImageRawAt(N - 1);
    const last = await readimage(ds, N);
    expect(raw).toMatchObject({ height: HEIGHT, width: WIDTH, channels: 1 });
    expect(raw.data[1]).toBe(last.get(1, 2)); // row-major vs column-major
  });

  it('readimage checks its index', async () => {
    expect((await rejectionOf(readimage(ds, N + 1))).identifier).toBe('readimage:indexOutOfRange');
    expect((await rejectionOf(readimage(ds, 0))).identifier).toBe('readimage:invalidIndices');
    expect((await readimage(ds, MArray.scalar(2))).dims).toEqual([HEIGHT, WIDTH]);
  });

  it('read / hasdata / reset walk the files in order', async () => {
    const d = subset(ds, [1, 2, 3]);
    const seen: number[] = [];
    while (hasdata(d)) seen.push(((await read(d)) as MArray).get(1, 1));
    expect(seen.length).toBe(3);
    expect((await rejectionOf(read(d))).identifier).toBe('MATLAB:datastoreio:splittabledatastore:noMoreData');
    reset(d);
    expect(hasdata(d)).toBe(true);
    d.ReadSize = 2;
    const batch = await read(d);
    expect(batch).toBeInstanceOf(Cell);
    expect((batch as Cell<MArray>).length).toBe(2);
    expect((batch as Cell<MArray>).get(1).get(1, 1)).toBe(seen[0]);
    expect(((await read(d)) as Cell<MArray>).length).toBe(1);
    expect(hasdata(d)).toBe(false);
  });

  it('readall returns every image in order', async () => {
    const all = await readall(ds);
    expect(all.length).toBe(N);
    expect(all.get(5).get(1, 1)).toBe((await readimage(ds, 5)).get(1, 1));
  });

  it('uses a custom ReadFcn for readimage and readImageRawAt', async () => {
    const d = subset(ds, [1, 2]);
    const calls: string[] = [];
    d.ReadFcn = (f: string) => {
      calls.push(f);
      return MArray.from([0.5, 0.25], [1, 2], 'double');
    };
    expect((await readimage(d, 2)).get(2)).toBe(0.25);
    const raw = await d.readImageRawAt(0);
    expect(raw.data).toBeInstanceOf(Float32Array);
    expect(Array.from(raw.data)).toEqual([0.5, 0.25]);
    expect(calls).toEqual([d.Files.get(2), d.Files.get(1)]);
  });
});

describe('countEachLabel', () => {
  it('counts files per label in category order', () => {
    const t = countEachLabel(ds);
    expect([...t.VariableNames]).toEqual(['Label', 'Count']);
    expect(t.height).toBe(4);
    expect(t.Label).toBeInstanceOf(Categorical);
    expect(t.Label.toStrings()).toEqual(SORTED);
    expect(t.Count.cls).toBe('double');
    expect(t.Count.dims).toEqual([4, 1]);
    expect(t.Count.toArray()).toEqual(SORTED.map((l) => TREE[l]));
  });
});

/** Count of each label among a datastore's files. */
function perLabel(d: ImageDatastore): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of d.Files) out[folderOf(f)] = (out[folderOf(f)] ?? 0) + 1;
  return out;
}

/** Files positions (in ds) of a split output. */
function positionsIn(d: ImageDatastore): number[] {
  const all = [...ds.Files];
  return [...d.Files].map((f) => all.indexOf(f));
}

describe('splitEachLabel', () => {
  it('takes exactly n files per label, in file order, the rest in the second output', () => {
    const [a, b] = splitEachLabel(ds, 2);
    expect(perLabel(a)).toEqual({ '10': 2, '9': 2, cat: 2, dog: 2 });
    expect(perLabel(b)).toEqual({ '9': 3, cat: 1, dog: 10 });
    const pa = positionsIn(a);
    expect(pa).toEqual([...pa].sort((x, y) => x - y));
    // not randomized: the first two of each label
    expect([...a.Files].filter((f) => folderOf(f) === 'dog').map((f) => path.basename(f))).toEqual(['img00.png', 'img01.png']);
    expect(a.Labels.toStrings()).toEqual([...a.Files].map(folderOf));
    expect(a.Labels.categories).toEqual(SORTED);
    const both = [...pa, ...positionsIn(b)].sort((x, y) => x - y);
    expect(both).toEqual([...Array(N).keys()]);
  });

  it('takes round(count·p) per label for a fraction', () => {
    const [a, b] = splitEachLabel(ds, 0.5);
    // counts 2, 5, 3, 12 → round(1), round(2.5)=3, round(1.5)=2, 6
    expect(perLabel(a)).toEqual({ '10': 1, '9': 3, cat: 2, dog: 6 });
    expect(b.numObservations).toBe(N - 12);
    const [x, y, z] = splitEachLabel(ds, 0.3, 0.3);
    expect(x.numObservations + y.numObservations + z.numObservations).toBe(N);
    // cumulative rounding for dog (12): round(3.6)=4, round(7.2)-4=3
    expect(perLabel(x).dog).toBe(4);
    expect(perLabel(y).dog).toBe(3);
  });

  it('with one output returns the first datastore, as MATLAB (ds1 = splitEachLabel(ds, p))', () => {
    const a = splitEachLabel(ds, 2);
    expect(a).toBeInstanceOf(ImageDatastore);
    expect(a.numObservations).toBe(8);
    expect(perLabel(a)).toEqual({ '10': 2, '9': 2, cat: 2, dog: 2 });
    const viaMethod = ds.splitEachLabel(0.5);
    expect(viaMethod).toBeInstanceOf(ImageDatastore);
    expect(viaMethod.numObservations).toBe(12);
    // and still destructures into all of them
    const [first, rest] = viaMethod;
    expect(first).toBe(viaMethod);
    expect(rest.numObservations).toBe(N - 12);
  });

  it('accepts a numeric MArray count, as labelCount.Count arithmetic gives', () => {
    const [a] = splitEachLabel(ds, MArray.scalar(1));
    expect(a.numObservations).toBe(4);
  });

  it("'randomized' (or a prefix) draws reproducibly with rng, output in file order", () => {
    const inc = ['Include', ['9', 'dog']];
    rng(7);
    const [a1] = splitEachLabel(ds, 4, 'randomized', ...inc);
    rng(7);
    const [a2, rest] = splitEachLabel(ds, 4, 'randomize', ...inc);
    expect([...a2.Files]).toEqual([...a1.Files]);
    expect(perLabel(a2)).toEqual({ '9': 4, dog: 4 });
    expect(perLabel(rest)).toEqual({ '9': 1, dog: 8 });
    const p = positionsIn(a2);
    expect(p).toEqual([...p].sort((x, y) => x - y));
    rng(8);
    const [a3] = splitEachLabel(ds, 4, 'rand', ...inc);
    expect([...a3.Files]).not.toEqual([...a1.Files]);
    const [first] = splitEachLabel(ds, 4, ...inc);
    expect([...a1.Files]).not.toEqual([...first.Files]);
  });

  it('errors when n exceeds a label count, naming the label', () => {
    const e = errorOf(() => splitEachLabel(ds, 3));
    expect(e.identifier).toBe('splitEachLabel:sumPropMoreThanLabels');
    expect(e.message).toContain("'10'");
    expect(e.message).toContain('2');
  });

  it('rejects bad options and values', () => {
    expect(errorOf(() => splitEachLabel(ds, 0.5, 'randomly')).identifier).toBe('splitEachLabel:unrecognizedStringChoice');
    expect(errorOf(() => splitEachLabel(ds, 0.5, 'Include', 'cat', 'Exclude', 'dog')).identifier).toBe('splitEachLabel:combineIncExcNVPair');
    expect(errorOf(() => splitEachLabel(ds, 0.7, 0.5)).identifier).toBe('splitEachLabel:sumFracMoreThanOne');
    expect(errorOf(() => splitEachLabel(ds, 0.5, 2)).identifier).toBe('splitEachLabel:neitherFracNorNum');
    expect(errorOf(() => splitEachLabel(ds, 1.5)).identifier).toBe('splitEachLabel:fracMoreThanOne');
    expect(errorOf(() => splitEachLabel(ds, -1)).identifier).toBe('splitEachLabel:nonPositiveProportions');
    expect(errorOf(() => splitEachLabel(ds)).identifier).toBe('splitEachLabel:noNumericalInput');
    expect(errorOf(() => splitEachLabel(ds, 0.5, 'Include', 'bird')).identifier).toBe('splitEachLabel:includeNotInLabels');
  });

  it('Include keeps only the given labels', () => {
    const [a, b] = splitEachLabel(ds, 0.5, 'Include', ['cat', 'dog']);
    expect(Object.keys({ ...perLabel(a), ...perLabel(b) }).sort()).toEqual(['cat', 'dog']);
  });
});

describe('shuffle and subset', () => {
  it('shuffle permutes files and labels together, reproducibly', () => {
    rng(1);
    const s1 = shuffle(ds);
    rng(1);
    const s2 = shuffle(ds);
    expect([...s1.Files]).toEqual([...s2.Files]);
    expect([...s1.Files]).not.toEqual([...ds.Files]);
    expect([...s1.Files].sort()).toEqual([...ds.Files].sort());
    expect(s1.Labels.toStrings()).toEqual([...s1.Files].map(folderOf));
  });

  it('subset takes 1-based indices, MArrays and logical masks', () => {
    expect([...subset(ds, [3, 1]).Files]).toEqual([ds.Files.get(3), ds.Files.get(1)]);
    expect(subset(ds, MArray.row([1, 2, 3])).numObservations).toBe(3);
    const mask = MArray.from([1, 0, 1], [1, 3], 'logical');
    expect([...subset(ds, mask).Files]).toEqual([ds.Files.get(1), ds.Files.get(3)]);
    expect(subset(ds, [true, false, false, true]).numObservations).toBe(2);
    expect(subset(ds, 2).Labels.toStrings()).toEqual(['10']);
    expect(errorOf(() => subset(ds, [N + 1])).identifier).toBe('subset:indexOutOfRange');
    expect(errorOf(() => subset(ds, [1.5])).identifier).toBe('subset:invalidIndices');
  });
});

describe('properties and display', () => {
  it('Files is read-only in place; assigning Files relabels from folders', () => {
    const d = ds.copy();
    expect(() => (d.Files as unknown as string[]).push('x')).toThrow();
    d.Files = [path.join(root, 'cat', 'img00.png')];
    expect(d.Labels.toStrings()).toEqual(['cat']);
    d.Labels = ['kitten'];
    expect(d.Labels.toStrings()).toEqual(['kitten']);
    expect(ds.numObservations).toBe(N); // the original is untouched
  });

  it('displays like MATLAB', () => {
    const text = ds.displayMatlab();
    expect(text).toContain('ImageDatastore with properties:');
    expect(text).toContain(`'${ds.Files.get(1)}';`);
    expect(text).toContain(`... and ${N - 3} more`);
    expect(text).toMatch(/Labels: \[10; 10; 9 \.\.\. and \d+ more categorical\]/);
    expect(text).toContain('ReadFcn: @readDatastoreImage');
  });
});
