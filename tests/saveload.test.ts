import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtemp, readFile, writeFile, readdir, rm, mkdir, chmod, stat } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { save, load, registerSerializable } from '../src/io/saveload.ts';
import { writeFileAtomic } from '../src/io/atomicWrite.ts';
import { containerChunks, MAGIC } from '../src/io/container.ts';
import { MatlabError } from '../src/runtime/errors.ts';
import { MArray } from '../src/runtime/marray.ts';
import { Cell } from '../src/runtime/cell.ts';
import { Categorical } from '../src/runtime/categorical.ts';
import { Table } from '../src/runtime/table.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'saveload-'));
});
afterEach(async () => {
  await chmod(dir, 0o755).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

const at = (name: string): string => path.join(dir, name);

async function roundTrip<T>(value: T): Promise<T> {
  await save(at('rt'), { value });
  return (await load(at('rt'))).value as T;
}

/** Assert a MatlabError with this identifier whose message contains every fragment. */
async function expectError(p: Promise<unknown> | (() => unknown), id: string, ...fragments: string[]): Promise<MatlabError> {
  let caught: unknown;
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    caught = err;
  }
  expect(caught, `expected ${id} to be thrown`).toBeInstanceOf(MatlabError);
  const e = caught as MatlabError;
  expect(e.identifier).toBe(id);
  for (const f of fragments) expect(e.message).toContain(f);
  return e;
}

const bytesOf = (a: ArrayBufferView): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** The JSON header of a file written by save. */
async function headerOf(file: string): Promise<any> {
  const buf = await readFile(file);
  const n = Number(buf.readBigUInt64LE(8));
  return JSON.parse(buf.toString('utf8', 24, 24 + n));
}

/** A Float64Array holding NaN with a payload, -0, a subnormal and extremes, by bit pattern. */
function trickyDoubles(): Float64Array {
  const a = new Float64Array(6);
  const v = new DataView(a.buffer);
  v.setBigUint64(0, 0x7ff8_0000_dead_beefn, true); // NaN with payload
  v.setBigUint64(8, 0x8000_0000_0000_0000n, true); // -0
  v.setBigUint64(16, 0x0000_0000_0000_0001n, true); // smallest subnormal
  a[3] = Number.MAX_VALUE;
  a[4] = -Infinity;
  a[5] = 0.1 + 0.2;
  return a;
}

describe('round trip of plain values', () => {
  it('keeps special numbers exactly', async () => {
    const nums = [0, -0, NaN, Infinity, -Infinity, 1.5, 0.1 + 0.2, Number.MAX_VALUE, 5e-324, -1e308, 2 ** 53 + 2];
    const back = await roundTrip(nums);
    expect(back).toHaveLength(nums.length);
    back.forEach((n, i) => expect(Object.is(n, nums[i]), `element ${i}: ${n} vs ${nums[i]}`).toBe(true));
  });

  it('keeps strings, booleans, null, undefined and bigints', async () => {
    const value = { s: 'héllo 🌍', empty: '', lone: '\ud800x', t: true, f: false, n: null, u: undefined, big: 12345678901234567890n };
    const back = await roundTrip(value);
    expect(back).toStrictEqual(value);
    expect('u' in back).toBe(true);
  });

  it('keeps nested arrays, objects, Maps, Sets and Dates', async () => {
    const key = { k: 1 };
    const value = {
      list: [1, [2, [3, { deep: ['x', null] }]], 'end'],
      map: new Map<unknown, unknown>([['a', 1], [2, 'two'], [key, new Map([['inner', [NaN]]])]]),
      set: new Set([1, 'one', -0]),
      when: new Date(Date.UTC(2024, 1, 29, 12, 0, 0, 123)),
      ['__proto__']: 'ordinary key', // computed, so an own property rather than the prototype
      '1': 'integer-like key',
    };
    const back = await roundTrip(value);
    expect(back.list).toStrictEqual(value.list);
    expect([...back.map.keys()]).toStrictEqual(['a', 2, { k: 1 }]);
    expect(back.map.get('a')).toBe(1);
    expect([...back.map.values()][2]).toStrictEqual(new Map([['inner', [NaN]]]));
    expect(back.set).toStrictEqual(new Set([1, 'one', 0]));
    expect(back.when).toBeInstanceOf(Date);
    expect(back.when.getTime()).toBe(value.when.getTime());
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(back, '__proto__')?.value).toBe('ordinary key');
    expect(Object.keys(back)).toStrictEqual(Object.keys(value));
  });

  it('keeps several variables and their order', async () => {
    await save(at('many'), { b: 1, a: 'two', c: [3] });
    const back = await load(at('many'));
    expect(Object.keys(back)).toStrictEqual(['b', 'a', 'c']);
    expect(back).toStrictEqual({ b: 1, a: 'two', c: [3] });
  });
});

