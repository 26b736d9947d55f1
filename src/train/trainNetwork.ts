/**
 * trainNetwork(ds, layers, options) / trainNetwork(X, Y, layers, options).
 *
 * Returns the trained SeriesNetwork, which also destructures as
 * `[net, info]` (MATLAB's second output, the training info).
 */
import { tf, useExecutionEnvironment, describeBackend } from '../engine/tf.ts';
import { matlabError } from '../runtime/errors.ts';
import { MArray } from '../runtime/marray.ts';
import { Categorical } from '../runtime/categorical.ts';
import { shuffleIndices } from '../runtime/random.ts';
import { withOutputs, type Outputs } from '../runtime/outputs.ts';
import { Layer, type ActivationSize } from '../layers/Layer.ts';
import { InputLayer, FeatureInputLayer } from '../layers/imageInputLayer.ts';
import { ClassificationOutputLayer, RegressionOutputLayer, SoftmaxLayer } from '../layers/outputLayers.ts';
import { assemble, assembleGraph, asLayerList, initializeLayers, type Assembled } from '../network/assemble.ts';
import { cloneLayers } from '../network/cloneLayers.ts';
import { asMatrix } from '../network/forward.ts';
import { compileInference, disposePlan, runPlan } from '../network/inferencePlan.ts';
import { inputIndex, lossInput, outputIndex, type Topology } from '../network/topology.ts';
import { LayerGraph } from '../network/LayerGraph.ts';
import { DAGNetwork } from '../network/DAGNetwork.ts';
import { NetworkKeeper, networkOf } from './checkpoints.ts';
import { featuresAsImages } from '../data/featureData.ts';
import { headMetrics } from './gradientStep.ts';
import { LocalGradientEngine, type GradientEngine } from './gradientEngine.ts';
import { ParallelGradientEngine } from './parallel/parallelEngine.ts';
import { SeriesNetwork } from '../network/SeriesNetwork.ts';
import { TrainingOptions } from './trainingOptions.ts';
import { observationSource, sequentialBatches, isImageSource, type ObservationSource } from '../data/observations.ts';
import { normalizationStatistics, populationStatistics } from './statistics.ts';
import { TrainingState } from './trainingState.ts';
import { createSolver, prepareGradients, type ThresholdMethod } from './solvers.ts';
import { TrainingReporter } from './reporter.ts';
import { TrainingInfo, type IterationRecord } from './trainingInfo.ts';

const FN = 'trainNetwork';

interface Task {
  kind: 'classification' | 'regression';
  classNames: string[];
  /** Targets of observations (0-based) as rows: one-hot for classification. */
  targets(indices0: readonly number[]): Float32Array;
  width: number;
}

function classificationTask(labels: Categorical): Task {
  const classNames = [...labels.categories];
  const k = classNames.length;
  return {
    kind: 'classification', classNames, width: k,
    targets: (idx) => {
      const out = new Float32Array(idx.length * k);
      idx.forEach((i, r) => {
        const code = labels.codes[i];
        if (code === 0) matlabError(`${FN}:undefinedLabel`, `Observation ${i + 1} has an undefined label: every training observation needs a label.`);
        out[r * k + code - 1] = 1;
      });
      return out;
    },
  };
}

function regressionTask(y: MArray, n: number): Task {
  const width = y.numel / n;
  if (!Number.isInteger(width) || y.dims[0] !== n) matlabError(`${FN}:invalidResponses`, `Invalid responses: expected an N×R numeric array with N = ${n} rows.`);
  return {
    kind: 'regression', classNames: [], width,
    targets: (idx) => {
      const out = new Float32Array(idx.length * width);
      idx.forEach((i, r) => { for (let j = 0; j < width; j++) out[r * width + j] = y.data[i + n * j]; });
      return out;
    },
  };
}

/** Normalise MATLAB's two call forms; the network is a layer array or a layer graph. */
function parseArguments(args: unknown[]): { x: unknown; y: unknown; network: Layer[] | LayerGraph; options: TrainingOptions } {
  if (args.length !== 3 && args.length !== 4) {
    matlabError(`${FN}:invalidArguments`, 'Invalid arguments: use trainNetwork(imds, layers, options) or trainNetwork(X, Y, layers, options).');
  }
  const [x, y, layers, options] = args.length === 3 ? [args[0], null, args[1], args[2]] : args;
  if (!(options instanceof TrainingOptions)) matlabError(`${FN}:invalidOptions`, 'The last argument must be training options created with trainingOptions.');
  return { x, y, network: layers instanceof LayerGraph ? layers : asLayerList(FN, layers), options };
}

