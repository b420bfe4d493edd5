// The lessons' exercises: every teaching lesson has 2 to 4 valid ones, and every spec
// exercise is honest: its starting spec misses its target and its worked solution meets it,
// judged by the real compiler and, for training targets, real training in Node (the wasm
// backend, PyTorch-equal like the browser's). The targets sit far from both outcomes (see
// the numbers in each solution), so rounding differences between CPUs cannot flip them.
import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { compile } from '../../compiler/index.ts';
import { train } from '../../compiler/runtime/train.ts';
import { exerciseFileSchema, type SpecExercise } from '../../site/content/exercises/exercise-schema.ts';
import { exercisesByLesson, LESSONS_WITHOUT_EXERCISES } from '../../site/content/exercises/exercises.ts';
import { describeMiss, describeTarget, meetsTarget, type SpecOutcome } from '../../site/islands/exercises/targets.ts';
import { isClose, parseAnswer } from '../../site/islands/exercises/answers.ts';
import { describeSolved, readSolved, recordSolved, SOLVED_KEY } from '../../site/islands/exercises/solved-store.ts';

const lessons = readdirSync(new URL('../../site/content/lessons/', import.meta.url))
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => f.replace(/\.mdx$/, ''));

async function outcomeOf(source: string, trains: boolean): Promise<SpecOutcome> {
  const { graph, diagnostics } = compile(source);
  const outcome: SpecOutcome = {
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
  };
  if (trains && graph && outcome.errors === 0) {
    const result = await train(graph, { backend: 'wasm' });
    outcome.trained = { stopped: result.stopped, final: result.final };
  }
  return outcome;
}

describe('exercise data', () => {
  test('every teaching lesson has an exercises file of 2 to 4 exercises, and no file names a missing lesson', () => {
    const teaching = lessons.filter((l) => !LESSONS_WITHOUT_EXERCISES.includes(l));
    expect(teaching.length).toBeGreaterThanOrEqual(13);
    for (const lesson of teaching) {
      const list = exercisesByLesson.get(lesson);
      expect(list, `site/content/exercises/${lesson}.json`).toBeDefined();
      expect(list!.length).toBeGreaterThanOrEqual(2);
      expect(list!.length).toBeLessThanOrEqual(4);
    }
    expect([...exercisesByLesson.keys()].filter((l) => !lessons.includes(l))).toEqual([]);
  });

  test('the course has every kind: numbers, choices, and specs to fix or train', () => {
    const kinds = [...exercisesByLesson.values()].flat().map((e) => (e.kind === 'spec' ? `spec-${e.target.kind}` : e.kind));
    expect(new Set(kinds)).toEqual(new Set(['number', 'choice', 'spec-compiles', 'spec-trains']));
  });

  test('broken files are rejected with the field named', () => {
    const one = { id: 'a', kind: 'number', prompt: 'p', hint: 'h', solution: 's', answer: 1, tolerance: 0 };
    expect(exerciseFileSchema.safeParse({ exercises: [one] }).success).toBe(false);
    const twoCorrect = { ...one, id: 'b', kind: 'choice', options: [{ text: 'x', correct: true }, { text: 'y', correct: true }] };
    const bad = exerciseFileSchema.safeParse({ exercises: [one, twoCorrect] });
    expect(bad.error?.issues.map((i) => i.message)).toContain('a choice exercise needs exactly one correct option');
    const noBound = { ...one, id: 'c', kind: 'spec', start: 'x', solutionSpec: 'y', target: { kind: 'trains', metric: 'trainLoss' } };
    expect(exerciseFileSchema.safeParse({ exercises: [one, noBound] }).success).toBe(false);
    expect(exerciseFileSchema.safeParse({ exercises: [one, { ...one }] }).error?.issues[0].message).toBe('exercise ids must be unique within a lesson');
  });

  test('targets read as the page states them, and a miss says why', () => {
    const acc = { kind: 'trains', metric: 'testAccuracy', atLeast: 0.9 } as const;
    expect(describeTarget(acc)).toBe('trains to a test accuracy of at least 90%');
    expect(describeTarget({ kind: 'compiles', warnings: false })).toBe('compiles with no errors and no warnings');
    const half = { stopped: 'done', final: { testAccuracy: 0.5625, trainAccuracy: 0.5, trainLoss: 0.69, testLoss: 0.68 } } as const;
    expect(describeMiss(acc, { errors: 0, warnings: 0, trained: half })).toBe('Not yet: the test accuracy is 56.3%.');
    expect(meetsTarget(acc, { errors: 0, warnings: 0, trained: { ...half, stopped: 'aborted' } })).toBe(false);
    expect(meetsTarget(acc, { errors: 0, warnings: 0, trained: { stopped: 'done', final: { ...half.final, testAccuracy: 0.9 } } })).toBe(true);
  });
});

describe('checking answers and keeping solved exercises', () => {
  test('typed numbers: decimal commas and typographic minus signs read, words do not', () => {
    expect(parseAnswer(' 1.95 ')).toBe(1.95);
    expect(parseAnswer('−4')).toBe(-4);
    expect(parseAnswer('0,5')).toBe(0.5);
    expect(parseAnswer('.333')).toBe(0.333);
    expect(parseAnswer('1e-3')).toBe(0.001);
    for (const bad of ['', 'four', '1,000,000', '2 3', '-']) expect(parseAnswer(bad)).toBeNull();
    expect(isClose(0.333, 1 / 3, 0.001)).toBe(true);
    expect(isClose(0.335, 1 / 3, 0.001)).toBe(false);
    expect(isClose(26, 26, 0)).toBe(true);
    expect(isClose(25, 26, 0)).toBe(false);
  });

  test('solved exercises are stored once each and counted against the course total; junk is left alone', () => {
    const items = new Map<string, string>();
    const storage = { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), removeItem: (k: string) => void items.delete(k) };
    const all = ['a/x', 'a/y', 'b/z'];
    expect(describeSolved(readSolved(storage), all)).toBe('Exercises solved: 0 of 3.');
    expect(recordSolved(storage, 'a/x')).toBe(true);
    expect(recordSolved(storage, 'a/x')).toBe(true);
    expect(recordSolved(storage, 'gone/old')).toBe(true);
    expect(describeSolved(readSolved(storage), all)).toBe('Exercises solved: 1 of 3.');
    items.set(SOLVED_KEY, '{oops');
    expect(recordSolved(storage, 'a/y')).toBe(false);
    expect(items.get(SOLVED_KEY)).toBe('{oops');
    expect(describeSolved(readSolved(storage), all)).toMatch(/unreadable/);
    expect(describeSolved(readSolved(null), all)).toMatch(/not keeping/);
  });
});

const specExercises: [string, SpecExercise][] = [...exercisesByLesson].flatMap(([lesson, list]) =>
  list.filter((e): e is SpecExercise => e.kind === 'spec').map((e) => [`${lesson}/${e.id}`, e] as [string, SpecExercise]),
);

describe('spec exercises: the start misses the target, the solution meets it', () => {
  test.each(specExercises)('%s', async (_, exercise) => {
    const trains = exercise.target.kind === 'trains';
    const start = await outcomeOf(exercise.start, trains);
    expect(meetsTarget(exercise.target, start), `start: ${describeMiss(exercise.target, start)}`).toBe(false);
    const solution = await outcomeOf(exercise.solutionSpec, trains);
    expect(meetsTarget(exercise.target, solution), `solution: ${describeMiss(exercise.target, solution)}`).toBe(true);
    // A spec to train must start from a spec that trains: the learner changes settings, not syntax.
    if (trains) expect(start.errors).toBe(0);
  }, 120_000);
});
