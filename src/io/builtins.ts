/**
 * Registers the runtime's value classes with the save/load registry. Kept apart
 * from the encoder/decoder so they know nothing about any particular class.
 */
import { MArray, type MClass, type MData } from '../runtime/marray.ts';
import { Cell } from '../runtime/cell.ts';
import { Categorical } from '../runtime/categorical.ts';
import { Table, type TableColumns } from '../runtime/table.ts';
import { registerSerializable } from './registry.ts';
import { checkCategoricalState, checkMArrayState, kindOf } from './loadChecks.ts';
import { matlabError } from '../runtime/errors.ts';

// Data stays a typed array, so it is written as a binary blob with exact bits.
registerSerializable(
  'MArray',
  MArray,
  (m) => ({ cls: m.cls, dims: m.dims, data: m.data }),
  (s: { cls: MClass; dims: number[]; data: MData }) => {
    checkMArrayState(s);
    return MArray.wrap(s.data, s.dims, s.cls);
  },
);

registerSerializable(
  'Cell',
  Cell,
  (c) => ({ items: Array.from(c), isRow: c.isRow }),
  (s: { items: unknown[]; isRow: boolean }) => {
    if (!Array.isArray(s?.items)) matlabError('load:invalidData', `a cell array holds ${kindOf(s?.items)} instead of its elements`);
    const c = Cell.from(s.items);
    c.isRow = s.isRow === true;
    return c;
  },
);

registerSerializable(
  'Categorical',
  Categorical,
  (c) => ({ categories: c.categories, codes: c.codes, dims: c.dims }),
  (s: { categories: string[]; codes: Uint32Array; dims: number[] }) => {
    checkCategoricalState(s);
    return new Categorical(s.codes, s.categories, s.dims);
  },
);

registerSerializable(
  'Table',
  Table,
  (t) => ({ columns: t.columns() }),
  (s: { columns: TableColumns }) => new Table(s.columns),
);
