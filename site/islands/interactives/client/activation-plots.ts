/** Moves x in every `activation-plots` interactive: redraws the markers and the table. */
import { activationCharts, activationTable } from '../views/activation-view.ts';
import { fixed } from '../shared/format.ts';
import { eachInteractive } from './mount.ts';

eachInteractive('activation-plots', (root) => {
  const slider = root.querySelector<HTMLInputElement>('[data-x]');
  const out = root.querySelector<HTMLOutputElement>('[data-x-out]');
  const charts = root.querySelector<HTMLElement>('[data-charts]');
  const table = root.querySelector<HTMLElement>('[data-table]');
  const controls = root.querySelector<HTMLElement>('[data-controls]');
  if (!slider || !out || !charts || !table || !controls) return;
  controls.hidden = false;
  let frame = 0;
  slider.addEventListener('input', () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      const x = Number(slider.value);
      out.textContent = `x = ${fixed(x, 2)}`;
      charts.innerHTML = activationCharts(x);
      table.innerHTML = activationTable(x);
    });
  });
});
