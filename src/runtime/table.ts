/**
 * Table: MATLAB's table of equal-height named variables. Each variable is
 * also a property of the object (`t.Count`), as in MATLAB's dot syntax.
 */
import { matlabError } from './errors.ts';
import { MArray } from './marray.ts';
import { Cell } from './cell.ts';
import { Categorical } from './categorical.ts';

/** What a table variable may hold: one row per element (MArray: per row). */
export type TableColumn = MArray | Categorical | Cell<unknown> | readonly unknown[];
export type TableColumns = Record<string, TableColumn>;

/** Rows of a variable: first dim of an MArray, element count otherwise. */
export function columnHeight(col: TableColumn): number {
  if (col instanceof MArray) return col.dims[0];
  if (col instanceof Categorical) return col.numel;
  return col.length;
}

const RESERVED = new Set(['height', 'width', 'VariableNames', 'columns', 'Properties', 'variable', 'constructor']);

export class Table {
  private readonly vars: Map<string, TableColumn>;

  /** Prefer `table(...)` / `Table.fromColumns(...)`, which type the variables as properties. */
  constructor(columns: TableColumns) {
    this.vars = new Map();
    let h: number | undefined;
    for (const [name, col] of Object.entries(columns)) {
      if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name) || RESERVED.has(name)) {
        matlabError('MATLAB:table:InvalidVarName', `'${name}' is not a valid table variable name.`);
      }
      const rows = columnHeight(col);
      if (h !== undefined && rows !== h) {
        matlabError('MATLAB:table:UnequalVarLengths', 'All table variables must have the same number of rows.');
      }
      h = rows;
      this.vars.set(name, col);
      Object.defineProperty(this, name, { value: col, enumerable: true, writable: false });
    }
  }

  static fromColumns<C extends TableColumns>(columns: C): Table & C {
    return new Table(columns) as Table & C;
  }

  get height(): number {
    const first = this.vars.values().next();
    return first.done ? 0 : columnHeight(first.value);
  }

  get width(): number {
    return this.vars.size;
  }

  get VariableNames(): Cell<string> {
    return Cell.row(this.vars.keys());
  }

  /** MATLAB `t.Properties.VariableNames`. */
  get Properties(): { VariableNames: Cell<string> } {
    return { VariableNames: this.VariableNames };
  }

  /** The variables in order, name → column. */
  columns(): TableColumns {
    return Object.fromEntries(this.vars);
  }

  /** One variable by name (`t.(name)`). */
  variable(name: string): TableColumn {
    const col = this.vars.get(name);
    if (col === undefined) {
      matlabError('MATLAB:table:UnrecognizedVarName', `Unrecognized table variable name '${name}'.`);
    }
    return col;
  }
}

/** MATLAB `table(...)` built from named columns: `table({ Label: cats, Count: counts })`. */
export function table<C extends TableColumns>(columns: C): Table & C {
  return Table.fromColumns(columns);
}
