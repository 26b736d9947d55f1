/**
 * 2-D convolution whose backward pass runs on forward convolutions only.
 *
 * Why: the wasm backend has no Conv2DBackpropFilter kernel and its
 * Conv2DBackpropInput is a naive loop, while its forward Conv2D goes through
 * XNNPACK. On wasm, dW is a kernel of the engine's own (wasmFilterGradient.ts);
 * elsewhere, and dx everywhere, the gradients are forward convolutions:
 *   dx = full correlation of the zero-upsampled dy with the rotated, transposed filter;
 *   dW = correlation of the transposed input with the transposed dy (dilation = stride).
 * The padding goes to XNNPACK with each convolution (threaded) rather than
 * through PadV2 and Slice (naive copies on one thread), when it fits in the
 * filter's reach; larger paddings pad the input first.
 */
import { tf } from './tf.ts';
import { differentiable } from './differentiable.ts';
import { channelSum } from './channelMean.ts';
import { wasmFilterGradient } from './wasmFilterGradient.ts';

export interface ConvGeometry {
  stride: [number, number];
  dilation: [number, number];
  /** [top, bottom, left, right] */
  padding: [number, number, number, number];
}

type T4 = tf.Tensor4D;
type Padding = [number, number, number, number];
const NO_PADDING: Padding = [0, 0, 0, 0];

/** tfjs's explicit NHWC padding, or 'valid'. */
function explicit([t, b, l, r]: Padding): 'valid' | [[number, number], [number, number], [number, number], [number, number]] {
  return t || b || l || r ? [[0, 0], [t, b], [l, r], [0, 0]] : 'valid';
}

/**
 * Convolution plus bias, the padding and the bias fused into the kernel.
 * tfjs refuses stride>1 together with dilation>1, so that case (always
 * given a padded input) subsamples a stride-1 result.
 */
