// The prediction asked before each interactive, validated when the site builds. Keyed by
// the interactive's id (its `data-interactive` name); <Predict id="..."> wraps the
// interactive in the lesson.
import { z } from 'astro/zod';
import data from './predictions.json' with { type: 'json' };

export const predictionSchema = z
  .object({
    question: z.string().min(1),
    options: z.array(z.string().min(1)).min(2),
    /** Index of the option that comes true when the learner runs the interactive. */
    answer: z.number().int().min(0),
    /** What happens, shown with the learner's prediction next to the interactive's outcome. */
    outcome: z.string().min(1),
  })
  .refine((p) => p.answer < p.options.length, { message: 'answer must be the index of one of the options', path: ['answer'] });

export const predictionsSchema = z.record(z.string().regex(/^[a-z0-9-]+$/), predictionSchema);

export type Prediction = z.infer<typeof predictionSchema>;

function load(): Record<string, Prediction> {
  const parsed = predictionsSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`site/content/predictions/predictions.json is not valid:\n${problems}`);
  }
  return parsed.data;
}

export const predictions: Readonly<Record<string, Prediction>> = load();
