/**
 * What `dlc train` prints, kept apart from the command so the exported PyTorch program can
 * print the very same lines (`compiler/emit/py-program.ts` repeats these formats):
 *
 *   Iris on iris: 120 training and 30 test examples, 100 epochs, cpu backend
 *   epoch   1/100  train loss 1.0986 acc 0.3417  test loss 1.0990 acc 0.3000
 *   final  train loss 0.0512 acc 0.9833  test loss 0.0811 acc 0.9667  in 1.23 s
 *
 * Accuracy is left out for regression, the test part when the split is 0. With `validate`,
 * `val loss ... acc ...` comes between train and test; with `stop_after`, a line before
 * `final` says which epoch's weights were kept, and `final` shows that epoch's metrics.
 */
import type { EpochReport } from '../../runtime/api.ts';

const f4 = (v: number) => v.toFixed(4);

export function formatMetrics(r: EpochReport): string {
  let text = `train loss ${f4(r.trainLoss)}${r.trainAccuracy === null ? '' : ` acc ${f4(r.trainAccuracy)}`}`;
  if (r.validationLoss !== undefined) {
    text += `  val loss ${f4(r.validationLoss)}${r.validationAccuracy == null ? '' : ` acc ${f4(r.validationAccuracy)}`}`;
  }
  if (r.testLoss !== null) text += `  test loss ${f4(r.testLoss)}${r.testAccuracy === null ? '' : ` acc ${f4(r.testAccuracy)}`}`;
  return text;
}

export function formatEpoch(r: EpochReport): string {
  const width = String(r.epochs).length;
  return `epoch ${String(r.epoch).padStart(width)}/${r.epochs}  ${formatMetrics(r)}`;
}

export function formatFinal(r: EpochReport, seconds: number): string {
  return `final  ${formatMetrics(r)}  in ${seconds.toFixed(2)} s`;
}

/** With `stop_after`: which epoch's weights were kept, and why training ended there. */
export function formatBest(bestEpoch: number, epochs: number, stoppedEarly: boolean, of: number): string {
  return stoppedEarly
    ? `stopped early after epoch ${epochs} of ${of}: no lower validation loss since epoch ${bestEpoch}; kept epoch ${bestEpoch}'s weights`
    : `kept epoch ${bestEpoch}'s weights, the lowest validation loss`;
}

function duration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  const m = Math.floor(seconds / 60);
  return m < 60 ? `${m}m${String(Math.round(seconds % 60)).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

export interface Progress {
  /** Where training is: epoch (1-based) and the fraction of it done. */
  epoch: number;
  epochs: number;
  fraction: number;
  /** The latest known metrics: a batch's loss, or the last epoch's report. */
  loss: number | null;
  accuracy: number | null;
  testAccuracy: number | null;
  /** Absent without a validation set. */
  validationAccuracy?: number | null;
  seconds: number;
}

/**
 * One terminal line: `epoch  37/100 ████░░░░░░░░ 3s left  loss 0.4123  acc 0.9083  test acc 0.8667`,
 * cut to `columns` (the metrics go first). The time left extrapolates the time so far.
 */
export function progressLine(p: Progress, columns = 80): string {
  const done = (p.epoch - 1 + p.fraction) / p.epochs;
  const width = String(p.epochs).length;
  const bar = 12;
  const filled = Math.min(bar, Math.round(done * bar));
  let head = `epoch ${String(p.epoch).padStart(width)}/${p.epochs} ${'█'.repeat(filled)}${'░'.repeat(bar - filled)}`;
  if (done > 0 && p.seconds > 0.5) head += ` ${duration((p.seconds / done) * (1 - done))} left`;
  const parts = [head];
  if (p.loss !== null) parts.push(`loss ${f4(p.loss)}`);
  if (p.accuracy !== null) parts.push(`acc ${f4(p.accuracy)}`);
  if (p.validationAccuracy != null) parts.push(`val acc ${f4(p.validationAccuracy)}`);
  if (p.testAccuracy !== null) parts.push(`test acc ${f4(p.testAccuracy)}`);
  const line = parts.join('  ');
  return line.length > columns - 1 ? line.slice(0, columns - 1) : line;
}
