/**
 * MATLAB text output: sprintf / fprintf (format recycled over all the data,
 * arrays flattened column-major), disp and num2str.
 */
import { matlabError } from './errors.ts';
import { MArray } from './marray.ts';
import { Categorical } from './categorical.ts';
import { Cell } from './cell.ts';
import { formatNumber, formatText, type ConversionSpec } from './cformat.ts';
import { writeErr, writeOut } from './output.ts';
import { renderValue } from './render.ts';
import { asMArray } from './subsref.ts';

type Token = { text: string } | { spec: ConversionSpec; starWidth: boolean; starPrecision: boolean };

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', '\\': '\\', a: '\x07', b: '\b', f: '\f', r: '\r', v: '\v' };

/** MATLAB expands these escapes in the format itself (not in the data). */
function unescape(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]+|[0-7]{1,3}|.)/g, (m, e: string) => {
    if (e[0] === 'x') return String.fromCodePoint(parseInt(e.slice(1), 16));
    if (/^[0-7]+$/.test(e)) return String.fromCodePoint(parseInt(e, 8));
    return ESCAPES[e] ?? m;
  });
}

const SPEC = /%(?:%|([-+ 0#]*)(\*|\d+)?(?:\.(\*|\d+))?([diouxXfFeEgGcs]))/g;

function tokenize(format: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const m of format.matchAll(SPEC)) {
    const at = m.index ?? 0;
    if (at > last) tokens.push({ text: unescape(format.slice(last, at)) });
    last = at + m[0].length;
    if (m[0] === '%%') {
      tokens.push({ text: '%' });
      continue;
    }
    const [, flags = '', width, precision, conv] = m;
    tokens.push({
      spec: {
        flags, conv,
        width: width && width !== '*' ? Number(width) : undefined,
        precision: precision && precision !== '*' ? Number(precision) : undefined,
      },
      starWidth: width === '*',
      starPrecision: precision === '*',
    });
  }
  if (last < format.length) tokens.push({ text: unescape(format.slice(last)) });
  return tokens;
}

/** One datum of the flattened argument list: a number, or text kept whole for %s. */
type Item = number | string;

/** Flatten arguments like MATLAB: arrays column-major, char vectors whole, categoricals as labels. */
function flatten(fn: string, args: readonly unknown[]): Item[] {
  const items: Item[] = [];
  for (const a of args) {
    if (typeof a === 'number') items.push(a);
    else if (typeof a === 'boolean') items.push(a ? 1 : 0);
    else if (typeof a === 'string') {
      if (a.length > 0) items.push(a);
    } else if (typeof a === 'bigint') items.push(Number(a));
    else if (a instanceof MArray) for (const v of a.data) items.push(v);
    else if (a instanceof Categorical) items.push(...a.toStrings());
    else if (a instanceof Cell || Array.isArray(a)) {
      if (!(a instanceof Cell) && a.every((v) => typeof v === 'number')) items.push(...(a as number[]));
      else matlabError(`MATLAB:${fn}:InvalidInputType`, `Function ${fn} is not defined for 'cell' inputs.`);
    } else {
      matlabError(`MATLAB:${fn}:InvalidInputType`, `Function ${fn} is not defined for '${a === null || a === undefined ? 'empty' : (a as object).constructor?.name ?? 'object'}' inputs.`);
    }
  }
  return items;
}

/** Consumes the flattened data; a numeric conversion reads text as its character codes. */
class DataQueue {
  private i = 0;
  private charPos = 0;
  constructor(private readonly items: Item[]) {}

  get done(): boolean {
    return this.i >= this.items.length;
  }

  /** The rest of the current text item (for %s), or the next number. */
  nextWhole(): Item {
    const it = this.items[this.i];
    if (typeof it === 'string') {
      const rest = it.slice(this.charPos);
      this.advance();
      return rest;
    }
    this.advance();
    return it;
  }

  /** For %c: one character of a text item, or the next number. */
  nextChar(): Item {
    const it = this.items[this.i];
    if (typeof it === 'number') {
      this.advance();
      return it;
    }
    return String.fromCodePoint(this.nextNumber());
  }

  /** One number: a character of a text item counts as its code. */
  nextNumber(): number {
    const it = this.items[this.i];
    if (typeof it === 'number') {
      this.advance();
      return it;
    }
    const code = it.codePointAt(this.charPos) ?? 0;
    this.charPos += code > 0xffff ? 2 : 1;
    if (this.charPos >= it.length) this.advance();
    return code;
  }

  private advance(): void {
    this.i++;
    this.charPos = 0;
  }
}

function convert(spec: ConversionSpec, data: DataQueue): string {
  if (spec.conv === 's' || spec.conv === 'c') {
    const item = spec.conv === 's' ? data.nextWhole() : data.nextChar();
    if (typeof item === 'string') return formatText(item, spec);
    // A number given to %s/%c prints as its character when integral, else as %e.
    if (Number.isInteger(item) && item >= 0 && item <= 0x10ffff) return formatText(String.fromCodePoint(item), spec);
    return formatNumber(item, { flags: spec.flags, width: spec.width, conv: 'e' });
  }
  return formatNumber(data.nextNumber(), spec);
}

/** MATLAB `sprintf(format, ...args)`. */
export function sprintf(format: string, ...args: unknown[]): string {
  return formatted('sprintf', format, args);
}

/** The text of `format` applied to `args`; `fn` names the caller in errors. */
function formatted(fn: 'sprintf' | 'fprintf', format: unknown, args: readonly unknown[]): string {
  if (typeof format !== 'string') {
    matlabError(`MATLAB:${fn}:formatNotString`, 'Format must be a character vector or string scalar.');
  }
  const tokens = tokenize(format);
  const data = new DataQueue(flatten(fn, args));
  const hasConversion = tokens.some((t) => 'spec' in t);
  let out = '';
  // No data (or nothing to convert): the format is written once, conversions empty.
  if (data.done || !hasConversion) {
    for (const t of tokens) if ('text' in t) out += t.text;
    return out;
  }
  while (!data.done) {
    for (const t of tokens) {
      if ('text' in t) {
        out += t.text;
        continue;
      }
      // Output stops at the first conversion that has no data left.
      if (data.done) return out;
      const spec = { ...t.spec };
      if (t.starWidth) spec.width = data.nextNumber();
      if (t.starPrecision) spec.precision = data.nextNumber();
      if (data.done) return out;
      out += convert(spec, data);
    }
  }
  return out;
}

/**
 * MATLAB `fprintf(format, ...args)` or `fprintf(fid, format, ...args)` with
 * fid 1 (standard output) or 2 (standard error). Returns the byte count.
 */
export function fprintf(...args: unknown[]): number {
  let write = writeOut;
  if (typeof args[0] === 'number' && typeof args[1] === 'string') {
    const fid = args.shift() as number;
    if (fid === 2) write = writeErr;
    else if (fid !== 1) matlabError('MATLAB:FileIO:InvalidFid', 'Invalid file identifier. Use fopen to generate a valid file identifier.');
  }
  const text = formatted('fprintf', args[0], args.slice(1));
  write(text);
  return Buffer.byteLength(text);
}

/** MATLAB `disp(x)`: the value without its name (nothing for an empty array). */
export function disp(x: unknown): void {
  writeOut(dispText(x));
}

/** The text `disp(x)` prints. */
export function dispText(x: unknown): string {
  if (typeof x === 'string') return x + '\n';
  const r = renderValue(x);
  if (r.empty) return '';
  if (r.pages) return r.pages.map((p) => `ans${p.suffix} =\n\n${p.body}\n\n`).join('\n');
  return r.body.replace(/\n*$/, '\n');
}

/** Significant digits num2str uses for non-integers: 4 after the units digit, at least 5. */
function num2strDigits(maxAbs: number): number {
  const intDigits = maxAbs > 0 && Number.isFinite(maxAbs) ? Math.floor(Math.log10(maxAbs)) + 1 : 1;
  return Math.min(16, Math.max(intDigits + 4, 5));
}

/**
 * MATLAB `num2str(x)`, `num2str(x, precision)`, `num2str(x, format)`.
 * Matrices give one line per row (joined with '\n'), columns separated by
 * at least two spaces, leading blanks common to all rows removed.
 */
export function num2str(x: unknown, arg?: number | string): string {
  if (typeof x === 'string') return x;
  if (x instanceof Categorical) matlabError('MATLAB:num2str:nonNumericInput', 'Input to num2str must be numeric.');
  const m = asMArray(x); // numbers, logicals, MArrays and JS number rows
  if (!m) return matlabError('MATLAB:num2str:nonNumericInput', 'Input to num2str must be numeric.');
  if (m.numel === 0) return '';
  const values = m.toArray();
  const [rows, cols] = [m.dims[0], m.numel / m.dims[0]];
  let format: string;
  if (typeof arg === 'string') {
    format = arg;
  } else {
    const finite = values.filter(Number.isFinite);
    const maxAbs = finite.length ? Math.max(...finite.map(Math.abs)) : 0;
    const allInt = values.every((v) => !Number.isFinite(v) || Number.isInteger(v));
    const neg = values.some((v) => v < 0) ? 1 : 0;
    if (arg !== undefined) {
      format = `%${arg + 7 + neg}.${arg}g`;
    } else if (allInt && m.cls !== 'single') {
      const digits = Math.max(1, ...finite.map((v) => String(Math.abs(v)).length), values.some((v) => !Number.isFinite(v)) ? 3 : 0);
      format = `%${digits + 2 + neg}d`;
    } else {
      const p = num2strDigits(maxAbs);
      format = `%${p + 7 + neg}.${p}g`;
    }
    if (m.isScalar()) format = format.replace(/%\d+/, '%');
  }
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    const row: number[] = [];
    for (let c = 0; c < cols; c++) row.push(values[r + c * rows]);
    lines.push(sprintf(format, ...row));
  }
  // An explicit format is the caller's layout; MATLAB trims only its own.
  return (typeof arg === 'string' ? lines : stripCommonIndent(lines)).join('\n');
}

/** Remove leading blanks shared by every line and trailing blanks (MATLAB's char-matrix trim). */
function stripCommonIndent(lines: string[]): string[] {
  const indent = Math.min(...lines.map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(indent).trimEnd());
}