describe('typed arrays', () => {
  it('round-trips every kind bit-exactly', async () => {
    const value = {
      f64: trickyDoubles(),
      f32: new Float32Array([NaN, -0, 1 / 3, 3.4e38, -Infinity]),
      i8: new Int8Array([-128, 0, 127]),
      u8: new Uint8Array([0, 1, 255]),
      u8c: new Uint8ClampedArray([0, 128, 255]),
      i16: new Int16Array([-32768, 32767]),
      u16: new Uint16Array([65535, 1]),
      i32: new Int32Array([-(2 ** 31), 2 ** 31 - 1]),
      u32: new Uint32Array([2 ** 32 - 1, 7]),
      i64: new BigInt64Array([-(2n ** 63n), 2n ** 63n - 1n]),
      u64: new BigUint64Array([2n ** 64n - 1n]),
      none: new Float64Array(0),
    };
    const back = await roundTrip(value);
    for (const [k, original] of Object.entries(value)) {
      const got = (back as Record<string, ArrayBufferView>)[k];
      expect(got.constructor, k).toBe(original.constructor);
      expect(bytesOf(got).equals(bytesOf(original)), `${k} bytes`).toBe(true);
    }
  });

  it('stores only the view, not the whole underlying buffer', async () => {
    const whole = Float64Array.from({ length: 100 }, (_, i) => i);
    const back = await roundTrip(whole.subarray(10, 13));
    expect(Array.from(back)).toStrictEqual([10, 11, 12]);
    expect(back.buffer.byteLength).toBe(24);
  });

  it('stores the data as a binary blob, not as JSON numbers', async () => {
    const big = Float64Array.from({ length: 4096 }, (_, i) => Math.PI * i);
    await save(at('blob'), { big });
    const header = await headerOf(at('blob.mat'));
    expect(header.vars.big).toMatchObject({ t: 'typed', type: 'Float64Array', blob: 0 });
    expect(JSON.stringify(header).length).toBeLessThan(500);
    const [offset, length] = header.blobs[0];
    expect(length).toBe(4096 * 8);
    const file = await readFile(at('blob.mat'));
    const headerBytes = Number(file.readBigUInt64LE(8));
    const dataStart = Math.ceil((24 + headerBytes) / 8) * 8;
    expect((dataStart + offset) % 8).toBe(0);
    expect(file.subarray(dataStart + offset, dataStart + offset + length).equals(bytesOf(big))).toBe(true);
  });
});

