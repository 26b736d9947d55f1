/**
 * How MATLAB prints an ImageDatastore (`imds` without a semicolon): a
 * property list with long Files/Labels lists abbreviated to three entries.
 */
import type { Categorical } from '../runtime/categorical.ts';

export interface DisplayedDatastore {
  Files: readonly string[];
  Folders: readonly string[];
  Labels: Categorical;
  ReadSize: number;
  ReadFcn: Function;
}

const SHOWN = 3;
const NAME_WIDTH = 28;

function row(name: string, value: string): string {
  return `${name.padStart(NAME_WIDTH)}: ${value}`;
}

function cellBlock(name: string, items: readonly string[]): string[] {
  if (items.length === 0) return [row(name, '{}')];
  const pad = ' '.repeat(NAME_WIDTH + 2);
  const shown = items.slice(0, SHOWN).map((f, i, a) => `${pad} '${f}'${i < a.length - 1 ? ';' : ''}`);
  if (items.length > SHOWN) shown.push(`${pad}  ... and ${items.length - SHOWN} more`);
  return [row(name, '{'), ...shown, `${pad}}`];
}

function labelsText(labels: Categorical): string {
  if (labels.numel === 0) return '{}';
  const names = labels.toStrings();
  const head = names.slice(0, SHOWN).join('; ');
  const more = names.length > SHOWN ? ` ... and ${names.length - SHOWN} more` : '';
  return `[${head}${more} categorical]`;
}

/** Body shown after `name =`. */
export function formatImageDatastore(ds: DisplayedDatastore): string {
  // MATLAB names its default reader readDatastoreImage; arrow functions have no name to show.
  const fcn = ds.ReadFcn.name === 'imread' ? 'readDatastoreImage' : ds.ReadFcn.name || '(filename) <anonymous function>';
  return [
    '  ImageDatastore with properties:',
    '',
    ...cellBlock('Files', ds.Files),
    ...cellBlock('Folders', ds.Folders),
    row('Labels', labelsText(ds.Labels)),
    row('AlternateFileSystemRoots', '{}'),
    row('ReadSize', String(ds.ReadSize)),
    row('ReadFcn', `@${fcn}`),
    '',
  ].join('\n');
}
