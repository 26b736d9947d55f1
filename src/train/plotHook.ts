/**
 * The seam between training and the 'training-progress' plot. The figures
 * module registers a factory; trainNetwork asks for a monitor when
 * Plots is 'training-progress' and feeds it every iteration.
 */
import type { IterationRecord } from './trainingInfo.ts';

export interface TrainingPlotStart {
  totalIterations: number;
  iterationsPerEpoch: number;
  maxEpochs: number;
  validation: boolean;
  regression: boolean;
  validationFrequency: number;
  /** 'single CPU' / 'single GPU'. */
  hardware: string;
}

export interface TrainingPlotFinish {
  /** MATLAB's stop reason text, e.g. 'Max epochs completed'. */
  reason: string;
  finalValidationLoss?: number;
  /** Accuracy in percent (classification) or RMSE (regression). */
  finalValidationMetric?: number;
  elapsedSeconds: number;
}

export interface TrainingPlotMonitor {
  start(s: TrainingPlotStart): void | Promise<void>;
  /** Called after every iteration; must return quickly (rendering is the monitor's business to throttle). */
  iteration(r: IterationRecord & { elapsedSeconds: number }): void;
  finish(s: TrainingPlotFinish): Promise<void>;
}

let factory: (() => TrainingPlotMonitor) | null = null;

export function setTrainingPlotFactory(f: (() => TrainingPlotMonitor) | null): void {
  factory = f;
}

/** A monitor, or null when no figures module is loaded. */
export function createTrainingPlot(): TrainingPlotMonitor | null {
  return factory ? factory() : null;
}
