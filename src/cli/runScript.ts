/**
 * `dltb run <script>`: runs a toolbox script (.ts) in this process, reports
 * errors the way MATLAB does ("Error using fn" then the message), and
 * renders the figures the script left open.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
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

export async function runScript(script: string): Promise<number> {
  const path = resolve(script);
  if (!existsSync(path)) {
    console.error(`Error: Unable to find the script '${script}'.`);
    return 1;
  }
  let status = 0;
  try {
    await import(pathToFileURL(path).href);
  } catch (e) {
    console.error(formatError(e));
    status = 1;
  }
  for (const hook of afterScript) await hook();
  return status;
}
