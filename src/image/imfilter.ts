/**
 * imfilter(A, h, options...): N-D image filtering with MATLAB's defaults —
 * correlation, zero padding, 'same' size, output in A's class (uint8
 * rounded and saturated) — each plane of A (channels, frames) filtered alone.
 */
import { MArray, allocData, castValue } from '../runtime/marray.ts';
import { matlabError } from '../runtime/errors.ts';
import { matchString } from '../runtime/args.ts';
import { toMArray } from '../runtime/operand.ts';
import { requireArray, shapeOf } from './imageInput.ts';
import { tapIndices, type Boundary } from './padding.ts';

type Option = number | string | MArray;

const OPTIONS = ['same', 'full', 'corr', 'conv', 'replicate', 'symmetric', 'circular'] as const;

interface FilterOptions {
  boundary: Boundary;
  full: boolean;
  conv: boolean;
}

function parseOptions(opts: readonly Option[]): FilterOptions {
  const o: FilterOptions = { boundary: { kind: 'constant', value: 0 }, full: false, conv: false };
  opts.forEach((opt, k) => {
    if (typeof opt === 'number' || (opt instanceof MArray && opt.isScalar())) {
      o.boundary = { kind: 'constant', value: Number(opt instanceof MArray ? opt.data[0] : opt) };
      return;
    }
    if (typeof opt !== 'string') {
      matlabError('images:imfilter:invalidOption', `Input number ${k + 3} to imfilter must be a padding value (numeric scalar) or one of ${OPTIONS.map((s) => `'${s}'`).join(', ')}.`);
    }
    const s = matchString('imfilter', 'option', opt, OPTIONS);
    if (s === 'same' || s === 'full') o.full = s === 'full';
    else if (s === 'corr' || s === 'conv') o.conv = s === 'conv';
    else o.boundary = { kind: s as 'replicate' | 'symmetric' | 'circular' };
  });
  return o;
}

/** h as a column-major 2-D kernel, rotated 180° for convolution. */
function kernelOf(h: MArray, conv: boolean): { k: Float64Array; mh: number; mw: number } {
  if (h.dims.length > 2) {
    matlabError('images:imfilter:filterNot2D', `imfilter supports 2-D filters only; the filter is ${h.dims.join('×')}.`);
  }
  const [mh, mw] = h.dims;
  const k = Float64Array.from(h.data);
  if (conv) k.reverse(); // column-major reversal is a 180° rotation
  return { k, mh, mw };
}

export function imfilter(a: MArray, h: MArray | readonly number[] | number, ...opts: Option[]): MArray {
  a = requireArray('imfilter', a, 1, 'A');
  // toMArray would turn 'abc' into its character codes; MATLAB refuses a char filter.
  if (typeof h === 'string') requireArray('imfilter', h, 2, 'H');
  const hm = toMArray('imfilter', h);
  if (hm.numel === 0) return a.clone(); // MATLAB returns A unchanged for an empty filter
  const o = parseOptions(opts);
  const { k, mh, mw } = kernelOf(hm, o.conv);
  const { h: H, w: W, planes } = shapeOf(a);
  const outH = o.full ? H + mh - 1 : H;
  const outW = o.full ? W + mw - 1 : W;
  // 'same' aligns the kernel's centre floor((m+1)/2) on each pixel; 'full' starts with its last tap.
  const offR = o.full ? mh - 1 : Math.floor((mh + 1) / 2) - 1;
  const offC = o.full ? mw - 1 : Math.floor((mw + 1) / 2) - 1;
  const rows = tapIndices(o.boundary, outH, mh, offR, H);
  const cols = tapIndices(o.boundary, outW, mw, offC, W);
  const pad = o.boundary.kind === 'constant' ? o.boundary.value : 0;
  const taps: number[] = [];
  for (let t = 0; t < k.length; t++) if (k[t] !== 0) taps.push(t);

  const outCls = a.cls;
  const out = allocData(outCls, outH * outW * planes);
  const src = a.data;
  for (let p = 0; p < planes; p++) {
    const base = p * H * W;
    const obase = p * outH * outW;
    for (let j = 0; j < outW; j++) {
      for (let i = 0; i < outH; i++) {
        let acc = 0;
        for (const t of taps) {
          const kr = t % mh;
          const kc = (t - kr) / mh;
          const r = rows[i * mh + kr];
          const c = cols[j * mw + kc];
          acc += k[t] * (r < 0 || c < 0 ? pad : src[base + r + c * H]);
        }
        out[obase + i + j * outH] = castValue(outCls, acc);
      }
    }
  }
  const dims = [outH, outW, ...a.dims.slice(2)];
  return MArray.wrap(out, dims, outCls);
}
