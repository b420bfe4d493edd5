import { z } from 'astro/zod';

/** One answer choice, with the explanation shown after the learner checks their answers. */
const optionSchema = z.object({
  text: z.string().min(1),
  correct: z.boolean(),
  explanation: z.string().min(1),
});

const questionSchema = z
  .object({
    /** Stable id: the form field name and the key in scores. */
    id: z.string().regex(/^[a-z0-9-]+$/, 'use lowercase letters, digits and dashes'),
    prompt: z.string().min(1),
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
 * The module's assessment (`site/content/quiz/module.json`). A question with more than one
 * correct option is answered with checkboxes and counts only when every choice is right.
 */
export const quizSchema = z
  .object({
    title: z.string().min(1),
    /** Score, in percent of questions, that completes the module. */
    passPercent: z.number().min(0).max(100),
    questions: z.array(questionSchema).min(1),
  })
  .refine((quiz) => new Set(quiz.questions.map((q) => q.id)).size === quiz.questions.length, {
    message: 'question ids must be unique',
    path: ['questions'],
  });

export type Quiz = z.infer<typeof quizSchema>;
export type Question = Quiz['questions'][number];

export function isMultipleChoice(question: Question): boolean {
  return question.options.filter((o) => o.correct).length > 1;
}