function convForward(x: T4, w: T4, b: tf.Tensor1D, stride: [number, number], dilation: [number, number], padding: Padding): T4 {
  const stridesAreOne = stride[0] === 1 && stride[1] === 1;
  const dilationsAreOne = dilation[0] === 1 && dilation[1] === 1;
  const pad = explicit(padding);
  if (stridesAreOne || dilationsAreOne) return tf.fused.conv2d({ x, filter: w, bias: b, strides: stride, pad, dilations: dilation });
  const full = tf.fused.conv2d({ x, filter: w, bias: b, strides: 1, pad, dilations: dilation });
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

/**
 * The padding [top, bottom, left, right] of dy's full correlation that gives
 * the gradient of the unpadded input directly, or null when it would be
 * negative (padding beyond the filter's reach).
 */
function inputGradientPadding(inputShape: number[], dyShape: number[], kernel: [number, number], stride: [number, number], dilation: [number, number], padding: Padding): Padding | null {
  const [t, b, l, r] = padding;
  const eh = dilation[0] * (kernel[0] - 1);
  const ew = dilation[1] * (kernel[1] - 1);
  // Rows/columns of the padded input that no output window reached get zero gradient.
  const restH = inputShape[1] + t + b - ((dyShape[1] - 1) * stride[0] + 1 + eh);
  const restW = inputShape[2] + l + r - ((dyShape[2] - 1) * stride[1] + 1 + ew);
  const p: Padding = [eh - t, eh + restH - b, ew - l, ew + restW - r];
  return p.every((v) => v >= 0) ? p : null;
}

/** Gradient with respect to the input (dxPadding from inputGradientPadding). */
function inputGradient(dy: T4, w: T4, dxPadding: Padding, stride: [number, number], dilation: [number, number]): T4 {
  const up = zeroUpsample(dy, stride[0], stride[1]);
  const rotated = tf.transpose(tf.reverse(w, [0, 1]), [0, 1, 3, 2]) as T4;
  return tf.conv2d(up, rotated, 1, explicit(dxPadding), 'NHWC', dilation);
}

/** The one-hot filter [kh,kw,C,kh·kw·C] that copies each window tap of each channel to its own output channel. */
function patchFilter(kh: number, kw: number, c: number): T4 {
  const k = kh * kw * c;
  const values = new Float32Array(k * k);
  for (let tap = 0; tap < k; tap++) values[tap * k + tap] = 1; // [i,j,ch] flattened row-major is the output channel
  return tf.tensor4d(values, [kh, kw, c, k]);
}

/**
 * dW as one matrix product, patchesᵀ·dy ([kh·kw·C, N·Ho·Wo] by [N·Ho·Wo, F]), for filters with few taps
 * (kh·kw·C ≤ F, the first layer of an image network). The patches come from a convolution with a
 * one-hot filter (exact: one product by 1 per output, the rest by 0). The transposed-input convolution
 * would repack all of dy as a filter and run a matrix product only C·kh'·kw' rows tall (9 for a grey
 * image): measured 25% more work for the course CNN's first layer (16 filters), no gain at 8.
 */
function filterGradientByPatches(x: T4, dy: T4, kernel: [number, number], stride: [number, number], dilation: [number, number], padding: Padding): T4 {
  const [kh, kw] = kernel;
  const c = x.shape[3];
  const [n, ho, wo, f] = dy.shape;
  const patches = tf.conv2d(x, patchFilter(kh, kw, c), stride, explicit(padding), 'NHWC', dilation).reshape([n * ho * wo, kh * kw * c]);
  return tf.matMul(tf.transpose(patches), dy.reshape([n * ho * wo, f])).reshape([kh, kw, c, f]) as T4;
}

/** Gradient with respect to the filter, [kh,kw,C,F], of a convolution of x padded by `padding`. */
function filterGradient(x: T4, dy: T4, kernel: [number, number], stride: [number, number], dilation: [number, number], padding: Padding): T4 {
  const [kh, kw] = kernel;
  const [n, , , c] = x.shape;
  const f = dy.shape[3];
  const strideIsOne = stride[0] === 1 && stride[1] === 1;
  const dilationIsOne = dilation[0] === 1 && dilation[1] === 1;
  // On wasm, the engine's own kernel: each XNNPACK formulation below repacks dy, new at every step.
  const direct = wasmFilterGradient(x, dy, { kernel, stride, dilation, padding });
  if (direct) return direct;
  if ((strideIsOne || dilationIsOne) && kh * kw * c <= f) return filterGradientByPatches(x, dy, kernel, stride, dilation, padding);
  if (strideIsOne || dilationIsOne) {
    const xt = tf.transpose(x, [3, 1, 2, 0]) as T4; // [C,H,W,N]
    const dyt = tf.transpose(dy, [1, 2, 0, 3]) as T4; // [Ho,Wo,N,F]
    const r = tf.conv2d(xt, dyt, dilation, explicit(padding), 'NHWC', stride); // [C,kh',kw',F], kh' ≥ kh
    const cropped = tf.slice(r, [0, 0, 0, 0], [c, kh, kw, f]);
    return tf.transpose(cropped, [1, 2, 0, 3]) as T4;
  }
  // Stride and dilation both > 1 (x is then already padded): one matrix product per filter tap.
  const [ho, wo] = [dy.shape[1], dy.shape[2]];
  const dy2 = dy.reshape([n * ho * wo, f]);
  const taps: tf.Tensor2D[] = [];
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const begin = [0, i * dilation[0], j * dilation[1], 0];
      const end = [n, i * dilation[0] + (ho - 1) * stride[0] + 1, j * dilation[1] + (wo - 1) * stride[1] + 1, c];
      const patch = tf.stridedSlice(x, begin, end, [1, stride[0], stride[1], 1]).reshape([n * ho * wo, c]);
      taps.push(tf.matMul(tf.transpose(patch), dy2));
    }
  }
  return tf.stack(taps).reshape([kh, kw, c, f]) as T4;
}

type ConvOp = (x: T4, w: T4, b: tf.Tensor1D) => T4;
const kernels = new Map<string, ConvOp>();

