/** xlim, ylim, grid: settings of the current (or given) axes. */
import { matlabError } from '../runtime/errors.ts';
import { matchString } from '../runtime/args.ts';
import { numbersOf } from '../image/imageInput.ts';
import { Axes } from './figureModel.ts';
import { gca } from './registry.ts';

type Limits = readonly number[] | string;

function setLimits(fn: 'xlim' | 'ylim', a: Axes | Limits, b?: Limits): Axes {
  const ax = a instanceof Axes ? a : gca();
  const v = a instanceof Axes ? b : a;
  if (typeof v === 'string') {
    matchString(fn, 'mode', v, ['auto']);
    ax[fn] = null;
  } else {
    const l = numbersOf(fn, v, 1, 'limits');
    if (l.length !== 2 || !(l[1] > l[0])) matlabError(`MATLAB:${fn}:InvalidLimits`, `${fn}: limits must be a 1×2 vector of increasing values.`);
    ax[fn] = [l[0], l[1]];
  }
  ax.touch();
  return ax;
}

export function xlim(limits: Limits): Axes;
export function xlim(ax: Axes, limits: Limits): Axes;
export function xlim(a: Axes | Limits, b?: Limits): Axes {
  return setLimits('xlim', a, b);
}

export function ylim(limits: Limits): Axes;
export function ylim(ax: Axes, limits: Limits): Axes;
export function ylim(a: Axes | Limits, b?: Limits): Axes {
  return setLimits('ylim', a, b);
}

/** grid on / grid off. */
export function grid(state: 'on' | 'off' = 'on'): Axes {
  const ax = gca();
  ax.grid = matchString('grid', 'option', state, ['on', 'off']) === 'on';
  ax.touch();
  return ax;
}
