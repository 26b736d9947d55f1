"""PyTorch reference fixtures for the forward and backward passes of issue #7's new layers and PaddingValue options.

Usage: /usr/bin/python3 scripts/make_layer_fixtures.py OUT_DIR
Writes OUT_DIR/<case>.json, one per case, and OUT_DIR/index.json (the case names). Deterministic: the same
seed gives byte-identical files.

Layout of every file
--------------------
  {"name", "layer": MATLAB constructor call, "params": {hyperparameters},
   "inputs":  [{"name": "in1"..., "dims": "NHWC", "shape": [N,H,W,C], "data": [...]}],
   "weights": {"Weights": {...}, "Bias": {...}}            (layers with learnables only)
   "output":  {"dims", "shape", "data"},
   "r":       {"dims", "shape", "data"}                     the fixed random tensor of the loss,
   "grad":    {"inputs": [{"name", "dims", "shape", "data"}], "Weights": {...}, "Bias": {...}},
   "checks":  {independent cross-checks made while writing the file}}
- Every "data" is the tensor's values in row-major (C) order over "shape"; "dims" names the axes.
- Activations are NHWC (N observations, H rows, W columns, C channels), as the toolbox engine holds them.
  A MATLAB H×W×C×N array X maps to NHWC as permute(X, [4 1 2 3]).
- Flatten's output is MATLAB's (H*W*C)×N "CB" array stored as dims "NC", shape [N, H*W*C]: element k of an
  observation is MATLAB's column-major order, h fastest, then w, then c (k = h + H*(w + W*c), 0-based; MathWorks'
  own TensorFlow exporter permutes before flattening "so we get column-major flattening as in MATLAB"). From
  NHWC that is x.transpose(0, 3, 2, 1).reshape(N, -1), not the plain NHWC reshape (which would be c fastest).
- Convolution weights use MATLAB's property sizes: "HWCF" [FilterH, FilterW, NumChannels, NumFilters] for
  convolution2dLayer, "HWCFG" [FilterH, FilterW, NumChannelsPerGroup, NumFiltersPerGroup, NumGroups] for
  groupedConvolution2dLayer (channel-wise: NumChannelsPerGroup 1, NumGroups = C); Bias "11F" / "11FG".
  Group g reads input channels g*Cg .. (g+1)*Cg-1 and writes output channels g*F + f (f < F filters per group).
- Padding is MATLAB's [top bottom left right].
- Inputs, weights and r are float32 values (seeded normal draws rounded to float32); outputs and gradients are
  computed in float64 from them, so they are exact to ~1e-15 and a float32 engine should agree to ~1e-6 relative.
- loss = sum(y .* r) over all elements; "grad" holds d loss / d input (each input of a multi-input layer) and
  d loss / d Weights, d loss / d Bias, in the same layouts as the values.
- crossChannelNormalizationLayer follows MATLAB's documented formula y = x ./ (K + Alpha*ss/WindowChannelSize).^Beta,
  ss the sum of x.^2 over channels c-floor((w-1)/2) .. c+floor(w/2) (zeros beyond the edges). For odd windows this
  is torch.nn.LocalResponseNorm (checked and recorded); for even windows torch puts the extra channel on the other
  side, so the reference is this script's direct implementation, cross-checked by a plain loop.
"""
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
RNG = np.random.default_rng(20240607)


def f32(shape, scale=1.0, offset=0.0):
    """Seeded draws rounded to float32, held as float64."""
    return (RNG.standard_normal(shape) * scale + offset).astype(np.float32).astype(np.float64)


def tensor_json(a, dims):
    a = np.asarray(a, dtype=np.float64)
    return {'dims': dims, 'shape': list(a.shape), 'data': [float(v) for v in a.reshape(-1)]}


def nchw(x_nhwc):
    return torch.tensor(x_nhwc.transpose(0, 3, 1, 2).copy(), requires_grad=True)


def to_nhwc(t):
    return t.detach().numpy().transpose(0, 2, 3, 1)


