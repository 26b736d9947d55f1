"""MATLAB's six ImageNet architectures ('Weights','none') rebuilt in plain PyTorch (torch.nn only).

Each network is first written as MATLAB's layer list (names, types, hyperparameters and, for the DAG
networks, the connections) exactly as docs/architectures-spec.md gives it; the torch model is built from
that list, so the layer names, counts and learnable sizes can be compared with the toolbox one for one.

Usage (Debian's /usr/bin/python3 with python3-torch):
  architectures_torch.py                    learnable, layer and connection counts of the six networks,
                                            checked against issue #7's table (exit 1 on a mismatch)
  architectures_torch.py --forward          also run one image through each network (output 1x1000)
  architectures_torch.py --listing NAME...  MATLAB-style listing of each named network (layers, activations,
                                            learnables, connections), as analyzeNetwork shows it
  architectures_torch.py --bench infer     [--batch B] alexnet inference images/s and peak RSS
  architectures_torch.py --bench transfer  [--batch 10] alexnet transfer-learning training images/s:
                                            layers 1-22 frozen, a new fc8 (--classes K) with learn-rate
                                            factor 10 for weights and bias, sgdm as trainingOptions
  architectures_torch.py --bench finetune  [--batch 10] the same with every layer learning (transfert_alexnet.m)
Bench runs print one JSON line, like scripts/bench/torch_bench.py: threads, torch, network, batch,
infer_img_s or train_img_s, iterations, rss_mb (peak resident set size of the process, MiB).
"""
import argparse
import json
import math
import resource
import sys
import time

import torch
from torch import nn
import torch.nn.functional as F

# Issue #7's table: layers and learnables of MATLAB's networks.
EXPECTED = {
    'alexnet': (25, 60_965_224),
    'vgg16': (41, 138_357_544),
    'vgg19': (47, 143_667_240),
    'googlenet': (144, 6_998_552),
    'resnet50': (177, 25_583_592),
    'squeezenet': (68, 1_235_496),
}
# MATLAB's Connections table heights for the DAG networks (googlenet 170, resnet50 192, squeezenet 75).
EXPECTED_CONNECTIONS = {'googlenet': 170, 'resnet50': 192, 'squeezenet': 75}


# ---------------------------------------------------------------------------------------------------
# Layer lists. A layer is a dict: name, kind, inputs (names; default: the previous layer) and its
# hyperparameters. Padding is MATLAB's [top bottom left right] or 'same'. 'n' is filters per group.
# ---------------------------------------------------------------------------------------------------

def L(name, kind, inputs=None, **hp):
    return dict(name=name, kind=kind, inputs=inputs, **hp)


def conv(name, f, n, stride=1, pad=(0, 0, 0, 0), groups=1, inputs=None, **factors):
    return L(name, 'conv', inputs, f=f, n=n, stride=stride, pad=pad, groups=groups, **factors)


def pool(name, kind, p, stride, pad=(0, 0, 0, 0), inputs=None):
    return L(name, kind, inputs, p=p, stride=stride, pad=pad)


def alexnet():
    b2 = dict(bias_lr=2)  # BVLC lr_mult 2 on biases, as MATLAB's imported alexnet/googlenet keep it
    return [
        L('data', 'input', size=(227, 227, 3), normalization='zerocenter'),
        conv('conv1', 11, 96, stride=4, **b2), L('relu1', 'relu'),
        L('norm1', 'lrn', window=5, alpha=1e-4, beta=0.75, k=1),
        pool('pool1', 'maxpool', 3, 2),
        conv('conv2', 5, 128, pad=(2, 2, 2, 2), groups=2, **b2), L('relu2', 'relu'),
        L('norm2', 'lrn', window=5, alpha=1e-4, beta=0.75, k=1),
        pool('pool2', 'maxpool', 3, 2),
        conv('conv3', 3, 384, pad=(1, 1, 1, 1), **b2), L('relu3', 'relu'),
        conv('conv4', 3, 192, pad=(1, 1, 1, 1), groups=2, **b2), L('relu4', 'relu'),
        conv('conv5', 3, 128, pad=(1, 1, 1, 1), groups=2, **b2), L('relu5', 'relu'),
        pool('pool5', 'maxpool', 3, 2),
        L('fc6', 'fc', n=4096, **b2), L('relu6', 'relu'), L('drop6', 'dropout', p=0.5),
        L('fc7', 'fc', n=4096, **b2), L('relu7', 'relu'), L('drop7', 'dropout', p=0.5),
        L('fc8', 'fc', n=1000, **b2), L('prob', 'softmax'), L('output', 'output'),
    ]


