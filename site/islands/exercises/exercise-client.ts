// Checks the exercises at the end of a lesson: typed numbers and choices on submit, specs
// from the live island's events (site/islands/spec/events.ts). A solved exercise is marked
// and remembered in this browser. Hints and worked solutions are <details> in the HTML and
// need no script.
import { browserStorage } from '../local-json.ts';
import { SPEC_CHECKED, SPEC_TRAINED, type SpecCheckedDetail, type SpecTrainedDetail } from '../spec/events.ts';
import type { Target } from '../../content/exercises/exercise-schema.ts';
import { isClose, parseAnswer } from './answers.ts';
import { readSolved, recordSolved } from './solved-store.ts';
import { describeMiss, describeTarget, meetsTarget, type SpecOutcome } from './targets.ts';

const storage = browserStorage();

function markSolved(root: HTMLElement, remember: boolean): void {
  root.dataset.solved = 'true';
  const mark = root.querySelector<HTMLElement>('[data-solved-mark]');
  if (mark) mark.hidden = false;
  if (remember) recordSolved(storage, root.dataset.exercise!);
}

function say(root: HTMLElement, text: string, outcome: 'right' | 'wrong' | 'info'): void {
  const feedback = root.querySelector<HTMLElement>('[data-feedback]')!;
  feedback.textContent = text;
  feedback.dataset.outcome = outcome;
}

function setupNumber(root: HTMLElement, form: HTMLFormElement): void {
  const answer = Number(root.dataset.answer);
  const tolerance = Number(root.dataset.tolerance);
  const input = form.querySelector<HTMLInputElement>('input')!;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = parseAnswer(input.value);
    if (value === null) {
      say(root, 'Type a number, such as 0.5 or −2.', 'wrong');
      input.setAttribute('aria-invalid', 'true');
      return;
    }
    input.removeAttribute('aria-invalid');
    if (isClose(value, answer, tolerance)) {
      say(root, 'Correct.', 'right');
      markSolved(root, true);
    } else {
      say(root, 'Not quite. Check your working, or open the hint.', 'wrong');
    }
  });
}

function setupChoice(root: HTMLElement, form: HTMLFormElement): void {
  const correct = root.dataset.correct;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = form.querySelector<HTMLInputElement>('input:checked');
    if (!chosen) {
      say(root, 'Choose an answer first.', 'wrong');
      return;
    }
    if (chosen.value === correct) {
      say(root, 'Correct.', 'right');
      markSolved(root, true);
    } else {
      say(root, 'Not this one. Try another, or open the hint.', 'wrong');
    }
  });
}

function setupSpec(root: HTMLElement): void {
  const target = JSON.parse(root.dataset.target ?? '') as Target;
  let outcome: SpecOutcome | null = null;
  let checkedSource = '';
  const judge = (): void => {
    if (!outcome) return;
    if (meetsTarget(target, outcome)) {
      say(root, `Solved: your spec ${describeTarget(target)}.`, 'right');
      markSolved(root, true);
    } else {
      say(root, describeMiss(target, outcome), outcome.errors === 0 && !outcome.trained ? 'info' : 'wrong');
    }
  };
  root.addEventListener(SPEC_CHECKED, (event) => {
    const d = (event as CustomEvent<SpecCheckedDetail>).detail;
    // A run belongs to the text it trained: editing the spec forgets it.
    const trained = d.source === checkedSource ? outcome?.trained : undefined;
    checkedSource = d.source;
    outcome = { errors: d.errors, warnings: d.warnings, trained };
    judge();
  });
  root.addEventListener(SPEC_TRAINED, (event) => {
    const d = (event as CustomEvent<SpecTrainedDetail>).detail;
    if (!outcome || d.source !== checkedSource) return;
    outcome = { ...outcome, trained: { stopped: d.stopped, final: d.final } };
    judge();
  });
}

function setup(root: HTMLElement, solved: Set<string>): void {
  if (solved.has(root.dataset.exercise!)) markSolved(root, false);
  const form = root.querySelector<HTMLFormElement>('form[data-answer-form]');
  if (root.dataset.kind === 'number' && form) setupNumber(root, form);
  else if (root.dataset.kind === 'choice' && form) setupChoice(root, form);
  else if (root.dataset.kind === 'spec') setupSpec(root);
  root.dataset.ready = 'true';
}

const read = readSolved(storage);
const solved = new Set(read.status === 'ok' ? (read.value ?? []) : []);
for (const root of document.querySelectorAll<HTMLElement>('[data-exercise]')) setup(root, solved);
