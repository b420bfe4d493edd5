// Puts a drawn sheet on the page: shows its questions in the drawn order, numbered 1 to N,
// with their options in the drawn order, and hides the rest of the pool. The inputs keep
// their original values, so scoring never needs to know the order shown.
import type { Sheet } from './draw.ts';

export function showSheet(form: HTMLFormElement, sheet: Sheet): void {
  const fieldsets = new Map(
    [...form.querySelectorAll<HTMLFieldSetElement>('fieldset[data-question]')].map((f) => [f.dataset.question!, f]),
  );
  for (const fieldset of fieldsets.values()) {
    delete fieldset.dataset.drawn;
    fieldset.disabled = true;
  }
  // The drawn questions go first, in order; the undrawn stay after them, hidden by CSS.
  const anchor = form.querySelector('fieldset[data-question]');
  const first = anchor?.parentElement ?? form;
  let before: Element | null = anchor;
  sheet.questions.forEach((drawn, i) => {
    const fieldset = fieldsets.get(drawn.id);
    if (!fieldset) return;
    fieldset.dataset.drawn = String(i + 1);
    fieldset.disabled = false;
    for (const input of fieldset.querySelectorAll<HTMLInputElement>('[data-options] input')) input.disabled = false;
    fieldset.querySelector('[data-question-number]')!.textContent = `Question ${i + 1} of ${sheet.questions.length}`;
    const list = fieldset.querySelector<HTMLElement>('[data-options]')!;
    for (const index of drawn.order) {
      const option = list.querySelector(`:scope > [data-option="${index}"]`);
      if (option) list.append(option);
    }
    if (before !== fieldset) first.insertBefore(fieldset, before);
    before = fieldset.nextElementSibling;
  });
  form.dataset.seed = String(sheet.seed);
  form.dataset.sheet = sheet.questions.map((q) => q.id).join(' ');
}
