#!/usr/bin/python3
"""A stand-in for an ONNX Model Zoo file, for tests of `dltb models install`: MATLAB's architecture
NAME as scripts/architectures_torch.py builds it in PyTorch, with random weights (and random batch-norm
statistics), exported by PyTorch's own ONNX exporter with the input 'data_0' (1x3xHxW). The graph's
output is the classifier's pre-softmax scores (the layer before 'prob'), named 'logits', so that a
test compares unsaturated values.

Run with Debian's /usr/bin/python3 (python3-torch):
  /usr/bin/python3 scripts/zoo_like_onnx.py NAME --out FILE [--seed 0] [--opset 12] [--fold-bn]
NAME: googlenet, resnet50, squeezenet, vgg16, vgg19 or alexnet. --fold-bn lets the exporter fold batch
normalization into the convolutions: a graph that is no longer MATLAB's architecture layer for layer.
"""
import argparse
import os
import sys

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from architectures_torch import GraphNet, Padded, build  # noqa: E402


class Logits(nn.Module):
    def __init__(self, net, upto):
        super().__init__()
        self.net, self.upto = net, upto

    def forward(self, x):
        return torch.flatten(self.net(x, upto=self.upto), 1)


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('name')
    p.add_argument('--out', required=True)
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--opset', type=int, default=12)
    p.add_argument('--fold-bn', action='store_true')
    a = p.parse_args()

    layers = build(a.name)
    net = GraphNet(layers)
    # A symmetric padding becomes the convolution's or pooling's own (ONNX 'pads', as converted Caffe
    # models have it); an asymmetric one stays a Pad node.
    for m in net.modules():
        if isinstance(m, Padded) and isinstance(m.inner, (nn.Conv2d, nn.MaxPool2d)):
            t, b, l, r = m.pad
            if t == b and l == r and (t or l):
                m.inner.padding = (t, l)
                m.pad = (0, 0, 0, 0)
        # Without padding, count_include_pad changes nothing, but True makes the exporter add a Pad node.
        if isinstance(m, nn.AvgPool2d) and m.padding in (0, (0, 0)):
            m.count_include_pad = False
    gen = torch.Generator().manual_seed(a.seed)
    with torch.no_grad():
        for m in net.modules():
            if isinstance(m, (nn.Conv2d, nn.Linear)):
                # He-normal weights keep the activations at the input's scale through the depth.
                m.weight.copy_(torch.randn(m.weight.shape, generator=gen) * (2.0 / m.weight[0].numel()) ** 0.5)
                m.bias.copy_(torch.randn(m.bias.shape, generator=gen) * 0.1)
            elif isinstance(m, nn.BatchNorm2d):
                c = m.num_features
                m.weight.copy_(0.5 + torch.rand(c, generator=gen))
                m.bias.copy_(torch.randn(c, generator=gen) * 0.1)
                m.running_mean.copy_(torch.randn(c, generator=gen) * 0.1)
                m.running_var.copy_(0.5 + torch.rand(c, generator=gen))
    net.eval()
    softmax = next(i for i, l in enumerate(layers) if l['kind'] == 'softmax')
    model = Logits(net, layers[softmax - 1]['name']).eval()
    h, w, c = layers[0]['size']
    x = torch.randn(1, c, h, w, generator=gen)
    # PRESERVE keeps BatchNormalization nodes; EVAL folds them into the convolutions.
    mode = torch.onnx.TrainingMode.EVAL if a.fold_bn else torch.onnx.TrainingMode.PRESERVE
    torch.onnx.export(model, x, a.out, opset_version=a.opset, input_names=['data_0'], output_names=['logits'],
                      training=mode, do_constant_folding=a.fold_bn)


if __name__ == '__main__':
    main()
