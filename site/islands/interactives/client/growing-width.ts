/** `growing-width` on the page: trains the widths in turn in the lab worker; each chart fills in as its width finishes. */
import type { SineFit } from '../compute/sine-fits.ts';
import { WIDTH_DEFAULTS, WIDTHS } from '../shared/defaults.ts';
import { compact } from '../shared/format.ts';
import { runJob } from '../worker/lab-client.ts';
import { widthFigure, type SineData } from '../views/sine-view.ts';
import { eachInteractive } from './mount.ts';
import { RunControl } from './run-control.ts';

eachInteractive('growing-width', (root) => {
  const data = JSON.parse(root.dataset.data ?? 'null') as SineData | null;
  const q = <T extends HTMLElement>(s: string) => root.querySelector<T>(s);
  const controls = q<HTMLElement>('[data-controls]');
  const run = q<HTMLButtonElement>('[data-run]');
  const status = q<HTMLElement>('[data-status]');
  const figures = q<HTMLElement>('[data-figures]');
  if (!data || !controls || !run || !status || !figures) return;
  const { epochs } = WIDTH_DEFAULTS;
  const control = new RunControl(run, status);
  controls.hidden = false;
  const draw = (fits: readonly SineFit[]) => {
    figures.innerHTML = WIDTHS.map((w) => widthFigure(w, data, fits.find((f) => f.key === String(w)) ?? null)).join('');
  };

  run.addEventListener('click', async () => {
    const done: SineFit[] = [];
    if (!control.running) draw(done);
    const result = await control.toggle(
      () => runJob('growing-width', {}, (p) => {
        if (p.fit) {
          done.push(p.fit);
          draw(done);
        } else if (p.epoch % 10 === 0) {
          control.say(`Training width ${p.key}: epoch ${p.epoch} of ${epochs}…`, 'running');
        }
      }),
      'Loading the runtime…',
    );
    if (!result) return;
    draw(result.fits);
    const stopped = result.fits.length < WIDTHS.length || result.fits.some((f) => f.stopped !== 'done');
    const parts = result.fits.map((f) => `width ${f.key}: mean squared error ${compact(f.loss)}, worst miss ${compact(f.worst)}`);
    control.say(`${stopped ? 'Stopped' : 'Done'}. ${parts.join('; ')}.`, 'done');
  });
});
