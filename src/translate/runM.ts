/**
 * `dltb run X.m` and `dltb translate X.m`: translate a .m script, then run
 * the TypeScript in this process (errors cite the .m file and line, as
 * MATLAB's "Error in X (line N)") or write it beside the script.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import chalk from 'chalk';
import { MatlabSyntaxError } from './diagnostics.ts';
import { translateFile, type Translation } from './translate.ts';
import { runScript } from '../cli/runScript.ts';
import { writeFileAtomic } from '../io/atomicWrite.ts';
import { addpath } from '../runtime/searchPath.ts';

const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TOOLBOX_INDEX = join(PACKAGE_ROOT, 'src', 'index.ts');

/** How a .ts written at `out` imports the toolbox: relative inside this package, by name elsewhere. */
export function importSpecifier(out: string): string {
  const rel = relative(dirname(resolve(out)), TOOLBOX_INDEX);
  if (resolve(out).startsWith(PACKAGE_ROOT + sep) || resolve(out).startsWith(PACKAGE_ROOT)) return rel.startsWith('.') ? rel.split(sep).join('/') : `./${rel.split(sep).join('/')}`;
  return 'matlab-dltb';
}

function translateOrReport(script: string, importFrom: string): Translation | undefined {
  if (!existsSync(script)) {
    console.error(chalk.red(`Error: Unable to find the script '${script}'.`));
    return undefined;
  }
  try {
    const t = translateFile(script, importFrom);
    for (const n of t.notes) console.error(chalk.yellow(n));
    return t;
  } catch (e) {
    if (e instanceof MatlabSyntaxError) {
      console.error(chalk.red(e.message));
      return undefined;
    }
    throw e;
  }
}

/** "Error in name (line N)" and the .m line, from the first stack frame in the generated module. */
export function mLineOfError(e: unknown, generated: string, t: Translation): string {
  const stack = e instanceof Error ? e.stack ?? '' : '';
  const url = pathToFileURL(generated).href;
  for (const frame of stack.split('\n')) {
    const at = frame.indexOf(url) >= 0 ? frame.indexOf(url) + url.length : frame.indexOf(generated) >= 0 ? frame.indexOf(generated) + generated.length : -1;
    if (at < 0) continue;
    const m = /^:(\d+):\d+/.exec(frame.slice(at));
    if (!m) continue;
    const k = Number(m[1]) - 1;
    const line = t.lineMap[k];
    const file = t.fileMap[k];
    if (!line || !file) continue;
    const text = readFileSync(file, 'utf8').split(/\r?\n/)[line - 1]?.trim() ?? '';
    return `\n\nError in ${basename(file, '.m')} (line ${line})\n${text}`;
  }
  return '';
}

/** `dltb run X.m`: exit status 0 when the script ran to its end. */
export async function runMFile(script: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'dltb-'));
  const generated = join(dir, basename(script).replace(/\.m$/, '') + '.mts');
  try {
    const t = translateOrReport(script, pathToFileURL(TOOLBOX_INDEX).href);
    if (!t) return 1;
    writeFileSync(generated, t.code);
    addpath(resolve(dirname(script)));
    return await runScript(generated, { errorContext: (e) => mLineOfError(e, generated, t) });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `dltb translate X.m [-o X.ts]`: nothing is written when the translation fails. */
export async function translateMFile(script: string, out?: string): Promise<number> {
  const target = out ?? script.replace(/\.m$/, '') + '.ts';
  const t = translateOrReport(script, importSpecifier(target));
  if (!t) return 1;
  await writeFileAtomic(target, [new TextEncoder().encode(t.code)]);
  console.log(`Wrote ${target}${t.included.length ? ` (with ${t.included.map((f) => basename(f)).join(', ')})` : ''}.`);
  return 0;
}