def run(name, layer, params, inputs, fn, weights=None, out_dims='NHWC', checks=None):
    """inputs: list of NHWC arrays; fn(list of NCHW tensors, weights dict of tensors) -> NCHW (or N×K) tensor."""
    xs = [nchw(x) for x in inputs]
    ws = {k: torch.tensor(v[0], requires_grad=True) for k, v in (weights or {}).items()}
    y = fn(xs, ws)
    y_out = to_nhwc(y) if y.dim() == 4 else y.detach().numpy()
    r = f32(y_out.shape)
    r_t = torch.tensor(r.transpose(0, 3, 1, 2).copy() if y.dim() == 4 else r)
    loss = (y * r_t).sum()
    loss.backward()
    checks = dict(checks or {}, max_rel_err_vs_central_differences=finite_difference_check(fn, xs, ws, r_t))
    assert checks['max_rel_err_vs_central_differences'] < 1e-6, (name, checks)
    doc = {
        'name': name, 'layer': layer, 'params': params,
        'inputs': [dict(name=f'in{i + 1}', **tensor_json(x, 'NHWC')) for i, x in enumerate(inputs)],
        'output': tensor_json(y_out, out_dims),
        'r': tensor_json(r, out_dims),
        'grad': {'inputs': [dict(name=f'in{i + 1}', **tensor_json(to_nhwc(x.grad), 'NHWC')) for i, x in enumerate(xs)]},
        'checks': checks,
    }
    if weights:
        doc['weights'] = {}
        for k, (torch_value, to_matlab, dims) in weights.items():
            doc['weights'][k] = tensor_json(to_matlab(torch_value), dims)
            doc['grad'][k] = tensor_json(to_matlab(ws[k].grad.numpy()), dims)
    return doc


def finite_difference_check(fn, xs, ws, r_t, count=4, h=1e-6):
    """Largest relative error of autograd against central differences on a few entries of every input and
    learnable (float64, so the difference quotient is good to ~1e-9)."""
    worst = 0.0
    picker = np.random.default_rng(7)
    for t in [*xs, *ws.values()]:
        flat = t.detach().reshape(-1)
        for idx in picker.choice(flat.numel(), size=min(count, flat.numel()), replace=False):
            def loss_at(delta):
                with torch.no_grad():
                    t.reshape(-1)[idx] += delta
                    value = float((fn(xs, ws) * r_t).sum())
                    t.reshape(-1)[idx] -= delta
                return value
            numeric = (loss_at(h) - loss_at(-h)) / (2 * h)
            analytic = float(t.grad.reshape(-1)[idx])
            worst = max(worst, abs(numeric - analytic) / max(1.0, abs(analytic)))
    return worst


# --- cross-channel normalization ------------------------------------------------------------------------

