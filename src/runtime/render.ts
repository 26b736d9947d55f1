/**
 * Text of a value as MATLAB shows it after `name =` (and as `disp` shows
 * it): numeric arrays, char vectors, categoricals, cells, tables, structs
 * and objects that render themselves through `displayMatlab()`.
 */
import { MArray, isIntegerClass } from './marray.ts';
import { Categorical } from './categorical.ts';
import { Cell } from './cell.ts';
import { Table, type TableColumn } from './table.ts';
import { numericLayout, pageText, shortScalarText } from './numdisplay.ts';
import { propertiesDisplay } from './propertiesDisplay.ts';

export interface Rendered {
  /** Line shown indented by two spaces before the body (`1×3 uint8 row vector`). */
  header?: string;
  /** Lines after the header, joined with '\n', no trailing newline. */
  body: string;
  /** Empty values: `disp` prints nothing. */
  empty?: boolean;
  /** N-d arrays: one body per 2-D page, shown as `name(:,:,k) =`. */
  pages?: { suffix: string; body: string }[];
}

/** Objects that print themselves (layers, networks, options). */
export interface MatlabDisplayable {
  displayMatlab(): string;
}

export function isDisplayable(x: unknown): x is MatlabDisplayable {
  return x !== null && typeof x === 'object' && typeof (x as MatlabDisplayable).displayMatlab === 'function';
}

export function sizeText(dims: readonly number[]): string {
  return dims.join('×');
}

/** MATLAB's noun for an array's shape ('row vector', 'matrix', ...). */
function shapeNoun(dims: readonly number[]): string {
  if (dims.length > 2) return 'array';
  if (dims[0] === 1) return 'row vector';
  if (dims[1] === 1) return 'column vector';
  return 'matrix';
}

function emptyText(dims: readonly number[], cls: string, noun = shapeNoun(dims)): Rendered {
  return { body: `  ${sizeText(dims)} empty ${cls} ${noun}`, empty: true };
}

function renderNumeric(x: MArray): Rendered {
  if (x.numel === 0) {
    if (x.cls === 'double' && x.dims.length === 2 && x.dims[0] === 0 && x.dims[1] === 0) return { body: '     []', empty: true };
    return emptyText(x.dims, x.cls, x.cls === 'logical' ? 'array' : shapeNoun(x.dims));
  }
  const layout = numericLayout(x);
  const header = x.cls === 'logical' || isIntegerClass(x.cls)
    ? x.isScalar() ? x.cls : `${sizeText(x.dims)} ${x.cls} ${x.cls === 'logical' ? 'array' : shapeNoun(x.dims)}`
    : undefined;
  const withScale = (text: string) => (layout.scaleLine ? `${layout.scaleLine}\n\n` : '') + text;
  const pagesCount = x.numel / (x.dims[0] * x.dims[1]);
  if (x.dims.length === 2) return { header, body: withScale(pageText(x, 0, layout)) };
  const pages = [];
  for (let p = 0; p < pagesCount; p++) {
    const sub: number[] = [];
    let rest = p;
    for (const d of x.dims.slice(2)) {
      sub.push((rest % d) + 1);
      rest = Math.floor(rest / d);
    }
    pages.push({ suffix: `(:,:,${sub.join(',')})`, body: withScale(pageText(x, p, layout)) });
  }
  return { header, body: '', pages };
}

/** Element grid (rows × columns) of a 2-D container, column-major source. */
function grid<T>(items: readonly T[], dims: readonly number[]): T[][] {
  const [r] = dims;
  const c = items.length / Math.max(1, r);
  return Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => items[i + j * r]));
}

/** Pad each column of a grid of strings to its widest entry. */
function padColumns(rows: string[][], align: 'left' | 'right'): string[][] {
  const widths = rows[0]?.map((_, j) => Math.max(...rows.map((row) => row[j].length))) ?? [];
  return rows.map((row) => row.map((s, j) => (align === 'left' ? s.padEnd(widths[j]) : s.padStart(widths[j]))));
}

