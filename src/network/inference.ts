/**
 * predict, classify and activations on datastores or H×W×C×N arrays,
 * in mini-batches (MiniBatchSize 128, MATLAB's default).
 */
import { tf, useExecutionEnvironment, type ExecutionEnvironment } from '../engine/tf.ts';
import { parseNameValues, matchString } from '../runtime/args.ts';
import { matlabError } from '../runtime/errors.ts';
import { MArray } from '../runtime/marray.ts';
import { Categorical } from '../runtime/categorical.ts';
import { withOutputs, type Outputs } from '../runtime/outputs.ts';
import { Network } from './Network.ts';
import { FeatureInputLayer } from '../layers/imageInputLayer.ts';
import { featuresAsImages } from '../data/featureData.ts';
import { outputIndex } from './topology.ts';
import { reorderImages } from '../engine/layout.ts';
import { observationSource, sequentialBatches } from '../data/observations.ts';

function checkNet(fn: string, net: unknown): Network {
  if (!(net instanceof Network)) matlabError(`${fn}:invalidNetwork`, 'The first argument must be a trained network (SeriesNetwork or DAGNetwork), as returned by trainNetwork or assembleNetwork.');
  return net;
}

function miniBatchSize(fn: string, v: unknown): number {
  const n = Number(v ?? 128);
  if (!Number.isInteger(n) || n < 1) matlabError(`${fn}:invalidMiniBatchSize`, "Invalid value for 'MiniBatchSize'. Value must be a positive integer.");
  return n;
}

/** The options predict, classify and activations share. */
const COMMON_OPTIONS = ['MiniBatchSize', 'ExecutionEnvironment', 'Acceleration'] as const;

/** MiniBatchSize, and the engine for ExecutionEnvironment (MATLAB's 'auto' by default). */
async function prepare(fn: string, opts: Map<string, unknown>): Promise<number> {
  const env = matchString(fn, 'ExecutionEnvironment', opts.get('ExecutionEnvironment') ?? 'auto', ['auto', 'cpu', 'gpu', 'multi-gpu', 'parallel']);
  await useExecutionEnvironment(env as ExecutionEnvironment);
  return miniBatchSize(fn, opts.get('MiniBatchSize'));
}

/** Run the network to layer `target`'s output over all observations; returns rows of that output, NHWC-flattened, per observation. */
async function runBatches(fn: string, net: Network, data: unknown, target: number, batch: number): Promise<{ values: Float32Array; shape: number[]; count: number }> {
  const size = net.inputSize;
  const input = net.ownLayers.find((l) => l.isInput);
  const source = observationSource(fn, input instanceof FeatureInputLayer ? featuresAsImages(fn, data, input.NumFeatures) : data, size);
  let out: Float32Array | null = null;
  let shape: number[] = [];
  let done = 0;
  const batches = sequentialBatches(source.count, batch);
  let pending = source.readBatch(batches[0]);
  for (let b = 0; b < batches.length; b++) {
    const pixels = await pending;
    if (b + 1 < batches.length) pending = source.readBatch(batches[b + 1]);
    const n = batches[b].length;
    const y = tf.tidy(() => net.forward(tf.tensor4d(pixels, [n, size[0], size[1], size[2]]), target));
    const values = (await y.data()) as Float32Array;
    shape = y.shape.slice(1);
    y.dispose();
    if (!out) out = new Float32Array(source.count * (values.length / n));
    out.set(values, done * (values.length / n));
    done += n;
  }
  return { values: out!, shape, count: source.count };
}

/** `scores = predict(net, X)`: N×K single scores (the output layer's input), or H×W×C×N for an image-shaped output. */
export async function predict(net: unknown, data: unknown, ...nv: unknown[]): Promise<MArray> {
  const n = checkNet('predict', net);
  const batch = await prepare('predict', parseNameValues('predict', nv, COMMON_OPTIONS));
  const r = await runBatches('predict', n, data, outputIndex(n.graph), batch);
  const [h, w, c] = r.shape.length === 3 ? r.shape : [1, 1, r.values.length / r.count];
  if (h > 1 || w > 1) return MArray.wrap(matlabFlatten(r.values, r.shape, r.count), [h, w, c, r.count], 'single');
  return rowsToMatrix(r.values, r.count, c);
}

/** Row-major N×K → column-major MArray N×K (single). */
function rowsToMatrix(values: Float32Array, n: number, k: number): MArray {
  const col = new Float32Array(n * k);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) col[i + n * j] = values[i * k + j];
  return MArray.wrap(col, [n, k], 'single');
}

/** `[labels, scores] = classify(net, X)`. */
export async function classify(net: unknown, data: unknown, ...nv: unknown[]): Promise<Outputs<Categorical, [Categorical, MArray]>> {
  const n = checkNet('classify', net);
  const classes = n.classNames;
  if (classes.length === 0) matlabError('classify:notClassification', 'classify needs a classification network (ending with a classificationLayer).');
  const batch = await prepare('classify', parseNameValues('classify', nv, COMMON_OPTIONS));
  const r = await runBatches('classify', n, data, outputIndex(n.graph), batch);
  const k = classes.length;
  const codes = new Uint32Array(r.count);
  for (let i = 0; i < r.count; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (r.values[i * k + j] > r.values[i * k + best]) best = j;
    codes[i] = best + 1;
  }
  const labels = Categorical.fromCodes(codes, classes);
  return withOutputs(labels, [labels, rowsToMatrix(r.values, r.count, k)] as [Categorical, MArray]);
}

/** `act = activations(net, X, layer, 'OutputAs', 'channels'|'rows'|'columns')`. */
export async function activations(net: unknown, data: unknown, layer: unknown, ...nv: unknown[]): Promise<MArray> {
  const FN = 'activations';
  const n = checkNet(FN, net);
  const idx = n.layerIndex(FN, layer);
  const opts = parseNameValues(FN, nv, ['OutputAs', ...COMMON_OPTIONS]);
  const outputAs = matchString(FN, 'OutputAs', opts.get('OutputAs') ?? 'channels', ['channels', 'rows', 'columns']);
  const r = await runBatches(FN, n, data, idx, await prepare(FN, opts));
  const per = r.values.length / r.count;
  if (outputAs === 'rows') return rowsToMatrix(matlabFlatten(r.values, r.shape, r.count), r.count, per);
  if (outputAs === 'columns') {
    return MArray.wrap(matlabFlatten(r.values, r.shape, r.count), [per, r.count], 'single');
  }
  const [h, w, c] = r.shape.length === 3 ? r.shape : [1, 1, per];
  return MArray.wrap(matlabFlatten(r.values, r.shape, r.count), [h, w, c, r.count], 'single');
}

/** NHWC rows → column-major H×W×C×N data (MATLAB's element order). */
function matlabFlatten(values: Float32Array, shape: number[], n: number): Float32Array {
  const [h, w, c] = shape.length === 3 ? shape : [1, 1, values.length / n];
  return reorderImages(values, h, w, c, n, false);
}
