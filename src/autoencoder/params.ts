/**
 * The autoencoder's parameters as one flat vector (what the optimiser moves):
 * [W1 (hidden×input), b1, W2 (input×hidden), b2], each column-major.
 */
export interface Shapes {
  input: number;
  hidden: number;
}

export interface ParamViews {
  W1: Float64Array;
  b1: Float64Array;
  W2: Float64Array;
  b2: Float64Array;
}

export function paramCount({ input, hidden }: Shapes): number {
  return 2 * input * hidden + hidden + input;
}

/** Views into `w` (no copies): writing a view writes the vector. */
export function views(w: Float64Array, { input, hidden }: Shapes): ParamViews {
  const n = input * hidden;
  return {
    W1: w.subarray(0, n),
    b1: w.subarray(n, n + hidden),
    W2: w.subarray(n + hidden, 2 * n + hidden),
    b2: w.subarray(2 * n + hidden, 2 * n + hidden + input),
  };
}

/** Offsets of the weights (not biases), which the L2 term penalises. */
export function isWeight(k: number, { input, hidden }: Shapes): boolean {
  const n = input * hidden;
  return k < n || (k >= n + hidden && k < 2 * n + hidden);
}

/**
 * Random start: weights uniform in ±sqrt(6/(fanIn+fanOut+1)) (the usual
 * sparse-autoencoder initialisation; MATLAB's exact one is not documented),
 * biases zero. Drawn from the global stream so `rng` reproduces a run.
 */
export function initialParams(shapes: Shapes, uniform: () => number): Float64Array {
  const w = new Float64Array(paramCount(shapes));
  const r = Math.sqrt(6 / (shapes.input + shapes.hidden + 1));
  const { W1, W2 } = views(w, shapes);
  for (const m of [W1, W2]) for (let k = 0; k < m.length; k++) m[k] = (2 * uniform() - 1) * r;
  return w;
}
