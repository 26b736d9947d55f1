/**
 * The XNNPACK forms that replace slow wasm kernels in the training step give
 * the very numbers of the forms they replace: channelAffine (1×1 depthwise
 * convolution) against tf.mul then tf.add by [C] vectors, and the max-pool
 * mask (arithmetic and step) against tf.equal, with ties and differences down
 * to the smallest subnormal. And the wasm Identity (tf.clone) that shares
 * its data instead of copying it.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { tf, useExecutionEnvironment } from '../src/engine/tf.ts';
import { channelAffine } from '../src/engine/channelAffine.ts';
import { maxMask } from '../src/engine/pooling.ts';
import { seeded } from './helpers/engine.ts';

const bits = (t: tf.Tensor): Uint32Array => new Uint32Array(Float32Array.from(t.dataSync()).buffer);
/** Same bits, except that −0 and +0 count as equal. */
function expectSameNumbers(a: tf.Tensor, b: tf.Tensor): void {
  expect(a.shape).toEqual(b.shape);
  const x = bits(a), y = bits(b);
  let differ = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i] && !((x[i] | y[i]) === 0x80000000 && (x[i] & y[i]) === 0)) differ++;
  expect(differ).toBe(0);
}

describe.each(['wasm', 'cpu'])('on the %s backend', (backend) => {
  beforeAll(async () => {
    await useExecutionEnvironment('auto');
    await tf.setBackend(backend);
  });

  it('channelAffine equals tf.add(tf.mul(x, scale), shift) bit for bit', () => {
    for (const [n, h, w, c] of [[4, 7, 5, 3], [16, 28, 28, 16], [2, 1, 1, 10]]) {
      tf.tidy(() => {
        const x = seeded([n, h, w, c], n + c, 50) as tf.Tensor4D;
        const scale = seeded([c], 3, 4) as tf.Tensor1D;
        const shift = seeded([1, 1, c], 5, 9); // any shape holding C values
        expectSameNumbers(channelAffine(x, scale, shift), tf.add(tf.mul(x, scale), shift.reshape([c])));
        expectSameNumbers(channelAffine(x, null, shift), tf.add(x, shift.reshape([c])));
        expectSameNumbers(channelAffine(x, scale, null), tf.mul(x, scale));
      });
    }
  });

  it('maxMask is 1 exactly where x equals the max, down to subnormal differences', () => {
    tf.tidy(() => {
      const m = Float32Array.of(1, 1, 1e-38, 0, 0, 3, -2, 65504, 1e30, 1.5);
      // Equal, one ulp below, a subnormal below, the smallest subnormal below, equal zeros, far below, ...
      const x = Float32Array.of(1, 1 - 2 ** -24, 1e-38 - 1e-44, -(2 ** -149), 0, -1e30, -2, 65504 - 2 ** -13 * 65504, 1e30, 1.5 - 2 ** -23);
      const xt = tf.tensor4d(x, [1, 1, 10, 1]);
      const mt = tf.tensor4d(m, [1, 1, 10, 1]);
      expect(Array.from(maxMask(xt, mt).dataSync())).toEqual([1, 0, 0, 0, 1, 0, 1, 0, 1, 0]);
      const r = seeded([8, 6, 6, 4], 11, 3) as tf.Tensor4D;
      const pooled = tf.image.resizeNearestNeighbor(tf.maxPool(r, 2, 2, 'valid'), [6, 6]);
      expectSameNumbers(maxMask(r, pooled), tf.cast(tf.equal(r, pooled), 'float32'));
    });
  });
});

describe('wasm Identity', () => {
  beforeAll(async () => {
    await useExecutionEnvironment('auto');
    await tf.setBackend('wasm');
  });

  it('a clone shares the data (no new buffer) and keeps it after the original is disposed', () => {
    const start = tf.memory().numDataBuffers;
    const a = tf.tensor2d([[1, -0, 3], [4, 5, 6]]);
    const b = tf.clone(a);
    expect(tf.memory().numDataBuffers).toBe(start + 1);
    a.dispose();
    expect(b.shape).toEqual([2, 3]);
    expect(Array.from(b.dataSync())).toEqual([1, -0, 3, 4, 5, 6]);
    b.dispose();
    expect(tf.memory().numDataBuffers).toBe(start);
  });
});
