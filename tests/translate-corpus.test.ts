/**
 * Parser robustness on a large real corpus: every .m of Debian's
 * octave-common (Octave's own library and test files, 1,305 files in 7.3).
 * It must never crash, and parse at least 95 % of them (the rest use
 * Octave-only syntax such as assignments inside expressions).
 */
import { describe, it, expect } from 'vitest';
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseCorpus } from '../scripts/parse-corpus.ts';

function ensureOctaveCommon(): void {
  try {
    execSync('dpkg -s octave-common', { stdio: 'ignore' });
  } catch {
    execSync('apt-get install -y --no-install-recommends octave-common', { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
}

describe('the parser on octave-common', () => {
  it('never crashes and parses ≥ 95 % of the files', () => {
    ensureOctaveCommon();
    expect(existsSync('/usr/share/octave')).toBe(true);
    const r = parseCorpus('/usr/share/octave');
    expect(r.total).toBeGreaterThan(1000);
    expect(r.crashes).toEqual([]);
    expect(r.parsed / r.total).toBeGreaterThanOrEqual(0.95);
    // No file takes long: the parser is linear.
    expect(r.slowest.ms).toBeLessThan(5000);
  }, 300_000);
});
