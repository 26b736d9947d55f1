"""PyTorch reference for trainNetwork with 'sgdm' (tests/torch-training.test.ts).

Usage (Debian's /usr/bin/python3 with python3-torch):
  torch_training_reference.py DIR [--dtype float64|float32]

Reads DIR/input.json, trains the named network in PyTorch with MATLAB's rules and writes
DIR/output.json. Everything in both files is in MATLAB's layouts (column-major values with their
dims): conv Weights H×W×C×F, Bias 1×1×F; fc Weights K×(H·W·C) with the input flattened h fastest,
then w, then c; batch-norm Scale/Offset/TrainedMean/TrainedVariance 1×1×C; images H×W×C×N.

input.json:  {"case": "series" | "graph", "data": {dims, values}, "labels": [0-based class],
              "classes": K, "params": {layer: {Weights|Bias|Scale|Offset: {dims, values}}},
              "frozen": [layer names whose learn-rate factors are 0],
              "options": {"lr", "momentum", "l2", "batch", "epochs", "bnStatistics": "population" | "moving",
                          "bnDecay": MeanDecay = VarianceDecay of every batch-norm layer (torch's momentum)}}
output.json: {"losses": [per iteration], "params": {as given}, "statistics": {bn: {TrainedMean, TrainedVariance}}}

MATLAB's sgdm is v <- mu*v - lr*(g + l2*L2Factor*theta), theta <- theta + v; with a constant learning
rate that is torch.optim.SGD(momentum=mu, weight_decay=l2*L2Factor) (torch's buffer is -v/lr).
L2Factor is 1 for weights, batch-norm Scale and Offset, 0 for conv and fc biases (MATLAB's defaults).
The loss is the mean cross-entropy of the softmax; mini-batches are taken in order ('Shuffle','never'),
the last incomplete one dropped.
"""
import argparse
import json
import math
import sys

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F


def from_matlab(a):
    """A {dims, values} column-major array as a numpy array of those dims."""
    return np.asarray(a["values"], dtype=np.float64).reshape(a["dims"], order="F")


def to_matlab(x):
    return {"dims": list(x.shape), "values": x.flatten(order="F").tolist()}


# --- layout conversions, MATLAB <-> torch, one pair per kind of learnable ---

def conv_weights_in(w):        # H×W×C×F -> F×C×H×W
    return np.transpose(w, (3, 2, 0, 1))


def conv_weights_out(w):
    return np.transpose(w, (2, 3, 1, 0))


def fc_weights_in(m, chw):     # K×(h + H·w + H·W·c) -> K×(c·H·W + h·W + w), torch's NCHW flatten
    c, h, w = chw
    k = m.shape[0]
    return m.reshape(k, c, w, h).transpose(0, 1, 3, 2).reshape(k, c * h * w)


def fc_weights_out(t, chw):
    c, h, w = chw
    k = t.shape[0]
    return t.reshape(k, c, h, w).transpose(0, 1, 3, 2).reshape(k, c * w * h)


def channels_in(v):            # 1×1×C or K×1 -> C
    return v.reshape(-1, order="F")


# --- the networks, written as plain torch modules (names are the MATLAB layer names) ---