describe('runtime classes', () => {
  it('round-trips MArray of every class with exact data and dims', async () => {
    const doubles = trickyDoubles();
    const value = {
      d: MArray.wrap(doubles, [2, 3], 'double'),
      s: MArray.from([1.5, NaN, -0, 1e-40], [1, 4], 'single'),
      u: MArray.from([0, 200, 255, 17, 3, 9, 1, 2], [2, 2, 2], 'uint8'),
      l: MArray.from([1, 0, 1], [3, 1], 'logical'),
      e: MArray.zeros([0, 3]),
    };
    const back = await roundTrip(value);
    for (const [k, m] of Object.entries(value)) {
      const got = (back as Record<string, MArray>)[k];
      expect(got, k).toBeInstanceOf(MArray);
      expect(got.cls, k).toBe(m.cls);
      expect(got.dims, k).toStrictEqual(m.dims);
      expect(got.data.constructor, k).toBe(m.data.constructor);
      expect(bytesOf(got.data).equals(bytesOf(m.data)), `${k} data bits`).toBe(true);
    }
    expect(back.u.get(2, 1, 2)).toBe(value.u.get(2, 1, 2));
  });

  it('round-trips Categorical, including <undefined> codes', async () => {
    const c = Categorical.fromStrings(['cat', 'dog', 'cat', 'bird', 'fish'], ['dog', 'cat', 'bird']);
    const back = await roundTrip(c);
    expect(back).toBeInstanceOf(Categorical);
    expect(back.categories).toStrictEqual(['dog', 'cat', 'bird']);
    expect(Array.from(back.codes)).toStrictEqual([2, 1, 2, 3, 0]);
    expect(back.dims).toStrictEqual(c.dims);
    expect(back.toStrings()).toStrictEqual(c.toStrings());
  });

  it('round-trips Cell (shape and nesting kept)', async () => {
    const inner = Cell.column([MArray.scalar(3), 'x']);
    const row = Cell.row(['a', inner, [1, 2]]);
    const back = await roundTrip(row);
    expect(back).toBeInstanceOf(Cell);
    expect(back.isRow).toBe(true);
    expect(back.get(1)).toBe('a');
    const gotInner = back.get(2) as Cell<unknown>;
    expect(gotInner).toBeInstanceOf(Cell);
    expect(gotInner.isRow).toBe(false);
    expect((gotInner.get(1) as MArray).valueOf()).toBe(3);
    expect(back.get(3)).toStrictEqual([1, 2]);
  });

  it('round-trips Table with its variables', async () => {
    const t = Table.fromColumns({
      Label: Categorical.fromStrings(['0', '1', '2']),
      Count: MArray.column([10, 20, 30]),
      Files: Cell.column(['a.png', 'b.png', 'c.png']),
    });
    const back = await roundTrip(t);
    expect(back).toBeInstanceOf(Table);
    expect([...back.VariableNames]).toStrictEqual(['Label', 'Count', 'Files']);
    expect(back.height).toBe(3);
    expect((back as any).Count.toArray()).toStrictEqual([10, 20, 30]);
    expect((back as any).Label.toStrings()).toStrictEqual(['0', '1', '2']);
    expect([...(back as any).Files]).toStrictEqual(['a.png', 'b.png', 'c.png']);
  });
});

// A class of the kind layers and networks are: private state, methods, nested savable values.
class Dense {
  constructor(public name: string, public weights: MArray, public next: Dense | null = null) {}
  describe(): string {
    return `${this.name}(${this.weights.dims.join('x')})`;
  }
}
registerSerializable(
  'test.Dense',
  Dense,
  (d, enc) => ({ name: d.name, weights: enc(d.weights), next: d.next }),
  (s, dec) => new Dense(s.name, dec(s.weights) as MArray, s.next),
);

class Unregistered {
  x = 1;
}

