/**
 * The table trainNetwork prints when Verbose is true, reproduced character
 * for character. Pure string formatting: the trainer decides when to print.
 * The layout is runtime/boxTable.ts's (90 characters without validation,
 * 120 with it).
 */
import { formatHms, printfExp, printfFixed } from '../runtime/durationFormat.ts';
import { BoxTable } from '../runtime/boxTable.ts';

export interface VerboseTableOptions {
  /** Validation data given: adds the Validation Accuracy/RMSE and Validation Loss columns. */
  validation: boolean;
  /** Regression network: RMSE columns instead of Accuracy. */
  regression: boolean;
}

export interface VerboseRow {
  epoch: number;
  iteration: number;
  elapsedSeconds: number;
  /** Percent, e.g. 14.0625 for 18 of 128. */
  miniBatchAccuracy?: number;
  miniBatchRMSE?: number;
  miniBatchLoss: number;
  /** Leave the validation values out on rows where validation did not run: their cells stay blank. */
  validationAccuracy?: number;
  validationRMSE?: number;
  validationLoss?: number;
  baseLearnRate: number;
}

interface Column {
  readonly heading: readonly [string, string];
  /** Cell text, or undefined for a blank cell. */
  readonly text: (r: VerboseRow) => string | undefined;
}

export class VerboseTable {
  private readonly columns: readonly Column[];
  private readonly box: BoxTable;

  constructor(opts: VerboseTableOptions) {
    this.columns = buildColumns(opts);
    this.box = new BoxTable(this.columns.map((c) => c.heading));
  }

  /** Border, the two heading lines, border (joined by '\n', no trailing newline). */
  header(): string {
    return this.box.header();
  }

  row(r: VerboseRow): string {
    return this.box.row(this.columns.map((c) => c.text(r)));
  }

  footer(): string {
    return this.box.footer();
  }
}

function buildColumns({ validation, regression }: VerboseTableOptions): Column[] {
  const metric = regression ? 'RMSE' : 'Accuracy';
  const score = regression ? rmseText : accuracyText;
  // MATLAB prints a regression mini-batch loss with one decimal when there is no validation column.
  const lossDecimals = regression && !validation ? 1 : 4;
  const columns: Column[] = [
    { heading: ['Epoch', ''], text: (r) => String(r.epoch) },
    { heading: ['Iteration', ''], text: (r) => String(r.iteration) },
    { heading: ['Time Elapsed', '(hh:mm:ss)'], text: (r) => formatHms(r.elapsedSeconds) },
    { heading: ['Mini-batch', metric], text: (r) => score(regression ? r.miniBatchRMSE : r.miniBatchAccuracy) },
  ];
  if (validation) {
    columns.push({ heading: ['Validation', metric], text: (r) => score(regression ? r.validationRMSE : r.validationAccuracy) });
  }
  columns.push({ heading: ['Mini-batch', 'Loss'], text: (r) => metricText(r.miniBatchLoss, lossDecimals) });
  if (validation) {
    columns.push({ heading: ['Validation', 'Loss'], text: (r) => metricText(r.validationLoss, 4) });
  }
  columns.push({ heading: ['Base Learning', 'Rate'], text: (r) => learnRateText(r.baseLearnRate) });
  return columns;
}

function accuracyText(percent: number | undefined): string | undefined {
  return percent === undefined ? undefined : `${printfFixed(percent, 2)}%`;
}

function rmseText(rmse: number | undefined): string | undefined {
  return metricText(rmse, 2);
}

/**
 * Loss and RMSE switch to exponent form when the fixed form would read as
 * zero (below 10^-decimals) or get hard to read (1e6 and above).
 */
function metricText(value: number | undefined, decimals: number): string | undefined {
  if (value === undefined) return undefined;
  const exponentForm = value < 10 ** -decimals || value >= 1e6;
  return exponentForm ? printfExp(value, decimals) : printfFixed(value, decimals);
}

/** Published logs show 1e-4 as '1.0000e-04' and 3e-4 as '0.0003'; the switch lies between. */
function learnRateText(rate: number): string {
  return rate <= 1e-4 ? printfExp(rate, 4) : printfFixed(rate, 4);
}

/** MATLAB prints a row at iteration 1 and every `frequency` iterations (and the trainer prints the last). */
export function isVerboseIteration(iteration: number, frequency: number): boolean {
  return iteration === 1 || iteration % frequency === 0;
}

// Lines trainNetwork prints around the table.
export const TRAINING_ON_SINGLE_CPU = 'Training on single CPU.';
export const TRAINING_ON_SINGLE_GPU = 'Training on single GPU.';
/** Printed before the table when an input layer computes its normalization statistics. */
export const INITIALIZING_INPUT_NORMALIZATION = 'Initializing input data normalization.';

export function trainingOnMessage(device: 'cpu' | 'gpu'): string {
  return device === 'gpu' ? TRAINING_ON_SINGLE_GPU : TRAINING_ON_SINGLE_CPU;
}

/** Why training stopped; MATLAB (R2021a and later) prints one line after the footer. */
export type StopReason = 'max-epochs' | 'validation-criterion' | 'stopped-manually' | 'output-fcn' | 'nan-loss';

export const STOP_TEXT: Record<StopReason, string> = {
  'max-epochs': 'Max epochs completed',
  'validation-criterion': 'Met validation criterion',
  'stopped-manually': 'Stopped manually',
  'output-fcn': 'Stopped by OutputFcn',
  'nan-loss': 'Training loss is NaN',
};

export function trainingFinishedMessage(reason: StopReason): string {
  return `Training finished: ${STOP_TEXT[reason]}.`;
}
