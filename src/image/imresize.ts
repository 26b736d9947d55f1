/**
 * imresize(A, scale | [rows cols], method, Name, Value): MATLAB's separable
 * resampling. Output pixel x maps to input u = x/s + (1 − 1/s)/2; when
 * shrinking, the kernel is stretched by 1/s (antialiasing) except for
 * 'nearest'; taps past the edges mirror back into the image.
 */
import { MArray, allocData, castValue, requireArraySize } from '../runtime/marray.ts';
import { matlabError } from '../runtime/errors.ts';
import { matchString, parseNameValues } from '../runtime/args.ts';
import { numbersOf, requireArray, shapeOf } from './imageInput.ts';
import { KERNELS, RESIZE_METHODS, type ResizeKernel, type ResizeMethod } from './resizeKernels.ts';

type SizeArg = number | readonly number[] | MArray;

interface Weights {
  /** For each output index: input indices (0-based) and their weights. */
  index: Int32Array[];
  weight: Float64Array[];
}

/** Which input pixels feed each output pixel along one dimension, and how much. */
export function contributions(inLen: number, outLen: number, scale: number, k: ResizeKernel, antialias: boolean): Weights {
  const stretch = scale < 1 && antialias;
  const h = stretch ? (x: number) => scale * k.f(scale * x) : k.f;
  const width = stretch ? k.width / scale : k.width;
  const taps = Math.ceil(width) + 2;
  const index: Int32Array[] = [];
  const weight: Float64Array[] = [];
  for (let x = 1; x <= outLen; x++) {
    const u = x / scale + 0.5 * (1 - 1 / scale);
    const left = Math.floor(u - width / 2);
    const idx: number[] = [];
    const w: number[] = [];
    let sum = 0;
    for (let t = 0; t < taps; t++) {
      const j = left + t;
      const v = h(u - j);
      if (v === 0) continue;
      idx.push(mirror(j, inLen));
      w.push(v);
      sum += v;
    }
    index.push(Int32Array.from(idx));
    weight.push(Float64Array.from(w, (v) => v / sum));
  }
  return { index, weight };
}

/** 1-based j reflected into [1, n] (… 2 1 | 1 2 … n | n n−1 …), returned 0-based. */
function mirror(j: number, n: number): number {
  const period = 2 * n;
  const m = (((j - 1) % period) + period) % period;
  return m < n ? m : period - 1 - m;
}

/** Resample dimension `dim` (0 rows, 1 columns) of column-major planes. */
function resizeDim(src: Float64Array, dims: number[], dim: 0 | 1, outLen: number, w: Weights): { data: Float64Array; dims: number[] } {
  const [H, W, planes] = dims;
  const oH = dim === 0 ? outLen : H;
  const oW = dim === 1 ? outLen : W;
  const out = new Float64Array(oH * oW * planes);
  for (let p = 0; p < planes; p++) {
    const ib = p * H * W;
    const ob = p * oH * oW;
    for (let c = 0; c < oW; c++) {
      for (let r = 0; r < oH; r++) {
        const o = dim === 0 ? r : c;
        const idx = w.index[o];
        const wt = w.weight[o];
        let acc = 0;
        for (let t = 0; t < idx.length; t++) {
          const i = dim === 0 ? ib + idx[t] + c * H : ib + r + idx[t] * H;
          acc += wt[t] * src[i];
        }
        out[ob + r + c * oH] = acc;
      }
    }
  }
  return { data: out, dims: [oH, oW, planes] };
}

interface ResizePlan {
  outSize: [number, number];
  scale: [number, number];
  method: ResizeMethod;
  antialias: boolean;
}

