import { tf, useExecutionEnvironment } from '../src/engine/tf.ts';
import { imageInputLayer, convolution2dLayer, batchNormalizationLayer, reluLayer, maxPooling2dLayer, fullyConnectedLayer, softmaxLayer, classificationLayer } from '../src/layers/index.ts';
import { TrainingState } from '../src/train/trainingState.ts';
import { forwardRange, asMatrix } from '../src/network/forward.ts';
import { softmaxCrossEntropy } from '../src/engine/losses.ts';
import { assemble } from '../src/network/assemble.ts';
await useExecutionEnvironment('auto');
const layers = [imageInputLayer([28, 28, 1], 'Normalization', 'none'),
  convolution2dLayer(3, 16, 'Padding', 1), batchNormalizationLayer(), reluLayer(), maxPooling2dLayer(2, 'Stride', 2),
  convolution2dLayer(3, 32, 'Padding', 1), batchNormalizationLayer(), reluLayer(), maxPooling2dLayer(2, 'Stride', 2),
  convolution2dLayer(3, 64, 'Padding', 1), batchNormalizationLayer(), reluLayer(),
  fullyConnectedLayer(10), softmaxLayer(), classificationLayer()];
const { sizes } = assemble('x', layers, true);
layers.forEach((l, i) => l.initialize(sizes[i]));
const state = new TrainingState(layers);
const x = tf.randomNormal([128, 28, 28, 1]);
const t = tf.oneHot(tf.randomUniform([128], 0, 10, 'int32'), 10).toFloat();
const step = () => {
  const { value, grads } = tf.valueAndGrads((...p: tf.Tensor[]) => softmaxCrossEntropy(asMatrix(forwardRange(layers, x, state.perLayer(p), { training: true }, 0, 13)), t as tf.Tensor2D))(state.params);
  value.dataSync(); value.dispose(); grads.forEach((g) => g.dispose());
};
for (let i = 0; i < 3; i++) step();
const t0 = performance.now(); for (let i = 0; i < 10; i++) step(); const ms = (performance.now() - t0) / 10;
console.log('step ms', ms.toFixed(1), 'img/s', (128000 / ms).toFixed(0));
const fwd = () => { const y = tf.tidy(() => forwardRange(layers, x, state.perLayer(), { training: false })); y.dataSync(); y.dispose(); };
fwd(); const t1 = performance.now(); for (let i = 0; i < 10; i++) fwd(); const fms = (performance.now() - t1) / 10;
console.log('infer ms', fms.toFixed(1), 'img/s', (128000 / fms).toFixed(0));
const prof = await tf.profile(() => { step(); });
const agg = new Map<string, number>();
for (const k of prof.kernels) agg.set(k.name, (agg.get(k.name) ?? 0) + (k.kernelTimeMs as number));
console.log([...agg.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([k, v]) => `${k.padEnd(22)} ${v.toFixed(1)}`).join('\n'));
if (process.env.SHAPES) {
  const rows = prof.kernels.filter((k) => k.name === process.env.SHAPES).map((k) => `${(k.kernelTimeMs as number).toFixed(2).padStart(7)} ${JSON.stringify(k.inputShapes)} -> ${JSON.stringify(k.outputShapes)}`);
  console.log(rows.join('\n'));
}
