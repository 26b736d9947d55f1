/**
 * The engine's hand-written gradients (convolution through forward convs,
 * closed-form batch norm, dense, tiling pools, fused softmax–cross-entropy)
 * against tfjs's own kernels on the cpu backend, on the wasm backend too, and
 * against finite differences.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { tf } from '../src/engine/tf.ts';
import { conv2d, type ConvGeometry } from '../src/engine/convolution.ts';
import { batchNormTrain } from '../src/engine/normalization.ts';
import { dense } from '../src/engine/dense.ts';
import { maxPool, avgPool } from '../src/engine/pooling.ts';
import { softmaxCrossEntropy, crossEntropy, halfMeanSquaredError } from '../src/engine/losses.ts';
import { seeded, maxRelativeDifference, finiteDifferenceError } from './helpers/engine.ts';

/** A dilated filter as a plain one with zeros between the taps (tfjs has no gradient for dilation > 1). */
function dilateFilter(w: tf.Tensor4D, d: [number, number]): tf.Tensor4D {
  if (d[0] === 1 && d[1] === 1) return w;
  const [kh, kw, c, f] = w.shape;
  const spread = tf.pad(tf.reshape(w, [kh, 1, kw, 1, c, f]), [[0, 0], [0, d[0] - 1], [0, 0], [0, d[1] - 1], [0, 0], [0, 0]]);
  const full = tf.reshape(spread, [kh * d[0], kw * d[1], c, f]);
  return tf.slice(full as tf.Tensor4D, [0, 0, 0, 0], [(kh - 1) * d[0] + 1, (kw - 1) * d[1] + 1, c, f]);
}

/** Reference convolution + bias with tfjs's own ops and gradients (cpu backend). */
function referenceConv(x: tf.Tensor4D, w: tf.Tensor4D, bias: tf.Tensor1D, g: ConvGeometry): tf.Tensor4D {
  const [t, b, l, r] = g.padding;
  const xp = tf.pad(x, [[0, 0], [t, b], [l, r], [0, 0]]);
  return tf.add(tf.conv2d(xp, dilateFilter(w, g.dilation), g.stride, 'valid', 'NHWC', 1), bias);
}

type ConvFn = (x: tf.Tensor4D, w: tf.Tensor4D, b: tf.Tensor1D) => tf.Tensor;

/** Gradients of sum(f(x,w,b)·probe) with respect to the three inputs. */
function gradsOf(f: ConvFn, x: tf.Tensor, w: tf.Tensor, b: tf.Tensor, probe: tf.Tensor): tf.Tensor[] {
  return tf.grads((xi: tf.Tensor, wi: tf.Tensor, bi: tf.Tensor) => tf.sum(tf.mul(f(xi as tf.Tensor4D, wi as tf.Tensor4D, bi as tf.Tensor1D), probe)))([x, w, b]);
}

const geometries: [string, ConvGeometry, number[], number[]][] = [
  ['3×3 pad 1 (course)', { stride: [1, 1], dilation: [1, 1], padding: [1, 1, 1, 1] }, [4, 9, 9, 3], [3, 3, 3, 5]],
  ['5×5 no padding', { stride: [1, 1], dilation: [1, 1], padding: [0, 0, 0, 0] }, [2, 11, 10, 2], [5, 5, 2, 4]],
  ['stride 2, odd size', { stride: [2, 2], dilation: [1, 1], padding: [1, 0, 1, 0] }, [3, 10, 9, 2], [3, 3, 2, 3]],
  ['stride [2 3]', { stride: [2, 3], dilation: [1, 1], padding: [0, 1, 2, 0] }, [2, 11, 13, 3], [3, 2, 3, 2]],
  ['dilation 2', { stride: [1, 1], dilation: [2, 2], padding: [2, 2, 2, 2] }, [2, 9, 9, 2], [3, 3, 2, 3]],
  ['stride 2 and dilation 2', { stride: [2, 2], dilation: [2, 2], padding: [1, 1, 1, 1] }, [2, 12, 11, 2], [3, 3, 2, 2]],
  ['1×1 filter', { stride: [1, 1], dilation: [1, 1], padding: [0, 0, 0, 0] }, [3, 5, 5, 4], [1, 1, 4, 6]],
  ['padding beyond the filter\'s reach', { stride: [1, 1], dilation: [1, 1], padding: [3, 1, 0, 4] }, [2, 6, 7, 2], [3, 3, 2, 3]],
  ['1×1 filter, padding 1', { stride: [2, 2], dilation: [1, 1], padding: [1, 1, 1, 1] }, [2, 6, 6, 3], [1, 1, 3, 2]],
  // kh·kw·C ≤ F: dW as one product of one-hot patches (the first layer of an image network).
  ['few taps (patches dW), 3×3 pad 1', { stride: [1, 1], dilation: [1, 1], padding: [1, 1, 1, 1] }, [3, 8, 7, 1], [3, 3, 1, 10]],
  ['few taps (patches dW), stride 2, uneven padding', { stride: [2, 2], dilation: [1, 1], padding: [1, 0, 2, 1] }, [2, 9, 8, 1], [3, 2, 1, 7]],
  ['few taps (patches dW), dilation 2', { stride: [1, 1], dilation: [2, 2], padding: [2, 2, 2, 2] }, [2, 9, 9, 2], [2, 2, 2, 9]],
];

