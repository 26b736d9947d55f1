/**
 * Registry of classes that `save` may write and `load` may rebuild.
 *
 * Classes are matched by their exact constructor, never by `instanceof`: a
 * subclass saved through its base's entry would come back as the base class
 * and silently lose behaviour, so an unregistered subclass is refused instead.
 * The tag is what the file stores, so it must stay stable across releases.
 */
import { matlabError } from '../runtime/errors.ts';

export type Encoder = (v: unknown) => unknown;
export type Decoder = (v: unknown) => unknown;

export interface Serializable<T = any> {
  readonly tag: string;
  readonly ctor: new (...args: any[]) => T;
  /** Returns the object's state: any savable value (typed arrays, MArrays, other registered objects...). */
  readonly encode: (obj: T, enc: Encoder) => unknown;
  /** Rebuilds the object from the state `encode` returned (already decoded). */
  readonly decode: (data: any, dec: Decoder) => T;
}

const byTag = new Map<string, Serializable>();
const byCtor = new Map<Function, Serializable>();

/**
 * Make instances of `ctor` savable. `encode` returns the object's state, which is
 * itself saved recursively, so it may hold typed arrays, MArrays or other
 * registered objects; `decode` receives that state back, fully rebuilt.
 * `enc`/`dec` are identity functions kept for the agreed signature: calling them
 * on sub-values is allowed and changes nothing.
 */
export function registerSerializable<T>(
  tag: string,
  ctor: new (...args: any[]) => T,
  encode: (obj: T, enc: Encoder) => unknown,
  decode: (data: any, dec: Decoder) => T,
): void {
  if (typeof tag !== 'string' || tag.length === 0) {
    matlabError('registerSerializable:invalidTag', 'The tag must be a nonempty character vector.');
  }
  if (typeof ctor !== 'function' || typeof encode !== 'function' || typeof decode !== 'function') {
    matlabError('registerSerializable:invalidArgument', `registerSerializable('${tag}', ...) expects a class, an encode function and a decode function.`);
  }
  const sameTag = byTag.get(tag);
  // Re-registering the same class is harmless (a module evaluated twice); two
  // classes under one tag would make load build the wrong class, so that is refused.
  if (sameTag && sameTag.ctor !== ctor) {
    matlabError('registerSerializable:duplicateTag', `The tag '${tag}' is already registered for class '${sameTag.ctor.name}'.`);
  }
  const sameCtor = byCtor.get(ctor);
  if (sameCtor && sameCtor.tag !== tag) {
    matlabError('registerSerializable:duplicateClass', `Class '${ctor.name}' is already registered under the tag '${sameCtor.tag}'.`);
  }
  const entry: Serializable<T> = { tag, ctor, encode, decode };
  byTag.set(tag, entry);
  byCtor.set(ctor, entry);
}

/** The entry for exactly this object's class, if registered. */
export function serializableFor(obj: object): Serializable | undefined {
  const proto = Object.getPrototypeOf(obj);
  return proto === null ? undefined : byCtor.get(proto.constructor);
}

export function serializableByTag(tag: string): Serializable | undefined {
  return byTag.get(tag);
}
