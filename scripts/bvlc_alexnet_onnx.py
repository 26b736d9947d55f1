#!/usr/bin/python3
"""A BVLC-style AlexNet in PyTorch, exported with PyTorch's own ONNX exporter.

It is the third-party fixture of issue 8: the layers of the BVLC Caffe AlexNet (the ONNX Model Zoo's
bvlcalexnet, MATLAB's alexnet) -- 2-group convolutions conv2/conv4/conv5, LRN(5, 1e-4, 0.75, 1),
3x3/2 max pools in ceil mode, dropout, Linear layers (exported as Gemm), softmax -- at a reduced width,
with random weights, and the input named 'data_0' (1x3x224x224) as in the zoo's file.

Run with Debian's /usr/bin/python3 (python3-torch, python3-onnx):
  /usr/bin/python3 scripts/bvlc_alexnet_onnx.py --out model.onnx [--width-divisor 8] [--seed 0]
      [--opset 9] [--classes 1000] [--fc-width N] [--reference DIR]
--reference DIR writes DIR/input_0.pb and DIR/output_0.pb (onnx.numpy_helper TensorProtos), the
layout of the ONNX test data sets.
The committed fixture tests/fixtures/onnx/bvlc_alexnet_small/ (model.onnx, test_data_set_0/) was made with
  --width-divisor 16 --fc-width 64 --classes 10 --seed 1 --opset 9 \
  --out tests/fixtures/onnx/bvlc_alexnet_small/model.onnx \
  --reference tests/fixtures/onnx/bvlc_alexnet_small/test_data_set_0
"""
import argparse
import os

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import numpy_helper
from torch import nn


# PyTorch's exporter traces nn.LocalResponseNorm as its Python decomposition (Pow, AveragePool, Pad,
# Reshape...), and removes eval-mode dropout. Caffe-converted files (the zoo's) hold one LRN node and
# Dropout nodes, so these two modules carry their own ONNX symbolic -- the exporter's documented
# extension point -- and the exported graph has LRN and Dropout as the zoo's has.
class _LRN(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, size, alpha, beta, k):
        return F.local_response_norm(x, size, alpha, beta, k)

    @staticmethod
    def symbolic(g, x, size, alpha, beta, k):
        return g.op('LRN', x, size_i=size, alpha_f=alpha, beta_f=beta, bias_f=k)


class LRN(nn.Module):
    def __init__(self, size, alpha, beta, k):
        super().__init__()
        self.args = (size, alpha, beta, k)

    def forward(self, x):
        return _LRN.apply(x, *self.args)


EXPORT_OPSET = 9  # set by main() before exporting


class _InferenceDropout(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, ratio):
        return x.clone()

    @staticmethod
    def symbolic(g, x, ratio):
        if EXPORT_OPSET < 12:
            return g.op('Dropout', x, ratio_f=ratio)
        # opset 12+: ratio is an input; without training_mode the node is the identity.
        return g.op('Dropout', x, g.op('Constant', value_t=torch.tensor(ratio)))


class Dropout(nn.Module):
    """Identity at inference, exported as an ONNX Dropout node."""

    def __init__(self, ratio):
        super().__init__()
        self.ratio = ratio

    def forward(self, x):
        return _InferenceDropout.apply(x, self.ratio)


class BvlcAlexNet(nn.Module):
    def __init__(self, divisor, fc_width, classes):
        super().__init__()
        c = [96 // divisor, 256 // divisor, 384 // divisor, 384 // divisor, 256 // divisor]
        for n in c:
            if n < 2 or n % 2:
                raise SystemExit(f'--width-divisor {divisor} leaves {n} channels: the 2-group '
                                 'convolutions need an even count')
        self.features = nn.Sequential(
            nn.Conv2d(3, c[0], 11, stride=4),
            nn.ReLU(),
            LRN(5, 1e-4, 0.75, 1.0),
            nn.MaxPool2d(3, stride=2, ceil_mode=True),
            nn.Conv2d(c[0], c[1], 5, padding=2, groups=2),
            nn.ReLU(),
            LRN(5, 1e-4, 0.75, 1.0),
            nn.MaxPool2d(3, stride=2, ceil_mode=True),
            nn.Conv2d(c[1], c[2], 3, padding=1),
            nn.ReLU(),
            nn.Conv2d(c[2], c[3], 3, padding=1, groups=2),
            nn.ReLU(),
            nn.Conv2d(c[3], c[4], 3, padding=1, groups=2),
            nn.ReLU(),
            nn.MaxPool2d(3, stride=2, ceil_mode=True),
        )
        self.classifier = nn.Sequential(
            nn.Linear(c[4] * 6 * 6, fc_width),
            nn.ReLU(),
            Dropout(0.5),
            nn.Linear(fc_width, fc_width),
            nn.ReLU(),
            Dropout(0.5),
            nn.Linear(fc_width, classes),
        )

    def forward(self, x):
        x = self.features(x)
        x = torch.flatten(x, 1)
        return torch.softmax(self.classifier(x), dim=1)


def init_weights(model, gen):
    # He-normal weights and small random biases, so activations keep the input's scale (pixels minus
    # a mean, about +-128, as the zoo's model takes): LRN's alpha then matters.
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            fan_in = m.weight[0].numel()
            with torch.no_grad():
                m.weight.copy_(torch.randn(m.weight.shape, generator=gen) * (2.0 / fan_in) ** 0.5)
                m.bias.copy_(torch.randn(m.bias.shape, generator=gen) * 0.1)


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--out', required=True)
    p.add_argument('--width-divisor', type=int, default=8)
    p.add_argument('--fc-width', type=int, default=None, help='default 4096 / width divisor')
    p.add_argument('--classes', type=int, default=1000)
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--opset', type=int, default=9)
    p.add_argument('--reference', default=None)
    a = p.parse_args()

    global EXPORT_OPSET
    EXPORT_OPSET = a.opset
    fc_width = a.fc_width or 4096 // a.width_divisor
    model = BvlcAlexNet(a.width_divisor, fc_width, a.classes)
    gen = torch.Generator().manual_seed(a.seed)
    init_weights(model, gen)
    model.eval()
    x = (torch.rand((1, 3, 224, 224), generator=gen) * 255 - 128).float()
    with torch.no_grad():
        # Scale the last layer so the logits spread over a few units: a saturated or a uniform
        # softmax would make a weak reference.
        logits = model.classifier(torch.flatten(model.features(x), 1))
        s = 3.0 / max(float(logits.std()), 1e-6)
        last = model.classifier[-1]
        last.weight.mul_(s)
        last.bias.mul_(s)
        y = model(x)

    torch.onnx.export(model, x, a.out, opset_version=a.opset, input_names=['data_0'],
                      output_names=['prob_1'])
    onnx.checker.check_model(onnx.load(a.out))
    if a.reference:
        os.makedirs(a.reference, exist_ok=True)
        for name, t in (('input_0.pb', x), ('output_0.pb', y)):
            tp = numpy_helper.from_array(t.numpy().astype(np.float32),
                                         'data_0' if name.startswith('input') else 'prob_1')
            with open(os.path.join(a.reference, name), 'wb') as f:
                f.write(tp.SerializeToString())


if __name__ == '__main__':
    main()
