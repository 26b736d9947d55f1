/**
 * Regenerates docs/figures/*.png: the Prewitt figure of toolbox/filtrage_prewitt.ts,
 * a plotconfusion example and a training-progress view (synthetic numbers, no
 * training needed). Run: npx tsx scripts/render-docs.ts
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zeros } from '../src/runtime/index.ts';
import { close, figure, plotconfusion, saveas, TrainingProgressMonitor } from '../src/graphics/index.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'docs', 'figures');

/** Deterministic pseudo-random numbers in [0, 1) (Park–Miller), so the pictures do not change between runs. */
function generator(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
}

async function prewitt(): Promise<string> {
  await import('../toolbox/filtrage_prewitt.ts');
  // Figure 2 holds the three subplots (original, vertical edges, horizontal edges).
  const file = await saveas(figure(2), path.join(OUT, 'filtrage_prewitt.png'));
  close('all');
  return file;
}

async function confusion(): Promise<string> {
  // As mnist_cnn.m builds them: one-hot columns, 10 digit classes, a classifier right ~97 % of the time.
  const rnd = generator(42);
  const n = 1000;
  const classeExacte = zeros(9, n);
  const classePredite = zeros(9, n);
  for (let i = 1; i <= n; i++) {
    const t = 1 + Math.floor(rnd() * 10);
    const p = rnd() < 0.97 ? t : 1 + Math.floor(rnd() * 10);
    classeExacte.set(t, i, 1);
    classePredite.set(p, i, 1);
  }
  const f = plotconfusion(classeExacte, classePredite);
  const file = await saveas(f, path.join(OUT, 'plotconfusion.png'));
  close('all');
  return file;
}

async function trainingProgress(): Promise<string> {
  const rnd = generator(7);
  const perEpoch = 140;
  const epochs = 3;
  const total = perEpoch * epochs;
  const m = new TrainingProgressMonitor({ folder: OUT, serve: false, intervalMs: 60_000 });
  await m.start({ totalIterations: total, iterationsPerEpoch: perEpoch, maxEpochs: epochs, validation: true, regression: false, validationFrequency: 30, hardware: 'single CPU' });
  m.state.startedAt = new Date(2024, 0, 15, 9, 30, 0); // a fixed clock keeps the picture identical between runs
  const curve = (i: number) => 1 - Math.exp(-i / 40);
  for (let i = 1; i <= total; i++) {
    const validate = i === 1 || i % 30 === 0 || i === total;
    m.iteration({
      epoch: Math.ceil(i / perEpoch), iteration: i, learnRate: 0.01, elapsedSeconds: i * 0.45,
      metric: Math.min(100, 100 * (0.1 + 0.88 * curve(i)) + (rnd() - 0.5) * 10),
      loss: Math.max(0.01, 2.3 * (1 - curve(i)) + 0.06 + (rnd() - 0.5) * 0.2),
      ...(validate ? { validationMetric: 100 * (0.1 + 0.875 * curve(i)), validationLoss: 2.3 * (1 - curve(i)) + 0.08 } : {}),
    });
  }
  await m.finish({ reason: 'Max epochs completed', elapsedSeconds: total * 0.45, finalValidationLoss: 0.09, finalValidationMetric: 98.5 });
  return m.file;
}

for (const file of [await prewitt(), await confusion(), await trainingProgress()]) console.log(path.relative(ROOT, file));