function renderCategorical(c: Categorical): Rendered {
  if (c.numel === 0) return emptyText(c.dims, 'categorical', 'array');
  const rows = padColumns(grid(c.toStrings(), c.dims), 'left');
  return {
    header: c.isScalar() ? 'categorical' : `${sizeText(c.dims)} categorical array`,
    body: rows.map((row) => row.map((s) => `     ${s} `).join('')).join('\n'),
  };
}

/** How a value looks inside a cell or a struct field: 'abc', [5], 1×3 double, ... */
export function formatInline(v: unknown, bracketScalars = false): string {
  const wrap = (s: string) => (bracketScalars ? `[${s}]` : s);
  // An unset cell element is MATLAB's [] (shown as 0×0 double inside braces).
  if (v === undefined || v === null) return bracketScalars ? '0×0 double' : '[]';
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'number') return wrap(shortScalarText(v));
  if (typeof v === 'boolean') return wrap(v ? '1' : '0');
  if (v instanceof MArray) {
    if (v.numel === 0) return v.dims.length === 2 && v.dims[0] === 0 && v.dims[1] === 0 && !bracketScalars ? '[]' : `${sizeText(v.dims)} ${v.cls}`;
    if (v.isScalar()) return wrap(v.cls === 'logical' || isIntegerClass(v.cls) ? String(v.data[0]) : shortScalarText(v.data[0]));
    if (v.dims.length === 2 && v.dims[0] === 1 && v.numel <= 10 && v.toArray().every(Number.isInteger)) return `[${v.toArray().join(' ')}]`;
    return bracketScalars ? `${sizeText(v.dims)} ${v.cls}` : `[${sizeText(v.dims)} ${v.cls}]`;
  }
  if (v instanceof Categorical) return v.isScalar() ? wrap(v.label(1)) : `[${sizeText(v.dims)} categorical]`;
  if (v instanceof Cell || Array.isArray(v)) {
    const dims = v instanceof Cell ? v.dims : [1, v.length];
    // A short row of character vectors shows its contents, as MATLAB's property display does: {'in1'  'in2'}.
    const inline = `{${Array.from(v, (e) => `'${String(e)}'`).join('  ')}}`;
    if (!bracketScalars && dims[0] === 1 && v.length > 0 && Array.from(v).every((e) => typeof e === 'string') && inline.length <= 60) return inline;
    return bracketScalars ? `${sizeText(dims)} cell` : `{${sizeText(dims)} cell}`;
  }
  if (v instanceof Table) return bracketScalars ? `${v.height}×${v.width} table` : `[${v.height}×${v.width} table]`;
  if (typeof v === 'function') return `@${v.name || 'anonymous'}`;
  const name = (v as object).constructor?.name ?? 'struct';
  return bracketScalars ? `1×1 ${name === 'Object' ? 'struct' : name}` : `[1×1 ${name === 'Object' ? 'struct' : name}]`;
}

function renderCell(c: readonly unknown[], dims: readonly number[]): Rendered {
  if (c.length === 0) return emptyText(dims, 'cell', 'array');
  const inner = padColumns(grid(Array.from(c, (v) => formatInline(v, true)), dims), 'left');
  return {
    header: `${sizeText(dims)} cell array`,
    body: inner.map((row) => row.map((s) => `    {${s}}`).join('')).join('\n'),
  };
}

/** Lines of one table variable (before centering in its column). */
function columnLines(col: TableColumn): string[] {
  if (col instanceof Categorical) return padColumns(grid(col.toStrings(), [col.numel, 1]), 'left').map((r) => r[0]);
  if (col instanceof MArray) {
    const h = col.dims[0];
    const w = h === 0 ? 0 : col.numel / h;
    // Logicals read as words (left-aligned), numbers are right-aligned.
    const logical = col.cls === 'logical';
    const text = (v: number) => (logical ? (v ? 'true' : 'false') : shortScalarText(v));
    const cells = grid(col.toArray().map(text), [h, w]);
    return padColumns(cells, logical ? 'left' : 'right').map((row) => row.join('    '));
  }
  const cells = Array.from(col as readonly unknown[], (v) => [formatInline(v, true)]);
  return padColumns(cells, 'left').map((r) => `{${r[0]}}`);
}

