/**
 * Debian's Python with PyTorch (/usr/bin/python3 + python3-torch; the
 * python3 first on PATH lacks torch), installed with apt-get when missing so
 * that tests needing the reference never skip.
 */
import { spawnSync } from 'node:child_process';

const PYTHON = '/usr/bin/python3';

function hasTorch(): boolean {
  return spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore', timeout: 120_000 }).status === 0;
}

export function torchPython(): string {
  if (hasTorch()) return PYTHON;
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  const r = spawnSync('bash', ['-c', `${sudo}apt-get update -qq && ${sudo}apt-get install -y -qq python3-torch`], {
    stdio: 'inherit', timeout: 1_800_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (r.status !== 0 || !hasTorch()) throw new Error(`python3-torch could not be installed (apt-get exit ${r.status}); PyTorch is the reference these tests compare with.`);
  return PYTHON;
}
