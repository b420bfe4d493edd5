/** The words a live spec uses for counts, backends, epochs and a finished run. */
import type { BackendName, EpochReport } from 'dlc/runtime';

export function plural(n: number, word: string): string {
  return n === 0 ? '' : `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function fmt(v: number): string {
  return Number.isFinite(v) ? v.toPrecision(4) : String(v);
}

function pct(v: number): string {
  return `${(v * 100).toFixed(1)}%`;
}

export function backendName(b: BackendName): string {
  return { webgl: 'WebGL (GPU)', wasm: 'WASM (CPU)', cpu: 'plain JavaScript (CPU)' }[b];
}

export function epochText(r: EpochReport): string {
  const parts = [`Epoch ${r.epoch} of ${r.epochs}: loss ${fmt(r.trainLoss)}`];
  if (r.validationAccuracy != null) parts.push(`validation accuracy ${pct(r.validationAccuracy)}`);
  if (r.testAccuracy !== null) parts.push(`test accuracy ${pct(r.testAccuracy)}`);
  else if (r.testLoss !== null) parts.push(`test loss ${fmt(r.testLoss)}`);
  return parts.join(', ');
}

export function summaryText(s: { stopped: string; message?: string; final: EpochReport | null; epochs: number; seconds: number }): string {
  if (s.stopped === 'diverged') return s.message ?? 'Training diverged: the loss is no longer a number. Try a smaller learning rate.';
  const time = `${s.seconds.toFixed(1)} s`;
  if (s.stopped === 'aborted') return `Stopped after ${plural(s.epochs, 'epoch') || '0 epochs'} (${time}).`;
  const acc = s.final?.testAccuracy ?? s.final?.trainAccuracy;
  return `Done: ${plural(s.epochs, 'epoch')} in ${time}${acc != null ? `, ${s.final?.testAccuracy != null ? 'test' : 'train'} accuracy ${pct(acc)}` : ''}.`;
}
