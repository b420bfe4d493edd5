// What the learner reads about scores, in one place so the home and assessment pages agree.
import type { Read } from '../local-json.ts';
import type { BestScore } from './quiz-store.ts';
import type { Score } from './score.ts';

export function fraction(score: Pick<Score, 'correct' | 'total' | 'percent'>): string {
  return `${score.correct} out of ${score.total} (${score.percent}%)`;
}

export function storageProblem(reason: 'unavailable' | 'corrupted'): string {
  return reason === 'unavailable'
    ? 'This browser is not letting the site store data, so scores cannot be kept. The quiz still works.'
    : 'The score saved in this browser is unreadable, so scores cannot be kept. The quiz still works.';
}

/** The best-score line shown on the home and assessment pages. */
export function describeBest(best: Read<BestScore>): string {
  if (best.status !== 'ok') return storageProblem(best.status);
  if (!best.value) return 'Best score: no attempt yet.';
  const outcome = best.value.passed ? 'module complete' : 'not passed yet';
  return `Best score: ${fraction(best.value)}, ${outcome}.`;
}

/** The announcement after a submission. */
export function describeResult(score: Score, passPercent: number): string {
  const verdict = score.passed
    ? `Passed: ${passPercent}% or more completes the module.`
    : `Not passed: ${passPercent}% or more completes the module. Read the explanations and try again.`;
  return `You scored ${fraction(score)}. ${verdict}`;
}