def vgg(depth):
    per_block = {16: (2, 2, 3, 3, 3), 19: (2, 2, 4, 4, 4)}[depth]
    widths = (64, 128, 256, 512, 512)
    layers = [L('input', 'input', size=(224, 224, 3), normalization='zerocenter')]
    for b, (count, width) in enumerate(zip(per_block, widths), start=1):
        for i in range(1, count + 1):
            # MATLAB's imported VGG convolutions carry WeightL2Factor 0
            layers += [conv(f'conv{b}_{i}', 3, width, pad=(1, 1, 1, 1), weight_l2=0), L(f'relu{b}_{i}', 'relu')]
        layers.append(pool(f'pool{b}', 'maxpool', 2, 2))
    layers += [L('fc6', 'fc', n=4096), L('relu6', 'relu'), L('drop6', 'dropout', p=0.5),
               L('fc7', 'fc', n=4096), L('relu7', 'relu'), L('drop7', 'dropout', p=0.5),
               L('fc8', 'fc', n=1000), L('prob', 'softmax'), L('output', 'output')]
    return layers


# BVLC GoogLeNet inception widths: 1x1, 3x3 reduce, 3x3, 5x5 reduce, 5x5, pool proj.
INCEPTION = [
    ('3a', 64, 96, 128, 16, 32, 32), ('3b', 128, 128, 192, 32, 96, 64),
    ('4a', 192, 96, 208, 16, 48, 64), ('4b', 160, 112, 224, 24, 64, 64),
    ('4c', 128, 128, 256, 24, 64, 64), ('4d', 112, 144, 288, 32, 64, 64),
    ('4e', 256, 160, 320, 32, 128, 128), ('5a', 256, 160, 320, 32, 128, 128),
    ('5b', 384, 192, 384, 48, 128, 128),
]


