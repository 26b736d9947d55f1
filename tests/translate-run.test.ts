/**
 * `dltb run X.m` and `dltb translate X.m` end to end: the corpus prints what
 * GNU Octave prints for it (expected files from scripts/octave-expected.sh),
 * statements without ';' display as MATLAB's, local functions at the end of
 * a script run, errors cite the .m line, and a failed translation writes nothing.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'bin/dltb.js');
const corpus = join(root, 'tests/fixtures/translate');

function dltb(cwd: string, ...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
}

function script(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('the corpus prints what Octave prints', () => {
  for (const name of ['indexing', 'control', 'values']) {
    it(`${name}.m`, () => {
      const r = dltb(corpus, 'run', `${name}.m`);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(readFileSync(join(corpus, `${name}.expected.txt`), 'utf8'));
    });
  }
});

describe('dltb run X.m', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dltb-m-'));

  it("displays statements without ';' as MATLAB does, ans included, and runs local functions at the end", () => {
    script(dir, 'show.m', [
      'x = 3',
      'y = [1 2; 3 4];',
      'y(2, 1)',
      'z = twice(x);',
      "fprintf('%d\\n', z);",
      'function r = twice(v)',
      '  r = 2 * v;',
      'end',
    ].join('\n'));
    const r = dltb(dir, 'run', 'show.m');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('x =\n\n     3\n\nans =\n\n     3\n\n6\n');
  });

  it('a run-time error names the function, the message, and the .m line', () => {
    script(dir, 'oops.m', "a = 1;\n\nb = zeros(2);\nc = b(3, 1);\n");
    const r = dltb(dir, 'run', 'oops.m');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Index in position 1 exceeds array bounds. Index must not exceed 2.\n\nError in oops (line 4)\nc = b(3, 1);');
  });

  it('an error inside a function file beside the script cites that file', () => {
    script(dir, 'failing.m', "function failing()\nerror('mine:bad', 'Bad value %d.', 7);\nend\n");
    script(dir, 'caller.m', 'failing();\n');
    const r = dltb(dir, 'run', 'caller.m');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Bad value 7.');
    expect(r.stderr).toContain("Bad value 7.\n\nError in failing (line 2)\nerror('mine:bad', 'Bad value %d.', 7);");
  });

  it('an unknown name fails when its line runs, with MATLAB\'s message', () => {
    script(dir, 'unknown.m', "disp('before');\ny = notAFunction(2);\n");
    const r = dltb(dir, 'run', 'unknown.m');
    expect(r.stdout).toBe('before\n');
    expect(r.stderr).toContain("Unrecognized function or variable 'notAFunction'.");
    expect(r.stderr).toContain('Error in unknown (line 2)');
  });

  it('a syntax error stops before anything runs, in MATLAB\'s form', () => {
    script(dir, 'syntax.m', "disp('never');\nx = [1 2;\n");
    const r = dltb(dir, 'run', 'syntax.m');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Error: File: syntax.m Line: 2 Column: 5\n');
  });

  it('save and load without outputs move workspace variables through a file', () => {
    script(dir, 'saver.m', "a = 5;\nb = 'text';\nsave mydata\nclear all\nload mydata\nfprintf('%d %s\\n', a, b);\n");
    const r = dltb(dir, 'run', 'saver.m');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('5 text\n');
    expect(existsSync(join(dir, 'mydata.mat'))).toBe(true);
  });
});

describe('dltb translate X.m', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dltb-t-'));

  it('writes nothing when the translation fails', () => {
    script(dir, 'broken.m', 'x = (1 + ;\n');
    const r = dltb(dir, 'translate', 'broken.m');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Error: File: broken.m Line: 1');
    expect(existsSync(join(dir, 'broken.ts'))).toBe(false);
  });

  it('names an unsupported construct and its line', () => {
    script(dir, 'ev.m', "x = 1;\neval('y = 2');\n");
    const r = dltb(dir, 'translate', 'ev.m');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Unsupported construct at line 2: eval (it runs text as code) cannot be translated.');
    expect(existsSync(join(dir, 'ev.ts'))).toBe(false);
  });

  it('writes a .ts twin (with -o) that runs and prints what the .m prints', () => {
    copyFileSync(join(corpus, 'values.m'), join(dir, 'values.m'));
    const r = dltb(dir, 'translate', 'values.m', '-o', 'values.mts');
    expect(r.status).toBe(0);
    const code = readFileSync(join(dir, 'values.mts'), 'utf8');
    expect(code).toContain("from 'matlab-dltb'");
    // Outside this package the twin imports the package by name; here, point it at the sources.
    writeFileSync(join(dir, 'values.mts'), code.replace("'matlab-dltb'", `'${join(root, 'src/index.ts')}'`));
    const run = dltb(dir, 'run', 'values.mts');
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(readFileSync(join(corpus, 'values.expected.txt'), 'utf8'));
  });
});