describe.each(['cpu', 'wasm'])('engine gradients on the %s backend', (backend) => {
  beforeAll(async () => {
    await tf.setBackend(backend);
  });

  it.each(geometries)('convolution %s: value and the three gradients match tfjs (≤1e-4)', async (_name, g, xs, ws) => {
    const x = seeded(xs, 1);
    const w = seeded(ws, 2, 0.5);
    const bias = seeded([ws[3]], 5);
    const y = conv2d(x as tf.Tensor4D, w as tf.Tensor4D, bias as tf.Tensor1D, g);
    const probe = seeded(y.shape, 3);
    const ours = gradsOf((a, b, c) => conv2d(a, b, c, g), x, w, bias, probe);
    // Reference on the cpu backend, which has the real backprop kernels.
    await tf.setBackend('cpu');
    const [xc, wc, bc, pc] = [x, w, bias, probe].map((t) => tf.tensor(t.dataSync(), t.shape));
    const yRef = referenceConv(xc as tf.Tensor4D, wc as tf.Tensor4D, bc as tf.Tensor1D, g);
    const ref = gradsOf((a, b, c) => referenceConv(a, b, c, g), xc, wc, bc, pc);
    const refValues = [yRef, ...ref].map((t) => ({ v: t.dataSync().slice(), s: t.shape }));
    await tf.setBackend(backend);
    const [yR, ...gradsR] = refValues.map((r) => tf.tensor(r.v, r.s));
    expect(y.shape).toEqual(yR.shape);
    expect(maxRelativeDifference(y, yR)).toBeLessThan(1e-4);
    gradsR.forEach((gr, i) => expect(maxRelativeDifference(ours[i], gr), ['dx', 'dW', 'db'][i]).toBeLessThan(1e-4));
  });

  it('convolution without input gradient (first layer) gives the same filter gradient', () => {
    const g: ConvGeometry = { stride: [2, 1], dilation: [1, 1], padding: [1, 1, 1, 1] };
    const x = seeded([3, 8, 7, 2], 41) as tf.Tensor4D;
    const w = seeded([3, 3, 2, 4], 42, 0.5);
    const b = seeded([4], 44) as tf.Tensor1D;
    const probe = seeded(conv2d(x, w as tf.Tensor4D, b, g).shape, 43);
    const grads = (inputGradient: boolean) => tf.grads((wi: tf.Tensor, bi: tf.Tensor) => tf.sum(tf.mul(conv2d(x, wi as tf.Tensor4D, bi as tf.Tensor1D, g, inputGradient), probe)))([w, b]);
    const [without, full] = [grads(false), grads(true)];
    expect(maxRelativeDifference(without[0], full[0])).toBeLessThan(1e-6);
    expect(maxRelativeDifference(without[1], full[1])).toBeLessThan(1e-6);
  });

  it('batch normalisation: closed-form gradient matches autodiff of the textbook formula', () => {
    const x = seeded([4, 5, 6, 3], 4, 2) as tf.Tensor4D;
    const gamma = seeded([3], 5) as tf.Tensor1D;
    const beta = seeded([3], 6) as tf.Tensor1D;
    const probe = seeded([4, 5, 6, 3], 7);
    const eps = 1e-5;
    const textbook = (a: tf.Tensor, gm: tf.Tensor, bt: tf.Tensor) => {
      const { mean, variance } = tf.moments(a, [0, 1, 2]);
      return tf.add(tf.mul(tf.div(tf.sub(a, mean), tf.sqrt(tf.add(variance, eps))), gm), bt);
    };
    const loss = (f: (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.Tensor) => (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(f(a, g, b), probe));
    const ours = tf.grads(loss((a, g, b) => batchNormTrain(a as tf.Tensor4D, g as tf.Tensor1D, b as tf.Tensor1D, eps)))([x, gamma, beta]);
    const ref = tf.grads(loss(textbook))([x, gamma, beta]);
    expect(maxRelativeDifference(batchNormTrain(x, gamma, beta, eps), textbook(x, gamma, beta))).toBeLessThan(1e-4);
    ours.forEach((g, i) => expect(maxRelativeDifference(g, ref[i])).toBeLessThan(1e-4));
  });

  it('batch normalisation reports the biased batch statistics', () => {
    const x = seeded([3, 2, 2, 2], 8, 3) as tf.Tensor4D;
    let stats: { mean: tf.Tensor; variance: tf.Tensor } | null = null;
    batchNormTrain(x, tf.ones([2]) as tf.Tensor1D, tf.zeros([2]) as tf.Tensor1D, 1e-5, (s) => { stats = s; });
    const { mean, variance } = tf.moments(x, [0, 1, 2]);
    expect(maxRelativeDifference(stats!.mean, mean)).toBeLessThan(1e-5);
    expect(maxRelativeDifference(stats!.variance, variance)).toBeLessThan(1e-4);
  });

  it('dense: gradients match autodiff of matMul + bias (weights K×D, as MATLAB stores them)', () => {
    const x = seeded([6, 7], 9) as tf.Tensor2D;
    const w = seeded([4, 7], 10) as tf.Tensor2D;
    const b = seeded([4], 11) as tf.Tensor1D;
    const probe = seeded([6, 4], 12);
    const f = (g: (a: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => tf.Tensor) => (a: tf.Tensor, c: tf.Tensor, d: tf.Tensor) => tf.sum(tf.mul(g(a, c, d), probe));
    const ours = tf.grads(f((a, c, d) => dense(a as tf.Tensor2D, c as tf.Tensor2D, d as tf.Tensor1D)))([x, w, b]);
    const ref = tf.grads(f((a, c, d) => tf.add(tf.matMul(a as tf.Tensor2D, tf.transpose(c as tf.Tensor2D)), d)))([x, w, b]);
    ours.forEach((g, i) => expect(maxRelativeDifference(g, ref[i])).toBeLessThan(1e-4));
  });

  it.each([
    ['2×2 stride 2 (tiling)', [2, 2], [2, 2], [0, 0, 0, 0], [2, 8, 8, 3]],
    ['3×3 stride 3, cropped edge (tiling)', [3, 3], [3, 3], [0, 0, 0, 0], [2, 10, 11, 2]],
    ['2×3 stride [2 3] (tiling)', [2, 3], [2, 3], [0, 0, 0, 0], [1, 6, 9, 2]],
    ['3×3 stride 2, overlapping', [3, 3], [2, 2], [0, 0, 0, 0], [2, 9, 9, 3]],
    ['3×3 stride 1, padding 1', [3, 3], [1, 1], [1, 1, 1, 1], [1, 6, 7, 2]],
    ['2×2 stride 1', [2, 2], [1, 1], [0, 0, 0, 0], [2, 5, 5, 2]],
  ] as [string, [number, number], [number, number], [number, number, number, number], number[]][])('pools %s: max and average match tfjs cpu kernels, with and without ties', async (_n, pool, stride, padding, shape) => {
    const g = { pool, stride, padding };
    const [t, b, l, r] = padding;
    const refMax = (a: tf.Tensor) => tf.maxPool(tf.pad(a as tf.Tensor4D, [[0, 0], [t, b], [l, r], [0, 0]], -1e9), pool, stride, 'valid');
    const refAvg = (a: tf.Tensor) => tf.avgPool(tf.pad(a as tf.Tensor4D, [[0, 0], [t, b], [l, r], [0, 0]]), pool, stride, 'valid');
    for (const [ours, ref] of [
      [(a: tf.Tensor) => maxPool(a as tf.Tensor4D, g), refMax],
      [(a: tf.Tensor) => avgPool(a as tf.Tensor4D, g), refAvg],
    ] as const) for (const x of [seeded(shape, 13), tf.round(seeded(shape, 13, 2))]) {
      // Rounded values tie within windows: the gradient goes to the window's first max only, as tfjs's MaxPoolGrad (and PyTorch) send it.
      const y = ours(x);
      const probe = seeded(y.shape, 14);
      const gOurs = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(ours(a), probe)))(x);
      await tf.setBackend('cpu');
      const [xc, pc] = [x, probe].map((v) => tf.tensor(v.dataSync(), v.shape));
      const yRef = ref(xc);
      const gRef = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(ref(a), pc)))(xc);
      const [yv, gv] = [yRef, gRef].map((v) => ({ v: v.dataSync().slice(), s: v.shape }));
      await tf.setBackend(backend);
      expect(maxRelativeDifference(y, tf.tensor(yv.v, yv.s))).toBeLessThan(1e-6);
      expect(maxRelativeDifference(gOurs, tf.tensor(gv.v, gv.s))).toBeLessThan(1e-5);
    }
  });

  it('fused softmax–cross-entropy: value and gradient match log-softmax autodiff', () => {
    const z = seeded([5, 4], 15, 3) as tf.Tensor2D;
    const t = tf.oneHot(tf.tensor1d([0, 3, 1, 1, 2], 'int32'), 4).toFloat() as tf.Tensor2D;
    const ref = (a: tf.Tensor) => tf.div(tf.neg(tf.sum(tf.mul(t, tf.logSoftmax(a)))), 5) as tf.Scalar;
    expect(Math.abs(softmaxCrossEntropy(z, t).dataSync()[0] - ref(z).dataSync()[0])).toBeLessThan(1e-5);
    expect(maxRelativeDifference(tf.grad((a: tf.Tensor) => softmaxCrossEntropy(a as tf.Tensor2D, t))(z), tf.grad(ref)(z))).toBeLessThan(1e-4);
  });
});

