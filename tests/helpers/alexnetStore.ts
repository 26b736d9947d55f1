/**
 * A model store (the folder DLTB_MODELS names) holding an AlexNet installed
 * through the real installer (`dltb models install alexnet --file … --sha256 …`):
 * ImageNet weights cannot be had here, so the file is a full-width BVLC AlexNet
 * with untrained weights exported by PyTorch (scripts/bvlc_alexnet_onnx.py,
 * seeded, so reproducible), converted by the installer as the zoo's file is.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { installModel } from '../../src/models/install.ts';
import { torchPython } from './torchPython.ts';

const EXPORTER = resolve(import.meta.dirname, '../../scripts/bvlc_alexnet_onnx.py');

/** Create `store` and install the exported AlexNet into it (244 MB: remove it after the test). */
export async function storeUntrainedAlexnet(store: string): Promise<string> {
  mkdirSync(store, { recursive: true });
  const onnx = join(dirname(store), 'bvlcalexnet-untrained.onnx');
  execFileSync(torchPython(), [EXPORTER, '--out', onnx, '--width-divisor', '1', '--seed', '0', '--opset', '12'], { stdio: 'ignore', timeout: 300_000 });
  const sha256 = createHash('sha256').update(readFileSync(onnx)).digest('hex');
  const saved = process.env.DLTB_MODELS;
  process.env.DLTB_MODELS = store; // where the installer writes, as `DLTB_MODELS=… npx dltb models install` would
  try {
    await installModel('alexnet', { file: onnx, sha256, log: () => {}, stream: { isTTY: false, write: () => true } });
  } finally {
    if (saved === undefined) delete process.env.DLTB_MODELS;
    else process.env.DLTB_MODELS = saved;
    rmSync(onnx, { force: true });
  }
  return store;
}