function makeTask(x: unknown, y: unknown, output: Layer): { task: Task; labels: Categorical | null } {
  if (isImageSource(x)) {
    if (!(output instanceof ClassificationOutputLayer)) matlabError(`${FN}:invalidOutput`, 'Training on an image datastore needs a classification network (ending with a classificationLayer).');
    const labels = x.Labels;
    if (!(labels instanceof Categorical) || labels.numel !== x.numObservations) matlabError(`${FN}:missingLabels`, "The datastore has no labels: create it with 'LabelSource','foldernames' or give 'Labels'.");
    const ordered = inClassOrder(labels, output as ClassificationOutputLayer);
    return { task: classificationTask(ordered), labels: ordered };
  }
  if (!(x instanceof MArray)) matlabError(`${FN}:invalidData`, 'Invalid training data: expected an ImageDatastore or an H×W×C×N numeric array with responses.');
  const n = x.dims[3] ?? 1;
  if (y instanceof Categorical) {
    if (y.numel !== n) matlabError(`${FN}:sizeMismatch`, `The number of labels (${y.numel}) must equal the number of images (${n}).`);
    if (!(output instanceof ClassificationOutputLayer)) matlabError(`${FN}:invalidOutput`, 'Categorical responses need a classification network (ending with a classificationLayer).');
    const ordered = inClassOrder(y, output);
    return { task: classificationTask(ordered), labels: ordered };
  }
  if (y instanceof MArray) {
    if (!(output instanceof RegressionOutputLayer)) matlabError(`${FN}:invalidOutput`, 'Numeric responses need a regression network (ending with a regressionLayer).');
    return { task: regressionTask(y, n), labels: null };
  }
  return matlabError(`${FN}:invalidResponses`, 'Invalid responses: expected a categorical vector (classification) or a numeric array (regression).');
}

/**
 * Labels coded in the order of the output layer's given Classes: MATLAB's
 * ClassWeights and the network's outputs follow that order, not the labels'.
 */
function inClassOrder(labels: Categorical, output: ClassificationOutputLayer): Categorical {
  if (output.Classes === 'auto') return labels;
  const classes = output.Classes;
  const given = [...labels.categories];
  if (given.length !== classes.length || !given.every((c) => classes.includes(c))) {
    const list = (names: readonly string[]) => names.map((c) => `'${c}'`).join(', ');
    matlabError(`${FN}:classesMismatch`, `Invalid network: the Classes of layer '${output.Name}' (${list(classes)}) do not match the categories of the training labels (${list(given)}).`);
  }
  return Categorical.fromStrings(labels.toStrings(), classes);
}

/** The validation set, if any, as a source plus its task. */
function validationSet(options: TrainingOptions, size: ActivationSize, task: Task, input: InputLayer): { source: ObservationSource; task: Task } | null {
  const v = options.ValidationData;
  if (v === null || v === undefined) return null;
  if (isImageSource(v)) {
    const labels = alignLabels(v.Labels, task);
    return { source: observationSource(FN, v, size, null, { passes: 2 }), task: classificationTask(labels) };
  }
  if (Array.isArray(v) && v.length === 2) {
    const [given, vy] = v;
    const vx = input instanceof FeatureInputLayer ? featuresAsImages(FN, given, input.NumFeatures) : given;
    const source = observationSource(FN, vx, size, null, { passes: 2 });
    const responses = vy instanceof Categorical ? vy.numel : vy instanceof MArray ? vy.dims[0] : source.count;
    if (responses !== source.count) {
      matlabError(`${FN}:invalidValidationData`, `Invalid ValidationData: ${source.count} observations but ${responses} responses; they must match.`);
    }
    if (vy instanceof Categorical) return { source, task: classificationTask(alignLabels(vy, task)) };
    if (vy instanceof MArray) return { source, task: regressionTask(vy, source.count) };
  }
  return matlabError(`${FN}:invalidValidationData`, 'Invalid ValidationData: expected an ImageDatastore or {X, Y} ([X, Y] in TypeScript).');
}

