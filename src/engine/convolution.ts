/**
 * 2-D convolution whose backward pass runs on forward convolutions only.
 *
 * Why: the wasm backend has no Conv2DBackpropFilter kernel and its
 * Conv2DBackpropInput is a naive loop, while its forward Conv2D goes through
 * XNNPACK. Both gradients are rewritten as forward convolutions:
 *   dx = full correlation of the zero-upsampled dy with the rotated, transposed filter;
 *   dW = correlation of the transposed input with the transposed dy (dilation = stride).
 */
import { tf } from './tf.ts';
import { differentiable } from './differentiable.ts';
import { channelSum } from './channelMean.ts';

export interface ConvGeometry {
  stride: [number, number];
  dilation: [number, number];
  /** [top, bottom, left, right] */
  padding: [number, number, number, number];
}

type T4 = tf.Tensor4D;

/**
 * Valid convolution plus bias of an already padded input, bias fused into the
 * kernel. tfjs refuses stride>1 together with dilation>1, so that case
 * subsamples a stride-1 result.
 */
function convValid(xp: T4, w: T4, b: tf.Tensor1D, stride: [number, number], dilation: [number, number]): T4 {
  const stridesAreOne = stride[0] === 1 && stride[1] === 1;
  const dilationsAreOne = dilation[0] === 1 && dilation[1] === 1;
  if (stridesAreOne || dilationsAreOne) return tf.fused.conv2d({ x: xp, filter: w, bias: b, strides: stride, pad: 'valid', dilations: dilation });
  const full = tf.fused.conv2d({ x: xp, filter: w, bias: b, strides: 1, pad: 'valid', dilations: dilation });
  const [n, h, wd, c] = full.shape;
  return tf.stridedSlice(full, [0, 0, 0, 0], [n, h, wd, c], [1, stride[0], stride[1], 1]) as T4;
}

/** Insert (s−1) zeros between the rows/columns of dy: [N,Ho,Wo,F] → [N,(Ho−1)sh+1,(Wo−1)sw+1,F]. */
export function zeroUpsample(dy: T4, sh: number, sw: number): T4 {
  if (sh === 1 && sw === 1) return dy;
  const [n, ho, wo, f] = dy.shape;
  const spread = tf.pad(dy.reshape([n, ho, 1, wo, 1, f]), [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]]);
  return tf.slice(spread.reshape([n, ho * sh, wo * sw, f]) as T4, [0, 0, 0, 0], [n, (ho - 1) * sh + 1, (wo - 1) * sw + 1, f]);
}

/** Gradient with respect to the padded input. */
function inputGradient(dy: T4, w: T4, paddedShape: number[], stride: [number, number], dilation: [number, number]): T4 {
  const [kh, kw] = w.shape;
  const [, hp, wp] = paddedShape;
  const up = zeroUpsample(dy, stride[0], stride[1]);
  const eh = dilation[0] * (kh - 1);
  const ew = dilation[1] * (kw - 1);
  // Rows/columns of the padded input that no output window reached get zero gradient.
  const restH = hp - (up.shape[1] + eh);
  const restW = wp - (up.shape[2] + ew);
  const padded = tf.pad(up, [[0, 0], [eh, eh + restH], [ew, ew + restW], [0, 0]]);
  const rotated = tf.transpose(tf.reverse(w, [0, 1]), [0, 1, 3, 2]) as T4;
  return tf.conv2d(padded, rotated, 1, 'valid', 'NHWC', dilation);
}

