/**
 * Generic MATLAB indexed assignment for translated scripts: `x(i, j) = v`
 * (`setAt`, with growth and logical masks), `c{i} = v` (`setCell`),
 * `s.f = v` (`setField`), nested paths (`assign`) and deletion
 * `x(idx) = []` (`deleteAt`). Each returns the updated value, so a variable
 * that does not exist yet is created as MATLAB does.
 */
import { matlabError } from './errors.ts';
import { MArray, allocData, castValue, type MClass } from './marray.ts';
import { Cell } from './cell.ts';
import { Categorical } from './categorical.ts';
import { dimsOf } from './shape.ts';
import { normalizeDims, prodDims } from './dims.ts';
import { dimsForSubscripts, offsetOf } from './subscripts.ts';
import { COLON, asMArray, at, brace, positionsOf, selection } from './subsref.ts';

function numelMismatch(): never {
  return matlabError('MATLAB:subsassignnumelmismatch', 'Unable to perform assignment because the left and right sides have a different number of elements.');
}

/** Extent a subscript needs (largest position + 1), for growth. */
function needed(sub: unknown, current: number): number {
  if (sub === COLON) return current;
  const pos = positionsOf(sub, current);
  return pos.length === 0 ? 0 : Math.max(...pos) + 1;
}

/** `m` resized to `newDims` (each at least the old one), elements kept at their subscripts. */
function grown(m: MArray, newDims: number[]): MArray {
  const out = MArray.wrap(allocData(m.cls, prodDims(newDims)), newDims, m.cls);
  const oldDims = [...m.dims, ...new Array(Math.max(0, newDims.length - m.dims.length)).fill(1)];
  const sub = new Array<number>(oldDims.length).fill(0);
  for (let i = 0; i < m.data.length; i++) {
    out.data[offsetOf(sub, newDims)] = m.data[i];
    for (let p = 0; p < sub.length; p++) {
      if (++sub[p] < oldDims[p]) break;
      sub[p] = 0;
    }
  }
  return out;
}

/** The size `m` must grow to so that `subs` fit (MATLAB's growth rules). */
function grownDims(dims: readonly number[], subs: readonly unknown[]): number[] | undefined {
  const numel = prodDims(dims);
  if (subs.length === 1) {
    const k = needed(subs[0], numel);
    if (k <= numel) return undefined;
    if (numel === 0) return [1, k];
    if (dims.length === 2 && dims[0] === 1) return [1, k];
    if (dims.length === 2 && dims[1] === 1) return [k, 1];
    return matlabError('MATLAB:indexed:ambiguousGrowth', 'Attempt to grow array along ambiguous dimension.');
  }
  const seen = dimsForSubscripts(dims, subs.length);
  const want = subs.map((s, k) => Math.max(seen[k], needed(s, seen[k])));
  if (want.every((w, k) => w === seen[k])) return undefined;
  if (subs.length < dims.length) return matlabError('MATLAB:indexed:ambiguousGrowth', 'Attempt to grow array along ambiguous dimension.');
  return want;
}

/** Class of `x(…) = v` when x is created or holds numbers. */
function valueClass(v: unknown): MClass {
  if (v instanceof MArray) return v.cls;
  if (typeof v === 'boolean') return 'logical';
  return 'double';
}

function numericValues(v: unknown): MArray {
  const m = asMArray(v);
  if (m) return m;
  if (typeof v === 'string') return MArray.from(Array.from(v, (ch) => ch.codePointAt(0) ?? 0), [1, v.length]);
  if (Array.isArray(v) && v.length === 0) return MArray.zeros([0, 0]);
  return matlabError('MATLAB:invalidConversion', `Conversion to double from ${v === null || v === undefined ? 'empty' : (v as object).constructor?.name ?? typeof v} is not possible.`);
}

/** MATLAB `x(subs…) = v`. */
export function setAt(x: unknown, subs: readonly unknown[], v: unknown): any {
  if (x instanceof Cell || (Array.isArray(x) && !asMArray(x) && x.length > 0) || (x === undefined && (v instanceof Cell))) {
    return setElements(x === undefined ? new Cell() : (x as unknown[]), subs, v instanceof Cell ? [...v] : [v]);
  }
  if (x instanceof Categorical) return matlabError('MATLAB:categorical:assign', 'Assigning into a categorical array is not supported yet.');
  if (x === undefined && v !== null && typeof v === 'object' && !(v instanceof MArray) && !Array.isArray(v)) {
    return setElements([], subs, [v]); // struct array
  }
  const wasChar = typeof x === 'string' || (x === undefined && typeof v === 'string');
  // An MArray is updated in place, as MArray.set does (the translator copies where MATLAB's value semantics need it).
  let m = x === undefined ? MArray.zeros([0, 0], valueClass(v)) : numericValues(x);
  const vals = numericValues(v);
  const newDims = grownDims(m.dims, subs);
  if (newDims) m = grown(m, newDims);
  if (isScalarNumbers(subs) && vals.numel === 1) {
    m.set(...(subs as number[]), vals.data[0]);
  } else {
    const { offsets } = selection(m.dims, subs);
    if (vals.numel !== 1 && vals.numel !== offsets.length) numelMismatch();
    for (let i = 0; i < offsets.length; i++) m.data[offsets[i]] = castValue(m.cls, vals.data[vals.numel === 1 ? 0 : i]);
  }
  return wasChar ? String.fromCodePoint(...m.data) : m;
}