describe('registered classes and references', () => {
  it('round-trips a registered class, nested and with methods', async () => {
    const w = MArray.from(trickyDoubles(), [3, 2]);
    const net = new Dense('fc1', w, new Dense('fc2', MArray.from([1, 2], [1, 2], 'single')));
    const back = await roundTrip({ layers: [net], note: 'trained' });
    const got = back.layers[0];
    expect(got).toBeInstanceOf(Dense);
    expect(got.describe()).toBe('fc1(3x2)');
    expect(bytesOf(got.weights.data).equals(bytesOf(w.data))).toBe(true);
    expect(got.next).toBeInstanceOf(Dense);
    expect(got.next!.describe()).toBe('fc2(1x2)');
    expect(got.next!.weights.cls).toBe('single');
  });

  it('keeps references shared within and across variables', async () => {
    const shared = new Dense('shared', MArray.scalar(1));
    const arr = [1, 2];
    await save(at('shared'), { a: { x: shared, y: shared, arr }, b: [shared, arr] });
    const back = await load(at('shared'));
    expect(back.a.x).toBe(back.a.y);
    expect(back.b[0]).toBe(back.a.x);
    expect(back.b[1]).toBe(back.a.arr);
    // Loading only the variable that refers to an object first defined in another still works.
    const onlyB = await load(at('shared'), 'b');
    expect(Object.keys(onlyB)).toStrictEqual(['b']);
    expect(onlyB.b[0]).toBeInstanceOf(Dense);
    expect(onlyB.b[1]).toStrictEqual([1, 2]);
  });

  it('supports cycles through plain objects, arrays and Maps', async () => {
    const a: any = { name: 'a' };
    const list: any[] = [a];
    a.self = a;
    a.list = list;
    list.push(list);
    const m = new Map<string, unknown>();
    m.set('me', m);
    a.map = m;
    const back = await roundTrip(a);
    expect(back.self).toBe(back);
    expect(back.list[0]).toBe(back);
    expect(back.list[1]).toBe(back.list);
    expect(back.map.get('me')).toBe(back.map);
  });

  it('refuses a cycle that leads back into a registered object', async () => {
    const d = new Dense('loop', MArray.scalar(1));
    d.next = d;
    await expectError(save(at('cyc'), { d }), 'save:referenceCycle', "'d'", 'test.Dense');
    await expect(stat(at('cyc.mat'))).rejects.toThrow();
  });

  it('refuses functions and unregistered classes, naming the variable, place and type', async () => {
    await expectError(save(at('f'), { cfg: { opts: { onDone: function callback() {} } } }), 'save:unsupportedType', "'cfg'", 'cfg.opts.onDone', 'function', 'callback');
    await expectError(save(at('f'), { items: [1, new Unregistered()] }), 'save:unsupportedType', "'items'", 'items[1]', "'Unregistered'", 'registerSerializable');
    await expectError(save(at('f'), { s: Symbol('x') }), 'save:unsupportedType', "'s'", 'symbol');
    await expectError(save(at('f'), { v: new DataView(new ArrayBuffer(4)) }), 'save:unsupportedType', 'DataView');
    expect(await readdir(dir)).toStrictEqual([]);
  });

  it('refuses to load a class nobody registered, naming it', async () => {
    const meta = { format: 'DLTBMAT', version: 1, vars: { net: { t: 'class', id: 0, tag: 'NoSuchNet', v: null } } };
    await writeFile(at('unk.mat'), Buffer.concat([...containerChunks(meta, [])]));
    await expectError(load(at('unk')), 'load:unknownClass', "'net'", "'NoSuchNet'");
  });

  it('rejects conflicting registrations', () => {
    class Other {}
    expect(() => registerSerializable('test.Dense', Other, () => 0, () => new Other())).toThrow(/already registered/);
    expect(() => registerSerializable('test.Dense2', Dense, () => 0, () => new Dense('', MArray.scalar(0)))).toThrow(/already registered/);
  });
});

