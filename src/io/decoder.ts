/**
 * Nodes (see nodes.ts) plus blobs → JS values. Typed arrays are copied out of
 * the file's bytes, so loaded values never alias the file buffer.
 */
import { MatlabError, matlabError } from '../runtime/errors.ts';
import { serializableByTag } from './registry.ts';
import { SPECIAL_NUMBERS, TYPED_ARRAYS, identity, type Node, type TypedName } from './nodes.ts';

/**
 * Deepest nesting of values a file may hold (save refuses deeper values too):
 * decoding recurses, and a crafted file must not end in a raw RangeError.
 */
export const MAX_NESTING = 1000;

/**
 * Decodes variables on demand, so `load(f, 'net')` only builds `net`.
 * Work and memory stay bounded by the file's size: each data block is
 * copied out at most once (a block referenced twice is refused), and
 * nesting is limited to MAX_NESTING levels.
 */
export class VariableDecoder {
  private readonly defs = new Map<number, Extract<Node, object>>();
  /** Data blocks already turned into typed arrays. */
  private readonly usedBlobs = new Set<number>();
  private depth = 0;
  private readonly built = new Map<number, unknown>();
  /** Registered objects whose state is being decoded (not constructed yet). */
  private readonly building = new Set<number>();
  private variable = '';

  constructor(
    private readonly vars: Record<string, Node>,
    private readonly blobs: readonly Uint8Array[],
    private readonly file: string,
  ) {
    if (typeof vars !== 'object' || vars === null || Array.isArray(vars)) this.corrupt('it has no variable table');
    for (const name of Object.keys(vars)) this.index(vars[name]);
  }

  names(): string[] {
    return Object.keys(this.vars);
  }

  has(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.vars, name);
  }

  decode(name: string): unknown {
    this.variable = name;
    return this.node(this.vars[name]);
  }

  /** Record where each id is defined: a reference may be met before its definition. */
  private index(n: Node, depth = 0): void {
    if (n === null || typeof n !== 'object') return;
    if (depth > MAX_NESTING) this.corrupt(`its values are nested more than ${MAX_NESTING} levels deep`);
    if (typeof n.id === 'number' && n.t !== 'ref') this.defs.set(n.id, n);
    const v = n.v;
    if (Array.isArray(v)) for (const item of v.flat()) this.index(item as Node, depth + 1);
    else if (n.t === 'obj' && typeof v === 'object' && v !== null) for (const key of Object.keys(v)) this.index((v as Record<string, Node>)[key], depth + 1);
    else if (n.t === 'class') this.index(v as Node, depth + 1);
  }

  private node(n: Node): unknown {
    // References can lead deeper than the nesting index() checked.
    if (this.depth >= 2 * MAX_NESTING) this.corrupt(`its values are nested more than ${MAX_NESTING} levels deep`);
    this.depth++;
    try {
      return this.nodeAt(n);
    } finally {
      this.depth--;
    }
  }

  private nodeAt(n: Node): unknown {
    if (n === null || typeof n !== 'object') {
      if (n === undefined) this.corrupt('a value is missing');
      return n;
    }
    switch (n.t) {
      case 'num': return n.v as string in SPECIAL_NUMBERS ? SPECIAL_NUMBERS[n.v as string] : this.corrupt(`unknown number '${n.v}'`);
      case 'undef': return undefined;
      case 'bigint': return BigInt(n.v as string);
      case 'ref': return this.ref(n.id as number);
    }
    const id = n.id as number;
    if (this.built.has(id)) return this.built.get(id);
    const v = n.v as any;
    switch (n.t) {
      case 'arr': {
        const out: unknown[] = this.keep(id, []);
        for (const item of v) out.push(this.node(item));
        return out;
      }
      case 'obj': {
        const out = this.keep(id, {});
        for (const key of Object.keys(v)) {
          Object.defineProperty(out, key, { value: this.node(v[key]), writable: true, enumerable: true, configurable: true });
        }
        return out;
      }
      case 'map': {
        const out = this.keep(id, new Map());
        for (const [key, value] of v) out.set(this.node(key), this.node(value));
        return out;
      }
      case 'set': {
        const out = this.keep(id, new Set());
        for (const item of v) out.add(this.node(item));
        return out;
      }
      case 'date': return this.keep(id, new Date(this.node(v) as number));
      case 'typed': return this.keep(id, this.typed(n.type as string, n.blob as number));
      case 'class': return this.instance(id, n.tag as string, v);
    }
    return this.corrupt(`unknown value kind '${n.t}'`);
  }

  private keep<T>(id: number, value: T): T {
    this.built.set(id, value);
    return value;
  }

  private ref(id: number): unknown {
    if (this.built.has(id)) return this.built.get(id);
    const def = this.defs.get(id);
    if (!def || this.building.has(id)) this.corrupt(`reference ${id} cannot be resolved`);
    return this.node(def);
  }

  private typed(type: string, blob: number): unknown {
    const ctor = Object.hasOwn(TYPED_ARRAYS, type) ? TYPED_ARRAYS[type as TypedName] : undefined;
    const bytes = Number.isSafeInteger(blob) ? this.blobs[blob] : undefined;
    if (!ctor || !bytes || bytes.byteLength % ctor.BYTES_PER_ELEMENT !== 0) this.corrupt(`bad ${type} data`);
    // save writes one block per array: a block shared by several arrays would multiply the memory load needs.
    if (this.usedBlobs.has(blob)) this.corrupt(`data block ${blob} is used by more than one array`);
    this.usedBlobs.add(blob);
    // Copy into a fresh, aligned buffer that does not pin the whole file in memory
    // (not bytes.slice(): on a Node Buffer that is a view, not a copy).
    return new ctor(new Uint8Array(bytes).buffer);
  }

  private instance(id: number, tag: string, state: Node): unknown {
    const entry = serializableByTag(tag);
    if (!entry) {
      matlabError('load:unknownClass', `Cannot load variable '${this.variable}' from '${this.file}': it contains an object of class '${tag}', which is not registered. Import the module that defines '${tag}' before calling load.`);
    }
    this.building.add(id);
    try {
      const decoded = this.node(state);
      try {
        return this.keep(id, entry.decode(decoded, identity));
      } catch (err) {
        return this.rethrowInvalid(tag, err);
      }
    } finally {
      this.building.delete(id);
    }
  }

  /** A class that cannot be rebuilt from what the file holds: say where, never a raw TypeError. */
  private rethrowInvalid(tag: string, err: unknown): never {
    const where = `Cannot load variable '${this.variable}' from '${this.file}'`;
    if (err instanceof MatlabError) {
      if (err.identifier === 'load:invalidData') matlabError(err.identifier, `${where}: ${err.message}.`);
      if (err.identifier.startsWith('load:')) throw err;
    }
    const detail = err instanceof Error ? err.message : String(err);
    return matlabError('load:invalidData', `${where}: its saved '${tag}' object cannot be rebuilt (${detail}).`);
  }

  private corrupt(detail: string): never {
    return matlabError('load:corruptFile', `File '${this.file}' is corrupt: ${detail}.`);
  }
}