def lrn_matlab(x, window, alpha, beta, k):
    """MATLAB's formula on an NCHW tensor (differentiable)."""
    sq = F.pad((x * x).unsqueeze(1), (0, 0, 0, 0, (window - 1) // 2, window // 2)).squeeze(1)
    ss = sum(sq[:, j:j + x.shape[1]] for j in range(window))
    return x / (k + alpha * ss / window) ** beta


def lrn_loop(x_nhwc, window, alpha, beta, k):
    """The same formula, element by element, as the documentation states it."""
    n, h, w, c = x_nhwc.shape
    y = np.empty_like(x_nhwc)
    lo, hi = (window - 1) // 2, window // 2
    for ch in range(c):
        window_ch = range(max(0, ch - lo), min(c - 1, ch + hi) + 1)
        ss = sum(x_nhwc[..., j] ** 2 for j in window_ch)
        y[..., ch] = x_nhwc[..., ch] / (k + alpha * ss / window) ** beta
    return y


def lrn_case(name, window, alpha, beta, k):
    x = f32((2, 3, 4, 7), scale=2.0)
    t = torch.tensor(x.transpose(0, 3, 1, 2).copy())
    mine = to_nhwc(lrn_matlab(t, window, alpha, beta, k))
    checks = {'max_abs_diff_vs_elementwise_loop': float(np.abs(mine - lrn_loop(x, window, alpha, beta, k)).max())}
    torch_lrn = to_nhwc(torch.nn.LocalResponseNorm(window, alpha, beta, k)(t))
    checks['max_abs_diff_vs_torch_LocalResponseNorm'] = float(np.abs(mine - torch_lrn).max())
    checks['torch_LocalResponseNorm_is_matlab_formula'] = bool(checks['max_abs_diff_vs_torch_LocalResponseNorm'] < 1e-12)
    assert checks['max_abs_diff_vs_elementwise_loop'] < 1e-12
    assert checks['torch_LocalResponseNorm_is_matlab_formula'] == (window % 2 == 1)
    return run(name, f"crossChannelNormalizationLayer({window},'Alpha',{alpha},'Beta',{beta},'K',{k})",
               dict(WindowChannelSize=window, Alpha=alpha, Beta=beta, K=k), [x],
               lambda xs, ws: lrn_matlab(xs[0], window, alpha, beta, k), checks=checks)


# --- convolutions ------------------------------------------------------------------------------------------

def conv_case(name, layer, x_shape, f, n_per_group, groups, stride, pad, channel_wise=False, padding_value=0.0):
    """groups: NumGroups (C for channel-wise). Weights drawn in torch layout [G*F, Cg, fh, fw]."""
    n, h, w, c = x_shape
    cg = c // groups
    x = f32(x_shape)
    wt = f32((groups * n_per_group, cg, *f), scale=0.5)
    bt = f32((groups * n_per_group,), scale=0.5)

    def w_to_matlab(v):  # [G*F, Cg, fh, fw] -> [fh, fw, Cg, F, G]
        return v.reshape(groups, n_per_group, cg, *f).transpose(3, 4, 2, 1, 0)

    def b_to_matlab(v):  # [G*F] -> [1, 1, F, G]
        return v.reshape(groups, n_per_group).T.reshape(1, 1, n_per_group, groups)

    def fn(xs, ws):
        t, b, l, r = pad
        xp = F.pad(xs[0], (l, r, t, b), value=padding_value)
        return F.conv2d(xp, ws['Weights'], ws['Bias'], stride=stride, groups=groups)

    weights = {'Weights': (wt, w_to_matlab, 'HWCFG'), 'Bias': (bt, b_to_matlab, '11FG')}
    loop = grouped_conv_loop(x, w_to_matlab(wt), b_to_matlab(bt), stride, pad, padding_value)
    params = dict(FilterSize=list(f), NumFiltersPerGroup=n_per_group, NumGroups='channel-wise' if channel_wise else groups,
                  Stride=list(stride), Padding=list(pad), PaddingValue=padding_value)
    doc = run(name, layer, params, [x], fn, weights)
    got = np.array(doc['output']['data']).reshape(doc['output']['shape'])
    doc['checks']['max_abs_diff_vs_matlab_layout_loop'] = float(np.abs(got - loop).max())
    assert doc['checks']['max_abs_diff_vs_matlab_layout_loop'] < 1e-12
    return doc


def grouped_conv_loop(x, w, b, stride, pad, padding_value=0.0):
    """Direct NHWC correlation from MATLAB-layout weights [fh, fw, Cg, F, G] and bias [1, 1, F, G]."""
    t, bo, l, r = pad
    xp = np.pad(x, ((0, 0), (t, bo), (l, r), (0, 0)), constant_values=padding_value)
    fh, fw, cg, nf, groups = w.shape
    ho = (xp.shape[1] - fh) // stride[0] + 1
    wo = (xp.shape[2] - fw) // stride[1] + 1
    y = np.zeros((x.shape[0], ho, wo, nf * groups))
    for g in range(groups):
        for f in range(nf):
            for i in range(ho):
                for j in range(wo):
                    patch = xp[:, i * stride[0]:i * stride[0] + fh, j * stride[1]:j * stride[1] + fw, g * cg:(g + 1) * cg]
                    y[:, i, j, g * nf + f] = (patch * w[:, :, :, f, g]).sum(axis=(1, 2, 3)) + b[0, 0, f, g]
    return y


def plain_conv_case(name, layer, x_shape, f, filters, stride, pad, padding_value):
    """convolution2dLayer with PaddingValue: MATLAB weights HWCF [fh, fw, C, F], Bias 11F [1, 1, F]."""
    x = f32(x_shape)
    wt = f32((filters, x_shape[3], *f), scale=0.5)
    bt = f32((filters,), scale=0.5)

    def fn(xs, ws):
        t, b, l, r = pad
        return F.conv2d(F.pad(xs[0], (l, r, t, b), value=padding_value), ws['Weights'], ws['Bias'], stride=stride)

    weights = {'Weights': (wt, lambda v: v.transpose(2, 3, 1, 0), 'HWCF'), 'Bias': (bt, lambda v: v.reshape(1, 1, -1), '11F')}
    params = dict(FilterSize=list(f), NumFilters=filters, Stride=list(stride), Padding=list(pad), PaddingValue=padding_value)
    return run(name, layer, params, [x], fn, weights)


def avgpool_case(name, layer, pool, stride, pad, padding_value):
    """averagePooling2dLayer: PaddingValue 0 counts the padding in each average (torch count_include_pad=True),
    'mean' leaves it out (count_include_pad=False). torch pads symmetrically, so pad is one number."""
    x = f32((2, 5, 6, 3))
    params = dict(PoolSize=list(pool), Stride=list(stride), Padding=[pad] * 4, PaddingValue=padding_value)
    return run(name, layer, params, [x], lambda xs, ws: F.avg_pool2d(xs[0], pool, stride, pad, count_include_pad=padding_value == 0))


# --- element-wise and structural layers ---------------------------------------------------------------------

def activation_case(name, layer, params, fn, scale=2.0):
    x = f32((2, 3, 4, 5), scale=scale)
    return run(name, layer, params, [x], lambda xs, ws: fn(xs[0]))


def flatten_case():
    x = f32((2, 3, 4, 5))
    n, h, w, c = x.shape
    expected = np.empty((n, h * w * c))
    for i in range(n):
        for hh in range(h):
            for ww in range(w):
                for cc in range(c):
                    expected[i, hh + h * (ww + w * cc)] = x[i, hh, ww, cc]

    def fn(xs, ws):
        # NCHW -> N, C, W, H then row-major flatten: h fastest, then w, then c
        return xs[0].permute(0, 1, 3, 2).reshape(n, -1)

    doc = run('flatten', 'flattenLayer', {}, [x], fn, out_dims='NC')
    got = np.array(doc['output']['data']).reshape(n, -1)
    doc['checks']['max_abs_diff_vs_matlab_index_loop'] = float(np.abs(got - expected).max())
    assert doc['checks']['max_abs_diff_vs_matlab_index_loop'] == 0
    return doc


def cases():
    yield lrn_case('crosschannel_w5_default', 5, 1e-4, 0.75, 2)
    yield lrn_case('crosschannel_w3_alpha05_k1', 3, 0.5, 0.75, 1)
    yield lrn_case('crosschannel_w4_even', 4, 0.5, 0.6, 2)
    yield conv_case('groupedconv_g2', "groupedConvolution2dLayer(3,3,2,'Padding',1)", (2, 5, 6, 4), (3, 3), 3, 2, (1, 1), (1, 1, 1, 1))
    yield conv_case('groupedconv_g2_stride2_asympad', "groupedConvolution2dLayer([3 2],2,2,'Stride',2,'Padding',[1 0 2 1])",
                    (2, 6, 5, 6), (3, 2), 2, 2, (2, 2), (1, 0, 2, 1))
    yield conv_case('channelwise_m1', "groupedConvolution2dLayer(3,1,'channel-wise','Padding',1)", (2, 5, 5, 3), (3, 3), 1, 3, (1, 1), (1, 1, 1, 1), True)
    yield conv_case('channelwise_m2_stride2', "groupedConvolution2dLayer(3,2,'channel-wise','Stride',2,'Padding',1)",
                    (2, 6, 7, 3), (3, 3), 2, 3, (2, 2), (1, 1, 1, 1), True)
    yield run('globalavgpool', 'globalAveragePooling2dLayer', {}, [f32((2, 4, 5, 3))],
              lambda xs, ws: xs[0].mean(dim=(2, 3), keepdim=True))
    yield run('globalmaxpool', 'globalMaxPooling2dLayer', {}, [f32((2, 4, 5, 3))],
              lambda xs, ws: xs[0].amax(dim=(2, 3), keepdim=True))
    yield activation_case('sigmoid', 'sigmoidLayer', {}, torch.sigmoid)
    yield activation_case('tanh', 'tanhLayer', {}, torch.tanh)
    yield activation_case('elu_alpha1', 'eluLayer', {'Alpha': 1}, lambda x: F.elu(x, 1.0))
    yield activation_case('elu_alpha05', 'eluLayer(0.5)', {'Alpha': 0.5}, lambda x: F.elu(x, 0.5))
    # scale 5 puts values below 0 and above 6
    yield activation_case('clippedrelu_6', 'clippedReluLayer(6)', {'Ceiling': 6}, lambda x: x.clamp(0, 6), scale=5.0)
    shape = (2, 3, 4, 5)
    yield run('addition_3', 'additionLayer(3)', {'NumInputs': 3}, [f32(shape), f32(shape), f32(shape)],
              lambda xs, ws: xs[0] + xs[1] + xs[2])
    yield run('depthconcat_3', 'depthConcatenationLayer(3)', {'NumInputs': 3},
              [f32((2, 3, 4, 2)), f32((2, 3, 4, 3)), f32((2, 3, 4, 1))], lambda xs, ws: torch.cat(xs, dim=1))
    # concatenationLayer(dim, …): MATLAB's dim 1, 2, 3 (height, width, channels) are NCHW dims 2, 3, 1.
    yield run('concat_dim1_2', 'concatenationLayer(1,2)', {'Dim': 1, 'NumInputs': 2},
              [f32((2, 2, 4, 3)), f32((2, 3, 4, 3))], lambda xs, ws: torch.cat(xs, dim=2))
    yield run('concat_dim2_3', 'concatenationLayer(2,3)', {'Dim': 2, 'NumInputs': 3},
              [f32((2, 3, 1, 2)), f32((2, 3, 2, 2)), f32((2, 3, 3, 2))], lambda xs, ws: torch.cat(xs, dim=3))
    yield run('concat_dim3_2', 'concatenationLayer(3,2)', {'Dim': 3, 'NumInputs': 2},
              [f32((2, 3, 4, 2)), f32((2, 3, 4, 3))], lambda xs, ws: torch.cat(xs, dim=1))
    yield flatten_case()
    # The new PaddingValue options.
    yield plain_conv_case('conv_paddingvalue', "convolution2dLayer([3 2],3,'Padding',[1 0 2 1],'PaddingValue',1.5,'Stride',[2 1])",
                          (2, 5, 6, 2), (3, 2), 3, (2, 1), (1, 0, 2, 1), 1.5)
    yield conv_case('groupedconv_paddingvalue', "groupedConvolution2dLayer(3,2,2,'Padding',1,'PaddingValue',-2)", (2, 4, 5, 4), (3, 3), 2, 2,
                    (1, 1), (1, 1, 1, 1), padding_value=-2.0)
    yield avgpool_case('avgpool_pad_zero', "averagePooling2dLayer(3,'Stride',2,'Padding',1)", (3, 3), (2, 2), 1, 0)
    yield avgpool_case('avgpool_pad_mean', "averagePooling2dLayer(3,'Stride',2,'Padding',1,'PaddingValue','mean')", (3, 3), (2, 2), 1, 'mean')


def main():
    if len(sys.argv) != 2:
        sys.exit('usage: make_layer_fixtures.py OUT_DIR')
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    names = []
    for doc in cases():
        path = os.path.join(out, doc['name'] + '.json')
        tmp = path + '.tmp'
        with open(tmp, 'w') as fh:
            json.dump(doc, fh, separators=(',', ':'))
        os.replace(tmp, path)  # never a half-written fixture
        names.append(doc['name'])
    with open(os.path.join(out, 'index.json.tmp'), 'w') as fh:
        json.dump({'torch': torch.__version__, 'cases': names}, fh)
    os.replace(os.path.join(out, 'index.json.tmp'), os.path.join(out, 'index.json'))
    print(f'{len(names)} fixtures in {out}: {", ".join(names)}')


if __name__ == '__main__':
    main()