function sizeRule(a: MArray, arg: SizeArg | undefined, nv: Map<string, unknown>): Pick<ResizePlan, 'outSize' | 'scale'> {
  const [H, W] = a.dims;
  const scaleArg = nv.has('Scale') ? nv.get('Scale') : undefined;
  const sizeArg = nv.has('OutputSize') ? nv.get('OutputSize') : undefined;
  const given = arg ?? (scaleArg as SizeArg | undefined) ?? (sizeArg as SizeArg | undefined);
  if (given === undefined) {
    matlabError('images:imresize:missingScaleOrSize', 'imresize needs a scale factor or an output size [NUMROWS NUMCOLS].');
  }
  const v = numbersOf('imresize', given, 2, 'SCALE or [NUMROWS NUMCOLS]');
  const isScale = sizeArg === undefined && (scaleArg !== undefined || v.length === 1);
  if (isScale) {
    const s: [number, number] = v.length === 1 ? [v[0], v[0]] : [v[0], v[1]];
    if (v.length > 2 || s.some((x) => !(x > 0) || !Number.isFinite(x))) {
      matlabError('images:imresize:invalidScale', 'SCALE must be a positive finite scalar or a two-element vector of them.');
    }
    return { scale: s, outSize: [Math.ceil(s[0] * H), Math.ceil(s[1] * W)] };
  }
  if (v.length !== 2 || (Number.isNaN(v[0]) && Number.isNaN(v[1])) || v.some((x) => !Number.isNaN(x) && !(x > 0 && Number.isInteger(x)))) {
    matlabError('images:imresize:invalidOutputSize', '[NUMROWS NUMCOLS] must be two positive integers, one of which may be NaN.');
  }
  // NaN keeps the aspect ratio: the other dimension decides the scale.
  const rows = Number.isNaN(v[0]) ? Math.ceil((v[1] * H) / W) : v[0];
  const cols = Number.isNaN(v[1]) ? Math.ceil((v[0] * W) / H) : v[1];
  return { outSize: [rows, cols], scale: [rows / H, cols / W] };
}

function plan(a: MArray, rest: unknown[]): ResizePlan {
  let arg: SizeArg | undefined;
  let args = rest;
  if (args.length > 0 && typeof args[0] !== 'string') {
    arg = args[0] as SizeArg;
    args = args.slice(1);
  }
  let method: ResizeMethod = 'bicubic';
  if (args.length % 2 === 1) {
    method = matchString('imresize', 'METHOD', args[0], RESIZE_METHODS) as ResizeMethod;
    args = args.slice(1);
  }
  const nv = parseNameValues('imresize', args, ['Antialiasing', 'Method', 'OutputSize', 'Scale']);
  if (nv.has('Method')) method = matchString('imresize', 'METHOD', nv.get('Method'), RESIZE_METHODS) as ResizeMethod;
  const aa = nv.get('Antialiasing');
  if (aa !== undefined && typeof aa !== 'boolean' && aa !== 0 && aa !== 1) {
    matlabError('images:imresize:invalidAntialiasing', "'Antialiasing' must be true or false.");
  }
  return { ...sizeRule(a, arg, nv), method, antialias: aa === undefined ? method !== 'nearest' : Boolean(aa) };
}

export function imresize(a: Promise<MArray>, ...rest: unknown[]): Promise<MArray>;
export function imresize(a: MArray, ...rest: unknown[]): MArray;
export function imresize(a: MArray | Promise<MArray>, ...rest: unknown[]): MArray | Promise<MArray> {
  // imread is asynchronous here: the course's ReadFcn @(loc)imresize(imread(loc), inputSize) resizes once it is read.
  if (a instanceof Promise) return a.then((img) => imresize(img, ...rest));
  a = requireArray('imresize', a, 1, 'A');
  const p = plan(a, rest);
  const { h: H, w: W, planes } = shapeOf(a);
  // Check before building the per-pixel weights: an impossible size must not run for minutes first.
  requireArraySize([p.outSize[0], p.outSize[1], ...a.dims.slice(2)], 'double');
  const k = KERNELS[p.method];
  let cur: { data: Float64Array; dims: number[] } = { data: Float64Array.from(a.data), dims: [H, W, planes] };
  // MATLAB resizes along the dimension with the smaller scale first (less work, same result).
  const order: (0 | 1)[] = p.scale[1] < p.scale[0] ? [1, 0] : [0, 1];
  for (const d of order) {
    const inLen = cur.dims[d];
    if (inLen === p.outSize[d] && p.scale[d] === 1) continue;
    cur = resizeDim(cur.data, cur.dims, d, p.outSize[d], contributions(inLen, p.outSize[d], p.scale[d], k, p.antialias));
  }
  const out = allocData(a.cls, cur.data.length);
  // Logical images come back logical: MATLAB thresholds the resampled values at one half.
  for (let i = 0; i < out.length; i++) out[i] = a.cls === 'logical' ? (cur.data[i] > 0.5 ? 1 : 0) : castValue(a.cls, cur.data[i]);
  return MArray.wrap(out, [p.outSize[0], p.outSize[1], ...a.dims.slice(2)], a.cls);
}
