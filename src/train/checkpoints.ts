/**
 * The networks trainNetwork keeps besides the last one: checkpoint files
 * (CheckpointPath, CheckpointFrequency, CheckpointFrequencyUnit) and the
 * parameters at the lowest validation loss (OutputNetwork
 * 'best-validation-loss').
 *
 * A checkpoint is MATLAB's `net_checkpoint__<iteration>__<yyyy_MM_dd__HH_mm_ss>.mat`
 * holding the variable `net`, written by the toolbox's own (atomic) save, so
 * `load` gives a network whose Layers resume training.
 */
import path from 'node:path';
import { tf } from '../engine/tf.ts';
import type { Layer } from '../layers/Layer.ts';
import { BatchNormalizationLayer } from '../layers/batchNormalizationLayer.ts';
import { cloneLayers } from '../network/cloneLayers.ts';
import { SeriesNetwork } from '../network/SeriesNetwork.ts';
import { DAGNetwork } from '../network/DAGNetwork.ts';
import type { Topology } from '../network/topology.ts';
import { save } from '../io/saveload.ts';
import type { TrainingOptions } from './trainingOptions.ts';
import type { TrainingState } from './trainingState.ts';

/** The trained network of these ordered layers: a DAGNetwork for a layer graph, else a SeriesNetwork. */
export function networkOf(layers: Layer[], topo: Topology, graph: boolean): SeriesNetwork | DAGNetwork {
  if (!graph) return new SeriesNetwork(layers);
  return new DAGNetwork(layers, topo.sources.flatMap((srcs, to) => srcs.map((from, port) => ({ from, to, port }))));
}

/**
 * The network as training has it now, built on copies of the layers (with
 * their moving batch-norm statistics): training's own layers and tensors stay untouched.
 */
export function snapshotNetwork(topo: Topology, params: readonly tf.Tensor[], graph: boolean): SeriesNetwork | DAGNetwork {
  const layers = cloneLayers(topo.layers);
  let k = 0;
  for (const l of layers) for (const p of l.learnables()) p.fromTensor(params[k++]);
  return networkOf(layers, topo, graph);
}

/** MATLAB's checkpoint file name for an iteration finished at `when` (local time). */
export function checkpointName(iteration: number, when: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const date = `${when.getFullYear()}_${two(when.getMonth() + 1)}_${two(when.getDate())}`;
  const time = `${two(when.getHours())}_${two(when.getMinutes())}_${two(when.getSeconds())}`;
  return `net_checkpoint__${iteration}__${date}__${time}.mat`;
}

/** Parameters and batch-norm statistics of one iteration, kept apart from training's. */
interface Kept {
  iteration: number;
  params: tf.Tensor[];
  statistics: Map<BatchNormalizationLayer, [Float32Array, Float32Array]>;
}

export class NetworkKeeper {
  private best: Kept | null = null;
  private bestLoss = Infinity;

  constructor(
    private readonly options: TrainingOptions,
    private readonly topo: Topology,
    private readonly graph: boolean,
    private readonly state: TrainingState,
  ) {}

  async afterIteration(iteration: number): Promise<void> {
    if (this.options.CheckpointFrequencyUnit === 'iteration' && iteration % this.options.CheckpointFrequency === 0) {
      await this.writeCheckpoint(iteration);
    }
  }

  async afterEpoch(epoch: number, iteration: number): Promise<void> {
    if (this.options.CheckpointFrequencyUnit === 'epoch' && epoch % this.options.CheckpointFrequency === 0) {
      await this.writeCheckpoint(iteration);
    }
  }

  /** A validation pass measured `loss` with the current parameters. */
  validated(iteration: number, loss: number): void {
    if (this.options.OutputNetwork !== 'best-validation-loss' || !(loss < this.bestLoss)) return;
    this.bestLoss = loss;
    this.disposeBest();
    this.best = {
      iteration,
      params: this.state.params.map((t) => tf.keep(t.clone())),
      statistics: new Map(this.batchNormLayers().map((bn): [BatchNormalizationLayer, [Float32Array, Float32Array]] =>
        [bn, [Float32Array.from(bn.TrainedMean!.data), Float32Array.from(bn.TrainedVariance!.data)]])),
    };
  }

  /** Put the best validation iteration's parameters back into training's state; its iteration, or null when none was kept. */
  restoreBest(): number | null {
    const best = this.best;
    if (best === null) return null;
    this.best = null;
    this.state.replaceParams(best.params);
    for (const [bn, [mean, variance]] of best.statistics) bn.setStatistics(mean, variance);
    return best.iteration;
  }

  dispose(): void {
    this.disposeBest();
  }

  private disposeBest(): void {
    this.best?.params.forEach((t) => t.dispose());
    this.best = null;
  }

  private batchNormLayers(): BatchNormalizationLayer[] {
    return this.topo.layers.filter((l): l is BatchNormalizationLayer => l instanceof BatchNormalizationLayer && l.TrainedMean !== null);
  }

  private async writeCheckpoint(iteration: number): Promise<void> {
    if (this.options.CheckpointPath === '') return;
    const file = path.join(this.options.CheckpointPath, checkpointName(iteration, new Date()));
    await save(file, { net: snapshotNetwork(this.topo, this.state.params, this.graph) });
  }
}
