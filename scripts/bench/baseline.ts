/**
 * bench/baseline.json: the figures of a full run on the machine that
 * recorded it. --check fails only on a gross slowdown (over 3× slower),
 * never on ordinary timing noise or a busier machine.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './run.ts';
import { parseBenchLine, benchLine, type BenchLine } from './report.ts';

export const BASELINE = fileURLToPath(new URL('../../bench/baseline.json', import.meta.url));
export const SLOWDOWN = 3;

interface Baseline extends BenchLine {
  recorded: string;
  machine: string;
  command: string;
  load: number;
}

export function writeBaseline(r: BenchResult, file = BASELINE): void {
  const b: Baseline = {
    ...parseBenchLine(benchLine(r)),
    recorded: new Date().toISOString().slice(0, 10),
    machine: `${r.machine.cpu}, ${r.machine.cores} cores, Node ${r.machine.node}`,
    command: 'npm run bench -- --write-baseline',
    load: Math.round(r.machine.loadStart * 100) / 100,
  };
  writeFileSync(file, `${JSON.stringify(b, null, 2)}\n`);
}

/** Lines to print and whether the check passed (true when there is no baseline to compare with). */
export function checkBaseline(r: BenchResult, file = BASELINE): { ok: boolean; lines: string[] } {
  if (!existsSync(file)) return { ok: true, lines: [`check: no ${file}; nothing to compare (record one with --write-baseline)`] };
  const b = JSON.parse(readFileSync(file, 'utf8')) as Baseline;
  const lines = [`check: baseline ${b.recorded} on ${b.machine} (${b.backend}); fail only under 1/${SLOWDOWN} of it`];
  let ok = true;
  for (const [name, now, then] of [['train', r.ours.trainImgS, b.train_img_s], ['infer', r.ours.inferImgS, b.infer_img_s]] as const) {
    const bad = !(now * SLOWDOWN >= then);
    ok &&= !bad;
    lines.push(`check: ${name} ${now.toFixed(0)} img/s vs baseline ${then.toFixed(0)} (${(now / then).toFixed(2)}×) ${bad ? `FAIL: more than ${SLOWDOWN}× slower` : 'ok'}`);
  }
  return { ok, lines };
}
