/**
 * The forward-pass stepper on the page: Next and Previous walk through the steps, the
 * inputs recompute the pass at once. The arithmetic is `dense-forward.ts` (checked against
 * the runtime by the tests), so no TensorFlow.js is loaded for it.
 */
import type { DenseNet } from '../shared/dense-forward.ts';
import { forwardSteps } from '../shared/dense-forward.ts';
import { escapeXml } from '../../plots/chart.ts';
import { forwardDiagram, num, stepCount, stepLines, stepTitle } from '../views/forward-view.ts';
import { eachInteractive } from './mount.ts';

eachInteractive('forward-pass-stepper', (root) => {
  const net = JSON.parse(root.dataset.net ?? 'null') as DenseNet | null;
  const q = <T extends HTMLElement>(s: string) => root.querySelector<T>(s);
  const controls = q<HTMLElement>('[data-controls]');
  const status = q<HTMLElement>('[data-status]');
  const diagram = q<HTMLElement>('[data-diagram]');
  const all = q<HTMLElement>('[data-all]');
  const prev = q<HTMLButtonElement>('[data-prev]');
  const next = q<HTMLButtonElement>('[data-next]');
  const reset = q<HTMLButtonElement>('[data-reset]');
  const inputs = [...root.querySelectorAll<HTMLInputElement>('[data-input]')];
  if (!net || !controls || !status || !diagram || !all || !prev || !next || !reset) return;

  const last = stepCount(net) - 1;
  let k = 0;
  let x = inputs.map((i) => Number(i.value));

  function render(): void {
    const steps = forwardSteps(net!, x);
    diagram!.innerHTML = forwardDiagram(net!, steps, x, k);
    const text = stepLines(net!, steps, x, k);
    const prediction = k === last ? ` The prediction is ${steps[steps.length - 1].output.map(num).join(', ')}.` : '';
    status!.innerHTML = `<strong>Step ${k + 1} of ${last + 1}: ${escapeXml(stepTitle(net!, k))}.</strong>${escapeXml(prediction)}` +
      `<ul class="ia-step-lines">${text.map((l) => `<li class="ia-math">${escapeXml(l)}</li>`).join('')}</ul>`;
    prev!.disabled = k === 0;
    next!.disabled = k === last;
  }

  controls.hidden = false;
  status.hidden = false;
  all.hidden = true;
  prev.addEventListener('click', () => {
    k = Math.max(0, k - 1);
    render();
  });
  next.addEventListener('click', () => {
    k = Math.min(last, k + 1);
    render();
  });
  reset.addEventListener('click', () => {
    k = 0;
    render();
  });
  for (const input of inputs) {
    input.addEventListener('input', () => {
      const values = inputs.map((i) => Number(i.value));
      // Half-typed numbers ("-", "") keep the last good input until they parse.
      if (!values.every(usable)) return;
      x = values;
      render();
    });
  }
  render();
});

function usable(v: number): boolean {
  return Number.isFinite(v) && Math.abs(v) <= 1e6;
}
