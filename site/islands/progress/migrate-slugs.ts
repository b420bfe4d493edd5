// Saved progress follows renamed lessons: visited marks stored under an old slug, and spec
// edits stored under an old page path, are moved to the new ones. Safe to run on every page
// load: new slugs are never old ones, so a second run finds nothing to move.
import { RENAMED_LESSONS } from '../../lib/renamed-lessons.ts';
import { writeJson, type StorageLike } from '../local-json.ts';
import { readVisited, VISITED_KEY } from './progress-store.ts';

const SPEC_PREFIX = 'dlc:spec:';

export function migrateSlugs(storage: (StorageLike & Partial<Pick<Storage, 'key' | 'length'>>) | null): void {
  if (!storage) return;
  const visited = readVisited(storage);
  if (visited.status === 'ok' && visited.value?.some((slug) => Object.hasOwn(RENAMED_LESSONS, slug))) {
    const moved = visited.value.map((slug) => (Object.hasOwn(RENAMED_LESSONS, slug) ? RENAMED_LESSONS[slug] : slug));
    writeJson(storage, VISITED_KEY, [...new Set(moved)]);
  }
  // Spec edits are keyed by page path (site/islands/spec/spec-store.ts).
  if (typeof storage.key !== 'function' || typeof storage.length !== 'number') return;
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(`${SPEC_PREFIX}/lessons/`)) keys.push(key);
  }
  for (const key of keys) {
    const rest = key.slice(`${SPEC_PREFIX}/lessons/`.length);
    const slug = rest.slice(0, rest.indexOf('/') >= 0 ? rest.indexOf('/') : rest.indexOf('#'));
    if (!Object.hasOwn(RENAMED_LESSONS, slug)) continue;
    const value = storage.getItem(key);
    const target = `${SPEC_PREFIX}/lessons/${RENAMED_LESSONS[slug]}${rest.slice(slug.length)}`;
    try {
      if (value !== null && storage.getItem(target) === null) storage.setItem(target, value);
      storage.removeItem(key);
    } catch {
      // A full storage keeps the old key: nothing is lost, the edit just stays behind.
    }
  }
}