/** The differentiable convolution + bias for one stride/dilation/padding (memoised: customGrad closures are reused). */
function convKernel(stride: [number, number], dilation: [number, number], padding: Padding): ConvOp {
  const key = `${stride}|${dilation}|${padding}`;
  let k = kernels.get(key);
  if (!k) {
    k = differentiable((x: tf.Tensor, w: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => {
      save([x, w]);
      return {
        value: convForward(x as T4, w as T4, b as tf.Tensor1D, stride, dilation, padding),
        gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
          const [sx, sw] = saved as [T4, T4];
          const g = dy as T4;
          const kernel: [number, number] = [sw.shape[0], sw.shape[1]];
          // conv2d() pads the input first whenever this padding would be negative.
          const dxPadding = inputGradientPadding(sx.shape, g.shape, kernel, stride, dilation, padding)!;
          return [
            inputGradient(g, sw, dxPadding, stride, dilation),
            filterGradient(sx, g, kernel, stride, dilation, padding),
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
function convFilterOnly(x: T4, w: T4, b: tf.Tensor1D, stride: [number, number], dilation: [number, number], padding: Padding): T4 {
  const op = differentiable((wi: tf.Tensor, bi: tf.Tensor, save: tf.GradSaveFunc) => {
    // The input is saved too: tensors of the forward pass not saved are gone by backprop time.
    save([wi, x]);
    return {
      value: convForward(x, wi as T4, bi as tf.Tensor1D, stride, dilation, padding),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [sw, sx] = saved as [T4, T4];
        const g = dy as T4;
        return [filterGradient(sx, g, [sw.shape[0], sw.shape[1]], stride, dilation, padding), channelSum(g)];
      },
    };
  }) as unknown as (w: T4, b: tf.Tensor1D) => T4;
  return op(w, b);
}

/** Differentiable in the input only, the filter and bias constants (deep dream's gradients with respect to the image): saves the dW convolution. */
function convInputOnly(x: T4, w: T4, b: tf.Tensor1D, stride: [number, number], dilation: [number, number], padding: Padding): T4 {
  const op = differentiable((xi: tf.Tensor, save: tf.GradSaveFunc) => {
    save([xi, w]);
    return {
      value: convForward(xi as T4, w, b, stride, dilation, padding),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [sx, sw] = saved as [T4, T4];
        const g = dy as T4;
        const dxPadding = inputGradientPadding(sx.shape, g.shape, [sw.shape[0], sw.shape[1]], stride, dilation, padding)!;
        return [inputGradient(g, sw, dxPadding, stride, dilation)];
      },
    };
  }) as unknown as (x: T4) => T4;
  return op(x);
}

/**
 * Convolution (correlation, as MATLAB and every framework compute it) plus a
 * per-filter bias, with explicit padding, stride and dilation.
 * `inputGradient` false skips dx when nothing upstream learns;
 * `parameterGradients` false skips dW and db when the parameters are constants.
 */
export function conv2d(x: T4, w: T4, bias: tf.Tensor1D | null, g: ConvGeometry, inputGradient = true, parameterGradients = true): T4 {
  const bb = bias ?? tf.zeros([w.shape[3]]) as tf.Tensor1D;
  const { stride, dilation, padding } = g;
  const kernel: [number, number] = [w.shape[0], w.shape[1]];
  const [t, b, l, r] = padding;
  const strideAndDilation = stride.some((s) => s > 1) && dilation.some((d) => d > 1);
  // Where the padding cannot be fused (beyond the filter's reach, or the tap-by-tap dW path), pad first.
  const outShape = [x.shape[0], windowOutputSize(x.shape[1], kernel[0], stride[0], dilation[0], t, b), windowOutputSize(x.shape[2], kernel[1], stride[1], dilation[1], l, r)];
  const fused = !strideAndDilation && inputGradientPadding(x.shape, outShape, kernel, stride, dilation, padding) !== null;
  const input = fused || !(t || b || l || r) ? x : tf.pad(x, [[0, 0], [t, b], [l, r], [0, 0]]);
  const p = fused ? padding : NO_PADDING;
  if (!parameterGradients) return convInputOnly(input, w, bb, stride, dilation, p);
  return inputGradient ? convKernel(stride, dilation, p)(input, w, bb) : convFilterOnly(input, w, bb, stride, dilation, p);
}

/** Output spatial size of a convolution or pooling window. */
export function windowOutputSize(input: number, window: number, stride: number, dilation: number, padBefore: number, padAfter: number): number {
  return Math.floor((input + padBefore + padAfter - dilation * (window - 1) - 1) / stride) + 1;
}