def googlenet():
    b2 = dict(bias_lr=2)
    lrn = dict(window=5, alpha=1e-4, beta=0.75, k=1)
    s2 = (0, 1, 0, 1)  # Caffe's ceil-mode stride-2 pools, as MATLAB pads them: bottom and right only
    layers = [
        L('data', 'input', size=(224, 224, 3), normalization='zerocenter'),
        conv('conv1-7x7_s2', 7, 64, stride=2, pad=(3, 3, 3, 3), **b2), L('conv1-relu_7x7', 'relu'),
        pool('pool1-3x3_s2', 'maxpool', 3, 2, s2), L('pool1-norm1', 'lrn', **lrn),
        conv('conv2-3x3_reduce', 1, 64, **b2), L('conv2-relu_3x3_reduce', 'relu'),
        conv('conv2-3x3', 3, 192, pad=(1, 1, 1, 1), **b2), L('conv2-relu_3x3', 'relu'),
        L('conv2-norm2', 'lrn', **lrn), pool('pool2-3x3_s2', 'maxpool', 3, 2, s2),
    ]
    src = 'pool2-3x3_s2'
    for tag, c1, r3, c3, r5, c5, pp in INCEPTION:
        p = f'inception_{tag}-'
        layers += [
            conv(p + '1x1', 1, c1, inputs=[src], **b2), L(p + 'relu_1x1', 'relu'),
            conv(p + '3x3_reduce', 1, r3, inputs=[src], **b2), L(p + 'relu_3x3_reduce', 'relu'),
            conv(p + '3x3', 3, c3, pad=(1, 1, 1, 1), **b2), L(p + 'relu_3x3', 'relu'),
            conv(p + '5x5_reduce', 1, r5, inputs=[src], **b2), L(p + 'relu_5x5_reduce', 'relu'),
            conv(p + '5x5', 5, c5, pad=(2, 2, 2, 2), **b2), L(p + 'relu_5x5', 'relu'),
            pool(p + 'pool', 'maxpool', 3, 1, (1, 1, 1, 1), inputs=[src]),
            conv(p + 'pool_proj', 1, pp, **b2), L(p + 'relu_pool_proj', 'relu'),
            # in1..in4 = 1x1, 3x3, 5x5, pool branches
            L(p + 'output', 'concat', [p + 'relu_1x1', p + 'relu_3x3', p + 'relu_5x5', p + 'relu_pool_proj']),
        ]
        src = p + 'output'
        if tag in ('3b', '4e'):
            name = 'pool3-3x3_s2' if tag == '3b' else 'pool4-3x3_s2'
            layers.append(pool(name, 'maxpool', 3, 2, s2))
            src = name
    layers += [L('pool5-7x7_s1', 'gap'), L('pool5-drop_7x7_s1', 'dropout', p=0.4),
               L('loss3-classifier', 'fc', n=1000, **b2), L('prob', 'softmax'), L('output', 'output')]
    return layers


def resnet50():
    """Keras-derived ResNet-50 as MATLAB ships it: every convolution has a bias (BiasLearnRateFactor 0
    except conv1), batch normalization with Epsilon 0.001, names activation_<k>_relu and add_<k>."""
    eps = 1e-3
    layers = [
        L('input_1', 'input', size=(224, 224, 3), normalization='zerocenter'),
        conv('conv1', 7, 64, stride=2, pad=(3, 3, 3, 3)), L('bn_conv1', 'bn', eps=eps),
        L('activation_1_relu', 'relu'), pool('max_pooling2d_1', 'maxpool', 3, 2, (1, 1, 1, 1)),
    ]
    act, add = 1, 0
    src = 'max_pooling2d_1'
    stages = [(2, 3, 64, 256, 1), (3, 4, 128, 512, 2), (4, 6, 256, 1024, 2), (5, 3, 512, 2048, 2)]
    for stage, blocks, mid, out, stride in stages:
        for i in range(blocks):
            blk = f'{stage}{"abcdef"[i]}'
            s = stride if i == 0 else 1
            nb = dict(bias_lr=0)
            layers += [conv(f'res{blk}_branch2a', 1, mid, stride=s, inputs=[src], **nb),
                       L(f'bn{blk}_branch2a', 'bn', eps=eps)]
            act += 1
            layers += [L(f'activation_{act}_relu', 'relu'),
                       conv(f'res{blk}_branch2b', 3, mid, pad='same', **nb), L(f'bn{blk}_branch2b', 'bn', eps=eps)]
            act += 1
            layers += [L(f'activation_{act}_relu', 'relu'), conv(f'res{blk}_branch2c', 1, out, **nb)]
            if i == 0:
                # MATLAB's order: res?a_branch2c, res?a_branch1, bn?a_branch2c, bn?a_branch1
                layers += [conv(f'res{blk}_branch1', 1, out, stride=s, inputs=[src], **nb),
                           L(f'bn{blk}_branch2c', 'bn', [f'res{blk}_branch2c'], eps=eps),
                           L(f'bn{blk}_branch1', 'bn', [f'res{blk}_branch1'], eps=eps)]
                shortcut = f'bn{blk}_branch1'
            else:
                layers.append(L(f'bn{blk}_branch2c', 'bn', eps=eps))
                shortcut = src
            add += 1
            act += 1
            layers += [L(f'add_{add}', 'add', [f'bn{blk}_branch2c', shortcut]), L(f'activation_{act}_relu', 'relu')]
            src = f'activation_{act}_relu'
    layers += [pool('avg_pool', 'avgpool', 7, 7), L('fc1000', 'fc', n=1000),
               L('fc1000_softmax', 'softmax'), L('ClassificationLayer_fc1000', 'output')]
    return layers


