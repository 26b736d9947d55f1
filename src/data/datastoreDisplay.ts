/**
 * How MATLAB prints an ImageDatastore (`imds` without a semicolon): a
 * property list with long Files/Labels lists abbreviated to three entries.
 */
import type { Categorical } from '../runtime/categorical.ts';
import { propertiesDisplay } from '../runtime/propertiesDisplay.ts';

export interface DisplayedDatastore {
  Files: readonly string[];
  Folders: readonly string[];
  Labels: Categorical;
  ReadSize: number;
  ReadFcn: Function;
}

const SHOWN = 3;

/** A cell of file names, one per line under its brace, long lists cut to three. */
function cellLines(items: readonly string[]): string | string[] {
  if (items.length === 0) return '{}';
  const shown = items.slice(0, SHOWN).map((f, i, a) => ` '${f}'${i < a.length - 1 ? ';' : ''}`);
  if (items.length > SHOWN) shown.push(`  ... and ${items.length - SHOWN} more`);
  return ['{', ...shown, '}'];
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
  return propertiesDisplay('ImageDatastore', [
    ['Files', cellLines(ds.Files)],
    ['Folders', cellLines(ds.Folders)],
    ['Labels', labelsText(ds.Labels)],
    ['AlternateFileSystemRoots', '{}'],
    ['ReadSize', String(ds.ReadSize)],
    ['ReadFcn', `@${fcn}`],
  ], { newline: true });
}
