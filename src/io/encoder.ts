/**
 * JS values → nodes (see nodes.ts) plus the binary blobs they refer to.
 * Anything that could not be rebuilt by load is refused here, before any file is touched.
 */
import { matlabError } from '../runtime/errors.ts';
import { serializableFor } from './registry.ts';
import { TYPED_ARRAYS, encodeNumber, identity, type Node, type TypedName } from './nodes.ts';
import { MAX_NESTING } from './decoder.ts';

const TYPED_NAME = new Map<Function, TypedName>(
  (Object.keys(TYPED_ARRAYS) as TypedName[]).map((name) => [TYPED_ARRAYS[name], name]),
);

/** `where` extended by a property name, written as JS would (`a.b`, `a["x y"]`). */
function member(where: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${where}.${key}` : `${where}[${JSON.stringify(key)}]`;
}

export interface Encoded {
  vars: Record<string, Node>;
  blobs: Uint8Array[];
}

/** Encode variables together, so references shared between variables stay shared. */
export function encodeVariables(vars: ReadonlyArray<readonly [string, unknown]>): Encoded {
  const encoder = new ValueEncoder();
  const out: Record<string, Node> = Object.create(null);
  for (const [name, value] of vars) {
    encoder.variable = name;
    out[name] = encoder.encode(value, name);
  }
  return { vars: out, blobs: encoder.blobs };
}

class ValueEncoder {
  readonly blobs: Uint8Array[] = [];
  variable = '';
  private readonly ids = new Map<object, number>();
  /** Registered objects whose state is being encoded right now. */
  private readonly building = new Set<object>();
  private depth = 0;

  encode(v: unknown, where: string): Node {
    switch (typeof v) {
      case 'string':
      case 'boolean':
        return v;
      case 'number':
        return encodeNumber(v);
      case 'undefined':
        return { t: 'undef' };
      case 'bigint':
        return { t: 'bigint', v: v.toString() };
      case 'function':
        return this.refuse(where, `a function${v.name ? ` ('${v.name}')` : ''}; functions cannot be saved`);
      case 'symbol':
        return this.refuse(where, 'a symbol; symbols cannot be saved');
    }
    if (v === null) return null;
    const obj = v as object;
    const seen = this.ids.get(obj);
    if (seen !== undefined) {
      if (this.building.has(obj)) {
        matlabError('save:referenceCycle', `Cannot save variable '${this.variable}': ${where} refers back to the enclosing '${serializableFor(obj)?.tag}' object. A reference cycle through a registered class cannot be rebuilt by load.`);
      }
      return { t: 'ref', id: seen };
    }
    const id = this.ids.size;
    this.ids.set(obj, id);
    // load refuses deeper files, so save must not write one.
    if (this.depth >= MAX_NESTING) {
      matlabError('save:tooDeep', `Cannot save variable '${this.variable}': its values are nested more than ${MAX_NESTING} levels deep (at ${where.length > 80 ? `${where.slice(0, 80)}…` : where}).`);
    }
    this.depth++;
    try {
      return this.encodeObject(obj, id, where);
    } finally {
      this.depth--;
    }
  }

  private encodeObject(obj: object, id: number, where: string): Node {
    const entry = serializableFor(obj);
    if (entry) {
      this.building.add(obj);
      try {
        return { t: 'class', id, tag: entry.tag, v: this.encode(entry.encode(obj, identity), where) };
      } finally {
        this.building.delete(obj);
      }
    }
    const proto = Object.getPrototypeOf(obj);
    if (ArrayBuffer.isView(obj)) {
      const type = TYPED_NAME.get(proto?.constructor);
      if (!type) return this.refuse(where, `an instance of class '${proto?.constructor?.name ?? 'unknown'}'`);
      this.blobs.push(new Uint8Array(obj.buffer, obj.byteOffset, obj.byteLength));
      return { t: 'typed', id, type, blob: this.blobs.length - 1 };
    }
    if (proto === Array.prototype) {
      const items = obj as unknown[];
      return { t: 'arr', id, v: Array.from({ length: items.length }, (_, i) => this.encode(items[i], `${where}[${i}]`)) };
    }
    if (proto === Map.prototype) {
      const v = [...(obj as Map<unknown, unknown>)].map(([key, value]) => {
        const at = `${where}.get(${typeof key === 'string' ? JSON.stringify(key) : '…'})`;
        return [this.encode(key, `${where} (a Map key)`), this.encode(value, at)];
      });
      return { t: 'map', id, v };
    }
    if (proto === Set.prototype) {
      return { t: 'set', id, v: [...(obj as Set<unknown>)].map((item) => this.encode(item, `${where} (a Set element)`)) };
    }
    if (proto === Date.prototype) {
      return { t: 'date', id, v: encodeNumber((obj as Date).getTime()) };
    }
    if (proto === Object.prototype || proto === null) {
      // Null-prototype target so a key named "__proto__" stays an ordinary key.
      const v: Record<string, Node> = Object.create(null);
      for (const key of Object.keys(obj)) v[key] = this.encode((obj as Record<string, unknown>)[key], member(where, key));
      return { t: 'obj', id, v };
    }
    return this.refuse(where, `an instance of class '${proto?.constructor?.name || 'unknown'}', which is not registered with registerSerializable`);
  }

  /**
   * MATLAB only warns when it meets an object it cannot save and writes the rest;
   * we refuse instead, because a file that cannot be loaded back whole is worse
   * than no file (and the previous file, if any, is left untouched).
   */
  private refuse(where: string, what: string): never {
    const at = where === this.variable ? '' : ` (at ${where})`;
    return matlabError('save:unsupportedType', `Cannot save variable '${this.variable}'${at}: the value is ${what}.`);
  }
}
