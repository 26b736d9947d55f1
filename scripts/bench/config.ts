/**
 * Bench sizes and command-line options. Full runs time enough iterations
 * for a steady state across an epoch boundary; --quick is a CI smoke
 * (about 20 s) whose figures are only good for a gross-slowdown guard.
 */
export const BATCH = 128;

export interface BenchConfig {
  quick: boolean;
  /** Images trained on (the first ones of the set); iterations per epoch = floor(train / 128). */
  train: number;
  epochs: number;
  /** Iterations excluded from the training rate (engine and allocator warm-up). */
  warmup: number;
  /** Images passed to predict for the inference rate. */
  infer: number;
  /** PyTorch thread counts; the first is the one in the BENCH line. */
  torchThreads: readonly number[];
}

export const FULL: BenchConfig = { quick: false, train: 10_000, epochs: 2, warmup: 5, infer: 10_000, torchThreads: [2, 1] };
// Each PyTorch run costs a few seconds of `import torch`: quick runs only the one the BENCH line reports.
export const QUICK: BenchConfig = { quick: true, train: 1_280, epochs: 1, warmup: 2, infer: 1_280, torchThreads: [2] };

export interface CliOptions {
  config: BenchConfig;
  check: boolean;
  writeBaseline: boolean;
  references: boolean;
}

const USAGE = 'usage: npm run bench [-- --quick] [--check] [--write-baseline] [--no-references]';

export function parseCli(argv: readonly string[]): CliOptions {
  const known = new Set(['--quick', '--check', '--write-baseline', '--no-references', '--help']);
  const bad = argv.filter((a) => !known.has(a));
  if (bad.length > 0 || argv.includes('--help')) {
    throw new Error(`${bad.length ? `unknown option ${bad.join(' ')}\n` : ''}${USAGE}`);
  }
  const quick = argv.includes('--quick');
  if (quick && argv.includes('--write-baseline')) throw new Error('--write-baseline needs a full run (drop --quick)');
  return {
    config: quick ? QUICK : FULL,
    check: argv.includes('--check'),
    writeBaseline: argv.includes('--write-baseline'),
    references: !argv.includes('--no-references'),
  };
}

/** Warm-up set for inference: two full batches and a remainder batch, so every batch shape is seen once. */
export function inferWarmupCount(n: number): number {
  return Math.min(n, 2 * BATCH + (n % BATCH));
}
