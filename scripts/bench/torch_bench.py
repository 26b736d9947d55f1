"""PyTorch reference for `npm run bench`: the course CNN, same data, same solver.

Reads raw float32 images (N x 1 x 28 x 28, row-major) and uint8 labels written by
scripts/bench/torch.ts; prints one JSON line with the figures.
"""
import argparse
import json
import resource
import time

import numpy as np
import torch
from torch import nn

p = argparse.ArgumentParser()
p.add_argument('--images', required=True)
p.add_argument('--labels', required=True)
p.add_argument('--train', type=int, required=True)
p.add_argument('--epochs', type=int, required=True)
p.add_argument('--warmup', type=int, required=True)
p.add_argument('--infer', type=int, required=True)
p.add_argument('--infer-warmup', type=int, required=True)
p.add_argument('--threads', type=int, required=True)
p.add_argument('--batch', type=int, default=128)
a = p.parse_args()

torch.set_num_threads(a.threads)
torch.manual_seed(0)
labels = torch.from_numpy(np.fromfile(a.labels, dtype=np.uint8).astype(np.int64))
images = torch.from_numpy(np.fromfile(a.images, dtype='<f4').reshape(-1, 1, 28, 28))


def block(cin, cout, pool):
    layers = [nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU()]
    return layers + ([nn.MaxPool2d(2, 2)] if pool else [])


model = nn.Sequential(*block(1, 16, True), *block(16, 32, True), *block(32, 64, False),
                      nn.Flatten(), nn.Linear(64 * 7 * 7, 10))
# MATLAB sgdm defaults. weight_decay also reaches biases here (MATLAB's have factor 0): no effect on speed.
opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=1e-4)
loss_fn = nn.CrossEntropyLoss()

x, y = images[:a.train], labels[:a.train]
per_epoch = a.train // a.batch  # MATLAB drops the incomplete last batch
ends = []
acc = float('nan')
model.train()
for epoch in range(a.epochs):
    order = torch.randperm(a.train)
    for b in range(per_epoch):
        idx = order[b * a.batch:(b + 1) * a.batch]
        xb, yb = x[idx], y[idx]
        opt.zero_grad(set_to_none=True)
        out = model(xb)
        loss = loss_fn(out, yb)
        loss.backward()
        opt.step()
        loss.item()  # the toolbox reads its loss back every iteration too
        acc = 100.0 * (out.argmax(1) == yb).float().mean().item()
        ends.append(time.perf_counter())

w = max(1, min(a.warmup, len(ends) - 1))  # same rule as timing.ts steadyRate
train_img_s = (len(ends) - w) * a.batch / (ends[-1] - ends[w - 1])

model.eval()


def infer(n):
    with torch.inference_mode():
        outs = [model(images[i:i + a.batch]) for i in range(0, n, a.batch)]
        return torch.cat(outs).numpy()


infer(a.infer_warmup)
t0 = time.perf_counter()
infer(a.infer)
infer_img_s = a.infer / (time.perf_counter() - t0)

print(json.dumps({
    'threads': a.threads, 'torch': torch.__version__, 'train_img_s': train_img_s, 'infer_img_s': infer_img_s,
    'iterations': len(ends), 'last_batch_accuracy': acc,
    'rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
