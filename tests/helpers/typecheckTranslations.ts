/** Translate .m files and type-check the TypeScript they become (strict, the project's tsconfig). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { translateFile } from '../../src/translate/translate.ts';

const root = resolve(import.meta.dirname, '../..');

/** tsc's output (empty when all type-check) and exit status for the translations of `sources`. */
export function typecheckTranslations(sources: readonly string[]): { output: string; status: number | null } {
  const dir = mkdtempSync(join(tmpdir(), 'dltb-tc-'));
  for (const s of sources) {
    writeFileSync(join(dir, s.replace(/^.*\//, '').replace(/\.m$/, '.ts')), translateFile(s, join(root, 'src/index.ts')).code);
  }
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    extends: join(root, 'tsconfig.json'),
    compilerOptions: { typeRoots: [join(root, 'node_modules/@types')] },
    include: ['*.ts'],
  }));
  const r = spawnSync(join(root, 'node_modules/.bin/tsc'), ['--noEmit', '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
  return { output: r.stdout + r.stderr, status: r.status };
}