describe('file names and variable selection', () => {
  it('appends .mat only when there is no extension and returns the absolute path', async () => {
    expect(await save(at('alldata'), { x: 1 })).toBe(path.resolve(at('alldata.mat')));
    expect(await save(at('run.v1.dat'), { x: 2 })).toBe(path.resolve(at('run.v1.dat')));
    expect((await readdir(dir)).sort()).toStrictEqual(['alldata.mat', 'run.v1.dat']);
    expect((await load(at('alldata.mat'))).x).toBe(1);
    expect((await load(at('run.v1.dat'))).x).toBe(2);
  });

  it('accepts Windows-style separators', async () => {
    await mkdir(at('sub'));
    await save(`${dir}\\sub\\net`, { x: 3 });
    expect((await load(at('sub/net'))).x).toBe(3);
  });

  it('saves only the named variables', async () => {
    await save(at('some'), { net: 1, data: 2, other: 3 }, 'data', 'net');
    expect(await load(at('some'))).toStrictEqual({ data: 2, net: 1 });
  });

  it('errors on a named variable that is not given', async () => {
    await expectError(save(at('x'), { net: 1 }, 'net', 'trainDigitData'), 'save:variableNotFound', "Variable 'trainDigitData' not found.");
    expect(await readdir(dir)).toStrictEqual([]);
  });

  it('loads only the requested variables', async () => {
    await save(at('all'), { net: 'N', data: 'D' });
    expect(await load(at('all'), 'net')).toStrictEqual({ net: 'N' });
  });

  it('errors on a requested variable that is not in the file', async () => {
    await save(at('all'), { net: 'N' });
    await expectError(load(at('all'), 'net', 'lgraph'), 'load:variableNotFound', "Variable 'lgraph' not found", 'all.mat');
  });

  it('-append adds and replaces variables', async () => {
    await save(at('ap'), { a: 1, b: new Float32Array([1, 2]) });
    await save(at('ap'), { b: 'new b', c: 3 }, '-append');
    const back = await load(at('ap'));
    expect(Object.keys(back)).toStrictEqual(['a', 'b', 'c']);
    expect(back).toStrictEqual({ a: 1, b: 'new b', c: 3 });
    await save(at('fresh'), { z: 1 }, '-append');
    expect(await load(at('fresh'))).toStrictEqual({ z: 1 });
  });

  it('accepts MATLAB format flags', async () => {
    await save(at('v73'), { x: 1 }, 'x', '-v7.3');
    expect((await load(at('v73'), '-mat')).x).toBe(1);
  });

  it('rejects bad argument types and options', async () => {
    await expectError(() => save(42 as any, { x: 1 }), 'save:invalidFilename', 'a number');
    await expectError(() => save('', { x: 1 }), 'save:invalidFilename');
    await expectError(() => save(at('a'), 5 as any), 'save:invalidVariables', 'a number');
    await expectError(() => save(at('a'), [1] as any), 'save:invalidVariables', 'an array');
    await expectError(() => save(at('a'), new Map() as any), 'save:invalidVariables', "'Map'");
    await expectError(() => save(at('a'), { x: 1 }, 7 as any), 'save:invalidArgument', 'Argument 3');
    await expectError(() => save(at('a'), { x: 1 }, '-ascii'), 'save:unknownOption', "'-ascii'");
    await expectError(() => load(undefined as any), 'load:invalidFilename', 'undefined');
    await expectError(() => load(at('a'), null as any), 'load:invalidArgument', 'Argument 2');
    await expectError(() => load(at('a'), '-ascii'), 'load:unknownOption');
    expect(await readdir(dir)).toStrictEqual([]);
  });
});

describe('atomic writes', () => {
  class Exploding {}
  registerSerializable('test.Exploding', Exploding, () => {
    throw new Error('encoder failed partway');
  }, () => new Exploding());

  it('leaves an existing file intact when a save fails during encoding', async () => {
    await save(at('alldata'), { net: 'good' });
    const before = await readFile(at('alldata.mat'));
    await expect(save(at('alldata'), { net: 'newer', layers: [1, new Exploding()] })).rejects.toThrow('encoder failed partway');
    expect((await readFile(at('alldata.mat'))).equals(before)).toBe(true);
    expect(await readdir(dir)).toStrictEqual(['alldata.mat']);
    expect((await load(at('alldata'))).net).toBe('good');
  });

  it('leaves the target intact and no temp file when writing fails partway', async () => {
    const target = at('target.bin');
    await writeFile(target, 'old contents');
    let during: string[] = [];
    function* chunks(): Generator<Uint8Array> {
      yield Buffer.from('new ');
      during = readdirSync(dir); // the temp file holds a partial write now
      throw new Error('disk on fire');
    }
    await expect(writeFileAtomic(target, chunks())).rejects.toThrow('disk on fire');
    expect(during.sort()).toStrictEqual([expect.stringMatching(/^\.target\.bin\..*\.tmp$/), 'target.bin']);
    expect(await readdir(dir)).toStrictEqual(['target.bin']);
    expect(await readFile(target, 'utf8')).toBe('old contents');
  });

  it('writes through a temp file that exists only during the write', async () => {
    const target = at('t.bin');
    let during: string[] = [];
    function* chunks(): Generator<Uint8Array> {
      yield Buffer.from('abc');
      during = readdirSync(dir);
      yield Buffer.from('def');
    }
    await writeFileAtomic(target, chunks());
    expect(during).toStrictEqual([expect.stringMatching(/^\.t\.bin\..*\.tmp$/)]);
    expect(await readdir(dir)).toStrictEqual(['t.bin']);
    expect(await readFile(target, 'utf8')).toBe('abcdef');
  });

  it('removes the temp file when the final rename fails', async () => {
    await mkdir(at('taken.mat'));
    await writeFile(at('taken.mat/keep'), 'x');
    await expectError(save(at('taken'), { x: 1 }), 'save:cannotWriteFile', 'taken.mat');
    expect(await readdir(dir)).toStrictEqual(['taken.mat']);
    expect(await readdir(at('taken.mat'))).toStrictEqual(['keep']);
  });

  it('reports a folder that cannot be written and leaves its file intact', async () => {
    await save(at('ro'), { x: 1 });
    if (process.getuid?.() === 0 || process.platform === 'win32') return; // root ignores permissions
    await chmod(dir, 0o555);
    await expectError(save(at('ro'), { x: 2 }), 'save:cannotWriteFile', 'permission denied', 'ro.mat');
    await chmod(dir, 0o755);
    expect(await readdir(dir)).toStrictEqual(['ro.mat']);
    expect((await load(at('ro'))).x).toBe(1);
  });

  it('errors when the folder does not exist', async () => {
    await expectError(save(at('missing/net'), { x: 1 }), 'save:cannotWriteFile', 'no such file or directory');
  });
});

