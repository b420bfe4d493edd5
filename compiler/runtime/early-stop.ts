/**
 * Early stopping (`stop_after N`): after every epoch, the validation loss either improves on
 * the best so far (strictly lower), and those weights are kept, or it does not; N epochs in a
 * row without improvement end training. The kept weights are restored at the end, however
 * training ends. The exported PyTorch program's `EarlyStopping` (compiler/emit/py-program.ts)
 * is this class line for line.
 *
 * Data-parallel training: the decision must be the same on every process, so `update` must
 * be given a loss that is the same everywhere: the validation loss over the whole validation
 * set, all-reduced (summed loss and row count) or computed identically on every rank. Then
 * every rank improves, keeps and stops at the same epochs.
 */
import type { EpochReport, StateDict } from './api.ts';

export class EarlyStopping {
  /** The lowest validation loss so far, its epoch's report and its weights. */
  best = Infinity;
  bestEpoch = 0;
  bestReport: EpochReport | null = null;
  bestState: StateDict | null = null;

  readonly patience: number;

  constructor(patience: number) {
    this.patience = patience;
  }

  /** After epoch `report.epoch`: true when training should stop. `snapshot` is read only on improvement. */
  update(report: EpochReport, loss: number, snapshot: () => StateDict): boolean {
    if (loss < this.best) {
      this.best = loss;
      this.bestEpoch = report.epoch;
      this.bestReport = report;
      this.bestState = snapshot();
    }
    return this.spent(report.epoch);
  }

  /** True when `epoch` is `patience` epochs past the best one: training stops after it. */
  spent(epoch: number): boolean {
    return epoch - this.bestEpoch >= this.patience;
  }

  /** Back where a snapshot left it: the best epoch's report (from the run's history) and weights. */
  restore(history: readonly EpochReport[], best: { epoch: number; state: StateDict }): void {
    const report = history[best.epoch - 1];
    this.best = report.validationLoss!;
    this.bestEpoch = best.epoch;
    this.bestReport = report;
    this.bestState = best.state;
  }
}
