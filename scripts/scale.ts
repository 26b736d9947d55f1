// Scale check of issue 11: one root of 200,000 image files. Prints, each from a fresh
// process, the time and peak RSS of imageDatastore(root, 'IncludeSubfolders', true,
// 'LabelSource', 'foldernames') and, with --classify, of classify over all of them.
// Usage: npx tsx scripts/scale.ts [--files N] [--classify]
// The files are hard links to 1,000 real 28×28 digits of the npm package (cheap to make,
// each decoded on its own); the network is the course CNN trained for one epoch on them.
import { spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const mode = args[0] === '--child' ? args[1] : 'main';
const count = Number(args[args.indexOf('--files') + 1]) || 200_000;
const base = join(tmpdir(), 'dltb-scale');
const digits = join(base, 'digits');
const root = join(base, `root-${count}`);

function peakMiB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

async function prepare(): Promise<void> {
  const { prepareMnistFromPackage } = await import('../src/data/mnistFolders.ts');
  if (!existsSync(digits)) await prepareMnistFromPackage(digits, { limitPerDigit: 100, validFraction: 0, progress: false });
  if (existsSync(join(root, '.complete'))) return;
  rmSync(root, { recursive: true, force: true });
  for (let d = 0; d < 10; d++) {
    const from = join(digits, 'train', String(d));
    const names = readdirSync(from).filter((n) => n.endsWith('.png'));
    mkdirSync(join(root, String(d)), { recursive: true });
    for (let k = 0; k < count / 10; k++) linkSync(join(from, names[k % names.length]), join(root, String(d), `${String(k).padStart(6, '0')}.png`));
  }
  mkdirSync(join(root, '.complete'));
}

async function listing(): Promise<void> {
  const { imageDatastore } = await import('../src/data/imageDatastore.ts');
  const t = performance.now();
  const ds = imageDatastore(root, 'IncludeSubfolders', true, 'LabelSource', 'foldernames');
  const s = (performance.now() - t) / 1000;
  console.log(`imageDatastore: ${ds.numObservations} files in ${s.toFixed(2)} s, peak RSS ${peakMiB()} MiB`);
}

async function classifyAll(): Promise<void> {
  const dltb = await import('../src/index.ts');
  const train = dltb.imageDatastore(join(digits, 'train'), 'IncludeSubfolders', true, 'LabelSource', 'foldernames');
  const layers = [dltb.imageInputLayer([28, 28, 1]),
    dltb.convolution2dLayer(3, 16, 'Padding', 1), dltb.batchNormalizationLayer(), dltb.reluLayer(),
    dltb.maxPooling2dLayer(2, 'Stride', 2),
    dltb.convolution2dLayer(3, 32, 'Padding', 1), dltb.batchNormalizationLayer(), dltb.reluLayer(),
    dltb.maxPooling2dLayer(2, 'Stride', 2),
    dltb.convolution2dLayer(3, 64, 'Padding', 1), dltb.batchNormalizationLayer(), dltb.reluLayer(),
    dltb.fullyConnectedLayer(10), dltb.softmaxLayer(), dltb.classificationLayer()];
  const net = await dltb.trainNetwork(train, layers, dltb.trainingOptions('sgdm', 'MaxEpochs', 1, 'Verbose', false));
  const ds = dltb.imageDatastore(root, 'IncludeSubfolders', true, 'LabelSource', 'foldernames');
  const t = performance.now();
  const labels = await dltb.classify(net, ds);
  const s = (performance.now() - t) / 1000;
  const accuracy = Number(dltb.rdivide(dltb.sum(dltb.eq(labels, ds.Labels)), ds.numObservations));
  console.log(`classify: ${ds.numObservations} images in ${s.toFixed(1)} s (${Math.round(ds.numObservations / s)} img/s), accuracy ${accuracy.toFixed(3)}, peak RSS ${peakMiB()} MiB`);
}

if (mode === 'listing') await listing();
else if (mode === 'classify') await classifyAll();
else {
  await prepare();
  const child = (m: string) => spawnSync(process.execPath, [...process.execArgv, import.meta.filename, '--child', m, '--files', String(count)], { stdio: 'inherit' });
  child('listing');
  if (args.includes('--classify')) child('classify');
}
