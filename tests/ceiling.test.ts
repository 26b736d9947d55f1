/**
 * scripts/ceiling.ts (issue #12's bound on inference speed) runs end to end,
 * against PyTorch, and its bound is what its own figures give: the course
 * CNN's forward FLOPs (counted here by hand) at the best rate it measured.
 * No timing threshold: the figures depend on the machine.
 */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';

// Per image: 2·H·W·Cout·Cin·9 for each 3×3 convolution, 2·3136·10 for the fully connected layer.
const FORWARD_FLOPS = 2 * (28 * 28 * 16 * 1 * 9 + 14 * 14 * 32 * 16 * 9 + 7 * 7 * 64 * 32 * 9) + 2 * 7 * 7 * 64 * 10;

const figures = (line: string): number[] => line.trim().split(/\s{2,}/).slice(1).map(Number);

describe('scripts/ceiling.ts', () => {
  it('prints both engines\' GFLOP/s and the inference bound they imply', () => {
    const r = spawnSync('npx', ['tsx', 'scripts/ceiling.ts'], {
      encoding: 'utf8', timeout: 240_000, env: { ...process.env, CEILING_REPS: '1', DLTB_WASM_THREADS: '1' },
    });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('backend wasm, 1 thread(s); best of 1 runs each; GFLOP/s');
    const ours = figures(lines.find((l) => l.startsWith('ours (wasm)'))!);
    const torch = figures(lines.find((l) => l.startsWith('PyTorch '))!);
    for (const row of [ours, torch]) {
      expect(row).toHaveLength(4);
      for (const g of row) expect(g).toBeGreaterThan(0);
    }
    const m = /forward: ([\d.]+) MFLOP per image; at our best rate \(([\d.]+) GFLOP\/s\).* at most ([\d,]+) img\/s/.exec(lines.at(-1)!);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeCloseTo(FORWARD_FLOPS / 1e6, 2);
    expect(Number(m![2])).toBeCloseTo(Math.max(...ours), 1);
    const bound = Number(m![3].replace(/,/g, ''));
    expect(Math.abs(bound - Number(m![2]) * 1e9 / FORWARD_FLOPS)).toBeLessThan(0.01 * bound); // the rate is printed to 0.1 GFLOP/s
  }, 300_000);
});
