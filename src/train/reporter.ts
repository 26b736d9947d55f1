/**
 * What the user sees while trainNetwork runs: MATLAB's verbose table on
 * standard output when Verbose is true. With Verbose false MATLAB prints
 * nothing; we only draw a progress bar on standard error when it is a terminal.
 */
import type { TrainingOptions } from './trainingOptions.ts';
import { VerboseTable, STOP_TEXT, INITIALIZING_INPUT_NORMALIZATION, trainingOnMessage, trainingFinishedMessage, type StopReason } from './verboseTable.ts';
import { ProgressBar } from '../runtime/progressBar.ts';
import type { IterationRecord, TrainingInfo } from './trainingInfo.ts';
import { createTrainingPlot, type TrainingPlotMonitor } from './plotHook.ts';

export class TrainingReporter {
  private readonly started = Date.now();
  private table: VerboseTable | null = null;
  private bar: ProgressBar | null = null;
  private stopReason: StopReason = 'max-epochs';
  private plot: TrainingPlotMonitor | null = null;
  private deviceAnnounced = false;

  constructor(private readonly options: TrainingOptions, private readonly regression: boolean, private readonly validation: boolean, private readonly device: string) {}

  private get elapsed(): number {
    return (Date.now() - this.started) / 1000;
  }

  /** MATLAB names the hardware first, before any normalization is computed. */
  private announceDevice(): void {
    if (!this.options.Verbose || this.deviceAnnounced) return;
    this.deviceAnnounced = true;
    console.log(trainingOnMessage(this.device.includes('GPU') ? 'gpu' : 'cpu'));
  }

  initializingNormalization(): void {
    this.announceDevice();
    if (this.options.Verbose) console.log(INITIALIZING_INPUT_NORMALIZATION);
  }

  async start(totalIterations: number, perEpoch: number): Promise<void> {
    if (this.options.Plots === 'training-progress') {
      this.plot = createTrainingPlot();
      if (!this.plot) console.error("Plots 'training-progress': no figures module is loaded, so no plot is drawn.");
      await this.plot?.start({
        totalIterations, iterationsPerEpoch: perEpoch, maxEpochs: this.options.MaxEpochs, validation: this.validation,
        regression: this.regression, validationFrequency: this.options.ValidationFrequency, hardware: this.device,
      });
    }
    if (this.options.Verbose) {
      this.announceDevice();
      this.table = new VerboseTable({ validation: this.validation, regression: this.regression });
      console.log(this.table.header());
    } else if (process.stderr.isTTY === true) {
      this.bar = new ProgressBar({ total: totalIterations, label: 'Training', stream: process.stderr });
    }
  }

  /**
   * Report one iteration. Resolves after one turn of the event loop when the
   * live page is served: training otherwise only awaits microtasks, and the
   * page's HTTP requests would wait until training ends.
   */
  async iteration(r: IterationRecord, last: boolean): Promise<void> {
    this.report(r, last);
    if (this.plot) await new Promise<void>((resolve) => setImmediate(resolve));
  }

  private report(r: IterationRecord, last: boolean): void {
    this.plot?.iteration({ ...r, elapsedSeconds: this.elapsed });
    if (this.table) {
      // MATLAB prints every VerboseFrequency iterations, the first and the last, and every validation.
      const due = r.iteration === 1 || r.iteration % this.options.VerboseFrequency === 0 || last || r.validationLoss !== undefined;
      if (due) console.log(this.table.row(this.row(r)));
    } else if (this.bar) {
      const metric = this.regression ? `RMSE ${r.metric.toFixed(3)}` : `acc ${r.metric.toFixed(1)}%`;
      const val = r.validationMetric === undefined ? '' : this.regression ? `  val RMSE ${r.validationMetric.toFixed(3)}` : `  val acc ${r.validationMetric.toFixed(1)}%`;
      this.bar.update(r.iteration, `epoch ${r.epoch}  loss ${r.loss.toFixed(4)}  ${metric}${val}`);
    }
  }

  private row(r: IterationRecord) {
    const cls = !this.regression;
    return {
      epoch: r.epoch, iteration: r.iteration, elapsedSeconds: this.elapsed, miniBatchLoss: r.loss, baseLearnRate: r.learnRate,
      ...(cls ? { miniBatchAccuracy: r.metric } : { miniBatchRMSE: r.metric }),
      ...(r.validationLoss === undefined ? {} : { validationLoss: r.validationLoss }),
      ...(r.validationMetric === undefined ? {} : cls ? { validationAccuracy: r.validationMetric } : { validationRMSE: r.validationMetric }),
    };
  }

  stopped(reason: StopReason): void {
    this.stopReason = reason;
  }

  async finish(info: TrainingInfo): Promise<void> {
    await this.plot?.finish({
      reason: STOP_TEXT[this.stopReason], elapsedSeconds: this.elapsed,
      ...(Number.isNaN(info.FinalValidationLoss) ? {} : { finalValidationLoss: info.FinalValidationLoss, finalValidationMetric: this.regression ? info.FinalValidationRMSE : info.FinalValidationAccuracy }),
    });
    if (this.table) {
      console.log(this.table.footer());
      console.log(trainingFinishedMessage(this.stopReason));
    } else if (this.bar) {
      const v = Number.isNaN(info.FinalValidationLoss) ? '' : this.regression
        ? `final validation RMSE ${info.FinalValidationRMSE.toFixed(3)}`
        : `final validation accuracy ${info.FinalValidationAccuracy.toFixed(2)}%`;
      this.bar.finish(`${trainingFinishedMessage(this.stopReason)} ${v}`.trim());
    }
  }
}
