/** The readable table and the machine-readable BENCH line. */
import { BATCH } from './config.ts';
import type { BenchResult } from './run.ts';

export interface BenchLine {
  train_img_s: number;
  train_parallel_img_s: number;
  infer_img_s: number;
  rss_mb: number;
  torch_train_img_s: number | null;
  torch_infer_img_s: number | null;
  backend: string;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

export function benchLine(r: BenchResult): string {
  const t2 = r.torch?.find((t) => t.threads === r.config.torchThreads[0]) ?? null;
  const line: BenchLine = {
    train_img_s: round1(r.ours.trainImgS), train_parallel_img_s: round1(r.ours.parallelTrainImgS), infer_img_s: round1(r.ours.inferImgS), rss_mb: round1(r.ours.rssMb),
    torch_train_img_s: t2 ? round1(t2.trainImgS) : null, torch_infer_img_s: t2 ? round1(t2.inferImgS) : null,
    backend: r.ours.backend,
  };
  return `BENCH ${JSON.stringify(line)}`;
}

export function parseBenchLine(s: string): BenchLine {
  const m = /^BENCH (\{.*\})$/.exec(s.trim());
  if (!m) throw new Error(`not a BENCH line: ${s}`);
  return JSON.parse(m[1]) as BenchLine;
}

const num = (x: number | null | undefined, digits = 0): string =>
  x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Rows as columns: the first left-aligned, the others right-aligned, a rule under the header. */
function aligned(rows: readonly string[][]): string[] {
  const w = rows[0].map((_, j) => Math.max(...rows.map((row) => row[j].length)));
  const lines = rows.map((row) => row.map((cell, j) => (j === 0 ? cell.padEnd(w[j]) : cell.padStart(w[j]))).join('  '));
  lines.splice(1, 0, w.map((k) => '-'.repeat(k)).join('  '));
  return lines;
}

/**
 * alexnet('Weights','none'): inference at batch 10, transfer learning (Layers(1:22) frozen, new fc8) and
 * fine-tuning (the same, every layer learning), ours and PyTorch's; then the course script run whole.
 */
function alexnetTable(a: NonNullable<BenchResult['alexnet']>): string[] {
  const rows = [
    ['AlexNet (BVLC, 227×227×3), batch 10', 'infer img/s', 'peak RSS MiB', 'transfer train img/s', 'peak RSS MiB', 'fine-tune train img/s', 'peak RSS MiB'],
    ['ours (wasm)', num(a.oursInferImgS, 1), num(a.oursInferRssMb), num(a.oursTransferImgS, 1), num(a.oursTransferRssMb), num(a.oursFinetuneImgS, 1), num(a.oursFinetuneRssMb)],
    ['PyTorch, 2 threads', num(a.torchInferImgS, 1), num(a.torchInferRssMb), num(a.torchTransferImgS, 1), num(a.torchTransferRssMb), num(a.torchFinetuneImgS, 1), num(a.torchFinetuneRssMb)],
  ];
  const s = a.script;
  return [
    ...aligned(rows),
    `alexnet('Weights','none') built and one image classified in ${num(a.oursFirstImageMs / 1000, 1)} s`,
    `toolbox/transfert_alexnet.ts (140 Panneaux photos, untrained AlexNet, every layer learning, 4 epochs at batch 10): ${num(s.totalS, 0)} s in all, `
      + `${num(s.trainS, 0)} s training (trainNetwork's elapsed time), peak RSS ${num(s.rssMb)} MiB`,
  ];
}

export function table(r: BenchResult): string {
  const c = r.config;
  const rows: [string, string, string, string, string][] = [
    ['', 'train img/s', 'infer img/s', 'peak RSS MiB', 'last-batch acc %'],
    [`ours (trainNetwork/predict, ${r.ours.backend}, 'auto'${r.ours.threads === null ? '' : `: ${r.ours.threads} thread${r.ours.threads > 1 ? 's' : ''}`})`, num(r.ours.trainImgS), num(r.ours.inferImgS), num(r.ours.rssMb), num(r.ours.lastBatchAccuracy, 1)],
    [`ours (trainNetwork, ${r.ours.backend}, 'parallel': ${r.machine.cores} threads)`, num(r.ours.parallelTrainImgS), '', '', ''],
  ];
  if (r.tfjs) rows.push([`tfjs-layers (fit/predict, ${r.ours.backend})`, r.tfjs.trainImgS === null ? 'n/a (1)' : num(r.tfjs.trainImgS), num(r.tfjs.inferImgS), '(same process)', '']);
  for (const t of r.torch ?? []) {
    rows.push([`PyTorch ${t.torch}, ${t.threads} thread${t.threads > 1 ? 's' : ''}`, num(t.trainImgS), num(t.inferImgS), num(t.rssMb), num(t.lastBatchAccuracy, 1)]);
  }
  const lines = aligned(rows);
  const out = [
    `Course CNN (conv16/bn/relu/pool, conv32/bn/relu/pool, conv64/bn/relu, fc10), batch ${BATCH}, sgdm lr 0.01 momentum 0.9 L2 1e-4`,
    `Data: ${r.data}`,
    `Training: ${r.trainImages} images × ${c.epochs} epoch(s) = ${r.ours.iterations} iterations, the first ${c.warmup} untimed; inference: ${r.inferImages} images after a warm-up call${c.quick ? ' [--quick: rough figures]' : ''}`,
    `Machine: ${r.machine.cpu}, ${r.machine.cores} cores, Node ${r.machine.node}; load average (1 min) ${r.machine.loadStart.toFixed(2)} at start, ${r.machine.loadEnd.toFixed(2)} at end`,
    `Backend: ${r.ours.backend}`,
    '',
    ...lines,
  ];
  if (r.alexnet) out.push('', ...alexnetTable(r.alexnet));
  if (r.tfjs?.trainNote) out.push(`(1) tfjs-layers training n/a (${r.tfjs.trainNote})`);
  if (r.torchNote) out.push(r.torchNote);
  else if (c.quick) out.push(`PyTorch with ${c.torchThreads.join(', ')} thread(s) only in --quick`);
  for (const t of r.torch ?? []) {
    out.push(`ours / PyTorch ${t.threads} thread${t.threads > 1 ? 's' : ''}: train ${(r.ours.trainImgS / t.trainImgS).toFixed(2)}× ('auto'), ${(r.ours.parallelTrainImgS / t.trainImgS).toFixed(2)}× ('parallel'), infer ${(r.ours.inferImgS / t.inferImgS).toFixed(2)}×`);
  }
  return out.join('\n');
}
