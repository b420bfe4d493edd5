/** `no-activation` on the page: trains both nets in the lab worker, then draws their curves. */
import type { SineFit } from '../compute/sine-fits.ts';
import type { LineFit } from '../shared/line-data.ts';
import { NO_ACTIVATION_DEFAULTS } from '../shared/defaults.ts';
import { compact } from '../shared/format.ts';
import { runJob } from '../worker/lab-client.ts';
import { NO_ACT_STYLE, noActivationChart, noActivationLossChart, type SineData } from '../views/sine-view.ts';
import { eachInteractive } from './mount.ts';
import { RunControl } from './run-control.ts';
import { frameScheduler } from './frame.ts';

eachInteractive('no-activation', (root) => {
  const data = JSON.parse(root.dataset.data ?? 'null') as SineData | null;
  const best = JSON.parse(root.dataset.best ?? 'null') as LineFit | null;
  const q = <T extends HTMLElement>(s: string) => root.querySelector<T>(s);
  const controls = q<HTMLElement>('[data-controls]');
  const run = q<HTMLButtonElement>('[data-run]');
  const status = q<HTMLElement>('[data-status]');
  const fitChart = q<HTMLElement>('[data-fit-chart]');
  const lossChart = q<HTMLElement>('[data-loss-chart]');
  if (!data || !best || !controls || !run || !status || !fitChart || !lossChart) return;
  const { epochs } = NO_ACTIVATION_DEFAULTS;
  const control = new RunControl(run, status);
  controls.hidden = false;
  let fits: SineFit[] = [];
  let progress: Record<string, number[]> = {};
  const draw = frameScheduler(() => {
    fitChart.innerHTML = noActivationChart(data, fits, best);
    lossChart.innerHTML = noActivationLossChart(fits, progress, best, epochs);
  });

  run.addEventListener('click', async () => {
    if (!control.running) {
      fits = [];
      progress = {};
      draw();
    }
    const result = await control.toggle(
      () => runJob('no-activation', {}, (p) => {
        (progress[p.key] ??= [])[p.epoch - 1] = p.loss;
        draw();
        control.say(`Training ${NO_ACT_STYLE[p.key].label}: epoch ${p.epoch} of ${epochs}…`, 'running');
      }),
      'Loading the runtime…',
    );
    if (!result) return;
    fits = result.fits;
    draw();
    const parts = result.fits.map((f) => `${NO_ACT_STYLE[f.key].label}: loss ${compact(f.loss)}`);
    const stopped = result.fits.length < 2 || result.fits.some((f) => f.stopped !== 'done');
    control.say(`${stopped ? 'Stopped' : 'Done'}. ${parts.join('; ')}; best straight line: ${compact(result.best.loss)}.`, 'done');
  });
});