/** Validation labels re-coded on the training categories (MATLAB matches classes by name). */
function alignLabels(labels: Categorical, task: Task): Categorical {
  if (task.kind !== 'classification') matlabError(`${FN}:invalidValidationData`, 'Categorical validation responses need a classification network.');
  const names = labels.toStrings();
  const unknown = names.find((s) => s !== '<undefined>' && !task.classNames.includes(s));
  if (unknown !== undefined) matlabError(`${FN}:invalidValidationData`, `The validation data has the class '${unknown}', which is not among the training classes.`);
  return Categorical.fromStrings(names, task.classNames);
}

/** Size the network head to the task, and name the classes. */
function checkHead(topo: Topology, task: Task, outputSize: ActivationSize): void {
  const out = topo.layers[outputIndex(topo)];
  if (out instanceof ClassificationOutputLayer && !(topo.layers[topo.sources[outputIndex(topo)][0]] instanceof SoftmaxLayer)) {
    matlabError(`${FN}:missingSoftmax`, `Invalid network: layer '${out.Name}': missing softmax layer. A classification layer must be preceded by a softmax layer.`);
  }
  if (out instanceof ClassificationOutputLayer && out.ClassWeights !== 'none' && out.ClassWeights.length !== task.width) {
    matlabError(`${FN}:invalidClassWeights`, `Invalid network: layer '${out.Name}' has ${out.ClassWeights.length} class weights but the data has ${task.width} classes.`);
  }
  const produced = outputSize[0] * outputSize[1] * outputSize[2];
  if (task.kind === 'classification') {
    if (produced !== task.width) {
      matlabError(`${FN}:outputSizeMismatch`, `Invalid network: the output size (${produced}) of the last layer before the output layer does not match the number of classes (${task.width}). Set the OutputSize of the last fullyConnectedLayer to ${task.width}.`);
    }
    (out as ClassificationOutputLayer).Classes = task.classNames;
  } else if (produced !== task.width) {
    matlabError(`${FN}:outputSizeMismatch`, `Invalid network: the network outputs ${produced} values per observation but the responses have ${task.width}.`);
  }
}

export type TrainNetworkResult = Outputs<SeriesNetwork | DAGNetwork, [SeriesNetwork | DAGNetwork, TrainingInfo]>;

/** Copies of the given layers, checked and ordered. */
function assembleGiven(network: Layer[] | LayerGraph): Assembled {
  if (network instanceof LayerGraph) {
    const { layers, edges } = network.toEdges();
    return assembleGraph(FN, layers, edges, true);
  }
  return assemble(FN, cloneLayers(network), true);
}

/** The input layer's normalization statistics, computed over the training data unless given and kept. */
async function initializeNormalization(input: InputLayer, source: ObservationSource, options: TrainingOptions, reporter: TrainingReporter): Promise<void> {
  const needed = input.statisticsNeeded;
  const missing = needed.some((k) => input[k] === null);
  if (needed.length === 0 || !(options.ResetInputNormalization || missing)) return;
  reporter.initializingNormalization();
  input.setStatistics(await normalizationStatistics(source, input.InputSize, options.MiniBatchSize, needed, input.Normalization === 'zerocenter'));
}

