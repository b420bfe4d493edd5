import { z } from 'astro/zod';

/** One answer choice, with the explanation shown after the learner checks their answers. */
const optionSchema = z.object({
  text: z.string().min(1),
  correct: z.boolean(),
  explanation: z.string().min(1),
});

/** The seven key takeaways of the module (lesson "Key takeaways"), numbered 1 to 7. */
export const TAKEAWAYS = 7;

const questionSchema = z
  .object({
    /** Stable id: the form field name and the key in scores. */
    id: z.string().regex(/^[a-z0-9-]+$/, 'use lowercase letters, digits and dashes'),
    /** Which key takeaway the question checks; a sheet draws questions from different ones. */
    takeaway: z.number().int().min(1).max(TAKEAWAYS),
    prompt: z.string().min(1),
    /** A spec shown beside the question (compiled at build time, live like a lesson's). */
    spec: z.string().min(1).optional(),
    /** The spec's caption. */
    specTitle: z.string().min(1).optional(),
    options: z.array(optionSchema).min(2),
  })
  .refine((q) => q.options.some((o) => o.correct), {
    message: 'a question needs at least one correct option',
    path: ['options'],
  })
  .refine((q) => q.options.some((o) => !o.correct), {
    message: 'a question needs at least one wrong option, or there is nothing to choose',
    path: ['options'],
  });

/**
 * The module's assessment (`site/content/quiz/module.json`): a pool of questions, each tied
 * to a key takeaway, from which every attempt draws `perAttempt` questions on as many
 * different takeaways (see site/islands/quiz/draw.ts). A question with more than one correct
 * option is answered with checkboxes and counts only when every choice is right.
 */
export const quizSchema = z
  .object({
    title: z.string().min(1),
    /** Score, in percent of the questions drawn, that completes the module. */
    passPercent: z.number().min(0).max(100),
    /** Questions per attempt, each on a different takeaway. */
    perAttempt: z.number().int().positive(),
    questions: z.array(questionSchema).min(1),
  })
  .refine((quiz) => new Set(quiz.questions.map((q) => q.id)).size === quiz.questions.length, {
    message: 'question ids must be unique',
    path: ['questions'],
  })
  .refine((quiz) => new Set(quiz.questions.map((q) => q.takeaway)).size >= quiz.perAttempt, {
    message: 'the pool needs questions on at least `perAttempt` different takeaways, one per question drawn',
    path: ['questions'],
  });

export type Quiz = z.infer<typeof quizSchema>;
export type Question = Quiz['questions'][number];

export function isMultipleChoice(question: Question): boolean {
  return question.options.filter((o) => o.correct).length > 1;
}
