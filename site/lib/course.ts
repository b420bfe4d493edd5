// The module's lessons in order, with the invariants a schema on one entry cannot see.
import { getCollection, type CollectionEntry } from 'astro:content';

export type Lesson = CollectionEntry<'lessons'>;

/** Every lesson sorted by `order`; fails the build if two lessons share an order. */
export async function getLessons(): Promise<Lesson[]> {
  const lessons = (await getCollection('lessons')).sort((a, b) => a.data.order - b.data.order);
  for (let i = 1; i < lessons.length; i++) {
    if (lessons[i].data.order === lessons[i - 1].data.order) {
      throw new Error(
        `Lessons "${lessons[i - 1].id}" and "${lessons[i].id}" both have order ${lessons[i].data.order}; ` +
          'each lesson needs its own position in the module.',
      );
    }
  }
  return lessons;
}

export function lessonUrl(lesson: Lesson): string {
  return `/lessons/${lesson.id}/`;
}
