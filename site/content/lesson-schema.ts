import { z } from 'astro/zod';

/**
 * Front matter of a lesson in `site/content/lessons/*.mdx`.
 *
 * ```yaml
 * title: The forward pass
 * order: 2
 * section: "2. The forward pass"
 * summary: How data flows from the inputs to a prediction, one layer at a time.
 * objectives:
 *   - Compute a weighted sum and an activation by hand.
 * minutes: 15
 * ```
 */
export const lessonSchema = z.object({
  title: z.string().min(1),
  /** Position in the module, 1-based; unique across lessons (checked in site/lib/course.ts). */
  order: z.number().int().positive(),
  /** The syllabus section the lesson belongs to; several lessons may share one. */
  section: z.string().min(1),
  /** One or two sentences: the page's meta description and the outline's blurb. */
  summary: z.string().min(1),
  objectives: z.array(z.string().min(1)).min(1),
  minutes: z.number().positive().optional(),
});

export type LessonData = z.infer<typeof lessonSchema>;
