/**
 * npm run bench [-- --quick] [--check] [--write-baseline] [--no-references]
 *
 * Training and inference images/s of the course CNN through the toolbox,
 * next to tfjs-layers and PyTorch on the same data in the same run.
 * The last line is machine-readable: BENCH {...}.
 */
import { parseCli } from './bench/config.ts';
import { runBench } from './bench/run.ts';
import { table, benchLine } from './bench/report.ts';
import { checkBaseline, writeBaseline, BASELINE } from './bench/baseline.ts';

let cli;
try {
  cli = parseCli(process.argv.slice(2));
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}

// Progress goes to stderr so stdout stays the report.
const result = await runBench(cli.config, cli.references, (s) => console.error(s));
console.log(table(result));
if (cli.writeBaseline) {
  writeBaseline(result);
  console.log(`baseline written to ${BASELINE}`);
}
let ok = true;
if (cli.check) {
  const c = checkBaseline(result);
  c.lines.forEach((l) => console.log(l));
  ok = c.ok;
}
console.log(benchLine(result));
process.exitCode = ok ? 0 : 1;
