/**
 * Reference: PyTorch on the same digits, run by scripts/bench/torch_bench.py
 * in a Python that has torch (Debian's /usr/bin/python3 with python3-torch;
 * the pyenv python3 first on PATH lacks it). BENCH_PYTHON, when set, is the only one tried.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { inferWarmupCount, type BenchConfig } from './config.ts';
import type { Digits } from './data.ts';

export interface TorchResult {
  threads: number;
  torch: string;
  trainImgS: number;
  inferImgS: number;
  rssMb: number;
  lastBatchAccuracy: number;
}

const SCRIPT = fileURLToPath(new URL('./torch_bench.py', import.meta.url));

/** The first Python that imports torch, or null. */
export function findTorchPython(): string | null {
  const candidates = process.env.BENCH_PYTHON ? [process.env.BENCH_PYTHON] : ['/usr/bin/python3', 'python3'];
  for (const py of candidates) {
    const r = spawnSync(py, ['-c', 'import torch'], { stdio: 'ignore', timeout: 60_000 });
    if (r.status === 0) return py;
  }
  return null;
}

/** Train and infer with PyTorch at each thread count; the data goes through raw files in a temp folder. */
export function measureTorch(python: string, d: Digits, cfg: BenchConfig, threads: readonly number[]): TorchResult[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'dltb-bench-'));
  try {
    const images = path.join(dir, 'images.f32');
    const labels = path.join(dir, 'labels.u8');
    // Float32Array bytes are little-endian on every platform Node runs on; the script reads '<f4'.
    writeFileSync(images, new Uint8Array(d.rows.buffer, d.rows.byteOffset, d.rows.byteLength));
    writeFileSync(labels, d.labels);
    const infer = Math.min(cfg.infer, d.count);
    return threads.map((t) => {
      const args = [SCRIPT, '--images', images, '--labels', labels, '--train', String(Math.min(cfg.train, d.count)),
        '--epochs', String(cfg.epochs), '--warmup', String(cfg.warmup), '--infer', String(infer),
        '--infer-warmup', String(inferWarmupCount(infer)), '--threads', String(t)];
      const r = spawnSync(python, args, { encoding: 'utf8', timeout: 600_000, maxBuffer: 16 << 20 });
      if (r.status !== 0) throw new Error(`torch_bench.py (${t} threads) failed: ${r.error?.message ?? r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
      const j = JSON.parse(r.stdout.trim().split('\n').pop()!);
      return { threads: j.threads, torch: j.torch, trainImgS: j.train_img_s, inferImgS: j.infer_img_s, rssMb: j.rss_mb, lastBatchAccuracy: j.last_batch_accuracy };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