class Series(nn.Module):
    """in(H×W×C) -> conv1(3, 4, 'Padding', 1) -> bn1 -> relu -> pool(2, 'Stride', 2)
    -> conv2(3, 5, 'Padding', 1) -> relu -> fc(K) -> softmax -> classification."""

    def __init__(self, h, w, c, k, decay):
        super().__init__()
        self.conv1 = nn.Conv2d(c, 4, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(4, eps=1e-5, momentum=decay)
        self.conv2 = nn.Conv2d(4, 5, 3, padding=1)
        self.fc_chw = (5, h // 2, w // 2)
        self.fc = nn.Linear(math.prod(self.fc_chw), k)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 2, 2)
        x = F.relu(self.conv2(x))
        return self.fc(torch.flatten(x, 1))


class Graph(nn.Module):
    """in -> conv0(3, 4, same) -> relu0 -> convA(3, 4, same) -> bnA -> reluA -> convB(3, 4, same) -> bnB
    -> add(bnB, relu0) -> relu1 -> cat(relu1, conv1x1(relu0) with 2 filters) -> pool(2, 'Stride', 2) -> fc(K)."""

    def __init__(self, h, w, c, k, decay):
        super().__init__()
        self.conv0 = nn.Conv2d(c, 4, 3, padding=1)
        self.convA = nn.Conv2d(4, 4, 3, padding=1)
        self.bnA = nn.BatchNorm2d(4, eps=1e-5, momentum=decay)
        self.convB = nn.Conv2d(4, 4, 3, padding=1)
        self.bnB = nn.BatchNorm2d(4, eps=1e-5, momentum=decay)
        self.conv1x1 = nn.Conv2d(4, 2, 1)
        self.fc_chw = (6, h // 2, w // 2)
        self.fc = nn.Linear(math.prod(self.fc_chw), k)

    def forward(self, x):
        r0 = F.relu(self.conv0(x))
        b = self.bnB(self.convB(F.relu(self.bnA(self.convA(r0)))))
        r1 = F.relu(b + r0)
        x = F.max_pool2d(torch.cat([r1, self.conv1x1(r0)], 1), 2, 2)
        return self.fc(torch.flatten(x, 1))


NETWORKS = {"series": Series, "graph": Graph}


def load_params(model, params):
    with torch.no_grad():
        for name, values in params.items():
            layer = getattr(model, name)
            for prop, a in values.items():
                m = from_matlab(a)
                if isinstance(layer, nn.Conv2d):
                    t = conv_weights_in(m) if prop == "Weights" else channels_in(m)
                    (layer.weight if prop == "Weights" else layer.bias).copy_(torch.from_numpy(np.ascontiguousarray(t)))
                elif isinstance(layer, nn.Linear):
                    t = fc_weights_in(m, model.fc_chw) if prop == "Weights" else channels_in(m)
                    (layer.weight if prop == "Weights" else layer.bias).copy_(torch.from_numpy(np.ascontiguousarray(t)))
                else:  # batch norm: Scale is torch's weight, Offset its bias
                    (layer.weight if prop == "Scale" else layer.bias).copy_(torch.from_numpy(channels_in(m)))


def dump_params(model, names):
    out = {}
    for name in names:
        layer = getattr(model, name)
        w = layer.weight.detach().numpy()
        b = layer.bias.detach().numpy()
        if isinstance(layer, nn.Conv2d):
            out[name] = {"Weights": to_matlab(conv_weights_out(w)), "Bias": to_matlab(b.reshape(1, 1, -1))}
        elif isinstance(layer, nn.Linear):
            out[name] = {"Weights": to_matlab(fc_weights_out(w, model.fc_chw)), "Bias": to_matlab(b.reshape(-1, 1))}
        else:
            out[name] = {"Scale": to_matlab(w.reshape(1, 1, -1)), "Offset": to_matlab(b.reshape(1, 1, -1))}
    return out


def population_statistics(model, x, batch):
    """One more pass in training mode over batches in order (the last may be short): per channel,
    mean = E[x] and variance = E[x^2] - E[x]^2 over every value each batch-norm layer saw."""
    bns = {n: m for n, m in model.named_children() if isinstance(m, nn.BatchNorm2d)}
    sums = {n: 0.0 for n in bns}
    squares = {n: 0.0 for n in bns}
    count = {n: 0 for n in bns}

    def hook(name):
        def record(_module, inputs):
            v = inputs[0].detach()
            sums[name] = sums[name] + v.sum((0, 2, 3))
            squares[name] = squares[name] + (v * v).sum((0, 2, 3))
            count[name] += v.shape[0] * v.shape[2] * v.shape[3]
        return record

    handles = [m.register_forward_pre_hook(hook(n)) for n, m in bns.items()]
    model.train()
    with torch.no_grad():
        for s in range(0, x.shape[0], batch):
            model(x[s:s + batch])
    for h in handles:
        h.remove()
    out = {}
    for n in bns:
        mean = sums[n] / count[n]
        out[n] = (mean.numpy(), (squares[n] / count[n] - mean * mean).clamp(min=0).numpy())
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--dtype", default="float64", choices=["float64", "float32"])
    args = ap.parse_args()
    dtype = getattr(torch, args.dtype)
    with open(f"{args.dir}/input.json") as f:
        spec = json.load(f)
    opts = spec["options"]
    images = from_matlab(spec["data"])                      # H×W×C×N
    h, w, c, n = images.shape
    x = torch.from_numpy(np.ascontiguousarray(images.transpose(3, 2, 0, 1))).to(dtype)
    y = torch.tensor(spec["labels"], dtype=torch.long)

    torch.set_default_dtype(dtype)
    model = NETWORKS[spec["case"]](h, w, c, spec["classes"], opts.get("bnDecay", 0.1))
    load_params(model, spec["params"])
    frozen = set(spec.get("frozen", []))
    decay, plain = [], []
    for name, layer in model.named_children():
        if name in frozen:
            layer.weight.requires_grad_(False)
            layer.bias.requires_grad_(False)
            continue
        if isinstance(layer, nn.BatchNorm2d):
            decay += [layer.weight, layer.bias]          # Scale and Offset L2Factor 1
        else:
            decay.append(layer.weight)                   # Weights L2Factor 1
            plain.append(layer.bias)                     # BiasL2Factor 0
    opt = torch.optim.SGD([{"params": decay, "weight_decay": opts["l2"]}, {"params": plain, "weight_decay": 0.0}],
                          lr=opts["lr"], momentum=opts["momentum"])

    batch = min(opts["batch"], n)
    losses = []
    model.train()
    for _epoch in range(opts["epochs"]):
        for b in range(n // batch):
            sl = slice(b * batch, (b + 1) * batch)
            opt.zero_grad()
            loss = F.cross_entropy(model(x[sl]), y[sl])
            loss.backward()
            opt.step()
            losses.append(loss.item())

    statistics = {}
    if opts["bnStatistics"] == "population":
        stats = population_statistics(model, x, opts["batch"])
    else:
        stats = {nm: (m.running_mean.numpy(), m.running_var.numpy()) for nm, m in model.named_children() if isinstance(m, nn.BatchNorm2d)}
    for nm, (mean, var) in stats.items():
        statistics[nm] = {"TrainedMean": to_matlab(mean.reshape(1, 1, -1)), "TrainedVariance": to_matlab(var.reshape(1, 1, -1))}

    result = {"losses": losses, "params": dump_params(model, list(spec["params"])), "statistics": statistics, "torch": torch.__version__}
    with open(f"{args.dir}/output.json", "w") as f:
        json.dump(result, f)


if __name__ == "__main__":
    sys.exit(main())
