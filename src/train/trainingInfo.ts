/**
 * The training info MATLAB returns as trainNetwork's second output:
 * per-iteration TrainingLoss, TrainingAccuracy, ValidationLoss and
 * ValidationAccuracy (NaN where validation did not run), BaseLearnRate, and
 * the final validation figures. There is no TrainingRMSE property: for a
 * regression network the RMSE is stored under TrainingAccuracy (and the
 * validation RMSE under ValidationAccuracy); only the display and the
 * OutputFcn struct name them RMSE.
 */
import { MArray } from '../runtime/marray.ts';
import { shortScalarText } from '../runtime/numdisplay.ts';
import { propertiesDisplay } from '../runtime/propertiesDisplay.ts';

export interface IterationRecord {
  epoch: number;
  iteration: number;
  loss: number;
  /** Accuracy in percent (classification) or RMSE (regression). */
  metric: number;
  learnRate: number;
  validationLoss?: number;
  validationMetric?: number;
}

function row(values: number[]): MArray {
  return MArray.from(values, [1, values.length], 'double');
}

export class TrainingInfo {
  readonly records: IterationRecord[] = [];
  FinalValidationLoss = Number.NaN;
  private finalMetric = Number.NaN;
  /** Set when OutputNetwork 'best-validation-loss' returns an earlier iteration's network. */
  private outputIteration: number | null = null;

  constructor(readonly kind: 'classification' | 'regression') {}

  push(r: IterationRecord): void {
    this.records.push(r);
  }

  setFinalValidation(loss: number, metric: number): void {
    this.FinalValidationLoss = loss;
    this.finalMetric = metric;
  }

  get TrainingLoss(): MArray {
    return row(this.records.map((r) => r.loss));
  }
  get TrainingAccuracy(): MArray {
    return row(this.records.map((r) => r.metric));
  }
  get ValidationLoss(): MArray {
    return row(this.records.map((r) => r.validationLoss ?? Number.NaN));
  }
  get ValidationAccuracy(): MArray {
    return row(this.records.map((r) => r.validationMetric ?? Number.NaN));
  }
  get BaseLearnRate(): MArray {
    return row(this.records.map((r) => r.learnRate));
  }
  get FinalValidationAccuracy(): number {
    return this.kind === 'classification' ? this.finalMetric : Number.NaN;
  }
  get FinalValidationRMSE(): number {
    return this.kind === 'regression' ? this.finalMetric : Number.NaN;
  }
  setOutputNetworkIteration(iteration: number): void {
    this.outputIteration = iteration;
  }

  get OutputNetworkIteration(): number {
    return this.outputIteration ?? this.records.length;
  }

  /** The struct an OutputFcn receives each iteration (MATLAB's field names). */
  outputFcnInfo(r: IterationRecord): Record<string, unknown> {
    const cls = this.kind === 'classification';
    return {
      Epoch: r.epoch, Iteration: r.iteration, BaseLearnRate: r.learnRate, TrainingLoss: r.loss,
      [cls ? 'TrainingAccuracy' : 'TrainingRMSE']: r.metric,
      ValidationLoss: r.validationLoss ?? [], [cls ? 'ValidationAccuracy' : 'ValidationRMSE']: r.validationMetric ?? [],
      State: 'iteration',
    };
  }

  displayMatlab(): string {
    const fields: [string, string][] = [
      ['TrainingLoss', `[1×${this.records.length} double]`],
      [this.kind === 'classification' ? 'TrainingAccuracy' : 'TrainingRMSE', `[1×${this.records.length} double]`],
      ['ValidationLoss', `[1×${this.records.length} double]`],
      [this.kind === 'classification' ? 'ValidationAccuracy' : 'ValidationRMSE', `[1×${this.records.length} double]`],
      ['BaseLearnRate', `[1×${this.records.length} double]`],
      ['FinalValidationLoss', fmt(this.FinalValidationLoss)],
      [this.kind === 'classification' ? 'FinalValidationAccuracy' : 'FinalValidationRMSE', fmt(this.finalMetric)],
      ['OutputNetworkIteration', String(this.OutputNetworkIteration)],
    ];
    return propertiesDisplay('', fields, { title: 'struct with fields:', newline: true });
  }
}

/** Struct fields show their scalars in format short, as every display does. */
const fmt = shortScalarText;
