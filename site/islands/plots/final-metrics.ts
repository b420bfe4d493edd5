/** The numbers a run ends with: losses and accuracies, epochs, time and backend. */
import type { EpochReport } from 'dlc/runtime';

function pct(v: number | null): string | null {
  return v === null ? null : `${(v * 100).toFixed(1)}%`;
}

function num(v: number | null): string | null {
  return v === null || !Number.isFinite(v) ? (v === null ? null : String(v)) : v.toPrecision(4);
}

export function finalMetrics(r: EpochReport, backend: string): HTMLElement {
  const dl = document.createElement('dl');
  dl.className = 'dl-metrics';
  const rows: Array<[string, string | null, string]> = [
    ['Train loss', num(r.trainLoss), 'train-loss'],
    ['Test loss', num(r.testLoss), 'test-loss'],
    ['Train accuracy', pct(r.trainAccuracy), 'train-accuracy'],
    ['Test accuracy', pct(r.testAccuracy), 'test-accuracy'],
    ['Epochs', `${r.epoch} of ${r.epochs}`, 'epochs'],
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