/** A layer graph trains into a DAGNetwork, a layer array into a SeriesNetwork. */
export async function trainNetwork(data: unknown, lgraph: LayerGraph, options: unknown): Promise<Outputs<DAGNetwork, [DAGNetwork, TrainingInfo]>>;
export async function trainNetwork(x: unknown, y: unknown, lgraph: LayerGraph, options: unknown): Promise<Outputs<DAGNetwork, [DAGNetwork, TrainingInfo]>>;
export async function trainNetwork(data: unknown, layers: readonly Layer[], options: unknown): Promise<Outputs<SeriesNetwork, [SeriesNetwork, TrainingInfo]>>;
export async function trainNetwork(x: unknown, y: unknown, layers: readonly Layer[], options: unknown): Promise<Outputs<SeriesNetwork, [SeriesNetwork, TrainingInfo]>>;
export async function trainNetwork(...args: unknown[]): Promise<TrainNetworkResult>;
export async function trainNetwork(...args: unknown[]): Promise<TrainNetworkResult> {
  const { x: given, y, network, options } = parseArguments(args);
  await useExecutionEnvironment(options.ExecutionEnvironment);
  const assembled = assembleGiven(network);
  const topo = assembled.topology;
  const input = topo.layers[inputIndex(topo)] as InputLayer;
  const size = input.InputSize;
  const x = input instanceof FeatureInputLayer ? featuresAsImages(FN, given, input.NumFeatures) : given;
  const { task, labels } = makeTask(x, y, topo.layers[outputIndex(topo)]);
  checkHead(topo, task, assembled.outputSizes[topo.sources[outputIndex(topo)][0]]);
  // Each epoch, the normalization pass and the population statistics read the data again: worth caching.
  const source = observationSource(FN, x, size, labels, { passes: options.MaxEpochs + 2 });
  const validation = validationSet(options, size, task, input);
  const reporter = new TrainingReporter(options, task.kind === 'regression', validation !== null, describeBackend());
  await initializeNormalization(input, source, options, reporter);
  initializeLayers(assembled);
  const state = new TrainingState(topo.layers);
  const keeper = new NetworkKeeper(options, topo, network instanceof LayerGraph, state);
  try {
    const info = await trainLoop(topo, assembled.inputSizes, state, source, task, validation, options, reporter, keeper);
    const best = keeper.restoreBest();
    if (best !== null) info.setOutputNetworkIteration(best);
    if (options.BatchNormalizationStatistics === 'population') {
      await populationStatistics(topo, state.perLayer(), source, size, options.MiniBatchSize);
    }
    state.writeBack();
    const net = networkOf([...topo.layers], topo, network instanceof LayerGraph);
    if (validation) {
      const final = await evaluate((b) => net.forward(b), validation.source, validation.task, size, options.MiniBatchSize);
      info.setFinalValidation(final.loss, final.metric);
    }
    await reporter.finish(info);
    return withOutputs(net, [net, info] as [SeriesNetwork | DAGNetwork, TrainingInfo]);
  } finally {
    keeper.dispose();
    state.dispose();
  }
}

interface Evaluation {
  loss: number;
  /** Accuracy in percent, or RMSE. */
  metric: number;
}

/** Loss and accuracy/RMSE of an inference pass over a whole set (batch norm in prediction mode). */
async function evaluate(forward: (x: tf.Tensor4D) => tf.Tensor, source: ObservationSource, task: Task, size: ActivationSize, batchSize: number): Promise<Evaluation> {
  let lossSum = 0;
  let metricSum = 0;
  for (const batch of sequentialBatches(source.count, batchSize)) {
    const pixels = await source.readBatch(batch);
    const [l, m] = tf.tidy(() => {
      const out = asMatrix(forward(tf.tensor4d(pixels, [batch.length, ...size])));
      const t = tf.tensor2d(task.targets(batch), [batch.length, task.width]);
      return headMetrics(out, t, task.kind, false);
    });
    lossSum += (await l.data())[0] * batch.length;
    metricSum += (await m.data())[0];
    l.dispose();
    m.dispose();
  }
  const n = source.count;
  return { loss: lossSum / n, metric: task.kind === 'classification' ? (100 * metricSum) / n : Math.sqrt(metricSum / (n * task.width)) };
}