function center(s: string, width: number): string {
  const left = Math.floor((width - s.length) / 2);
  return ' '.repeat(left) + s + ' '.repeat(width - s.length - left);
}

/** Table body: centered headers, underlines, a blank line, then the rows. */
export function tableBody(t: Table): string {
  const cols = Object.entries(t.columns()).map(([name, col]) => {
    const lines = columnLines(col);
    const blockWidth = Math.max(0, ...lines.map((l) => l.length));
    const width = Math.max(name.length, blockWidth);
    return { name, width, lines: lines.map((l) => center(l.padEnd(blockWidth), width)) };
  });
  const indent = '    ';
  const join = (cells: string[]) => indent + cells.join('    ');
  const out = [join(cols.map((c) => center(c.name, c.width))), join(cols.map((c) => '_'.repeat(c.width))), ''];
  for (let i = 0; i < t.height; i++) out.push(join(cols.map((c) => c.lines[i])));
  return out.join('\n');
}

function renderTable(t: Table): Rendered {
  if (t.height === 0 || t.width === 0) return { body: `  ${t.height}×${t.width} empty table`, empty: true };
  return { header: `${t.height}×${t.width} table`, body: tableBody(t) };
}

/**
 * A struct's or plain object's fields as MATLAB shows them under `title`
 * (exported for library classes implementing displayMatlab).
 */
export function propertiesBody(title: string, props: Record<string, unknown>): string {
  return propertiesDisplay('', Object.keys(props).map((n) => [n, formatInline(props[n])] as const), { title });
}

/**
 * MATLAB's object arrays (a layer array, say): a plain JS array whose
 * elements' classes share a static `displayMatlabArray(items)` shows as one
 * object array, as `layers = [imageInputLayer(...) ...]` does in MATLAB.
 */
function objectArrayDisplay(x: readonly unknown[]): string | null {
  if (x.length === 0) return null;
  type WithArrayDisplay = { displayMatlabArray?: (items: readonly unknown[]) => string };
  const shown = (v: unknown) => (v !== null && typeof v === 'object' ? ((v as object).constructor as WithArrayDisplay).displayMatlabArray : undefined);
  const f = shown(x[0]);
  return f && x.every((v) => shown(v) === f) ? f(x) : null;
}

/** Text of any value shown by display/disp. */
export function renderValue(x: unknown): Rendered {
  if (isDisplayable(x)) return { body: x.displayMatlab().replace(/^\n+/, '').replace(/\n+$/, '') };
  if (x === undefined || x === null) return { body: '     []', empty: true };
  if (typeof x === 'number' || typeof x === 'boolean') return renderNumeric(MArray.scalar(x));
  if (typeof x === 'string') {
    return x.length === 0 ? { body: '  0×0 empty char array', empty: true } : { body: `    '${x}'` };
  }
  if (x instanceof MArray) return renderNumeric(x);
  if (x instanceof Categorical) return renderCategorical(x);
  if (x instanceof Table) return renderTable(x);
  if (x instanceof Cell) return renderCell(x, x.dims);
  if (Array.isArray(x)) {
    const asObjectArray = objectArrayDisplay(x);
    if (asObjectArray) return { body: asObjectArray.replace(/^\n+/, '').replace(/\n+$/, '') };
    if (x.every((v) => typeof v === 'number' || typeof v === 'boolean')) return renderNumeric(MArray.row(x.map(Number)));
    return renderCell(x, x.length === 0 ? [0, 0] : [1, x.length]);
  }
  if (typeof x === 'function') return { body: `  function_handle with value:\n\n    @${x.name || 'anonymous'}` };
  const name = (x as object).constructor?.name;
  const title = !name || name === 'Object' ? 'struct with fields:' : `${name} with properties:`;
  return { body: propertiesBody(title, x as Record<string, unknown>) };
}
