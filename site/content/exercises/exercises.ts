// Every lesson's exercises, validated when the site builds: a malformed file fails the
// build with its name and the schema's message instead of shipping an uncheckable exercise.
import { exerciseFileSchema, type Exercise } from './exercise-schema.ts';

/** Lessons that teach nothing new to practise; every other lesson needs an exercises file. */
export const LESSONS_WITHOUT_EXERCISES: readonly string[] = ['15-resources', '16-key-takeaways'];

const files = import.meta.glob<unknown>('./*.json', { eager: true, import: 'default' });

function load(): Map<string, Exercise[]> {
  const byLesson = new Map<string, Exercise[]>();
  for (const [path, data] of Object.entries(files)) {
    const lesson = path.replace(/^\.\//, '').replace(/\.json$/, '');
    const parsed = exerciseFileSchema.safeParse(data);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
      throw new Error(`site/content/exercises/${lesson}.json is not a valid exercises file:\n${problems}`);
    }
    byLesson.set(lesson, parsed.data.exercises);
  }
  return byLesson;
}

/** Lesson id -> its exercises, for lessons that have an exercises file. */
export const exercisesByLesson: ReadonlyMap<string, Exercise[]> = load();

/** The id stored when an exercise is solved: unique across the course. */
export function exerciseKey(lesson: string, exercise: Pick<Exercise, 'id'>): string {
  return `${lesson}/${exercise.id}`;
}

/** Every exercise's key, for the home page's count. */
export function allExerciseKeys(): string[] {
  return [...exercisesByLesson].flatMap(([lesson, list]) => list.map((e) => exerciseKey(lesson, e)));
}
