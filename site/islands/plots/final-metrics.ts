/**
 * The numbers a run ends with: losses and accuracies (train, validation, test), epochs, time
 * and backend. With early stopping they are the kept epoch's, and a row says which it is.
 */
import type { EpochReport } from 'dlc/runtime';

function pct(v: number | null): string | null {
  return v === null ? null : `${(v * 100).toFixed(1)}%`;
}

function num(v: number | null): string | null {
  return v === null || !Number.isFinite(v) ? (v === null ? null : String(v)) : v.toPrecision(4);
}

export function finalMetrics(r: EpochReport, backend: string, run: { epochs?: number; bestEpoch?: number; stoppedEarly?: boolean } = {}): HTMLElement {
  const dl = document.createElement('dl');
  dl.className = 'dl-metrics';
  const rows: Array<[string, string | null, string]> = [
    ['Train loss', num(r.trainLoss), 'train-loss'],
    ['Validation loss', num(r.validationLoss ?? null), 'validation-loss'],
    ['Test loss', num(r.testLoss), 'test-loss'],
    ['Train accuracy', pct(r.trainAccuracy), 'train-accuracy'],
    ['Validation accuracy', pct(r.validationAccuracy ?? null), 'validation-accuracy'],
    ['Test accuracy', pct(r.testAccuracy), 'test-accuracy'],
    run.bestEpoch !== undefined
      ? ['Epochs', `${run.epochs ?? r.epoch} of ${r.epochs}${run.stoppedEarly ? ' (stopped early)' : ''}; weights of epoch ${run.bestEpoch}, the lowest validation loss`, 'epochs']
      : ['Epochs', `${r.epoch} of ${r.epochs}`, 'epochs'],
    ['Time', `${r.seconds.toFixed(1)} s on ${backend}`, 'time'],
  ];
  for (const [label, value, key] of rows) {
    if (value === null) continue;
    const dt = document.createElement('dt');
    dt.textContent = label;
    const dd = document.createElement('dd');
    dd.textContent = value;
    dd.dataset.metric = key;
    dl.append(dt, dd);
  }
  return dl;
}
