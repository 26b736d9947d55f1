/**
 * The bench's measuring path in --quick mode: it runs end to end and yields
 * sane figures. No timing thresholds here (the gross-slowdown guard is
 * `npm run bench -- --quick --check`), so this test cannot be flaky on a busy machine.
 */
import { describe, it, expect } from 'vitest';
import { QUICK, parseCli } from '../scripts/bench/config.ts';
import { runBench } from '../scripts/bench/run.ts';
import { benchLine, parseBenchLine, table } from '../scripts/bench/report.ts';
import { steadyRate } from '../scripts/bench/timing.ts';
import { checkBaseline } from '../scripts/bench/baseline.ts';
import { loadDigits, PIXELS } from '../scripts/bench/data.ts';
import type { BenchResult } from '../scripts/bench/run.ts';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const positive = (x: number): void => {
  expect(Number.isFinite(x)).toBe(true);
  expect(x).toBeGreaterThan(0);
};

describe('bench', () => {
  it('measures the toolbox in quick mode and prints a parseable BENCH line', async () => {
    const r = await runBench(QUICK, false);
    positive(r.ours.trainImgS);
    positive(r.ours.parallelTrainImgS);
    positive(r.ours.inferImgS);
    positive(r.ours.rssMb);
    expect(r.ours.iterations).toBe(Math.floor(r.trainImages / 128) * QUICK.epochs);
    const line = benchLine(r);
    const b = parseBenchLine(line);
    expect(Object.keys(b)).toEqual(['train_img_s', 'train_parallel_img_s', 'infer_img_s', 'rss_mb', 'torch_train_img_s', 'torch_infer_img_s', 'backend']);
    positive(b.train_img_s);
    positive(b.infer_img_s);
    positive(b.rss_mb);
    expect(b.torch_train_img_s).toBeNull();
    expect(b.torch_infer_img_s).toBeNull();
    expect(b.backend).toBe(r.ours.backend);
    expect(table(r)).toContain('ours (trainNetwork/predict');
  });

  it('falls back to synthetic digits, in both layouts', async () => {
    const d = await loadDigits(30, path.join(tmpdir(), 'no-such-mnist-dir'));
    expect(d.source).toMatch(/synthetic/);
    expect(d.rows.length).toBe(30 * PIXELS);
    expect([...d.labels.subarray(0, 12)]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
    // Image 7, row 3, column 20: row-major h·28+w, column-major h+28·w.
    expect(d.cols[7 * PIXELS + 3 + 28 * 20]).toBe(d.rows[7 * PIXELS + 3 * 28 + 20]);
  });

  it('times only the iterations after the warm-up', () => {
    // 4 iterations ending at 10, 20, 30, 40 ms; 2 warm-up: 2 iterations of 128 in 20 ms.
    expect(steadyRate([10, 20, 30, 40], 2)).toBeCloseTo((2 * 128 * 1000) / 20);
  });

  it('parses its options', () => {
    expect(parseCli(['--quick', '--check']).config.quick).toBe(true);
    expect(parseCli([]).references).toBe(true);
    expect(() => parseCli(['--fast'])).toThrow(/unknown option/);
    expect(() => parseCli(['--quick', '--write-baseline'])).toThrow(/full run/);
  });

  it('--check fails only beyond a 3× slowdown', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dltb-bench-test-'));
    try {
      const file = path.join(dir, 'baseline.json');
      writeFileSync(file, JSON.stringify({ train_img_s: 900, infer_img_s: 9000, recorded: 'x', machine: 'x', backend: 'wasm' }));
      const at = (train: number, infer: number) => checkBaseline({ ours: { trainImgS: train, inferImgS: infer } } as BenchResult, file).ok;
      expect(at(301, 3001)).toBe(true);
      expect(at(299, 9000)).toBe(false);
      expect(at(900, 2999)).toBe(false);
      expect(checkBaseline({ ours: { trainImgS: 1, inferImgS: 1 } } as BenchResult, path.join(dir, 'none.json')).ok).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
