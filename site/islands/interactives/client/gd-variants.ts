/** `gd-variants` on the page: Run trains the three variants in the lab worker, curves grow per epoch. */
import type { LineFit } from '../shared/line-data.ts';
import { GD_DEFAULTS } from '../shared/defaults.ts';
import { fixed } from '../shared/format.ts';
import { runJob } from '../worker/lab-client.ts';
import { gdLinesChart, gdLossChart, gdTable, variantStyle, type VariantState } from '../views/gd-view.ts';
import { eachInteractive } from './mount.ts';
import { RunControl } from './run-control.ts';
import { frameScheduler } from './frame.ts';

eachInteractive('gd-variants', (root) => {
  const sample = JSON.parse(root.dataset.sample ?? 'null') as { x: number[]; y: number[] } | null;
  const best = JSON.parse(root.dataset.best ?? 'null') as LineFit | null;
  const q = <T extends HTMLElement>(s: string) => root.querySelector<T>(s);
  const controls = q<HTMLElement>('[data-controls]');
  const run = q<HTMLButtonElement>('[data-run]');
  const status = q<HTMLElement>('[data-status]');
  const lossChart = q<HTMLElement>('[data-loss-chart]');
  const linesChart = q<HTMLElement>('[data-lines-chart]');
  const table = q<HTMLElement>('[data-table]');
  if (!sample || !best || !controls || !run || !status || !lossChart || !linesChart || !table) return;
  const { n, epochs, batches } = GD_DEFAULTS;
  const control = new RunControl(run, status);
  controls.hidden = false;
  let runs: VariantState[] = [];
  const draw = frameScheduler(() => {
    lossChart.innerHTML = gdLossChart(runs, best, epochs, n);
    linesChart.innerHTML = gdLinesChart(sample, runs, best, n);
    table.innerHTML = gdTable(runs, best, n);
  });

  run.addEventListener('click', async () => {
    if (!control.running) {
      runs = batches.map((batch) => ({ batch, losses: [] }));
      draw();
    }
    const result = await control.toggle(
      () => runJob('gd-variants', {}, (p) => {
        const r = runs.find((v) => v.batch === p.batch);
        if (r) r.losses[p.epoch] = p.loss;
        draw();
        control.say(`Training: ${variantStyle(p.batch, n).label}, epoch ${p.epoch} of ${epochs}…`, 'running');
      }),
      'Loading the runtime…',
    );
    if (!result) return;
    runs = result.runs.map((r) => ({ ...r }));
    draw();
    const parts = result.runs.map((r) => `${variantStyle(r.batch, n).label}: ${r.updates} updates, loss ${fixed(r.losses[r.losses.length - 1], 4)}`);
    const stopped = result.runs.length < batches.length || result.runs.some((r) => r.stopped !== 'done');
    control.say(`${stopped ? 'Stopped. ' : 'Done. '}${parts.join('; ')}. Best line: ${fixed(result.best.loss, 4)}.`, 'done');
  });
});
