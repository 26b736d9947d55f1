/**
 * Float64 forward passes for encode/decode/predict on trained weights (small
 * enough for plain loops; training itself runs on the engine).
 */
import type { TransferName } from './transfer.ts';

const transfer: Record<TransferName, (z: number) => number> = {
  logsig: (z) => 1 / (1 + Math.exp(-z)),
  satlin: (z) => Math.min(1, Math.max(0, z)),
  purelin: (z) => z,
};

/** f(W·X + b) with W rows×inner and X inner×cols, column-major. */
export function layer(W: ArrayLike<number>, b: ArrayLike<number>, x: ArrayLike<number>, rows: number, inner: number, cols: number, f: TransferName): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) {
    const o = j * rows;
    for (let i = 0; i < rows; i++) out[o + i] = b[i];
    for (let k = 0; k < inner; k++) {
      const xv = x[j * inner + k];
      if (xv === 0) continue;
      const wo = k * rows;
      for (let i = 0; i < rows; i++) out[o + i] += W[wo + i] * xv;
    }
    for (let i = 0; i < rows; i++) out[o + i] = transfer[f](out[o + i]);
  }
  return out;
}
