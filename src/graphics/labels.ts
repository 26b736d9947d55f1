/** title, xlabel, ylabel: text of the current (or given) axes. */
import { matlabError } from '../runtime/errors.ts';
import { Axes } from './figureModel.ts';
import { gca } from './registry.ts';

/** One line, or several (MATLAB's cell of lines). */
export type Label = string | readonly string[];
type Field = 'title' | 'xlabel' | 'ylabel';

function setLabel(field: Field, a: Axes | Label, b?: Label): Axes {
  const ax = a instanceof Axes ? a : gca();
  const t = a instanceof Axes ? b : a;
  let s: string;
  if (typeof t === 'string') s = t;
  else if (Array.isArray(t) && t.every((x) => typeof x === 'string')) s = t.join('\n');
  else return matlabError(`MATLAB:${field}:InvalidText`, `${field}: the text must be a character vector, string scalar or cell array of character vectors.`);
  ax[field] = s;
  ax.touch();
  return ax;
}

export function title(text: Label): Axes;
export function title(ax: Axes, text: Label): Axes;
export function title(a: Axes | Label, b?: Label): Axes {
  return setLabel('title', a, b);
}

export function xlabel(text: Label): Axes;
export function xlabel(ax: Axes, text: Label): Axes;
export function xlabel(a: Axes | Label, b?: Label): Axes {
  return setLabel('xlabel', a, b);
}

export function ylabel(text: Label): Axes;
export function ylabel(ax: Axes, text: Label): Axes;
export function ylabel(a: Axes | Label, b?: Label): Axes {
  return setLabel('ylabel', a, b);
}
