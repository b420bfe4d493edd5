// Runs the assessment form: scores a submission, reveals the explanations, keeps the best
// score, and resets for a retake. Plain DOM on native form controls, so the keyboard and
// screen readers work without extra wiring.
import { browserStorage } from '../local-json.ts';
import { describeBest, describeResult, storageProblem } from './messages.ts';
import { readBestScore, recordScore } from './quiz-store.ts';
import { scoreQuiz, type Answers, type QuizKey } from './score.ts';

function collectAnswers(form: HTMLFormElement, key: QuizKey): Answers {
  const answers: Answers = {};
  for (const { id } of key.questions) {
    const checked = form.querySelectorAll<HTMLInputElement>(`input[name="${id}"]:checked`);
    answers[id] = [...checked].map((input) => Number(input.value));
  }
  return answers;
}

function setup(form: HTMLFormElement): void {
  const key = JSON.parse(form.dataset.quizKey ?? '') as QuizKey;
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
    for (const fieldset of form.querySelectorAll<HTMLFieldSetElement>('fieldset[data-question]')) {
      const right = score.results[fieldset.dataset.question!];
      fieldset.dataset.outcome = right ? 'right' : 'wrong';
      const verdict = fieldset.querySelector<HTMLElement>('[data-verdict]')!;
      verdict.textContent = right ? 'Your answer is correct.' : 'Your answer is not correct.';
      verdict.hidden = false;
      for (const explanation of fieldset.querySelectorAll<HTMLElement>('[data-explanation]')) {
        explanation.hidden = false;
      }
      fieldset.disabled = true;
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
      fieldset.disabled = false;
      delete fieldset.dataset.outcome;
      fieldset.querySelector<HTMLElement>('[data-verdict]')!.hidden = true;
      for (const explanation of fieldset.querySelectorAll<HTMLElement>('[data-explanation]')) {
        explanation.hidden = true;
      }
    }
    result.textContent = '';
    delete result.dataset.passed;
    retake.hidden = true;
    submit.hidden = false;
    form.querySelector<HTMLInputElement>('input')?.focus();
  });

  submit.disabled = false;
  showBest();
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-quiz-key]')) setup(form);
