// Runs the assessment form: draws a sheet per attempt (seeded: `?seed=N` in the address
// picks the first sheet, for tests and for sharing one), scores a submission, reveals the
// explanations, keeps the best score, and draws a new sheet for a retake. Plain DOM on
// native form controls, so the keyboard and screen readers work without extra wiring.
import { browserStorage } from '../local-json.ts';
import { describeBest, describeResult, storageProblem } from './messages.ts';
import { readBestScore, recordScore } from './quiz-store.ts';
import { scoreQuiz, type Answers, type QuizKey } from './score.ts';
import { drawSheet, parseSeed, type PoolQuestion } from './draw.ts';
import { showSheet } from './sheet.ts';

/** A seed for the next attempt: from the address on the first, one more per retake; random otherwise. */
function seedFor(attempt: number): number {
  const asked = parseSeed(new URLSearchParams(location.search).get('seed'));
  if (asked !== null) return (asked + attempt) >>> 0;
  return crypto.getRandomValues(new Uint32Array(1))[0]!;
}

function collectAnswers(form: HTMLFormElement, key: QuizKey): Answers {
  const answers: Answers = {};
  for (const { id } of key.questions) {
    const checked = form.querySelectorAll<HTMLInputElement>(`input[name="${id}"]:checked`);
    answers[id] = [...checked].map((input) => Number(input.value));
  }
  return answers;
}

function setup(form: HTMLFormElement): void {
  const pool = JSON.parse(form.dataset.quizKey ?? '') as QuizKey;
  const poolQuestions: PoolQuestion[] = pool.questions.map((q) => ({ id: q.id, takeaway: q.takeaway ?? 0, options: q.options ?? q.correct.length }));
  let attempt = 0;
  /** The answer key of the sheet on the page: only its questions count. */
  let key: QuizKey = pool;
  const draw = (): void => {
    const sheet = drawSheet(poolQuestions, pool.perAttempt ?? pool.questions.length, seedFor(attempt));
    showSheet(form, sheet);
    key = { passPercent: pool.passPercent, questions: sheet.questions.map((d) => pool.questions.find((q) => q.id === d.id)!) };
  };
  draw();
  const result = form.querySelector<HTMLElement>('[data-result]')!;
  const submit = form.querySelector<HTMLButtonElement>('[data-submit]')!;
  const retake = form.querySelector<HTMLButtonElement>('[data-retake]')!;
  const storageNote = document.querySelector<HTMLElement>('[data-storage-note]');
  const bestLines = document.querySelectorAll<HTMLElement>('[data-best-score]');
  const storage = browserStorage();

  const showBest = (): void => {
    const best = readBestScore(storage);
    for (const line of bestLines) {
      line.textContent = describeBest(best);
      line.hidden = false;
    }
    if (storageNote && best.status !== 'ok') {
      storageNote.textContent = storageProblem(best.status);
      storageNote.hidden = false;
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const score = scoreQuiz(key, collectAnswers(form, key));
    const recorded = recordScore(storage, score);
    for (const fieldset of form.querySelectorAll<HTMLFieldSetElement>('fieldset[data-drawn]')) {
      const right = score.results[fieldset.dataset.question!];
      fieldset.dataset.outcome = right ? 'right' : 'wrong';
      const verdict = fieldset.querySelector<HTMLElement>('[data-verdict]')!;
      verdict.textContent = right ? 'Your answer is correct.' : 'Your answer is not correct.';
      verdict.hidden = false;
      for (const explanation of fieldset.querySelectorAll<HTMLElement>('[data-explanation]')) {
        explanation.hidden = false;
      }
      // The answers lock, not the whole fieldset: a spec beside the question stays usable
      // (and its scrollable tables keyboard-reachable).
      for (const input of fieldset.querySelectorAll<HTMLInputElement>('[data-options] input')) input.disabled = true;
    }
    let message = describeResult(score, key.passPercent);
    message += recorded.kept ? ` Best score: ${recorded.best.correct} out of ${recorded.best.total}.` : ` ${storageProblem(recorded.reason)}`;
    result.textContent = message;
    result.dataset.passed = String(score.passed);
    showBest();
    submit.hidden = true;
    retake.hidden = false;
    retake.focus();
  });

  retake.addEventListener('click', () => {
    form.reset();
    for (const fieldset of form.querySelectorAll<HTMLFieldSetElement>('fieldset[data-question]')) {
      delete fieldset.dataset.outcome;
      fieldset.querySelector<HTMLElement>('[data-verdict]')!.hidden = true;
      for (const explanation of fieldset.querySelectorAll<HTMLElement>('[data-explanation]')) {
        explanation.hidden = true;
      }
    }
    result.textContent = '';
    delete result.dataset.passed;
    attempt += 1;
    draw();
    retake.hidden = true;
    submit.hidden = false;
    form.querySelector<HTMLInputElement>('fieldset[data-drawn] input')?.focus();
  });

  submit.disabled = false;
  showBest();
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-quiz-key]')) setup(form);