/** Gradient with respect to the filter, [kh,kw,C,F]. */
function filterGradient(xp: T4, dy: T4, kernel: [number, number], stride: [number, number], dilation: [number, number]): T4 {
  const [kh, kw] = kernel;
  const [n, , , c] = xp.shape;
  const f = dy.shape[3];
  const strideIsOne = stride[0] === 1 && stride[1] === 1;
  const dilationIsOne = dilation[0] === 1 && dilation[1] === 1;
  if (strideIsOne || dilationIsOne) {
    const xt = tf.transpose(xp, [3, 1, 2, 0]) as T4; // [C,Hp,Wp,N]
    const dyt = tf.transpose(dy, [1, 2, 0, 3]) as T4; // [Ho,Wo,N,F]
    const r = tf.conv2d(xt, dyt, dilation, 'valid', 'NHWC', stride); // [C,kh',kw',F], kh' ≥ kh
    const cropped = tf.slice(r, [0, 0, 0, 0], [c, kh, kw, f]);
    return tf.transpose(cropped, [1, 2, 0, 3]) as T4;
  }
  // Stride and dilation both > 1: one matrix product per filter tap.
  const [ho, wo] = [dy.shape[1], dy.shape[2]];
  const dy2 = dy.reshape([n * ho * wo, f]);
  const taps: tf.Tensor2D[] = [];
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const begin = [0, i * dilation[0], j * dilation[1], 0];
      const end = [n, i * dilation[0] + (ho - 1) * stride[0] + 1, j * dilation[1] + (wo - 1) * stride[1] + 1, c];
      const patch = tf.stridedSlice(xp, begin, end, [1, stride[0], stride[1], 1]).reshape([n * ho * wo, c]);
      taps.push(tf.matMul(tf.transpose(patch), dy2));
    }
  }
  return tf.stack(taps).reshape([kh, kw, c, f]) as T4;
}

type ConvOp = (xp: T4, w: T4, b: tf.Tensor1D) => T4;
const kernels = new Map<string, ConvOp>();

/** The differentiable valid convolution + bias for one stride/dilation (memoised: customGrad closures are reused). */
function convKernel(stride: [number, number], dilation: [number, number]): ConvOp {
  const key = `${stride}|${dilation}`;
  let k = kernels.get(key);
  if (!k) {
    k = differentiable((xp: tf.Tensor, w: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => {
      save([xp, w]);
      return {
        value: convValid(xp as T4, w as T4, b as tf.Tensor1D, stride, dilation),
        gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
          const [sx, sw] = saved as [T4, T4];
          const g = dy as T4;
          return [
            inputGradient(g, sw, sx.shape, stride, dilation),
            filterGradient(sx, g, [sw.shape[0], sw.shape[1]], stride, dilation),
            channelSum(g),
          ];
        },
      };
    }) as unknown as ConvOp;
    kernels.set(key, k);
  }
  return k;
}

/** Differentiable in the filter and bias only, for an input that needs no gradient (the network's first layer): saves the dx convolution. */
function convFilterOnly(xp: T4, w: T4, b: tf.Tensor1D, stride: [number, number], dilation: [number, number]): T4 {
  const op = differentiable((wi: tf.Tensor, bi: tf.Tensor, save: tf.GradSaveFunc) => {
    // The input is saved too: tensors of the forward pass not saved are gone by backprop time.
    save([wi, xp]);
    return {
      value: convValid(xp, wi as T4, bi as tf.Tensor1D, stride, dilation),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [sw, sx] = saved as [T4, T4];
        const g = dy as T4;
        return [filterGradient(sx, g, [sw.shape[0], sw.shape[1]], stride, dilation), channelSum(g)];
      },
    };
  }) as unknown as (w: T4, b: tf.Tensor1D) => T4;
  return op(w, b);
}

/**
 * Convolution (correlation, as MATLAB and every framework compute it) plus a
 * per-filter bias, with explicit padding, stride and dilation.
 * `inputGradient` false skips dx when nothing upstream learns.
 */
export function conv2d(x: T4, w: T4, bias: tf.Tensor1D | null, g: ConvGeometry, inputGradient = true): T4 {
  const [t, b, l, r] = g.padding;
  const xp = t || b || l || r ? tf.pad(x, [[0, 0], [t, b], [l, r], [0, 0]]) : x;
  const bb = bias ?? tf.zeros([w.shape[3]]) as tf.Tensor1D;
  return inputGradient ? convKernel(g.stride, g.dilation)(xp, w, bb) : convFilterOnly(xp, w, bb, g.stride, g.dilation);
}

/** Output spatial size of a convolution or pooling window. */
export function windowOutputSize(input: number, window: number, stride: number, dilation: number, padBefore: number, padAfter: number): number {
  return Math.floor((input + padBefore + padAfter - dilation * (window - 1) - 1) / stride) + 1;
}
