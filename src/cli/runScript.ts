/**
 * `dltb run <script>`: runs a toolbox script (.ts) in this process, reports
 * errors the way MATLAB does ("Error using fn" then the message), and
 * renders the figures the script left open.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import chalk from 'chalk';
import { MatlabError } from '../runtime/errors.ts';

/** MATLAB's error report: the function comes from the identifier's first component. */
export function formatError(e: unknown): string {
  if (e instanceof MatlabError) {
    const fn = e.identifier.split(':').find((part) => part !== 'MATLAB' && part !== '') ?? '';
    return fn ? `Error using ${fn}\n${e.message}` : `Error: ${e.message}`;
  }
  if (e instanceof Error) return `Error: ${e.message}\n${e.stack?.split('\n').slice(1, 6).join('\n') ?? ''}`;
  return `Error: ${String(e)}`;
}

/** Hooks run after a script finishes (the figures module renders open figures here). */
const afterScript: (() => Promise<void>)[] = [];
export function onScriptEnd(hook: () => Promise<void>): void {
  afterScript.push(hook);
}

/**
 * Scripts use top-level await, so they must load as ES modules: a .mts file,
 * or a .ts file under a package.json that says "type": "module".
 */
function loadsAsModule(path: string): boolean {
  if (path.endsWith('.mts')) return true;
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        return (JSON.parse(readFileSync(pkg, 'utf8')) as { type?: string }).type === 'module';
      } catch {
        return false;
      }
    }
    if (dirname(dir) === dir) return false;
  }
}

export interface RunOptions {
  /** Extra lines after the error message (a translated .m script names its own line). */
  errorContext?: (e: unknown) => string;
}

export async function runScript(script: string, opts: RunOptions = {}): Promise<number> {
  const path = resolve(script);
  if (!existsSync(path)) {
    console.error(chalk.red(`Error: Unable to find the script '${script}'.`));
    return 1;
  }
  if (!loadsAsModule(path)) {
    console.error(chalk.red(`Error: '${script}' would load as a CommonJS file, where 'await' is not allowed at top level.\nRename it to .mts, or put a package.json containing {"type": "module"} in its folder.`));
    return 1;
  }
  let status = 0;
  try {
    await import(pathToFileURL(path).href);
  } catch (e) {
    // Red, as MATLAB's command window shows errors (chalk drops colour when stderr is not a terminal).
    console.error(chalk.red(formatError(e) + (opts.errorContext?.(e) ?? '')));
    status = 1;
  }
  for (const hook of afterScript) await hook();
  return status;
}
