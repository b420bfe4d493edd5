// Which lessons the learner has opened, kept in the browser for the home page's progress.
import { readJson, writeJson, type Read, type StorageLike } from '../local-json.ts';

export const VISITED_KEY = 'dlc:lessons:visited';

function isLessonList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

export function readVisited(storage: StorageLike | null): Read<string[]> {
  return readJson(storage, VISITED_KEY, isLessonList);
}

/** Adds `lessonId` to the visited list; an unreadable list is replaced, since visits are cheap to redo. */
export function recordVisit(storage: StorageLike | null, lessonId: string): boolean {
  const current = readVisited(storage);
  if (current.status === 'unavailable') return false;
  const visited = current.status === 'ok' && current.value ? current.value : [];
  if (visited.includes(lessonId)) return true;
  return writeJson(storage, VISITED_KEY, [...visited, lessonId]);
}
