/**
 * The AlexNet rows of the bench: ours (scripts/bench/alexnetChild.ts, one
 * process per measurement) and PyTorch on the same BVLC architecture
 * (scripts/architectures_torch.py --bench), 2 threads; and the course script
 * toolbox/transfert_alexnet.ts run whole on the generated Panneaux set.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** toolbox/transfert_alexnet.ts on the 140 Panneaux photos, untrained AlexNet, every layer learning. */
export interface CourseScriptResult {
  totalS: number;
  /** The elapsed time the training-progress figure reports. */
  trainS: number;
  rssMb: number;
}

export interface AlexNetResult {
  oursFirstImageMs: number;
  oursInferImgS: number;
  oursInferRssMb: number;
  oursTransferImgS: number;
  oursTransferRssMb: number;
  torchInferImgS: number | null;
  torchInferRssMb: number | null;
  torchTransferImgS: number | null;
  torchTransferRssMb: number | null;
  /** Every layer learning, as toolbox/transfert_alexnet.ts trains. */
  oursFinetuneImgS: number;
  oursFinetuneRssMb: number;
  torchFinetuneImgS: number | null;
  torchFinetuneRssMb: number | null;
  script: CourseScriptResult;
}

const CHILD = fileURLToPath(new URL('./alexnetChild.ts', import.meta.url));
const TORCH = fileURLToPath(new URL('../architectures_torch.py', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url));

function lastJson(cmd: string, args: string[], env: Record<string, string> = {}): Record<string, number> {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 1_800_000, maxBuffer: 16 << 20, env: { ...process.env, NODE_OPTIONS: '', ...env } });
  if (r.status !== 0) throw new Error(`${args[0]} failed: ${r.error?.message ?? r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

/** The course script in a temporary folder (a 244 MB model store, the photos, myNet.mat: removed after). */
export function measureCourseScript(): CourseScriptResult {
  const dir = mkdtempSync(join(tmpdir(), 'dltb-bench-transfert-'));
  try {
    lastJson(process.execPath, [TSX, CHILD, 'prepare', dir]);
    const r = lastJson(process.execPath, [TSX, CHILD, 'script', dir], { DLTB_MODELS: join(dir, 'store') });
    if (r.status !== 0) throw new Error('toolbox/transfert_alexnet.ts failed');
    return { totalS: r.total_s, trainS: r.train_s, rssMb: r.rss_mb };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function measureAlexNet(python: string | null, iterations: number): AlexNetResult {
  const infer = lastJson(process.execPath, [TSX, CHILD, 'infer', String(iterations)]);
  const transfer = lastJson(process.execPath, [TSX, CHILD, 'transfer', String(iterations)]);
  const finetune = lastJson(process.execPath, [TSX, CHILD, 'finetune', String(iterations)]);
  const torch = (mode: string) => (python ? lastJson(python, [TORCH, '--bench', mode, '--batch', '10', '--iterations', String(iterations), '--threads', '2']) : null);
  const ti = torch('infer');
  const tt = torch('transfer');
  const tf = torch('finetune');
  return {
    oursFirstImageMs: infer.first_image_ms, oursInferImgS: infer.infer_img_s, oursInferRssMb: infer.rss_mb,
    oursTransferImgS: transfer.train_img_s, oursTransferRssMb: transfer.rss_mb,
    torchInferImgS: ti?.infer_img_s ?? null, torchInferRssMb: ti?.rss_mb ?? null,
    torchTransferImgS: tt?.train_img_s ?? null, torchTransferRssMb: tt?.rss_mb ?? null,
    oursFinetuneImgS: finetune.train_img_s, oursFinetuneRssMb: finetune.rss_mb,
    torchFinetuneImgS: tf?.train_img_s ?? null, torchFinetuneRssMb: tf?.rss_mb ?? null,
    script: measureCourseScript(),
  };
}
