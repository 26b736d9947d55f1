/** MATLAB's `Class with properties:` block from pre-formatted values (numbers in format short). */
import { shortScalarText as formatShort } from '../runtime/numdisplay.ts';

export function propertyBlock(title: string, entries: readonly (readonly [string, string])[]): string {
  const w = Math.max(...entries.map(([n]) => n.length));
  return `  ${title} with properties:\n\n${entries.map(([n, v]) => `    ${n.padStart(w)}: ${v}`).join('\n')}`;
}

/** A property value as MATLAB shows it inside an object display. */
export function valueText(v: unknown): string {
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') return formatShort(v);
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'function') return `@${v.name || 'anonymous'}`;
  if (Array.isArray(v)) return v.length === 1 ? formatShort(v[0] as number) : `[${v.map((x) => formatShort(x as number)).join(' ')}]`;
  return `[1×1 ${(v as object).constructor.name}]`;
}
