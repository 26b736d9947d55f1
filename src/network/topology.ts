/**
 * A network's topology: its layers in topological order and, for each, the
 * layers feeding its input ports. One executor runs series and graph
 * networks alike, for training (under the engine's gradient tape) and for
 * inference (every activation freed after its last use).
 */
import { tf } from '../engine/tf.ts';
import type { ForwardContext, Layer } from '../layers/Layer.ts';
import { SoftmaxLayer, ClassificationOutputLayer } from '../layers/outputLayers.ts';

export interface Topology {
  /** Layers in an order where every layer comes after its sources. */
  readonly layers: readonly Layer[];
  /** sources[i][p]: index of the layer whose output feeds input port p of layer i (empty for input layers). */
  readonly sources: readonly (readonly number[])[];
}

/** A chain: each layer fed by the one before it. */
export function chainTopology(layers: readonly Layer[]): Topology {
  return { layers, sources: layers.map((_, i) => (i === 0 ? [] : [i - 1])) };
}

/** Whether layer i feeds only layer i + 1 and nothing else (so the two may be fused). */
export function feedsOnlyNext(topo: Topology, i: number): boolean {
  let consumers = 0;
  for (const s of topo.sources) for (const k of s) if (k === i) consumers++;
  return consumers === 1 && topo.sources[i + 1]?.length === 1 && topo.sources[i + 1][0] === i;
}

/** Indices of the layers whose outputs `target`'s output depends on, itself included, ascending. */
export function ancestors(topo: Topology, target: number): number[] {
  const needed = new Set<number>([target]);
  for (let i = target; i >= 0; i--) if (needed.has(i)) for (const s of topo.sources[i]) needed.add(s);
  return [...needed].sort((a, b) => a - b);
}

/** How many of the layers in `run` read each layer's output (for freeing after the last read). */
function readCounts(topo: Topology, run: readonly number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const i of run) for (const s of topo.sources[i]) counts.set(s, (counts.get(s) ?? 0) + 1);
  return counts;
}

export type Stage = (inputs: tf.Tensor[]) => tf.Tensor;

/**
 * Run `stages[i]` for every ancestor i of `target`, in order, feeding each
 * its sources' outputs; the network input `x` goes to every input layer.
 * `free` disposes each activation after its last reader (inference only:
 * under a gradient tape the engine keeps what backpropagation needs).
 * Reads are counted per tensor, since a layer may hand its input on
 * unchanged (dropout at prediction, the output layers).
 */
export function runTopology(topo: Topology, stages: readonly (Stage | null)[], x: tf.Tensor, target: number, free: boolean): tf.Tensor {
  const run = ancestors(topo, target).filter((i) => stages[i] !== null);
  const reads = readCounts(topo, run);
  const outputs = new Map<number, tf.Tensor>();
  const pending = new Map<tf.Tensor, number>();
  let y = x;
  for (const i of run) {
    const inputs = topo.sources[i].map((s) => outputs.get(s)!);
    y = stages[i]!(inputs.length === 0 ? [x] : inputs);
    outputs.set(i, y);
    pending.set(y, (pending.get(y) ?? 0) + (reads.get(i) ?? 0));
    if (!free) continue;
    for (const t of inputs) {
      const left = pending.get(t)! - 1;
      pending.set(t, left);
      if (left === 0 && t !== x && t !== y) t.dispose();
    }
  }
  return y;
}

/**
 * The layers' own forward passes as stages, with `params[i]` for layer i.
 * `learns[i]` says whether layer i has parameters being trained (default:
 * any parameters); frozen ones (learn-rate factor 0) are constants.
 */
export function layerStages(topo: Topology, params: readonly tf.Tensor[][], ctx: ForwardContext, learns: readonly boolean[] = params.map((p) => p.length > 0)): Stage[] {
  // Gradients flow into a layer's input only once some layer upstream of it learns.
  const learnsUpstream = upstreamLearning(topo, learns);
  return topo.layers.map((layer, i) => {
    const c = ctx.training ? { ...ctx, inputGradient: learnsUpstream[i] } : ctx;
    return (xs: tf.Tensor[]) => (layer.inputCount() > 1 ? layer.forwardInputs(xs, params[i], c) : layer.forward(xs[0], params[i], c));
  });
}

/** For each layer, whether any layer among its ancestors (itself excluded) has learnables. */
function upstreamLearning(topo: Topology, learns: readonly boolean[]): boolean[] {
  const above: boolean[] = [];
  topo.layers.forEach((_, i) => {
    above[i] = topo.sources[i].some((s) => learns[s] || above[s]);
  });
  return above;
}

/** Forward through the layers' own passes up to `target`'s output. */
export function forwardTopology(topo: Topology, x: tf.Tensor, params: readonly tf.Tensor[][], ctx: ForwardContext, target: number, learns?: readonly boolean[]): tf.Tensor {
  return runTopology(topo, layerStages(topo, params, ctx, learns), x, target, !ctx.training);
}

/** The network's single output layer (trainNetwork and classify work with one). */
export function outputIndex(topo: Topology): number {
  const outs = topo.layers.flatMap((l, i) => (l.isOutput ? [i] : []));
  return outs.length === 1 ? outs[0] : topo.layers.length - 1;
}

/** The network's single input layer. */
export function inputIndex(topo: Topology): number {
  return Math.max(0, topo.layers.findIndex((l) => l.isInput));
}

/**
 * Where the training loss reads the activations: the output layer's source,
 * or, for a softmax directly before a classification layer, the softmax's
 * source (the loss fuses softmax and cross-entropy and reads the logits).
 */
export function lossInput(topo: Topology): { end: number; fusedSoftmax: boolean } {
  const out = outputIndex(topo);
  const src = topo.sources[out][0] ?? out - 1;
  const fused = topo.layers[out] instanceof ClassificationOutputLayer && topo.layers[src] instanceof SoftmaxLayer && feedsOnly(topo, src, out);
  return fused ? { end: topo.sources[src][0], fusedSoftmax: true } : { end: src, fusedSoftmax: false };
}

function feedsOnly(topo: Topology, i: number, reader: number): boolean {
  return topo.sources.every((s, k) => k === reader || !s.includes(i));
}
