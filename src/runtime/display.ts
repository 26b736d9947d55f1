/**
 * `display({ name: value })`: what MATLAB prints for a statement without a
 * semicolon (`format short`, `format loose`: blank line after `name =` and
 * after the value).
 */
import { writeOut } from './output.ts';
import { renderValue } from './render.ts';

/** The text MATLAB shows for `name = value` without a semicolon. */
export function displayText(name: string, value: unknown): string {
  const r = renderValue(value);
  const header = r.header ? `  ${r.header}\n\n` : '';
  if (r.pages) {
    const intro = header ? `${name} =\n\n${header}` : '';
    return intro + r.pages.map((p) => `${name}${p.suffix} =\n\n${p.body}\n\n`).join('\n');
  }
  return `${name} =\n\n${header}${r.body}\n\n`;
}

/** Print each variable as MATLAB does for `name` typed without a semicolon. */
export function display(vars: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(vars)) writeOut(displayText(name, value));
}
