import { describe, expect, it } from 'vitest';
import { formatHms, printfExp, printfFixed } from '../src/runtime/durationFormat.ts';
import { ProgressBar, type ProgressStream } from '../src/runtime/progressBar.ts';
import {
  INITIALIZING_INPUT_NORMALIZATION,
  VerboseTable,
  isVerboseIteration,
  trainingFinishedMessage,
  trainingOnMessage,
} from '../src/train/verboseTable.ts';

// Lines copied from MATLAB's published output (see docs / matlab-reference.md).
const BORDER_90 = `|${'='.repeat(88)}|`;
const BORDER_120 = `|${'='.repeat(118)}|`;

describe('VerboseTable without validation (90 characters)', () => {
  const table = new VerboseTable({ validation: false, regression: false });

  it('prints the header exactly', () => {
    expect(table.header()).toBe([
      '|========================================================================================|',
      '|  Epoch  |  Iteration  |  Time Elapsed  |  Mini-batch  |  Mini-batch  |  Base Learning  |',
      '|         |             |   (hh:mm:ss)   |   Accuracy   |     Loss     |      Rate       |',
      '|========================================================================================|',
    ].join('\n'));
    expect(table.footer()).toBe(BORDER_90);
    expect(table.footer()).toHaveLength(90);
  });

  it('prints rows like the reference example', () => {
    // 18 of 128 correct = 14.0625 %: a tie that C's printf rounds to even.
    expect(table.row({ epoch: 1, iteration: 1, elapsedSeconds: 11.4, miniBatchAccuracy: 14.0625, miniBatchLoss: 1.9668, baseLearnRate: 0.01 }))
      .toBe('|       1 |           1 |       00:00:11 |       14.06% |       1.9668 |          0.0100 |');
    expect(table.row({ epoch: 1, iteration: 50, elapsedSeconds: 20, miniBatchAccuracy: 50, miniBatchLoss: 1.0354, baseLearnRate: 0.01 }))
      .toBe('|       1 |          50 |       00:00:20 |       50.00% |       1.0354 |          0.0100 |');
  });

  it('keeps every row at 90 characters, including 100 % and hours', () => {
    const row = table.row({ epoch: 30, iteration: 14040, elapsedSeconds: 3 * 3600 + 62, miniBatchAccuracy: 100, miniBatchLoss: 0.0123, baseLearnRate: 0.001 });
    expect(row).toBe('|      30 |       14040 |       03:01:02 |      100.00% |       0.0123 |          0.0010 |');
    expect(row).toHaveLength(90);
  });

  it('switches small learning rates and losses to exponent form', () => {
    const row = table.row({ epoch: 2, iteration: 100, elapsedSeconds: 5, miniBatchAccuracy: 99.21875, miniBatchLoss: 8.5896e-5, baseLearnRate: 1e-4 });
    expect(row).toBe('|       2 |         100 |       00:00:05 |       99.22% |   8.5896e-05 |      1.0000e-04 |');
    expect(table.row({ epoch: 1, iteration: 1, elapsedSeconds: 0, miniBatchAccuracy: 0, miniBatchLoss: 2.5e6, baseLearnRate: 3e-4 }))
      .toBe('|       1 |           1 |       00:00:00 |        0.00% |   2.5000e+06 |          0.0003 |');
  });
});

describe('VerboseTable with validation (120 characters)', () => {
  const table = new VerboseTable({ validation: true, regression: false });

  it('prints the header exactly', () => {
    expect(table.header()).toBe([
      BORDER_120,
      '|  Epoch  |  Iteration  |  Time Elapsed  |  Mini-batch  |  Validation  |  Mini-batch  |  Validation  |  Base Learning  |',
      '|         |             |   (hh:mm:ss)   |   Accuracy   |   Accuracy   |     Loss     |     Loss     |      Rate       |',
      BORDER_120,
    ].join('\n'));
    expect(table.footer()).toHaveLength(120);
  });

  it('fills validation cells when validation ran and leaves them blank otherwise', () => {
    expect(table.row({ epoch: 1, iteration: 1, elapsedSeconds: 3, miniBatchAccuracy: 25, validationAccuracy: 20, miniBatchLoss: 3.2166, validationLoss: 2.8498, baseLearnRate: 1e-4 }))
      .toBe('|       1 |           1 |       00:00:03 |       25.00% |       20.00% |       3.2166 |       2.8498 |      1.0000e-04 |');
    const blank = table.row({ epoch: 1, iteration: 602, elapsedSeconds: 426, miniBatchAccuracy: 75.71, miniBatchLoss: 0.4825, baseLearnRate: 0.0003 });
    expect(blank).toBe('|       1 |         602 |       00:07:06 |       75.71% |              |       0.4825 |              |          0.0003 |');
    expect(blank).toHaveLength(120);
  });
});

