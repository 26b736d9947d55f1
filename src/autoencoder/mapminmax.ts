/**
 * mapminmax-style row scaling (ScaleData): each input row's [min, max] is
 * mapped linearly to [ymin, ymax]. Constant rows keep their values (gain 1,
 * offset such that y = x), as MATLAB's mapminmax does for a zero range.
 */
export interface MinMaxSettings {
  xmin: Float64Array;
  xmax: Float64Array;
  ymin: number;
  ymax: number;
}

/** Settings from a rows×cols column-major matrix. */
export function minMaxSettings(x: Float64Array, rows: number, cols: number, ymin: number, ymax: number): MinMaxSettings {
  const xmin = new Float64Array(rows).fill(Infinity);
  const xmax = new Float64Array(rows).fill(-Infinity);
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) {
      const v = x[j * rows + i];
      if (v < xmin[i]) xmin[i] = v;
      if (v > xmax[i]) xmax[i] = v;
    }
  }
  return { xmin, xmax, ymin, ymax };
}

/** Per-row gain and offset so that y = (x − xoffset)·gain + ymin. */
function rowMap(s: MinMaxSettings, i: number): [gain: number, xoffset: number] {
  const range = s.xmax[i] - s.xmin[i];
  if (!(range > 0) || !Number.isFinite(range)) return [1, s.ymin];
  return [(s.ymax - s.ymin) / range, s.xmin[i]];
}

export function applyMinMax(s: MinMaxSettings, x: Float64Array, rows: number): Float64Array {
  const y = new Float64Array(x.length);
  for (let i = 0; i < rows; i++) {
    const [gain, off] = rowMap(s, i);
    for (let k = i; k < x.length; k += rows) y[k] = (x[k] - off) * gain + s.ymin;
  }
  return y;
}

export function reverseMinMax(s: MinMaxSettings, y: Float64Array, rows: number): Float64Array {
  const x = new Float64Array(y.length);
  for (let i = 0; i < rows; i++) {
    const [gain, off] = rowMap(s, i);
    for (let k = i; k < y.length; k += rows) x[k] = (y[k] - s.ymin) / gain + off;
  }
  return x;
}
