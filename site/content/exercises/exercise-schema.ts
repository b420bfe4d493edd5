import { z } from 'astro/zod';

/**
 * A lesson's exercises, `site/content/exercises/<lesson id>.json` (the lesson id is its MDX
 * file name without `.mdx`). Adding exercises to a lesson is adding that file: the lesson
 * page renders them after the lesson's text, and the home page counts them.
 *
 * ```json
 * { "exercises": [
 *   { "id": "one-step", "kind": "number", "prompt": "...", "answer": 1.95, "tolerance": 0.0001,
 *     "hint": "...", "solution": "..." } ] }
 * ```
 */

const id = z.string().regex(/^[a-z0-9-]+$/, 'use lowercase letters, digits and dashes');
/** Text with `code` in backticks, shown as written otherwise. */
const text = z.string().min(1);

const common = {
  id,
  prompt: text,
  /** Shown on request, before the solution. */
  hint: text,
  /** The worked solution, shown on request. */
  solution: text,
};

const numberExercise = z.object({
  ...common,
  kind: z.literal('number'),
  answer: z.number(),
  /** An answer within this distance of `answer` counts. */
  tolerance: z.number().min(0),
  unit: z.string().min(1).optional(),
});

const choiceExercise = z
  .object({
    ...common,
    kind: z.literal('choice'),
    options: z.array(z.object({ text, correct: z.boolean() })).min(2),
  })
  .refine((e) => e.options.filter((o) => o.correct).length === 1, {
    message: 'a choice exercise needs exactly one correct option',
    path: ['options'],
  });

/** What a spec exercise asks of the learner's spec (checked by site/islands/exercises/targets.ts). */
export const targetSchema = z.discriminatedUnion('kind', [
  /** Compiles without errors; with `warnings: false`, without warnings too. */
  z.object({ kind: z.literal('compiles'), warnings: z.literal(false).optional() }),
  /** Trains, without diverging, to a final metric at least or at most a bound. */
  z
    .object({
      kind: z.literal('trains'),
      metric: z.enum(['testAccuracy', 'trainAccuracy', 'trainLoss', 'testLoss']),
      atLeast: z.number().optional(),
      atMost: z.number().optional(),
    })
    .refine((t) => (t.atLeast === undefined) !== (t.atMost === undefined), {
      message: 'a training target needs exactly one of atLeast and atMost',
    }),
]);

const specExercise = z.object({
  ...common,
  kind: z.literal('spec'),
  /** The spec the learner starts from, in the live island; it must miss the target. */
  start: z.string().min(1),
  target: targetSchema,
  /** A spec that meets the target: shown in the worked solution, and checked by a test. */
  solutionSpec: z.string().min(1),
});

export const exerciseSchema = z.union([numberExercise, choiceExercise, specExercise]);

export const exerciseFileSchema = z
  .object({ exercises: z.array(exerciseSchema).min(2).max(4) })
  .refine((f) => new Set(f.exercises.map((e) => e.id)).size === f.exercises.length, {
    message: 'exercise ids must be unique within a lesson',
    path: ['exercises'],
  });

export type Exercise = z.infer<typeof exerciseSchema>;
export type SpecExercise = z.infer<typeof specExercise>;
export type Target = z.infer<typeof targetSchema>;
