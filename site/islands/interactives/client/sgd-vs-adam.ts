/** `sgd-vs-adam` on the page: trains both in the lab worker, curves per epoch, then the boundaries. */
import type { EpochReport } from 'dlc/runtime';
import type { OptimizerName } from '../compute/sgd-vs-adam.ts';
import { DecisionBoundary } from '../../plots/decision-boundary.ts';
import { ADAM_DEFAULTS } from '../shared/defaults.ts';
import { runJob } from '../worker/lab-client.ts';
import { adamAccuracyChart, adamLossChart, OPT_STYLE, type Histories } from '../views/adam-view.ts';
import { eachInteractive } from './mount.ts';
import { RunControl } from './run-control.ts';
import { frameScheduler } from './frame.ts';

function percent(r: EpochReport | undefined): string {
  return r?.testAccuracy === null || r?.testAccuracy === undefined ? '–' : `${(r.testAccuracy * 100).toFixed(1)}%`;
}

eachInteractive('sgd-vs-adam', (root) => {
  const q = <T extends HTMLElement>(s: string) => root.querySelector<T>(s);
  const controls = q<HTMLElement>('[data-controls]');
  const lrSelect = q<HTMLSelectElement>('[data-lr]');
  const run = q<HTMLButtonElement>('[data-run]');
  const status = q<HTMLElement>('[data-status]');
  const lossChart = q<HTMLElement>('[data-loss-chart]');
  const accChart = q<HTMLElement>('[data-acc-chart]');
  const boundaries = q<HTMLElement>('[data-boundaries]');
  if (!controls || !lrSelect || !run || !status || !lossChart || !accChart || !boundaries) return;
  const { epochs } = ADAM_DEFAULTS;
  const control = new RunControl(run, status);
  controls.hidden = false;
  let histories: Histories = {};
  const draw = frameScheduler(() => {
    lossChart.innerHTML = adamLossChart(histories, epochs);
    accChart.innerHTML = adamAccuracyChart(histories, epochs);
  });

  run.addEventListener('click', async () => {
    const lr = Number(lrSelect.value);
    if (!control.running) {
      histories = {};
      draw();
    }
    const result = await control.toggle(
      () => runJob('sgd-vs-adam', { lr }, (p) => {
        (histories[p.optimizer] ??= []).push(p.report);
        draw();
        control.say(`Training with ${OPT_STYLE[p.optimizer].label}: epoch ${p.report.epoch} of ${epochs}…`, 'running');
      }),
      'Loading the runtime…',
    );
    if (!result) return;
    histories = Object.fromEntries(result.runs.map((r) => [r.optimizer, r.history])) as Histories;
    draw();
    const figures = result.runs.map((r) => {
      const view = new DecisionBoundary();
      view.setPoints(result.points);
      view.draw(r.boundary, r.history.length);
      const title = document.createElement('p');
      title.className = 'ia-chart-title';
      title.textContent = `${OPT_STYLE[r.optimizer].label}: test accuracy ${percent(r.history.at(-1))}`;
      const box = document.createElement('div');
      box.className = 'ia-chart';
      box.append(title, view.element);
      return box;
    });
    boundaries.replaceChildren(...figures);
    const names: OptimizerName[] = ['sgd', 'adam'];
    const summary = names
      .map((o) => result.runs.find((r) => r.optimizer === o))
      .filter((r) => r !== undefined)
      .map((r) => `${OPT_STYLE[r.optimizer].label}: loss ${r.history.at(-1)?.trainLoss.toFixed(3) ?? '–'}, test accuracy ${percent(r.history.at(-1))}${r.stopped === 'diverged' ? ' (diverged)' : ''}`);
    const stopped = result.runs.length < 2 || result.runs.some((r) => r.stopped === 'aborted');
    control.say(`${stopped ? 'Stopped' : 'Done'} at learning rate ${lr}. ${summary.join('; ')}.`, 'done');
  });
});
