/**
 * Translate a .m file to TypeScript: parse it, find the function files it
 * calls beside it (MATLAB's search path: the script's folder), and emit one
 * module. Errors are MatlabSyntaxError (file, line, column, MATLAB's words).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { stmtExprs, walkExpr, walkStmts, type Program } from './ast.ts';
import { Diagnostics } from './diagnostics.ts';
import { parse } from './parser.ts';
import { emitProgram, type Emitted } from './emit.ts';
import { TOOLBOX_FUNCTIONS } from './toolboxNames.ts';

export interface Translation extends Emitted {
  /** Notes (Octave syntax, names that will fail at run time) for every file involved. */
  notes: string[];
  /** Function files beside the script that were included. */
  included: string[];
}

/** Names a program uses that could be functions (never assigned in it). */
function referencedNames(p: Program): Set<string> {
  const names = new Set<string>();
  const bodies = [p.body, ...p.functions.map((f) => f.body)];
  for (const body of bodies) {
    for (const s of walkStmts(body)) {
      if (s.type === 'command') names.add(s.name);
      for (const e of stmtExprs(s)) for (const x of walkExpr(e)) {
        if (x.type === 'ident') names.add(x.name);
        if (x.type === 'handle') names.add(x.name);
      }
    }
  }
  return names;
}

/** Function files `name.m` in `dir` that `p` (and, in turn, those files) call. */
function functionFiles(p: Program, dir: string, diag: (file: string) => Diagnostics): Map<string, Program> {
  const found = new Map<string, Program>();
  const local = new Set(p.functions.map((f) => f.name));
  const queue = [p];
  while (queue.length > 0) {
    const q = queue.pop()!;
    for (const name of referencedNames(q)) {
      if (found.has(name) || local.has(name) || TOOLBOX_FUNCTIONS.has(name) || name === basename(p.file, '.m')) continue;
      const file = join(dir, `${name}.m`);
      if (!existsSync(file)) continue;
      const program = parse(readFileSync(file, 'utf8'), file, diag(file));
      if (program.kind !== 'function') continue; // another script, not a function
      found.set(name, program);
      queue.push(program);
    }
  }
  return found;
}

/** Translate the .m source `src` of `file`; `importFrom` is the toolbox module the code imports. */
export function translateSource(src: string, file: string, importFrom: string): Translation {
  const diags: Diagnostics[] = [];
  const diagFor = (f: string) => {
    const d = new Diagnostics(f);
    diags.push(d);
    return d;
  };
  const main = diagFor(file);
  const program = parse(src, file, main);
  const files = functionFiles(program, dirname(file), diagFor);
  const emitted = emitProgram(program, main, { importFrom, fileFunctions: files });
  return { ...emitted, notes: diags.flatMap((d) => d.format()), included: [...files.values()].map((f) => f.file) };
}

export function translateFile(file: string, importFrom: string): Translation {
  return translateSource(readFileSync(file, 'utf8'), file, importFrom);
}
