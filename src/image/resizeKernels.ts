/**
 * Interpolation kernels of imresize, as MATLAB defines them: each a function
 * of the distance in input pixels and the width of its support.
 */
export interface ResizeKernel {
  f: (x: number) => number;
  width: number;
}

/** Keys' cubic with a = −0.5 (MATLAB's 'bicubic'). */
function cubic(x: number): number {
  const a = Math.abs(x);
  const a2 = a * a;
  const a3 = a2 * a;
  if (a <= 1) return 1.5 * a3 - 2.5 * a2 + 1;
  if (a <= 2) return -0.5 * a3 + 2.5 * a2 - 4 * a + 2;
  return 0;
}

/** Half-open box so that exactly one input pixel feeds each output pixel. */
function box(x: number): number {
  return x >= -0.5 && x < 0.5 ? 1 : 0;
}

function triangle(x: number): number {
  return x >= -1 && x < 0 ? x + 1 : x >= 0 && x <= 1 ? 1 - x : 0;
}

function lanczos(n: number): (x: number) => number {
  // MATLAB adds eps to numerator and denominator so x = 0 gives exactly 1.
  return (x) => (Math.abs(x) < n
    ? (Math.sin(Math.PI * x) * Math.sin((Math.PI * x) / n) + Number.EPSILON) / ((Math.PI * Math.PI * x * x) / n + Number.EPSILON)
    : 0);
}

export const RESIZE_METHODS = ['nearest', 'bilinear', 'bicubic', 'box', 'triangle', 'cubic', 'lanczos2', 'lanczos3'] as const;
export type ResizeMethod = (typeof RESIZE_METHODS)[number];

export const KERNELS: Record<ResizeMethod, ResizeKernel> = {
  nearest: { f: box, width: 1 },
  box: { f: box, width: 1 },
  bilinear: { f: triangle, width: 2 },
  triangle: { f: triangle, width: 2 },
  bicubic: { f: cubic, width: 4 },
  cubic: { f: cubic, width: 4 },
  lanczos2: { f: lanczos(2), width: 4 },
  lanczos3: { f: lanczos(3), width: 6 },
};
