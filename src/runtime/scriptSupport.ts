/**
 * What translated .m scripts need beyond the MATLAB functions: the truth of
 * an `if`/`while` condition, `for` over a matrix's columns, `switch` case
 * matching, `error`/`warning`, MATLAB's value semantics on assignment
 * (`copyValue`), and the run-time answer for names the translator could not
 * resolve statically.
 */
import { MatlabError, matlabError } from './errors.ts';
import { MArray } from './marray.ts';
import { Cell } from './cell.ts';
import { Categorical } from './categorical.ts';
import { colon, dimsOf } from './shape.ts';
import { sprintf } from './format.ts';
import { writeErr } from './output.ts';
import { prodDims } from './dims.ts';
import { asMArray, at } from './subsref.ts';

/** MATLAB's truth of a condition: nonempty and every element nonzero. */
export function truthy(x: unknown): boolean {
  if (typeof x === 'boolean') return x;
  if (typeof x === 'number') {
    if (Number.isNaN(x)) matlabError('MATLAB:nologicalnan', "NaN's cannot be converted to logicals.");
    return x !== 0;
  }
  if (typeof x === 'string') return x.length > 0 && [...x].every((c) => c !== '\0');
  const m = asMArray(x);
  if (m) {
    if (m.data.some((v) => Number.isNaN(v))) matlabError('MATLAB:nologicalnan', "NaN's cannot be converted to logicals.");
    return m.numel > 0 && m.data.every((v) => v !== 0);
  }
  if (Array.isArray(x) && x.length === 0) return false;
  if (x === undefined) return matlabError('MATLAB:undefinedVarOrFunction', 'Unrecognized function or variable.');
  return matlabError('MATLAB:conversion', `Conversion to logical from ${x instanceof Cell || Array.isArray(x) ? 'cell' : (x as object).constructor?.name ?? typeof x} is not possible.`);
}

/** The values `for v = x` takes: each column of x (numbers for a row of doubles, 1×1 cells for a cell row). */
export function* columns(x: unknown): Generator<any> {
  if (x instanceof Cell || (Array.isArray(x) && !asMArray(x))) {
    for (const v of x) yield x instanceof Cell ? Cell.row([v]) : v;
    return;
  }
  if (x instanceof Categorical) {
    for (let i = 1; i <= x.numel; i++) yield x.get(i);
    return;
  }
  if (typeof x === 'string') {
    yield* x;
    return;
  }
  if (x === undefined) return;
  const m = asMArray(x);
  if (!m) {
    yield x;
    return;
  }
  const rows = m.dims[0];
  const n = rows === 0 ? 0 : m.numel / rows;
  for (let j = 1; j <= n; j++) {
    if (rows === 1) yield at(m, j);
    else yield at(m, ':', j);
  }
}

/** MATLAB `a:b` / `a:step:b` with any scalar operands. */
export function range(a: unknown, b: unknown, c?: unknown): MArray {
  const n = (v: unknown) => Number(asMArray(v)?.valueOf() ?? v);
  return c === undefined ? colon(n(a), n(b)) : colon(n(a), n(b), n(c));
}

/** `case v` of a switch: numbers compare with ==, text with strcmp, a cell case matches any of its entries. */
export function caseMatches(subject: unknown, value: unknown): boolean {
  if (value instanceof Cell || (Array.isArray(value) && !asMArray(value))) return value.some((v) => caseMatches(subject, v));
  if (typeof subject === 'string' || typeof value === 'string') return typeof subject === 'string' && subject === value;
  const s = asMArray(subject);
  const v = asMArray(value);
  if (!s || !v) return false;
  if (!s.isScalar() && !s.isEmpty()) matlabError('MATLAB:switch:caseExpression', 'SWITCH expression must be a scalar or a character vector.');
  return s.isScalar() && v.isScalar() && s.data[0] === v.data[0];
}

/** A name that is neither a variable nor a function on the path: MATLAB's error, when the line runs. */
export function unrecognized(name: string, ...args: unknown[]): any {
  void args;
  return matlabError('MATLAB:UndefinedFunction', `Unrecognized function or variable '${name}'.`);
}

/** A variable that may not be assigned yet (assigned in one branch only, or by `load`). */
export function defined<T>(value: T, name: string): T {
  if (value === undefined) return unrecognized(name);
  return value;
}

/** MATLAB's value semantics: `b = a` gives b its own copy when either is modified in place later. */
export function copyValue<T>(v: T): T {
  if (v instanceof MArray) return v.clone() as T;
  if (v instanceof Cell) {
    const c = Cell.from(v);
    c.isRow = v.isRow;
    return c as T;
  }
  if (Array.isArray(v)) return (v.constructor as ArrayConstructor).from(v) as T;
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return { ...v } as T;
  return v;
}

/** `[r, c, …] = size(x)`: the last output holds the product of the remaining dimensions. */
export function sizeOutputs(x: unknown, n: number): number[] {
  const dims = dimsOf(x);
  const out: number[] = [];
  for (let k = 0; k < n - 1; k++) out.push(dims[k] ?? 1);
  out.push(prodDims(dims.slice(n - 1)) || (dims.length >= n ? 0 : 1));
  return out;
}

/** The variables of a workspace that exist (for `save` with no names). */
export function definedVars(vars: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(vars).filter(([, v]) => v !== undefined));
}

function messageArgs(args: readonly unknown[]): { id: string; message: string } {
  if (args.length === 1 && args[0] !== null && typeof args[0] === 'object' && 'message' in (args[0] as object)) {
    const s = args[0] as { message: string; identifier?: string };
    return { id: s.identifier ?? '', message: s.message };
  }
  const [first, ...rest] = args;
  if (typeof first !== 'string') return { id: '', message: String(first) };
  const isId = rest.length > 0 && /^[A-Za-z][\w-]*(:[\w-]+)+$/.test(first);
  if (isId) return { id: first, message: sprintf(rest[0] as string, ...rest.slice(1)) };
  return { id: '', message: rest.length > 0 ? sprintf(first, ...rest) : first };
}

/** MATLAB `error(msg)`, `error(fmt, args…)`, `error(id, fmt, args…)`, `error(struct)`. */
export function error(...args: unknown[]): never {
  const { id, message } = messageArgs(args);
  throw new MatlabError(id, message);
}

/** MATLAB `warning(…)`: `Warning: message` on standard error. */
export function warning(...args: unknown[]): void {
  if (args.length === 1 && (args[0] === 'off' || args[0] === 'on')) return;
  if (args.length === 2 && (args[0] === 'off' || args[0] === 'on')) return;
  writeErr(`Warning: ${messageArgs(args).message}\n`);
}

/** A caught error as MATLAB's MException (`err.message`, `err.identifier`). */
export function toMException(e: unknown): MatlabError {
  if (e instanceof MatlabError) return e;
  return new MatlabError('', e instanceof Error ? e.message : String(e));
}

/** MATLAB `rethrow(err)`. */
export function rethrow(e: unknown): never {
  throw e;
}

/** MATLAB `format`: only the default display (`short`, `loose`) exists here. */
export function format(style = 'short', ...more: string[]): void {
  for (const s of [style, ...more]) {
    if (!['short', 'loose', 'default'].includes(String(s).toLowerCase())) {
      writeErr(`Warning: format ${s} is not supported yet; numbers display as with format short.\n`);
    }
  }
}