describe('finite differences (cpu backend)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  const probeLoss = (f: (...xs: tf.Tensor[]) => tf.Tensor, probe: tf.Tensor) => (...xs: tf.Tensor[]) => tf.sum(tf.mul(f(...xs), probe)) as tf.Scalar;

  it('convolution: dx, dW and db', () => {
    const g: ConvGeometry = { stride: [2, 1], dilation: [1, 1], padding: [1, 1, 0, 1] };
    const x = seeded([2, 6, 5, 2], 21);
    const w = seeded([3, 2, 2, 3], 22, 0.5);
    const bias = seeded([3], 20);
    const probe = seeded(conv2d(x as tf.Tensor4D, w as tf.Tensor4D, bias as tf.Tensor1D, g).shape, 23);
    const f = probeLoss((a, b, c) => conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c as tf.Tensor1D, g), probe);
    expect(finiteDifferenceError(f, [x, w, bias], 0, [0, 7, 33, 59])).toBeLessThan(1e-2);
    expect(finiteDifferenceError(f, [x, w, bias], 1, [0, 5, 17, 35])).toBeLessThan(1e-2);
    expect(finiteDifferenceError(f, [x, w, bias], 2, [0, 1, 2])).toBeLessThan(1e-2);
  });

  it('batch normalisation: dx, dScale, dOffset', () => {
    const x = seeded([3, 3, 2, 2], 24, 2);
    const gamma = seeded([2], 25);
    const beta = seeded([2], 26);
    const probe = seeded([3, 3, 2, 2], 27);
    const f = probeLoss((a, g, b) => batchNormTrain(a as tf.Tensor4D, g as tf.Tensor1D, b as tf.Tensor1D, 1e-5), probe);
    expect(finiteDifferenceError(f, [x, gamma, beta], 0, [0, 5, 19, 30], 1e-2)).toBeLessThan(2e-2);
    expect(finiteDifferenceError(f, [x, gamma, beta], 1, [0, 1])).toBeLessThan(1e-2);
    expect(finiteDifferenceError(f, [x, gamma, beta], 2, [0, 1])).toBeLessThan(1e-2);
  });

  it('fully connected: dx, dW, db', () => {
    const x = seeded([3, 5], 28);
    const w = seeded([4, 5], 29);
    const b = seeded([4], 30);
    const probe = seeded([3, 4], 31);
    const f = probeLoss((a, c, d) => dense(a as tf.Tensor2D, c as tf.Tensor2D, d as tf.Tensor1D), probe);
    for (const k of [0, 1, 2]) expect(finiteDifferenceError(f, [x, w, b], k, [0, 3])).toBeLessThan(1e-2);
  });

  it('losses: softmax–cross-entropy, cross-entropy on probabilities, half mean squared error', () => {
    const z = seeded([4, 3], 32, 2);
    const t = tf.tensor2d([[1, 0, 0], [0, 0, 1], [0, 1, 0], [0, 0, 1]]);
    expect(finiteDifferenceError((a) => softmaxCrossEntropy(a as tf.Tensor2D, t), [z], 0, [0, 4, 7, 11])).toBeLessThan(1e-2);
    const p = tf.softmax(z);
    expect(finiteDifferenceError((a) => crossEntropy(a as tf.Tensor2D, t), [p], 0, [0, 5, 10], 1e-3)).toBeLessThan(1e-2);
    const y = seeded([4, 2], 33);
    const r = seeded([4, 2], 34);
    expect(finiteDifferenceError((a) => halfMeanSquaredError(a, r), [y], 0, [0, 3, 7])).toBeLessThan(1e-2);
    // Hand value: Σ½(y−t)²/N.
    const yv = y.dataSync();
    const rv = r.dataSync();
    let s = 0;
    for (let i = 0; i < 8; i++) s += 0.5 * (yv[i] - rv[i]) ** 2;
    expect(halfMeanSquaredError(y, r).dataSync()[0]).toBeCloseTo(s / 4, 5);
  });
});
