/**
 * MATLAB's object display, the one builder every class uses:
 *
 *     `  Class with properties:`, a blank line, then `Name: value` rows,
 *
 * names right-aligned to the longest over all groups, groups apart by a
 * blank line and headed with three spaces (`   Hyperparameters`). Values
 * arrive formatted: each class knows how MATLAB shows its own values.
 */

/** One row: the name and its value text; more lines continue under the value's first column. */
export type PropertyRow = readonly [name: string, value: string | readonly string[]];

export interface PropertyGroup {
  /** Shown above the rows (`State Parameters`); none for the leading `Name` group. */
  readonly heading?: string;
  readonly rows: readonly PropertyRow[];
}

export interface PropertiesDisplayOptions {
  /** The heading line, when it is not `<className> with properties:` (a struct's `struct with fields:`). */
  readonly title?: string;
  /** The least name width: MATLAB aligns on properties it lists that this toolbox does not show (Figure's Position). */
  readonly nameWidth?: number;
  /** A last line after a blank line: `Show all properties`, MATLAB's link when some properties are hidden. */
  readonly link?: string;
  /** End the text with a newline. */
  readonly newline?: boolean;
}

const INDENT = '    ';

function isGroups(content: readonly PropertyRow[] | readonly PropertyGroup[]): content is readonly PropertyGroup[] {
  return content.length > 0 && !Array.isArray(content[0]);
}

export function propertiesDisplay(className: string, content: readonly PropertyRow[] | readonly PropertyGroup[], opts: PropertiesDisplayOptions = {}): string {
  const groups = isGroups(content) ? content.filter((g) => g.rows.length > 0) : [{ rows: content as readonly PropertyRow[] }];
  const width = Math.max(opts.nameWidth ?? 0, ...groups.flatMap((g) => g.rows.map(([n]) => n.length)));
  const continued = ' '.repeat(INDENT.length + width + 2);
  const row = ([name, value]: PropertyRow) => {
    const [first, ...rest] = typeof value === 'string' ? [value] : value;
    return [`${INDENT}${name.padStart(width)}: ${first}`, ...rest.map((l) => continued + l)].join('\n');
  };
  const blocks = groups.map((g) => [...(g.heading ? [`   ${g.heading}`] : []), ...g.rows.map(row)].join('\n'));
  const title = opts.title ?? `${className} with properties:`;
  return `  ${title}\n\n${blocks.join('\n\n')}${opts.link ? `\n\n  ${opts.link}` : ''}${opts.newline ? '\n' : ''}`;
}
