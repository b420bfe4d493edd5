// The assessment, validated when the site builds: a malformed quiz fails the build with the
// schema's message and path instead of shipping an unanswerable question.
import data from './module.json' with { type: 'json' };
import { quizSchema, type Quiz } from './quiz-schema.ts';

function load(): Quiz {
  const parsed = quizSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`site/content/quiz/module.json is not a valid quiz:\n${problems}`);
  }
  return parsed.data;
}

export const quiz: Quiz = load();