async function trainLoop(
  topo: Topology, inputSizes: ActivationSize[][], state: TrainingState, source: ObservationSource, task: Task,
  validation: { source: ObservationSource; task: Task } | null, options: TrainingOptions, reporter: TrainingReporter,
  keeper: NetworkKeeper,
): Promise<TrainingInfo> {
  const size = (topo.layers[inputIndex(topo)] as InputLayer).InputSize;
  const batchSize = Math.min(options.MiniBatchSize, source.count);
  const perEpoch = Math.max(1, Math.floor(source.count / batchSize));
  const total = perEpoch * options.MaxEpochs;
  const info = new TrainingInfo(task.kind);
  const solver = createSolver(options as unknown as Parameters<typeof createSolver>[0]);
  const { end, fusedSoftmax } = lossInput(topo);
  const frequency = options.ValidationFrequency;
  // Values each batch-norm layer normalises over, per observation (H·W), for the unbiased variance.
  const pixelsPerObservation = inputSizes.map((s) => (s[0] ? s[0][0] * s[0][1] : 1));
  const out = topo.layers[outputIndex(topo)];
  const classWeights = out instanceof ClassificationOutputLayer && out.ClassWeights !== 'none' ? out.ClassWeights : undefined;
  const net = { topology: topo, counts: state.counts, trained: state.trained, size, head: { kind: task.kind, width: task.width, end, fusedSoftmax, classWeights } };
  const engine: GradientEngine = options.ExecutionEnvironment === 'parallel'
    ? await ParallelGradientEngine.start(net, state.params.map((p) => p.shape))
    : new LocalGradientEngine(net);
  let bestValidationLoss = Infinity;
  let worseCount = 0;
  let order = Array.from({ length: source.count }, (_, i) => i);
  let iteration = 0;
  await reporter.start(total, perEpoch);
  try {
    for (let epoch = 1; epoch <= options.MaxEpochs; epoch++) {
      if (options.Shuffle === 'every-epoch' || (options.Shuffle === 'once' && epoch === 1)) order = shuffleIndices(source.count);
      const learnRate = options.LearnRateSchedule === 'piecewise'
        ? options.InitialLearnRate * options.LearnRateDropFactor ** Math.floor((epoch - 1) / options.LearnRateDropPeriod)
        : options.InitialLearnRate;
      const batches = Array.from({ length: perEpoch }, (_, b) => order.slice(b * batchSize, (b + 1) * batchSize));
      let pending = source.readBatch(batches[0]);
      for (let b = 0; b < perEpoch; b++) {
        const pixels = await pending;
        // Start reading the next batch (PNGs decode on this thread, other formats on sharp's thread pool).
        if (b + 1 < perEpoch) pending = source.readBatch(batches[b + 1]);
        iteration++;
        const n = batches[b].length;
        const { loss, metric, grads, stats } = await engine.compute(state.params, pixels, task.targets(batches[b]), n);
        const live = state.trainedParams();
        const prepared = tf.tidy(() => prepareGradients(grads, live.params, live.factors, options.L2Regularization, options.GradientThreshold, options.GradientThresholdMethod as ThresholdMethod));
        state.replaceTrained(solver.step(live.params, prepared, learnRate, live.factors));
        // prepared may hold the raw gradients themselves (no L2, no threshold).
        new Set([...grads, ...prepared]).forEach((g) => g.dispose());
        state.updateMovingStatistics(stats, (i) => n * pixelsPerObservation[i]);
        const record: IterationRecord = {
          epoch, iteration, loss,
          metric: task.kind === 'classification' ? (100 * metric) / n : Math.sqrt(metric / (n * task.width)),
          learnRate,
        };
        const validate = validation !== null && (iteration === 1 || iteration % frequency === 0 || iteration === total);
        if (validate) {
          // The compiled inference pass (batch norm folded with the moving statistics), built for this validation.
          const plan = compileInference(topo, state.perLayer(), outputIndex(topo));
          const v = await evaluate((x) => runPlan(plan, x), validation.source, validation.task, size, options.MiniBatchSize).finally(() => disposePlan(plan));
          record.validationLoss = v.loss;
          record.validationMetric = v.metric;
          keeper.validated(iteration, v.loss);
          if (v.loss < bestValidationLoss) {
            bestValidationLoss = v.loss;
            worseCount = 0;
          } else {
            worseCount++;
          }
        }
        info.push(record);
        await reporter.iteration(record, iteration === total);
        await keeper.afterIteration(iteration);
        if (callOutputFcn(options, info, record)) {
          reporter.stopped('output-fcn');
          return info;
        }
        // A diverged run (NaN or Inf loss) cannot recover: MATLAB stops it.
        if (!Number.isFinite(loss)) {
          reporter.stopped('nan-loss');
          return info;
        }
        if (validate && worseCount >= options.ValidationPatience) {
          reporter.stopped('validation-criterion');
          return info;
        }
      }
      await keeper.afterEpoch(epoch, iteration);
    }
    reporter.stopped('max-epochs');
    return info;
  } finally {
    solver.dispose();
    await engine.dispose();
  }
}


function callOutputFcn(options: TrainingOptions, info: TrainingInfo, record: IterationRecord): boolean {
  const fns = options.OutputFcn === null ? [] : Array.isArray(options.OutputFcn) ? options.OutputFcn : [options.OutputFcn];
  let stop = false;
  for (const f of fns as ((i: unknown) => unknown)[]) if (f(info.outputFcnInfo(record)) === true) stop = true;
  return stop;
}
