/** `rnn-lstm-gradients` on the page: measures both cells in the lab worker and draws them. */
import { compact } from '../shared/format.ts';
import { runJob } from '../worker/lab-client.ts';
import { CELL_STYLE, firstToLast, rnnChart } from '../views/rnn-view.ts';
import { eachInteractive } from './mount.ts';
import { RunControl } from './run-control.ts';

eachInteractive('rnn-lstm-gradients', (root) => {
  const q = <T extends HTMLElement>(s: string) => root.querySelector<T>(s);
  const controls = q<HTMLElement>('[data-controls]');
  const seed = q<HTMLSelectElement>('[data-seed]');
  const run = q<HTMLButtonElement>('[data-run]');
  const status = q<HTMLElement>('[data-status]');
  const chart = q<HTMLElement>('[data-chart]');
  if (!controls || !seed || !run || !status || !chart) return;
  const control = new RunControl(run, status);
  controls.hidden = false;

  const measure = async () => {
    const result = await control.toggle(() => runJob('rnn-lstm-gradients', { seed: Number(seed.value) }), 'Loading the runtime and measuring…');
    if (!result) return;
    chart.innerHTML = rnnChart(result.runs, result.steps);
    const parts = result.runs.map((r) => `${CELL_STYLE[r.cell].label}: step 1 gets ${compact(firstToLast(r))} of what step ${result.steps} gets`);
    control.say(`Seed ${seed.value}. ${parts.join('; ')}.`, 'done');
  };
  run.addEventListener('click', () => void measure());
  seed.addEventListener('change', () => {
    if (!control.running && chart.querySelector('path')) void measure();
  });
});
