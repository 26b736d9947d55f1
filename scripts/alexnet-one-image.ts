/**
 * Builds alexnet('Weights','none') with initialized weights and classifies
 * one 227×227×3 image, printing the time of each step. Run it under
 * `/usr/bin/time -v npx tsx scripts/alexnet-one-image.ts` for the peak RSS
 * (issue #7 asks for under 1.5 GB).
 */
import { alexnet, classify, rng, MArray } from '../src/index.ts';
import { initializedNetwork } from '../src/network/assembleNetwork.ts';

const mib = () => Math.round(process.memoryUsage().rss / 2 ** 20);
const t0 = performance.now();
rng(0);
const net = initializedNetwork(alexnet('Weights', 'none'));
const t1 = performance.now();
const pixels = new Float32Array(227 * 227 * 3).map((_, i) => (i * 7919) % 256);
const [label, scores] = await classify(net, MArray.from(pixels, [227, 227, 3, 1], 'single'));
const t2 = performance.now();
const sum = Array.from(scores.data).reduce((a, b) => a + b, 0);
console.log(`build + initialize ${((t1 - t0) / 1000).toFixed(1)} s, classify ${((t2 - t1) / 1000).toFixed(1)} s, ` +
  `label '${label.toStrings()[0]}', scores ${scores.dims.join('×')} summing to ${sum.toFixed(6)}, RSS now ${mib()} MiB`);
