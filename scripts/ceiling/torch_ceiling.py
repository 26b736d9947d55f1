"""PyTorch half of scripts/ceiling.ts: the best GFLOP/s of one large matrix product and
of the course CNN's three forward convolutions (batch 128, NCHW), at --threads threads.
Prints one JSON line."""
import argparse
import json
import time

import torch

p = argparse.ArgumentParser()
p.add_argument('--threads', type=int, required=True)
p.add_argument('--n', type=int, default=1024)
p.add_argument('--reps', type=int, default=10)
a = p.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(0)


def best_seconds(fn, reps):
    fn()  # warm-up: one-time packing and allocation
    best = float('inf')
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


n = a.n
x, y = torch.randn(n, n), torch.randn(n, n)
with torch.no_grad():
    mm = 2 * n ** 3 / best_seconds(lambda: torch.mm(x, y), a.reps) / 1e9
    convs = []
    for (hw, cin, cout) in [(28, 1, 16), (14, 16, 32), (7, 32, 64)]:
        inp = torch.randn(128, cin, hw, hw)
        w = torch.randn(cout, cin, 3, 3)
        flops = 2 * 128 * hw * hw * cout * cin * 9
        s = best_seconds(lambda: torch.nn.functional.conv2d(inp, w, padding=1), a.reps)
        convs.append(flops / s / 1e9)
print(json.dumps({'threads': a.threads, 'torch': torch.__version__, 'matmul_gflops': mm, 'conv_gflops': convs}))