describe('VerboseTable for regression', () => {
  it('shows RMSE with two decimals and the loss with one decimal without validation', () => {
    const table = new VerboseTable({ validation: false, regression: true });
    expect(table.header().split('\n')[2]).toBe('|         |             |   (hh:mm:ss)   |     RMSE     |     Loss     |      Rate       |');
    expect(table.row({ epoch: 1, iteration: 1, elapsedSeconds: 1, miniBatchRMSE: 77.96, miniBatchLoss: 3038.8, baseLearnRate: 0.001 }))
      .toBe('|       1 |           1 |       00:00:01 |        77.96 |       3038.8 |          0.0010 |');
    expect(table.row({ epoch: 1, iteration: 1, elapsedSeconds: 3, miniBatchRMSE: 429.51, miniBatchLoss: 92238.5, baseLearnRate: 0.001 }))
      .toBe('|       1 |           1 |       00:00:03 |       429.51 |      92238.5 |          0.0010 |');
  });

  it('shows RMSE and four-decimal losses with validation', () => {
    const table = new VerboseTable({ validation: true, regression: true });
    expect(table.header().split('\n')[2]).toBe('|         |             |   (hh:mm:ss)   |     RMSE     |     RMSE     |     Loss     |     Loss     |      Rate       |');
    expect(table.row({ epoch: 400, iteration: 400, elapsedSeconds: 39, miniBatchRMSE: 0.0131, validationRMSE: 0.0249, miniBatchLoss: 8.5896e-5, validationLoss: 0.00031, baseLearnRate: 0.01 }))
      .toBe('|     400 |         400 |       00:00:39 |         0.01 |         0.02 |   8.5896e-05 |       0.0003 |          0.0100 |');
    expect(table.row({ epoch: 1, iteration: 1, elapsedSeconds: 0, miniBatchRMSE: 0.004, miniBatchLoss: 1e-5, baseLearnRate: 0.01 }))
      .toBe('|       1 |           1 |       00:00:00 |     4.00e-03 |              |   1.0000e-05 |              |          0.0100 |');
  });
});

describe('lines around the table', () => {
  it('has the preamble and final lines', () => {
    expect(trainingOnMessage('cpu')).toBe('Training on single CPU.');
    expect(trainingOnMessage('gpu')).toBe('Training on single GPU.');
    expect(INITIALIZING_INPUT_NORMALIZATION).toBe('Initializing input data normalization.');
    expect(trainingFinishedMessage('max-epochs')).toBe('Training finished: Max epochs completed.');
    expect(trainingFinishedMessage('validation-criterion')).toBe('Training finished: Met validation criterion.');
    expect(trainingFinishedMessage('stopped-manually')).toBe('Training finished: Stopped manually.');
  });

  it('prints rows at iteration 1 and every VerboseFrequency iterations', () => {
    const printed = Array.from({ length: 120 }, (_, i) => i + 1).filter((it) => isVerboseIteration(it, 50));
    expect(printed).toEqual([1, 50, 100]);
  });
});

describe('number and time text', () => {
  it('formats durations as hh:mm:ss', () => {
    expect(formatHms(0)).toBe('00:00:00');
    expect(formatHms(59.9)).toBe('00:00:59');
    expect(formatHms(3661)).toBe('01:01:01');
    expect(formatHms(100 * 3600)).toBe('100:00:00');
    expect(formatHms(NaN)).toBe('00:00:00');
  });

  it("rounds exact ties away from zero, as MATLAB's sprintf does", () => {
    // MATLAB: sprintf('%.1f', 0.25) is '0.3' and sprintf('%.1f', -0.25) is '-0.3' (not C's round-half-even).
    expect(printfFixed(0.125, 2)).toBe('0.13');
    expect(printfFixed(0.375, 2)).toBe('0.38');
    expect(printfFixed(-0.125, 2)).toBe('-0.13');
    expect(printfFixed(2.5, 0)).toBe('3');
    expect(printfFixed(3.5, 0)).toBe('4');
    expect(printfFixed(0.1 + 0.2, 4)).toBe('0.3000');
    expect(printfFixed(2.675, 2)).toBe('2.67'); // 2.675 is stored just below the tie
    expect(printfFixed(1.00005, 4)).toBe('1.0001'); // and 1.00005 just above it
  });

  it('writes exponents with a sign and two digits at least', () => {
    expect(printfExp(1e-4, 4)).toBe('1.0000e-04');
    expect(printfExp(123456, 2)).toBe('1.23e+05');
    expect(printfExp(1.5e100, 4)).toBe('1.5000e+100');
    expect(printfExp(Infinity, 4)).toBe('Inf');
  });
});

