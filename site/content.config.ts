// Lesson front matter is checked at build time: a lesson with a missing or mistyped field
// fails the build with the file and field named, instead of rendering a broken page.
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { lessonSchema } from './content/lesson-schema.ts';

const lessons = defineCollection({
  loader: glob({ pattern: '*.mdx', base: './site/content/lessons' }),
  schema: lessonSchema,
});

export const collections = { lessons };
