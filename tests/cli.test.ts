/**
 * The `dltb` command: MATLAB-style error reports from scripts, scripts
 * outside the repository, and the module-format check.
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

const bin = resolve(import.meta.dirname, '../bin/dltb.js');
const index = pathToFileURL(resolve(import.meta.dirname, '../src/index.ts')).href;

function run(dir: string, ...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
}

describe('dltb run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dltb-cli-'));

  it('reports a script error as MATLAB does ("Error using fn" and the message) and exits 1', () => {
    writeFileSync(join(dir, 'missing.mts'), `import { imageDatastore } from '${index}';\nimageDatastore('nowhere');\n`);
    const r = run(dir, 'run', 'missing.mts');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Error using imageDatastore\nUnable to find file or directory 'nowhere'.");
  });

  it('runs a script outside the repository and prints what it displays', () => {
    writeFileSync(join(dir, 'show.mts'), `import { display, zeros } from '${index}';\nconst z = zeros(2, 3); display({ z });\n`);
    const r = run(dir, 'run', 'show.mts');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('z =\n\n     0     0     0\n     0     0     0\n\n');
  });

  it('explains why a .ts script outside an ES-module package cannot run', () => {
    writeFileSync(join(dir, 'plain.ts'), 'await Promise.resolve(1);\n');
    const r = run(dir, 'run', 'plain.ts');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Rename it to \.mts, or put a package\.json containing \{"type": "module"\}/);
  });

  it('a missing script', () => {
    const r = run(dir, 'run', 'nope.ts');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Unable to find the script 'nope.ts'");
  });
});
