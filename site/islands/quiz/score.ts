// Scoring is a pure function of the answer key and the learner's choices, so the rules
// (all-or-nothing per question, pass at a percentage) are tested without a browser.

export interface QuizKey {
  passPercent: number;
  /** Questions per attempt (the page's key); a scored key holds just the drawn ones. */
  perAttempt?: number;
  /** For each question, the indices of its correct options (and, for the draw, its takeaway and option count). */
  questions: { id: string; correct: number[]; takeaway?: number; options?: number }[];
}

/** The learner's chosen option indices per question id; a missing id is unanswered. */
export type Answers = Record<string, number[]>;

export interface Score {
  correct: number;
  total: number;
  percent: number;
  passed: boolean;
  /** Question id -> answered exactly right. */
  results: Record<string, boolean>;
}

/**
 * Scores a submission: a question counts when the chosen options are exactly its correct ones.
 *
 * ```ts
 * scoreQuiz({ passPercent: 70, questions: [{ id: 'a', correct: [1] }] }, { a: [1] });
 * // { correct: 1, total: 1, percent: 100, passed: true, results: { a: true } }
 * ```
 */
export function scoreQuiz(key: QuizKey, answers: Answers): Score {
  const results: Record<string, boolean> = {};
  let correct = 0;
  for (const question of key.questions) {
    const chosen = new Set(answers[question.id] ?? []);
    const right =
      chosen.size === question.correct.length && question.correct.every((i) => chosen.has(i));
    results[question.id] = right;
    if (right) correct++;
  }
  const total = key.questions.length;
  const percent = total === 0 ? 0 : Math.round((correct / total) * 100);
  // Compare counts, not the rounded percent, so 2/3 (66.67%) never rounds its way past 67.
  const passed = correct * 100 >= key.passPercent * total;
  return { correct, total, percent, passed, results };
}

/** True when `candidate` beats `best` (a higher fraction of questions right). */
export function isBetter(candidate: Pick<Score, 'correct' | 'total'>, best: Pick<Score, 'correct' | 'total'> | null): boolean {
  if (!best) return true;
  return candidate.correct * best.total > best.correct * candidate.total;
}
