// Which exercises the learner has solved, kept in the browser like lesson visits, for the
// lesson pages' marks and the home page's count.
import { readJson, writeJson, type Read, type StorageLike } from '../local-json.ts';

export const SOLVED_KEY = 'dlc:exercises:solved';

function isKeyList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

export function readSolved(storage: StorageLike | null): Read<string[]> {
  return readJson(storage, SOLVED_KEY, isKeyList);
}

/** Adds `key` to the solved list; an unreadable list is left alone rather than overwritten. */
export function recordSolved(storage: StorageLike | null, key: string): boolean {
  const current = readSolved(storage);
  if (current.status !== 'ok') return false;
  const solved = current.value ?? [];
  if (solved.includes(key)) return true;
  return writeJson(storage, SOLVED_KEY, [...solved, key]);
}

/** The home page's line: how many of the course's exercises (`all`) are solved. */
export function describeSolved(solved: Read<string[]>, all: readonly string[]): string {
  if (solved.status === 'unavailable') return 'Exercises solved cannot be shown: this browser is not keeping the site\'s data.';
  if (solved.status === 'corrupted') return 'Exercises solved cannot be shown: the list saved in this browser is unreadable.';
  const done = new Set(solved.value ?? []);
  return `Exercises solved: ${all.filter((k) => done.has(k)).length} of ${all.length}.`;
}
