/**
 * Parser robustness: parse every .m file under a folder (default: Octave's
 * own library, Debian's octave-common) and report the share parsed without
 * error and the failures grouped by message. `npx tsx scripts/parse-corpus.ts [dir]`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '../src/translate/parser.ts';
import { MatlabSyntaxError } from '../src/translate/diagnostics.ts';

function* mFiles(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* mFiles(p);
    else if (e.name.endsWith('.m')) yield p;
  }
}

export interface CorpusReport {
  total: number;
  parsed: number;
  crashes: string[];
  slowest: { file: string; ms: number };
  /** Failure reason (quoted parts elided) → file:line:col list. */
  failures: Map<string, string[]>;
}

/** Parse every .m under `dir`; a parser crash (anything but a MatlabSyntaxError) is listed apart. */
export function parseCorpus(dir: string): CorpusReport {
  const report: CorpusReport = { total: 0, parsed: 0, crashes: [], slowest: { file: '', ms: 0 }, failures: new Map() };
  for (const file of mFiles(dir)) {
    report.total++;
    const t0 = performance.now();
    try {
      parse(readFileSync(file, 'latin1'), file);
      report.parsed++;
    } catch (e) {
      if (!(e instanceof MatlabSyntaxError)) {
        report.crashes.push(`${file}: ${(e as Error).stack}`);
        continue;
      }
      const key = e.reason.replace(/'[^']*'/g, "'…'").replace(/line \d+/g, 'line N');
      if (!report.failures.has(key)) report.failures.set(key, []);
      report.failures.get(key)!.push(`${file}:${e.line}:${e.col}`);
    }
    const ms = performance.now() - t0;
    if (ms > report.slowest.ms) report.slowest = { file, ms };
  }
  return report;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = parseCorpus(process.argv[2] ?? '/usr/share/octave');
  console.log(`${r.parsed}/${r.total} files parsed (${((100 * r.parsed) / r.total).toFixed(1)} %); ${r.crashes.length} crashes; slowest ${r.slowest.ms.toFixed(0)} ms (${r.slowest.file})`);
  for (const c of r.crashes) console.log(`CRASH ${c}`);
  for (const [reason, files] of [...r.failures].sort((a, b) => b[1].length - a[1].length)) {
    console.log(`${String(files.length).padStart(5)}  ${reason}\n       e.g. ${files.slice(0, 3).join('  ')}`);
  }
}