# SqueezeNet v1.1 fire modules: squeeze, expand (each of expand1x1 and expand3x3).
FIRE = [(2, 16, 64), (3, 16, 64), (4, 32, 128), (5, 32, 128), (6, 48, 192), (7, 48, 192), (8, 64, 256), (9, 64, 256)]


def squeezenet():
    layers = [
        L('data', 'input', size=(227, 227, 3), normalization='zerocenter'),
        conv('conv1', 3, 64, stride=2), L('relu_conv1', 'relu'), pool('pool1', 'maxpool', 3, 2),
    ]
    for k, sq, ex in FIRE:
        p = f'fire{k}-'
        layers += [
            conv(p + 'squeeze1x1', 1, sq), L(p + 'relu_squeeze1x1', 'relu'),
            conv(p + 'expand1x1', 1, ex), L(p + 'relu_expand1x1', 'relu'),
            conv(p + 'expand3x3', 3, ex, pad=(1, 1, 1, 1), inputs=[p + 'relu_squeeze1x1']),
            L(p + 'relu_expand3x3', 'relu'),
            L(p + 'concat', 'concat', [p + 'relu_expand1x1', p + 'relu_expand3x3']),
        ]
        if k in (3, 5):
            layers.append(pool(f'pool{k}', 'maxpool', 3, 2, (0, 1, 0, 1)))
    layers += [L('drop9', 'dropout', p=0.5), conv('conv10', 1, 1000), L('relu_conv10', 'relu'),
               L('pool10', 'gap'), L('prob', 'softmax'), L('ClassificationLayer_predictions', 'output')]
    return layers


NETWORKS = {'alexnet': alexnet, 'vgg16': lambda: vgg(16), 'vgg19': lambda: vgg(19),
            'googlenet': googlenet, 'resnet50': resnet50, 'squeezenet': squeezenet}


# ---------------------------------------------------------------------------------------------------
# Shapes (H, W, C per observation), MATLAB's rules
# ---------------------------------------------------------------------------------------------------

def pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def resolve_pad(pad, size, f, stride):
    """[t b l r] for explicit or 'same' padding (MATLAB: extra row/column on the bottom/right)."""
    if pad != 'same':
        return tuple(pad)
    out = []
    for n, k, s in zip(size, f, stride):
        o = math.ceil(n / s)
        total = max(0, (o - 1) * s + k - n)
        out.append((total // 2, total - total // 2))
    return (out[0][0], out[0][1], out[1][0], out[1][1])


def window_out(size, f, stride, pad):
    t, b, l, r = pad
    return ((size[0] + t + b - f[0]) // stride[0] + 1, (size[1] + l + r - f[1]) // stride[1] + 1)


def resolve(layers):
    """Fill inputs, activation sizes, resolved padding and channel counts; return the layers."""
    shapes = {}
    prev = None
    for layer in layers:
        if layer['inputs'] is None:
            layer['inputs'] = [] if layer['kind'] == 'input' else [prev]
        ins = [shapes[i] for i in layer['inputs']]
        k = layer['kind']
        if k == 'input':
            out = layer['size']
        elif k == 'conv':
            h, w, c = ins[0]
            f, s = pair(layer['f']), pair(layer['stride'])
            if c % layer['groups']:
                raise ValueError(f"{layer['name']}: {layer['groups']} groups do not divide {c} channels")
            layer['channels'] = c // layer['groups']
            layer['pad_trbl'] = resolve_pad(layer['pad'], (h, w), f, s)
            out = (*window_out((h, w), f, s, layer['pad_trbl']), layer['n'] * layer['groups'])
        elif k in ('maxpool', 'avgpool'):
            h, w, c = ins[0]
            p, s = pair(layer['p']), pair(layer['stride'])
            layer['pad_trbl'] = resolve_pad(layer['pad'], (h, w), p, s)
            out = (*window_out((h, w), p, s, layer['pad_trbl']), c)
        elif k == 'gap':
            out = (1, 1, ins[0][2])
        elif k == 'fc':
            layer['in_features'] = math.prod(ins[0])
            out = (1, 1, layer['n'])
        elif k == 'concat':
            if len({s[:2] for s in ins}) != 1:
                raise ValueError(f"{layer['name']}: spatial sizes differ {ins}")
            out = (*ins[0][:2], sum(s[2] for s in ins))
        elif k == 'add':
            if len(set(ins)) != 1:
                raise ValueError(f"{layer['name']}: sizes differ {ins}")
            out = ins[0]
        else:  # relu, lrn, bn, dropout, softmax, output keep the size
            out = ins[0]
        layer['out'] = out
        shapes[layer['name']] = out
        prev = layer['name']
    return layers


def learnables(layer):
    """MATLAB's learnable parameters of one layer: [(property, size)]."""
    k = layer['kind']
    if k == 'conv':
        f = pair(layer['f'])
        g, n, c = layer['groups'], layer['n'], layer['channels']
        if g == 1:
            return [('Weights', (*f, c, n)), ('Bias', (1, 1, n))]
        return [('Weights', (*f, c, n, g)), ('Bias', (1, 1, n, g))]
    if k == 'fc':
        return [('Weights', (layer['n'], layer['in_features'])), ('Bias', (layer['n'], 1))]
    if k == 'bn':
        c = layer['out'][2]
        return [('Offset', (1, 1, c)), ('Scale', (1, 1, c))]
    return []


def count_learnables(layers):
    return sum(math.prod(s) for layer in layers for _, s in learnables(layer))


def connections(layers):
    """MATLAB's Connections table rows (source, destination[/inK]), ordered by source, then destination."""
    index = {l['name']: i for i, l in enumerate(layers)}
    rows = []
    for layer in layers:
        ins = layer['inputs']
        for j, src in enumerate(ins, start=1):
            dst = f"{layer['name']}/in{j}" if len(ins) > 1 else layer['name']
            rows.append((index[src], index[layer['name']], j, src, dst))
    return [(src, dst) for *_, src, dst in sorted(rows)]


# ---------------------------------------------------------------------------------------------------
# MATLAB-style listing (as net.Layers / analyzeNetwork show it)
# ---------------------------------------------------------------------------------------------------

def times(dims):
    return '×'.join(str(d) for d in dims)


def vec(v):
    return '[' + '  '.join(str(x) for x in v) + ']'


def describe(layer):
    """(type, description) as the MATLAB layer array display prints them (R2021+ wording)."""
    k = layer['kind']
    if k == 'input':
        return 'Image Input', f"{times(layer['size'])} images with '{layer['normalization']}' normalization"
    if k == 'conv':
        f = pair(layer['f'])
        pad = "'same'" if layer['pad'] == 'same' else vec(layer['pad_trbl'])
        tail = f"convolutions with stride {vec(pair(layer['stride']))} and padding {pad}"
        size = times((*f, layer['channels']))
        if layer['groups'] > 1:
            return '2-D Grouped Convolution', f"{layer['groups']} groups of {layer['n']} {size} {tail}"
        return '2-D Convolution', f"{layer['n']} {size} {tail}"
    if k in ('maxpool', 'avgpool'):
        word = 'max' if k == 'maxpool' else 'average'
        return (f"2-D {'Max' if k == 'maxpool' else 'Average'} Pooling",
                f"{times(pair(layer['p']))} {word} pooling with stride {vec(pair(layer['stride']))} "
                f"and padding {vec(layer['pad_trbl'])}")
    return {
        'relu': ('ReLU', 'ReLU'),
        'lrn': ('Cross Channel Normalization', f"cross channel normalization with {layer.get('window')} channels per element"),
        'gap': ('2-D Global Average Pooling', '2-D global average pooling'),
        'fc': ('Fully Connected', f"{layer.get('n')} fully connected layer"),
        'dropout': ('Dropout', f"{round(100 * layer.get('p', 0))}% dropout"),
        'softmax': ('Softmax', 'softmax'),
        'output': ('Classification Output', "crossentropyex with 'tench' and 999 other classes"),
        'bn': ('Batch Normalization', f"Batch normalization with {layer['out'][2]} channels"),
        'add': ('Addition', f"Element-wise addition of {len(layer['inputs'])} inputs"),
        'concat': ('Depth concatenation', f"Depth concatenation of {len(layer['inputs'])} inputs"),
    }[k]


# Non-default learn-rate / L2 factors kept in the layer dicts (MATLAB property names).
FACTORS = {'bias_lr': 'BiasLearnRateFactor', 'weight_l2': 'WeightL2Factor'}


def print_listing(name, layers):
    print(f'{name}: {len(layers)}x1 layers, {count_learnables(layers):,} learnables')
    width = max(len(l['name']) for l in layers) + 2
    for i, layer in enumerate(layers, start=1):
        typ, desc = describe(layer)
        learn = '  '.join(f'{p} {times(s)}' for p, s in learnables(layer))
        factors = '  '.join(f'{FACTORS[k]} {layer[k]}' for k in FACTORS if k in layer)
        print(f"{i:5d}   {repr(layer['name']):<{width}} {typ:<29} {desc}")
        print(f"{'':8}activations {times(layer['out'])}" + (f'   learnables: {learn}' if learn else '')
              + (f'   ({factors})' if factors else ''))
    if any(len(l['inputs']) > 1 or (l['inputs'] and l['inputs'][0] != layers[i - 1]['name'])
           for i, l in enumerate(layers) if i > 0):
        rows = connections(layers)
        print(f'Connections: {len(rows)}x2')
        for s, d in rows:
            print(f'    {s:<32} -> {d}')


# ---------------------------------------------------------------------------------------------------
# Torch model
# ---------------------------------------------------------------------------------------------------

class LRN(nn.Module):
    """MATLAB crossChannelNormalization: y = x / (K + Alpha*ss/window)^Beta, ss over the channels
    c-floor((w-1)/2) .. c+floor(w/2). nn.LocalResponseNorm computes the same for odd windows but puts
    the extra channel of an even window on the other side (c-w/2 .. c+w/2-1)."""

    def __init__(self, window, alpha, beta, k):
        super().__init__()
        self.window, self.alpha, self.beta, self.k = window, alpha, beta, k

    def forward(self, x):
        w = self.window
        sq = F.pad((x * x).unsqueeze(1), (0, 0, 0, 0, (w - 1) // 2, w // 2)).squeeze(1)
        ss = sum(sq[:, j:j + x.shape[1]] for j in range(w))
        return x / (self.k + self.alpha * ss / w) ** self.beta


class Padded(nn.Module):
    """A conv or pool after MATLAB's [t b l r] padding (zeros for convolution, -inf for max pooling,
    zeros counted in the average for average pooling, as MATLAB's default PaddingValue 0)."""

    def __init__(self, inner, pad, value=0.0):
        super().__init__()
        self.inner, self.pad, self.value = inner, pad, value

    def forward(self, x):
        t, b, l, r = self.pad
        if t or b or l or r:
            x = F.pad(x, (l, r, t, b), value=self.value)
        return self.inner(x)


def torch_layer(layer):
    k = layer['kind']
    if k == 'conv':
        f, s = pair(layer['f']), pair(layer['stride'])
        g = layer['groups']
        m = nn.Conv2d(layer['channels'] * g, layer['n'] * g, f, stride=s, groups=g, bias=True)
        return Padded(m, layer['pad_trbl'])
    if k == 'maxpool':
        return Padded(nn.MaxPool2d(pair(layer['p']), pair(layer['stride'])), layer['pad_trbl'], -math.inf)
    if k == 'avgpool':
        return Padded(nn.AvgPool2d(pair(layer['p']), pair(layer['stride'])), layer['pad_trbl'])
    if k == 'gap':
        return nn.AdaptiveAvgPool2d(1)
    if k == 'fc':
        return nn.Sequential(nn.Flatten(), nn.Linear(layer['in_features'], layer['n']))
    if k == 'lrn':
        w = layer['window']
        cls = nn.LocalResponseNorm if w % 2 else LRN  # the fused torch op where it is MATLAB's formula
        return cls(w, layer['alpha'], layer['beta'], layer['k'])
    if k == 'bn':
        return nn.BatchNorm2d(layer['out'][2], eps=layer['eps'])
    if k == 'relu':
        return nn.ReLU()
    if k == 'dropout':
        return nn.Dropout(layer['p'])
    if k == 'softmax':
        return nn.Softmax(dim=1)
    return None  # input (normalization is the caller's), add, concat, output


class GraphNet(nn.Module):
    """Runs the layer list in order; each activation is dropped after its last use."""

    def __init__(self, layers):
        super().__init__()
        self.layers = layers
        self.mods = nn.ModuleDict()
        for layer in layers:
            m = torch_layer(layer)
            if m is not None:
                self.mods[layer['name']] = m
        last = {}
        for i, layer in enumerate(layers):
            for src in layer['inputs']:
                last[src] = i
        self.release = [[s for s in l['inputs'] if last[s] == i] for i, l in enumerate(layers)]

    def forward(self, x, upto=None):
        acts = {}
        for i, layer in enumerate(self.layers):
            k, name = layer['kind'], layer['name']
            ins = [acts[s] for s in layer['inputs']]
            if k == 'input':
                y = x
            elif k == 'add':
                y = ins[0]
                for t in ins[1:]:
                    y = y + t
            elif k == 'concat':
                y = torch.cat(ins, dim=1)
            elif k == 'output':
                y = ins[0]
            else:
                y = self.mods[name](ins[0])
            for s in self.release[i]:
                del acts[s]
            acts[name] = y
            if name == upto:
                return y
        return y


def build(name):
    return resolve(NETWORKS[name]())


# ---------------------------------------------------------------------------------------------------
# Bench: alexnet inference and transfer learning
# ---------------------------------------------------------------------------------------------------

def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def steady_rate(ends, warmup, batch):
    """Same rule as scripts/bench/timing.ts steadyRate: time from the end of iteration `warmup`."""
    w = max(1, min(warmup, len(ends) - 1))
    return (len(ends) - w) * batch / (ends[-1] - ends[w - 1])


def bench_infer(a):
    layers = build('alexnet')
    model = GraphNet(layers).eval()
    x = torch.randn(a.batch, 3, 227, 227)
    ends = []
    with torch.inference_mode():
        for _ in range(a.warmup + a.iterations):
            model(x).sum().item()
            ends.append(time.perf_counter())
    return {'infer_img_s': steady_rate(ends, a.warmup, a.batch), 'iterations': len(ends)}


def bench_transfer(a, frozen=True):
    # Layers(1:22) kept (frozen: learn-rate factors 0, or every layer learning: 'finetune', as
    # transfert_alexnet.m trains); a new fc8 for K classes, factors 10 (transfert_alexnet.m).
    head_layers = [L('fc', 'fc', n=a.classes), L('softmax', 'softmax'), L('classoutput', 'output')]
    layers = resolve([dict(l, inputs=None) for l in NETWORKS['alexnet']()[:22]] + head_layers)
    model = GraphNet(layers)
    fc = model.mods['fc'][1]
    head = set(id(p) for p in fc.parameters())
    kept = [p for p in model.parameters() if id(p) not in head]
    for p in kept:
        p.requires_grad_(not frozen)
    for p in fc.parameters():
        p.requires_grad_(True)
    # sgdm: momentum 0.9, L2Regularization 1e-4 on weights (BiasL2Factor 0); the head's learn-rate factor 10.
    groups = [{'params': [fc.weight], 'weight_decay': 1e-4, 'lr': 1e-4 * 10}, {'params': [fc.bias], 'weight_decay': 0.0, 'lr': 1e-4 * 10}]
    if not frozen:
        groups += [{'params': [p for p in kept if p.dim() > 1], 'weight_decay': 1e-4, 'lr': 1e-4},
                   {'params': [p for p in kept if p.dim() == 1], 'weight_decay': 0.0, 'lr': 1e-4}]
    opt = torch.optim.SGD(groups, lr=1e-4, momentum=0.9)
    model.train()
    x = torch.randn(a.batch, 3, 227, 227)
    y = torch.randint(0, a.classes, (a.batch,))
    ends = []
    for _ in range(a.warmup + a.iterations):
        opt.zero_grad(set_to_none=True)
        logits = model(x, upto='fc')
        loss = F.cross_entropy(logits, y)
        loss.backward()
        opt.step()
        loss.item()
        ends.append(time.perf_counter())
    return {'train_img_s': steady_rate(ends, a.warmup, a.batch), 'iterations': len(ends), 'classes': a.classes}


# ---------------------------------------------------------------------------------------------------

def check_counts(forward):
    ok = True
    for name, (n_layers, n_learn) in EXPECTED.items():
        layers = build(name)
        got = count_learnables(layers)
        model = GraphNet(layers)
        torch_count = sum(p.numel() for p in model.parameters())
        conns = len(connections(layers))
        line = (f'{name:<11} layers {len(layers):>3} (MATLAB {n_layers:>3})  learnables {got:>11,} '
                f'(torch parameters {torch_count:>11,}; MATLAB {n_learn:>11,})  connections {conns}')
        good = got == n_learn == torch_count and len(layers) == n_layers
        if name in EXPECTED_CONNECTIONS:
            good = good and conns == EXPECTED_CONNECTIONS[name]
        if name == 'resnet50':
            no_bias = got - sum(l['n'] * l['groups'] for l in layers if l['kind'] == 'conv')
            line += f'  [without conv biases {no_bias:,}]'
        if forward:
            h, w, c = layers[0]['size']
            with torch.inference_mode():
                out = model.eval()(torch.randn(1, c, h, w))
            s = float(out.sum())
            line += f'  forward {tuple(out.shape)} sum {s:.4f}'
            good = good and out.numel() == 1000 and abs(s - 1) < 1e-4
        print(line + ('' if good else '   <-- MISMATCH'))
        ok = ok and good
        del model
    return ok


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--forward', action='store_true')
    p.add_argument('--listing', nargs='+', choices=sorted(NETWORKS), metavar='NAME')
    p.add_argument('--bench', choices=['infer', 'transfer', 'finetune'])
    p.add_argument('--batch', type=int, default=None, help='default 1 for infer, 10 for transfer')
    p.add_argument('--iterations', type=int, default=10)
    p.add_argument('--warmup', type=int, default=2)
    p.add_argument('--classes', type=int, default=10)
    p.add_argument('--threads', type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    if a.listing:
        for name in a.listing:
            print_listing(name, build(name))
        return 0
    if a.bench:
        a.batch = a.batch or (1 if a.bench == 'infer' else 10)
        r = bench_infer(a) if a.bench == 'infer' else bench_transfer(a, frozen=a.bench == 'transfer')
        print(json.dumps({'threads': a.threads, 'torch': torch.__version__, 'network': 'alexnet',
                          'batch': a.batch, **r, 'rss_mb': rss_mb()}))
        return 0
    return 0 if check_counts(a.forward) else 1


if __name__ == '__main__':
    sys.exit(main())