function isScalarNumbers(subs: readonly unknown[]): boolean {
  return subs.every((s) => typeof s === 'number' || (s instanceof MArray && s.isScalar() && s.cls !== 'logical'));
}

/** Element assignment on a JS array or Cell (`c(2) = {v}`, `c{3} = v`, `s(2) = struct`). */
function setElements(x: unknown[], subs: readonly unknown[], values: unknown[]): unknown[] {
  const dims = dimsOf(x);
  const grow = grownDims(dims, subs);
  if (grow && grow.length === 2 && grow[0] > 1 && grow[1] > 1) {
    return matlabError('MATLAB:cell:matrix', 'Cell arrays with more than one row and column are not supported yet.');
  }
  const target = grow ? prodDims(grow) : x.length;
  while (x.length < target) x.push(undefined);
  if (x instanceof Cell && grow && x.length > 0) x.isRow = grow[0] === 1 && (dims[0] === 1 || x.length === 0 || dims[0] === 0);
  const { offsets } = selection(grow ?? dims, subs);
  if (values.length !== 1 && values.length !== offsets.length) numelMismatch();
  offsets.forEach((o, i) => { x[o] = values[values.length === 1 ? 0 : i]; });
  return x;
}

/** MATLAB `c{subs…} = v`: a cell that does not exist yet is created (a row for a linear subscript). */
export function setCell(c: unknown, subs: readonly unknown[], v: unknown): any {
  let cell: Cell<unknown>;
  if (c === undefined || (Array.isArray(c) && c.length === 0 && !(c instanceof Cell))) {
    cell = new Cell();
    cell.isRow = subs.length === 1 || (subs.length === 2 && subs[0] === 1);
  } else if (c instanceof Cell) cell = c;
  else if (Array.isArray(c)) cell = Cell.row(c);
  else return matlabError('MATLAB:cellAssToNonCell', 'Brace indexing is not supported for variables of this type.');
  if (cell.length === 0 && subs.length === 2) cell.isRow = subs[0] === 1;
  return setElements(cell, subs, [v]);
}

/** MATLAB `s.name = v`: a struct that does not exist yet is created. */
export function setField(s: unknown, name: string, v: unknown): any {
  const target = s === undefined || (s instanceof MArray && s.isEmpty()) ? {} : s;
  if (target === null || typeof target !== 'object' || target instanceof MArray) {
    return matlabError('MATLAB:structAssToNonStruct', 'Unable to perform assignment because dot indexing is not supported for variables of this type.');
  }
  (target as Record<string, unknown>)[name] = v;
  return target;
}

/** One step of an assignment path, as MATLAB's substruct: `()` / `{}` with subscripts, or `.` with a name. */
export type PathStep = { type: '()' | '{}'; subs: unknown[] } | { type: '.'; name: string };

/** `x(i).f{j} = v` and every other nested assignment. */
export function assign(x: unknown, path: readonly PathStep[], v: unknown): any {
  const [step, ...rest] = path;
  if (rest.length === 0) {
    if (step.type === '.') return setField(x, step.name, v);
    return step.type === '()' ? setAt(x, step.subs, v) : setCell(x, step.subs, v);
  }
  let inner: unknown;
  if (x !== undefined) {
    try {
      inner = step.type === '.' ? (x as Record<string, unknown>)[step.name] : step.type === '()' ? at(x, ...step.subs) : brace(x, ...step.subs);
    } catch {
      inner = undefined; // a part that does not exist yet is created
    }
  }
  return assign(x, [step], assign(inner, rest, v));
}

/** MATLAB `x(subs…) = []`: deletes elements, rows or columns. */
export function deleteAt(x: unknown, subs: readonly unknown[]): any {
  const dims = dimsOf(x);
  const numel = prodDims(dims);
  if (subs.length === 1) {
    const drop = new Set(positionsOf(subs[0], numel));
    const keep = Array.from({ length: numel }, (_, i) => i).filter((i) => !drop.has(i));
    const column = dims.length === 2 && dims[1] === 1 && dims[0] !== 1;
    const outDims = column ? [keep.length, 1] : [1, keep.length];
    return rebuild(x, keep, outDims);
  }
  const seen = dimsForSubscripts(dims, subs.length);
  const partial = subs.map((s, k) => (s === COLON ? -1 : k)).filter((k) => k >= 0);
  if (partial.length !== 1) {
    return matlabError('MATLAB:nulledAssignmentNonContiguous', 'A null assignment can have only one non-colon index.');
  }
  const k = partial[0];
  const drop = new Set(positionsOf(subs[k], seen[k]));
  const keepK = Array.from({ length: seen[k] }, (_, i) => i).filter((i) => !drop.has(i));
  const lists = seen.map((d, p) => (p === k ? keepK : Array.from({ length: d }, (_, i) => i)));
  const { offsets, dims: outDims } = selection(seen, lists.map((l) => MArray.row(l.map((i) => i + 1))));
  return rebuild(x, offsets, normalizeDims(outDims));
}

function rebuild(x: unknown, offsets: number[], dims: number[]): unknown {
  if (typeof x === 'string') return offsets.map((o) => x[o]).join('');
  if (Array.isArray(x) && !asMArray(x)) {
    const kept = offsets.map((o) => x[o]);
    if (x instanceof Cell) {
      const c = Cell.from(kept);
      c.isRow = x.isRow;
      return c;
    }
    return (x.constructor as ArrayConstructor).from(kept);
  }
  const m = numericValues(x);
  return MArray.from(offsets.map((o) => m.data[o]), dims, m.cls);
}
