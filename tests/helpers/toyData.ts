/**
 * A toy two-class image task: 8×8 images, bright on the left half ('left')
 * or on the right half ('right'), with deterministic noise.
 */
import { MArray, categorical } from '../../src/index.ts';

export function toyData(n: number, seed: number): { X: MArray; Y: ReturnType<typeof categorical> } {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const data = new Float32Array(8 * 8 * n);
  const labels: string[] = [];
  for (let i = 0; i < n; i++) {
    const left = i % 2 === 0;
    labels.push(left ? 'left' : 'right');
    for (let col = 0; col < 8; col++) for (let row = 0; row < 8; row++) {
      data[row + 8 * col + 64 * i] = ((col < 4) === left ? 160 : 60) + rand() * 80;
    }
  }
  return { X: MArray.from(data, [8, 8, 1, n], 'single'), Y: categorical(labels) };
}
