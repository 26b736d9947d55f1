/**
 * Nodes (see nodes.ts) plus blobs → JS values. Typed arrays are copied out of
 * the file's bytes, so loaded values never alias the file buffer.
 */
import { matlabError } from '../runtime/errors.ts';
import { serializableByTag } from './registry.ts';
import { SPECIAL_NUMBERS, TYPED_ARRAYS, identity, type Node, type TypedName } from './nodes.ts';

/** Decodes variables on demand, so `load(f, 'net')` only builds `net`. */
export class VariableDecoder {
  private readonly defs = new Map<number, Extract<Node, object>>();
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
  private index(n: Node): void {
    if (n === null || typeof n !== 'object') return;
    if (typeof n.id === 'number' && n.t !== 'ref') this.defs.set(n.id, n);
    const v = n.v;
    if (Array.isArray(v)) for (const item of v.flat()) this.index(item as Node);
    else if (n.t === 'obj' && typeof v === 'object' && v !== null) for (const key of Object.keys(v)) this.index((v as Record<string, Node>)[key]);
    else if (n.t === 'class') this.index(v as Node);
  }

  private node(n: Node): unknown {
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
    const bytes = this.blobs[blob];
    if (!ctor || !bytes || bytes.byteLength % ctor.BYTES_PER_ELEMENT !== 0) this.corrupt(`bad ${type} data`);
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
      return this.keep(id, entry.decode(this.node(state), identity));
    } finally {
      this.building.delete(id);
    }
  }

  private corrupt(detail: string): never {
    return matlabError('load:corruptFile', `File '${this.file}' is corrupt: ${detail}.`);
  }
}
