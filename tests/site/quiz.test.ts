// The assessment's data, scoring and storage, without a browser: the quiz file must pass
// its schema, broken questions must not, scores pass at 70%, and the best score survives
// storage that throws or holds junk.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { quizSchema, type Quiz } from '../../site/content/quiz/quiz-schema.ts';
import { scoreQuiz, type Answers, type QuizKey } from '../../site/islands/quiz/score.ts';
import { BEST_SCORE_KEY, readBestScore, recordScore } from '../../site/islands/quiz/quiz-store.ts';
import { openStorage, type StorageLike } from '../../site/islands/local-json.ts';
import { readVisited, recordVisit, VISITED_KEY } from '../../site/islands/progress/progress-store.ts';

const quizFile = new URL('../../site/content/quiz/module.json', import.meta.url);
const raw = (): Quiz => JSON.parse(readFileSync(quizFile, 'utf8'));

function keyOf(quiz: Quiz): QuizKey {
  return {
    passPercent: quiz.passPercent,
    questions: quiz.questions.map((q) => ({ id: q.id, correct: q.options.flatMap((o, i) => (o.correct ? [i] : [])) })),
  };
}

/** Answers with the first `right` questions correct and the rest wrong. */
function answersWith(quiz: Quiz, right: number): Answers {
  const answers: Answers = {};
  quiz.questions.forEach((q, qi) => {
    const correct = q.options.flatMap((o, i) => (o.correct ? [i] : []));
    const wrong = q.options.findIndex((o) => !o.correct);
    answers[q.id] = qi < right ? correct : [wrong];
  });
  return answers;
}

/** Browser-like storage in memory. */
class MemoryStorage implements StorageLike {
  items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

describe('quiz data', () => {
  test('module.json is a valid quiz of 5 questions that passes at 70%', () => {
    const quiz = quizSchema.parse(raw());
    expect(quiz.questions).toHaveLength(5);
    expect(quiz.passPercent).toBe(70);
    expect(quiz.questions.some((q) => q.options.filter((o) => o.correct).length > 1)).toBe(true);
  });

  test('a question with no correct answer is rejected', () => {
    const quiz = raw();
    for (const option of quiz.questions[1].options) option.correct = false;
    const result = quizSchema.safeParse(quiz);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message)).toContain('a question needs at least one correct option');
    expect(result.error!.issues[0].path).toEqual(['questions', 1, 'options']);
  });

  test('an option without an explanation is rejected', () => {
    const quiz = raw() as unknown as { questions: { options: Record<string, unknown>[] }[] };
    delete quiz.questions[0].options[2].explanation;
    const result = quizSchema.safeParse(quiz);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].path).toEqual(['questions', 0, 'options', 2, 'explanation']);
  });

  test('duplicate question ids are rejected', () => {
    const quiz = raw();
    quiz.questions[3].id = quiz.questions[0].id;
    expect(quizSchema.safeParse(quiz).success).toBe(false);
  });
});

describe('scoring', () => {
  const quiz = quizSchema.parse(raw());
  const key = keyOf(quiz);

  test('3 of 5 fails and 4 of 5 passes', () => {
    const three = scoreQuiz(key, answersWith(quiz, 3));
    expect(three).toMatchObject({ correct: 3, total: 5, percent: 60, passed: false });
    const four = scoreQuiz(key, answersWith(quiz, 4));
    expect(four).toMatchObject({ correct: 4, total: 5, percent: 80, passed: true });
  });

  test('a multi-answer question counts only with exactly its correct options', () => {
    const multi = key.questions.find((q) => q.correct.length > 1)!;
    const partial = { [multi.id]: multi.correct.slice(1) };
    expect(scoreQuiz(key, partial).results[multi.id]).toBe(false);
    const wrongIndex = quiz.questions.find((q) => q.id === multi.id)!.options.findIndex((o) => !o.correct);
    expect(scoreQuiz(key, { [multi.id]: [...multi.correct, wrongIndex] }).results[multi.id]).toBe(false);
    expect(scoreQuiz(key, { [multi.id]: [...multi.correct].reverse() }).results[multi.id]).toBe(true);
  });

  test('unanswered questions count as wrong', () => {
    expect(scoreQuiz(key, {})).toMatchObject({ correct: 0, passed: false });
  });

  test('the pass mark compares exact fractions, not rounded percentages', () => {
    const thirds: QuizKey = { passPercent: 67, questions: ['a', 'b', 'c'].map((id) => ({ id, correct: [0] })) };
    const twoOfThree = scoreQuiz(thirds, { a: [0], b: [0] });
    expect(twoOfThree.percent).toBe(67);
    expect(twoOfThree.passed).toBe(false);
  });
});

describe('best score storage', () => {
  const quiz = quizSchema.parse(raw());
  const key = keyOf(quiz);
  const score = (right: number) => scoreQuiz(key, answersWith(quiz, right));

  test('keeps the best score across attempts', () => {
    const storage = new MemoryStorage();
    expect(readBestScore(storage)).toEqual({ status: 'ok', value: null });
    expect(recordScore(storage, score(3))).toMatchObject({ kept: true, improved: true, best: { correct: 3 } });
    expect(recordScore(storage, score(2))).toMatchObject({ kept: true, improved: false, best: { correct: 3 } });
    expect(recordScore(storage, score(4))).toMatchObject({ kept: true, improved: true, best: { correct: 4, passed: true } });
    expect(readBestScore(storage)).toMatchObject({ status: 'ok', value: { correct: 4, total: 5, passed: true } });
  });

  test('storage that throws is reported unavailable, and scoring still works', () => {
    const throwing: StorageLike = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {},
    };
    expect(openStorage(() => throwing)).toBeNull();
    expect(
      openStorage(() => {
        throw new Error('SecurityError');
      }),
    ).toBeNull();
    expect(readBestScore(null)).toEqual({ status: 'unavailable' });
    expect(readBestScore(throwing)).toEqual({ status: 'unavailable' });
    expect(recordScore(throwing, score(4))).toEqual({ kept: false, reason: 'unavailable' });
  });

  test.each([['not json{'], ['{"correct":"lots"}'], ['[1,2,3]'], ['{"correct":6,"total":5,"percent":120,"passed":true}']])(
    'a stored value %j reads as corrupted and is not overwritten',
    (junk) => {
      const storage = new MemoryStorage();
      storage.setItem(BEST_SCORE_KEY, junk);
      expect(readBestScore(storage)).toEqual({ status: 'corrupted' });
      expect(recordScore(storage, score(5))).toEqual({ kept: false, reason: 'corrupted' });
      expect(storage.getItem(BEST_SCORE_KEY)).toBe(junk);
    },
  );
});

describe('visited lessons', () => {
  test('records each lesson once and replaces an unreadable list', () => {
    const storage = new MemoryStorage();
    storage.setItem(VISITED_KEY, '{oops');
    expect(readVisited(storage)).toEqual({ status: 'corrupted' });
    expect(recordVisit(storage, 'forward-pass')).toBe(true);
    expect(recordVisit(storage, 'forward-pass')).toBe(true);
    expect(recordVisit(storage, 'backpropagation')).toBe(true);
    expect(readVisited(storage)).toEqual({ status: 'ok', value: ['forward-pass', 'backpropagation'] });
    expect(recordVisit(null, 'x')).toBe(false);
  });
});