describe('reading files that are not good', () => {
  beforeEach(async () => {
    await save(at('alldata'), { net: new Dense('fc', MArray.from(trickyDoubles(), [2, 3])), note: 'x'.repeat(100) });
  });

  it('reports a missing file like MATLAB', async () => {
    await expectError(load(at('nothere')), 'load:fileNotFound', `Unable to find file or directory '${at('nothere.mat')}'.`);
  });

  it('detects a flipped byte anywhere (checksum)', async () => {
    const good = await readFile(at('alldata.mat'));
    for (const pos of [30, Math.floor(good.length / 2), good.length - 40, good.length - 1]) {
      const bad = Buffer.from(good);
      bad[pos] ^= 0x01;
      await writeFile(at('bad.mat'), bad);
      await expectError(load(at('bad')), 'load:corruptFile', `'${at('bad.mat')}'`, 'checksum');
    }
  });

  it('detects a truncated file', async () => {
    const good = await readFile(at('alldata.mat'));
    for (const keep of [good.length - 1, good.length - 33, 100, 20, 5]) {
      await writeFile(at('cut.mat'), good.subarray(0, keep));
      await expectError(load(at('cut')), 'load:truncatedFile', `'${at('cut.mat')}'`, 'truncated');
    }
  });

  it('detects trailing garbage', async () => {
    const good = await readFile(at('alldata.mat'));
    await writeFile(at('long.mat'), Buffer.concat([good, Buffer.from('extra')]));
    await expectError(load(at('long')), 'load:corruptFile', 'long.mat');
  });

  it('says a MATLAB MAT-file cannot be read', async () => {
    const header = Buffer.alloc(128, 0x20);
    header.write('MATLAB 5.0 MAT-file, Platform: PCWIN64, Created on: Mon Jan  1 00:00:00 2024');
    await writeFile(at('matlab.mat'), Buffer.concat([header, Buffer.alloc(64)]));
    await expectError(load(at('matlab')), 'load:matlabMatFile', 'MATLAB MAT-file', '5.0', 'cannot read', 'matlab.mat');
  });

  it('says a foreign file was not written by save', async () => {
    await writeFile(at('notes.txt'), 'just some text that is long enough to not be a prefix');
    await expectError(load(at('notes.txt')), 'load:notMatFile', 'not a file written by save', 'notes.txt');
    await writeFile(at('empty.mat'), '');
    await expectError(load(at('empty')), 'load:notMatFile', 'empty.mat');
  });

  it('says a newer format version is not supported', async () => {
    const good = await readFile(at('alldata.mat'));
    const newer = Buffer.from(good);
    newer.write('DLTBMAT9', 0, 'latin1');
    await writeFile(at('newer.mat'), newer);
    await expectError(load(at('newer')), 'load:unsupportedVersion', 'DLTBMAT9', MAGIC);
  });

  it('reports a folder given as a file', async () => {
    await mkdir(at('folder.mat'));
    await expectError(load(at('folder')), 'load:cannotReadFile', 'folder.mat', 'folder');
  });

  it('still loads the untouched file', async () => {
    const back = await load(at('alldata'));
    expect(back.net).toBeInstanceOf(Dense);
    expect(back.note).toBe('x'.repeat(100));
  });
});