/** A stream double that records what was written. */
function fakeStream(isTTY: boolean, extra: Partial<ProgressStream> = {}): ProgressStream & { out: string[] } {
  const out: string[] = [];
  return { isTTY, out, write: (s: string) => out.push(s), ...extra };
}

describe('ProgressBar', () => {
  it('redraws one line in place on a terminal', () => {
    let now = 0;
    const stream = fakeStream(true, { columns: 120 });
    const bar = new ProgressBar({ total: 270, label: 'Training', stream, width: 10, now: () => now });
    now = 5_000; // the first step (warm-up included) only starts the ETA clock
    bar.update(1, 'loss 2.3000');
    expect(stream.out).toEqual(['\rTraining [░░░░░░░░░░] 0% 1/270 ETA --:--:-- loss 2.3000\x1b[K']);
    now = 15_000; // 10 s for 122 steps → 147 left take 12.05 s
    bar.update(123, 'loss 0.5200');
    bar.update(123, 'loss 0.5200'); // unchanged text: no redraw
    expect(stream.out.slice(1)).toEqual(['\rTraining [█████░░░░░] 45% 123/270 ETA 00:00:12 loss 0.5200\x1b[K']);
    now = 20_000;
    bar.update(270);
    bar.finish('done');
    bar.finish('again'); // a second finish is ignored
    expect(stream.out.slice(2)).toEqual([
      '\rTraining [██████████] 100% 270/270 ETA 00:00:00\x1b[K',
      '\rTraining [██████████] 100% 270/270 in 00:00:20 done\x1b[K\n',
    ]);
  });

  it('shows no ETA before the first step and cuts lines to the terminal width', () => {
    const stream = fakeStream(true, { columns: 20 });
    const bar = new ProgressBar({ total: 10, label: 'Epoch 1', stream, width: 4, now: () => 0 });
    bar.update(0);
    expect(stream.out).toEqual(['\rEpoch 1 [░░░░] 0% 0\x1b[K']);
  });

  it('prints a plain line at most every 10 % when not a terminal', () => {
    let now = 0;
    const stream = fakeStream(false);
    const bar = new ProgressBar({ total: 100, label: 'Training', stream, now: () => now });
    for (let i = 0; i <= 100; i++) {
      now = i * 100;
      bar.update(i);
    }
    bar.finish();
    expect(stream.out).toHaveLength(12);
    expect(stream.out[0]).toBe('Training 0% 0/100 ETA --:--:--\n');
    expect(stream.out[5]).toBe('Training 50% 50/100 ETA 00:00:05\n');
    expect(stream.out[11]).toBe('Training 100% 100/100 in 00:00:10\n');
    expect(stream.out.join('')).not.toContain('\r');
  });

  it('finish(info, done) shows the final count the caller had not reported (file preparation progress)', () => {
    let now = 0;
    const stream = fakeStream(false);
    const bar = new ProgressBar({ total: 140, label: 'Panneaux', stream, now: () => now });
    bar.update(139);
    now = 7_600;
    bar.finish(undefined, 140);
    expect(stream.out.at(-1)).toBe('Panneaux 100% 140/140 in 00:00:07\n');
  });

  it('never throws when the stream is closed or fails', () => {
    const closed = fakeStream(true, { writable: false });
    const a = new ProgressBar({ total: 5, label: 'x', stream: closed });
    expect(() => { a.update(1); a.finish(); }).not.toThrow();
    expect(closed.out).toEqual([]);

    let calls = 0;
    const throwing: ProgressStream = { isTTY: false, write: () => { calls++; throw new Error('EPIPE'); } };
    const b = new ProgressBar({ total: 5, label: 'x', stream: throwing });
    expect(() => { b.update(1); b.update(5); b.finish(); }).not.toThrow();
    expect(calls).toBe(1); // gives up on a stream after its first failure

    let onError: ((err: unknown) => void) | undefined;
    const erroring = fakeStream(false, { on: (_event, listener) => { onError = listener; } });
    const c = new ProgressBar({ total: 10, label: 'x', stream: erroring });
    c.update(1);
    onError?.(new Error('EPIPE'));
    c.update(10);
    expect(erroring.out).toHaveLength(1);
  });
});
