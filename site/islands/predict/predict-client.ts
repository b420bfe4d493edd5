// Runs every prediction wrapper (site/components/predict/Predict.astro): records the
// learner's choice, and once the wrapped interactive reports an outcome (any status line
// inside it reaching data-state="done") or the learner asks, shows the choice next to what
// happens. Knows nothing about the interactive it wraps.
import { browserStorage } from '../local-json.ts';
import { readPredictions, recordPrediction } from './predict-store.ts';

const storage = browserStorage();

function setup(root: HTMLElement): void {
  const id = root.dataset.predict!;
  const answer = Number(root.dataset.answer);
  const form = root.querySelector<HTMLFormElement>('[data-predict-form]')!;
  const recorded = root.querySelector<HTMLElement>('[data-predict-recorded]')!;
  const body = root.querySelector<HTMLElement>('[data-predict-outcome-body]')!;
  const label = (i: number): string => form.querySelector(`label[for="${form.querySelector<HTMLInputElement>(`input[value="${i}"]`)?.id}"]`)?.textContent ?? '';
  let choice: number | null = null;
  let shown = false;

  const stored = readPredictions(storage);
  if (stored.status === 'ok' && stored.value && Number.isInteger(stored.value[id])) {
    choice = stored.value[id]!;
    const input = form.querySelector<HTMLInputElement>(`input[value="${choice}"]`);
    if (input) input.checked = true;
    recorded.textContent = `Your prediction: ${label(choice)}`;
  }

  const show = (): void => {
    shown = true;
    root.querySelector('[data-predict-choice]')!.textContent = choice === null ? 'none recorded.' : label(choice);
    root.querySelector('[data-predict-verdict]')!.textContent =
      choice === null ? '' : choice === answer ? 'Your prediction came true.' : 'Not what happened: compare with the result above.';
    root.dataset.predictOutcome = choice === null ? 'none' : choice === answer ? 'right' : 'wrong';
    body.hidden = false;
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = form.querySelector<HTMLInputElement>('input:checked');
    if (!chosen) {
      recorded.textContent = 'Choose what you expect first.';
      return;
    }
    choice = Number(chosen.value);
    const kept = recordPrediction(storage, id, choice);
    recorded.textContent = `Recorded: ${label(choice)}${kept ? '' : ' (this browser will not keep it after you leave)'}. Now run it below.`;
    if (shown) show();
  });
  root.querySelector('[data-predict-reveal]')!.addEventListener('click', show);

  // The wrapped interactive says it is done through its status line's data-state.
  const observer = new MutationObserver(() => {
    if (root.querySelector('[data-state="done"]')) show();
  });
  observer.observe(root, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
}

function setupAll(): void {
  for (const root of document.querySelectorAll<HTMLElement>('[data-predict]')) {
    if (root.dataset.ready) continue;
    root.dataset.ready = 'true';
    setup(root);
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', setupAll, { once: true });
else setupAll();
