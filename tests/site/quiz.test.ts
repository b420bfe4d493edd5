// The assessment's data, draw, scoring and storage, without a browser: the quiz file must
// pass its schema, broken questions must not, every attempt draws 5 questions on 5
// takeaways with shuffled options, scores pass at 70%, and the best score survives storage
// that throws or holds junk.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { quizSchema, type Quiz } from '../../site/content/quiz/quiz-schema.ts';
import { scoreQuiz, type Answers, type QuizKey } from '../../site/islands/quiz/score.ts';
import { drawSheet, parseSeed, seededRandom } from '../../site/islands/quiz/draw.ts';
import { BEST_SCORE_KEY, readBestScore, recordScore } from '../../site/islands/quiz/quiz-store.ts';
import { openStorage, type StorageLike } from '../../site/islands/local-json.ts';
import { readVisited, recordVisit, VISITED_KEY } from '../../site/islands/progress/progress-store.ts';

const quizFile = new URL('../../site/content/quiz/module.json', import.meta.url);
const raw = (): Quiz => JSON.parse(readFileSync(quizFile, 'utf8'));

/** The sheet of one attempt: the first five questions of a draw. */
function sheetOf(full: Quiz, seed = 1): Quiz {
  const ids = drawSheet(poolOf(full), full.perAttempt, seed).questions.map((q) => q.id);
  return { ...full, questions: ids.map((id) => full.questions.find((q) => q.id === id)!) };
}

function poolOf(quiz: Quiz) {
  return quiz.questions.map((q) => ({ id: q.id, takeaway: q.takeaway, options: q.options.length }));
}

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
  test('module.json is a valid pool of at least 15 questions on all seven takeaways, 5 per attempt, passing at 70%', () => {
    const quiz = quizSchema.parse(raw());
    expect(quiz.questions.length).toBeGreaterThanOrEqual(15);
    expect(quiz.perAttempt).toBe(5);
    expect(quiz.passPercent).toBe(70);
    expect(new Set(quiz.questions.map((q) => q.takeaway))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7]));
    expect(quiz.questions.some((q) => q.options.filter((o) => o.correct).length > 1)).toBe(true);
    // Some questions ask about a spec shown beside them.
    expect(quiz.questions.filter((q) => q.spec).length).toBeGreaterThanOrEqual(3);
  });

  test('takeaway 6 asks about CNNs, RNNs and transformers, and takeaway 7 about universal approximation', () => {
    const quiz = quizSchema.parse(raw());
    const text = (t: number) => quiz.questions.filter((q) => q.takeaway === t).map((q) => JSON.stringify(q)).join(' ');
    expect(text(6)).toMatch(/conv/i);
    expect(text(6)).toMatch(/recurrent|RNN/);
    expect(text(6)).toMatch(/transformer/i);
    expect(text(7)).toMatch(/universal approximation/i);
  });

  test('the multi-class question agrees with lesson 07: softmax sits inside CrossEntropyLoss', () => {
    const quiz = quizSchema.parse(raw());
    const q = quiz.questions.find((x) => x.id === 'output-and-loss')!;
    const softmax = q.options.find((o) => /softmax/i.test(o.text))!;
    expect(softmax.correct).toBe(true);
    expect(softmax.text).toMatch(/inside CrossEntropyLoss/);
    expect(softmax.text).toMatch(/plain linear layer/);
  });

  test('a pool covering fewer takeaways than a sheet needs is rejected', () => {
    const quiz = raw();
    for (const q of quiz.questions) q.takeaway = 1;
    expect(quizSchema.safeParse(quiz).error?.issues.map((i) => i.message)).toContain(
      'the pool needs questions on at least `perAttempt` different takeaways, one per question drawn');
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

describe('the draw', () => {
  const quiz = quizSchema.parse(raw());
  const pool = poolOf(quiz);
  const takeawayOf = new Map(quiz.questions.map((q) => [q.id, q.takeaway]));
  const seeds = Array.from({ length: 200 }, (_, i) => i * 7919 + 1);

  test('every sheet has 5 questions on 5 different takeaways, each option shown exactly once', () => {
    for (const seed of seeds) {
      const sheet = drawSheet(pool, 5, seed);
      expect(sheet.questions).toHaveLength(5);
      expect(new Set(sheet.questions.map((q) => takeawayOf.get(q.id))).size).toBe(5);
      for (const q of sheet.questions) {
        const n = quiz.questions.find((x) => x.id === q.id)!.options.length;
        expect([...q.order].sort((a, b) => a - b)).toEqual([...Array(n).keys()]);
      }
    }
  });

  test('the same seed gives the same sheet; retakes (other seeds) give different ones', () => {
    expect(drawSheet(pool, 5, 42)).toEqual(drawSheet(pool, 5, 42));
    const sheets = new Set(seeds.map((s) => JSON.stringify(drawSheet(pool, 5, s).questions)));
    expect(sheets.size).toBeGreaterThan(seeds.length * 0.9);
    const first = drawSheet(pool, 5, 42);
    const retake = drawSheet(pool, 5, 43);
    expect(retake.questions.map((q) => q.id)).not.toEqual(first.questions.map((q) => q.id));
  });

  test('across draws every question and every takeaway comes up', () => {
    const seen = new Set(seeds.flatMap((s) => drawSheet(pool, 5, s).questions.map((q) => q.id)));
    expect(seen).toEqual(new Set(quiz.questions.map((q) => q.id)));
  });

  test('the right answer does not sit at a fixed position: single-answer questions show it in every position', () => {
    const positions = new Map<string, Set<number>>();
    for (const seed of seeds) {
      for (const q of drawSheet(pool, 5, seed).questions) {
        const question = quiz.questions.find((x) => x.id === q.id)!;
        const right = question.options.findIndex((o) => o.correct);
        if (question.options.filter((o) => o.correct).length !== 1) continue;
        positions.set(q.id, (positions.get(q.id) ?? new Set()).add(q.order.indexOf(right)));
      }
    }
    for (const [id, seen] of positions) {
      const n = quiz.questions.find((x) => x.id === id)!.options.length;
      expect(seen.size, id).toBe(n);
    }
    // And in the data itself the right answer is not always first.
    const firsts = quiz.questions.filter((q) => q.options[0].correct).length;
    expect(firsts).toBeLessThan(quiz.questions.length / 2);
  });

  test('the generator is uniform enough and the seed parser takes only whole numbers in range', () => {
    const random = seededRandom(7);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[Math.floor(random() * 4)]++;
    for (const c of counts) expect(c).toBeGreaterThan(850);
    expect(parseSeed('42')).toBe(42);
    expect(parseSeed('4294967295')).toBe(4294967295);
    for (const bad of [null, '', '-1', '1.5', 'abc', '4294967296', '99999999999']) expect(parseSeed(bad)).toBeNull();
  });
});

describe('scoring', () => {
  const quiz = sheetOf(quizSchema.parse(raw()));
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
  const quiz = sheetOf(quizSchema.parse(raw()));
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
