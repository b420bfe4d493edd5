/**
 * `learning-rate` on the page: Run (or moving the slider once the first run has started)
 * trains at the chosen rate; a new choice stops the run in progress and starts over.
 */
import type { LrPoint } from '../compute/learning-rate.ts';
import type { LineFit } from '../shared/line-data.ts';
import { LR_DEFAULTS } from '../shared/defaults.ts';
import { verdict, verdictText } from '../shared/lr-verdict.ts';
import { runJob, type JobHandle } from '../worker/lab-client.ts';
import { lrLossChart, lrSlopeChart } from '../views/lr-view.ts';
import { eachInteractive } from './mount.ts';
import { frameScheduler } from './frame.ts';

eachInteractive('learning-rate', (root) => {
  const best = JSON.parse(root.dataset.best ?? 'null') as LineFit | null;
  const choices = JSON.parse(root.dataset.choices ?? '[]') as number[];
  const q = <T extends HTMLElement>(s: string) => root.querySelector<T>(s);
  const controls = q<HTMLElement>('[data-controls]');
  const slider = q<HTMLInputElement>('[data-lr]');
  const out = q<HTMLOutputElement>('[data-lr-out]');
  const run = q<HTMLButtonElement>('[data-run]');
  const status = q<HTMLElement>('[data-status]');
  const lossChart = q<HTMLElement>('[data-loss-chart]');
  const slopeChart = q<HTMLElement>('[data-slope-chart]');
  if (!best || !controls || !slider || !out || !run || !status || !lossChart || !slopeChart) return;
  const { steps } = LR_DEFAULTS;
  controls.hidden = false;

  let path: LrPoint[] = [];
  let shownLr: number | null = null;
  let current: JobHandle<unknown> | null = null;
  let wanted: number | null = null;
  let started = false;
  const draw = frameScheduler(() => {
    lossChart.innerHTML = lrLossChart(path, best, steps, shownLr);
    slopeChart.innerHTML = lrSlopeChart(path, best, steps);
  });
  const say = (text: string, state: string) => {
    status.textContent = text;
    status.dataset.state = state;
  };
  const chosen = () => choices[Number(slider.value)];

  async function start(lr: number): Promise<void> {
    if (current) {
      wanted = lr;
      current.stop();
      return;
    }
    started = true;
    path = [];
    shownLr = lr;
    draw();
    say(`Learning rate ${lr}: running…`, 'running');
    const handle = runJob('learning-rate', { lr }, (p) => {
      path.push(p);
      draw();
    });
    current = handle;
    try {
      const r = await handle.result;
      if (wanted === null) {
        path = r.path;
        draw();
        const v = verdict(r.path, r.best.loss, r.best.slope, r.stopped === 'diverged');
        say(`Learning rate ${lr}. ${verdictText(v, r.path, r.best.loss, r.best.slope)}`, 'done');
        root.dataset.verdict = v;
      }
    } catch (e) {
      if (wanted === null) say(`Something went wrong: ${e instanceof Error ? e.message : String(e)}`, 'failed');
    } finally {
      current = null;
      if (wanted !== null) {
        const next = wanted;
        wanted = null;
        void start(next);
      }
    }
  }

  slider.addEventListener('input', () => {
    out.textContent = String(chosen());
    slider.setAttribute('aria-valuetext', `learning rate ${chosen()}`);
  });
  slider.addEventListener('change', () => {
    if (started) void start(chosen());
  });
  run.addEventListener('click', () => void start(chosen()));
});
