/**
 * The gradient view on the page: the first click loads the lab worker and runs one forward
 * and backward pass there; after that, changing the input or the answer runs it again.
 */
import { columnOutputs, forwardSteps, type DenseNet, type PlainState } from '../shared/dense-forward.ts';
import { runJob } from '../worker/lab-client.ts';
import { gradientDiagram, gradientTable } from '../views/gradient-view.ts';
import { num } from '../views/forward-view.ts';
import { eachInteractive } from './mount.ts';
import { RunControl } from './run-control.ts';

eachInteractive('gradient-view', (root) => {
  const net = JSON.parse(root.dataset.net ?? 'null') as DenseNet | null;
  const state = JSON.parse(root.dataset.state ?? 'null') as PlainState | null;
  const spec = root.dataset.spec;
  const q = <T extends HTMLElement>(s: string) => root.querySelector<T>(s);
  const controls = q<HTMLElement>('[data-controls]');
  const run = q<HTMLButtonElement>('[data-run]');
  const status = q<HTMLElement>('[data-status]');
  const diagram = q<HTMLElement>('[data-diagram]');
  const table = q<HTMLElement>('[data-table]');
  const target = q<HTMLSelectElement>('[data-target]');
  const inputs = [...root.querySelectorAll<HTMLInputElement>('[data-input]')];
  if (!net || !state || !spec || !controls || !run || !status || !diagram || !table || !target) return;

  const control = new RunControl(run, status);
  let ranOnce = false;
  let again = false;
  controls.hidden = false;

  const values = () => inputs.map((i) => Number(i.value));

  /** `fromButton`: a click while running means Stop; an edit while running queues one more pass. */
  async function backward(fromButton: boolean): Promise<void> {
    if (control.running && !fromButton) {
      again = true;
      return;
    }
    const x = values();
    if (!control.running && !x.every(Number.isFinite)) {
      control.say('Type a number in every input.', 'failed');
      return;
    }
    const y = Number(target!.value);
    const result = await control.toggle(
      () => runJob('gradient-view', { spec: spec!, state: state!, x, target: [y], loss: 'bce' }),
      ranOnce ? 'Computing…' : 'Loading the runtime and computing…',
    );
    if (result) {
      ranOnce = true;
      // Hidden values from the stepper's arithmetic, the output as the runtime computed it.
      const columns = columnOutputs(forwardSteps(net!, x));
      columns[columns.length - 1] = result.output;
      diagram!.innerHTML = gradientDiagram(net!, x, result.grads, columns);
      table!.innerHTML = gradientTable(net!, result.grads);
      const zero = Object.values(result.grads).reduce((n, g) => n + g.data.filter((v) => v === 0).length, 0);
      control.say(
        `Prediction ${num(result.output[0])} for the answer ${y}, loss ${num(result.loss)}. ` +
          `${zero} of the parameters have a gradient of exactly zero.`,
        'done',
      );
    }
    if (again) {
      again = false;
      void backward(false);
    }
  }

  run.addEventListener('click', () => void backward(true));
  const rerun = () => {
    if (ranOnce) void backward(false);
  };
  for (const input of inputs) input.addEventListener('change', rerun);
  target.addEventListener('change', rerun);
});
