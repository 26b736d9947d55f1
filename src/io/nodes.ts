/**
 * Value nodes: the JSON form of saved values, shared by encoder.ts and decoder.ts.
 *
 * Node forms (the JSON header stores one node per variable):
 *   string | boolean | null | finite number (not -0)   stored as themselves
 *   {t:'num', v:'NaN'|'Inf'|'-Inf'|'-0'}               numbers JSON cannot hold
 *   {t:'undef'}  {t:'bigint', v:'123'}
 *   {t:'arr'|'set', id, v:[node...]}  {t:'obj', id, v:{key: node}}
 *   {t:'map', id, v:[[keyNode, valueNode]...]}  {t:'date', id, v:numberNode}
 *   {t:'typed', id, type:'Float64Array', blob:k}       bytes live in blob k
 *   {t:'class', id, tag, v:stateNode}                   registerSerializable
 *   {t:'ref', id}                                       an object seen before
 *
 * Every object gets an id the first time it is met, so shared references come
 * back shared (e.g. one layer reachable from two variables) and cycles through
 * arrays, plain objects, Maps and Sets come back as cycles. A cycle that leads
 * back into a registered object is refused at save time: load can only build
 * such an object after its state, so nothing could point back at it yet.
 */
export type Node = null | boolean | number | string | { t: string; [key: string]: unknown };

/** Typed arrays saved as binary blobs, by the name the file records. */
export const TYPED_ARRAYS = {
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array,
} as const;
export type TypedName = keyof typeof TYPED_ARRAYS;

// enc/dec handed to registered classes: a class's state is encoded as a whole
// anyway, so these only exist to honour the agreed signature.
export const identity = (v: unknown): unknown => v;

/** Numbers JSON cannot hold (it has no NaN/Inf and turns -0 into 0). */
export function encodeNumber(n: number): Node {
  if (Number.isFinite(n) && !Object.is(n, -0)) return n;
  return { t: 'num', v: Number.isNaN(n) ? 'NaN' : n === Infinity ? 'Inf' : n === -Infinity ? '-Inf' : '-0' };
}

export const SPECIAL_NUMBERS: Record<string, number> = { NaN: NaN, Inf: Infinity, '-Inf': -Infinity, '-0': -0 };
