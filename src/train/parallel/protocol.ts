/** Messages between the trainer and its gradient workers. */
import type { Encoded } from '../../io/encoder.ts';
import type { ActivationSize } from '../../layers/Layer.ts';
import type { HeadSpec, ChannelStatistics } from '../gradientStep.ts';

export interface InitMessage {
  type: 'init';
  /** The layers, encoded with the save/load codec. */
  layers: Encoded;
  /** The topology's sources, per layer (see network/topology.ts). */
  sources: number[][];
  /** Per parameter: whether it trains. */
  trained: boolean[];
  counts: number[];
  size: ActivationSize;
  head: HeadSpec;
  /** Parameter shapes, in order. */
  shapes: number[][];
}

export interface StepMessage {
  type: 'step';
  params: Float32Array[];
  pixels: Float32Array;
  targets: Float32Array;
  n: number;
}

export type ToWorker = InitMessage | StepMessage;

export type FromWorker =
  | { type: 'ready' }
  | { type: 'result'; loss: number; metric: number; grads: Float32Array[]; stats: [number, ChannelStatistics][] }
  | { type: 'error'; message: string };
