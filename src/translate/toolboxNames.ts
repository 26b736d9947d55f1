/**
 * What the translator knows about the toolbox: the names it exports (so an
 * unassigned name resolves to a toolbox function) and which of them return
 * Promises (so the call gets `await`). Both are read from the toolbox
 * itself: its module's exports, and for the Promise part its async
 * functions plus the exported functions whose declared return type names a
 * Promise (imshow of a file name, imtile of a file list).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as toolbox from '../index.ts';

const SRC = fileURLToPath(new URL('..', import.meta.url));

function isClass(f: unknown): boolean {
  return typeof f === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(f));
}

/** Exported functions (not classes) of the toolbox's public module. */
export const TOOLBOX_FUNCTIONS: ReadonlySet<string> = new Set(
  Object.entries(toolbox).filter(([, v]) => typeof v === 'function' && !isClass(v)).map(([k]) => k),
);

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'translate' && entry.name !== 'cli') yield* sourceFiles(path);
    } else if (entry.name.endsWith('.ts')) yield path;
  }
}

/** Names of exported functions whose declared signature (any overload) returns a Promise. */
function promiseDeclared(): Set<string> {
  const out = new Set<string>();
  const decl = /^export (async )?function (\w+)[^]*?(?:\{\s*$|;\s*$)/gm;
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(decl)) {
      if (m[1] || /Promise</.test(m[0])) out.add(m[2]);
    }
    for (const m of text.matchAll(/^export const (\w+)\s*=([^\n]*)/gm)) {
      if (/^\s*async\b|Promise</.test(m[2])) out.add(m[1]);
    }
  }
  return out;
}

/** Toolbox functions whose result must be awaited. */
export const ASYNC_FUNCTIONS: ReadonlySet<string> = (() => {
  const declared = promiseDeclared();
  const names = new Set<string>();
  for (const [name, v] of Object.entries(toolbox)) {
    if (typeof v !== 'function' || isClass(v)) continue;
    if (v.constructor.name === 'AsyncFunction' || declared.has(name)) names.add(name);
  }
  return names;
})();
