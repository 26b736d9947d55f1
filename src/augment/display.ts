/** How the augmentation classes' property values look in their display (numbers in format short). */
import { shortScalarText as formatShort } from '../runtime/numdisplay.ts';

/** A property value as MATLAB shows it inside an object display. */
export function valueText(v: unknown): string {
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') return formatShort(v);
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'function') return `@${v.name || 'anonymous'}`;
  if (Array.isArray(v)) return v.length === 1 ? formatShort(v[0] as number) : `[${v.map((x) => formatShort(x as number)).join(' ')}]`;
  return `[1×1 ${(v as object).constructor.name}]`;
}
