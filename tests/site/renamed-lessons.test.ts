// Renamed lessons keep working: each old URL has a static redirect page (no script, a CSP
// forbids inline ones) to the new one, and progress saved under an old slug moves with it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENAMED_LESSONS } from '../../site/lib/renamed-lessons.ts';
import { migrateSlugs } from '../../site/islands/progress/migrate-slugs.ts';
import { readVisited, VISITED_KEY } from '../../site/islands/progress/progress-store.ts';
import { builtSite, ROOT } from './built-site.ts';

const slugs = readdirSync(join(ROOT, 'site/content/lessons')).filter((f) => f.endsWith('.mdx')).map((f) => f.slice(0, -4));

/** localStorage in memory, with the key enumeration a browser's has. */
class MemoryStorage {
  private readonly map = new Map<string, string>();
  get length() { return this.map.size; }
  key(i: number) { return [...this.map.keys()][i] ?? null; }
  getItem(k: string) { return this.map.get(k) ?? null; }
  setItem(k: string, v: string) { this.map.set(k, v); }
  removeItem(k: string) { this.map.delete(k); }
  keys() { return [...this.map.keys()].sort(); }
}

describe('renamed lessons', () => {
  it('map every old slug to a lesson that exists, and no old slug is a lesson again', () => {
    for (const [from, to] of Object.entries(RENAMED_LESSONS)) {
      expect(slugs).toContain(to);
      expect(slugs).not.toContain(from);
    }
  });

  it('move visited marks and spec edits to the new slugs, once', () => {
    const storage = new MemoryStorage();
    storage.setItem(VISITED_KEY, JSON.stringify(['09-iris-classifier', '10-convolutional-networks', '15-key-takeaways']));
    storage.setItem('dlc:spec:/lessons/11-recurrent-networks/#0:abc', 'net A < linear 2->2 >');
    storage.setItem('dlc:spec:/lessons/09-iris-classifier/#0:def', 'kept');
    migrateSlugs(storage);
    const visited = readVisited(storage);
    expect(visited).toEqual({ status: 'ok', value: ['09-iris-classifier', '11-convolutional-networks', '16-key-takeaways'] });
    expect(storage.getItem('dlc:spec:/lessons/12-recurrent-networks/#0:abc')).toBe('net A < linear 2->2 >');
    expect(storage.getItem('dlc:spec:/lessons/11-recurrent-networks/#0:abc')).toBeNull();
    const before = storage.keys().map((k) => [k, storage.getItem(k)]);
    migrateSlugs(storage);
    expect(storage.keys().map((k) => [k, storage.getItem(k)])).toEqual(before);
    migrateSlugs(null); // no storage: nothing to do, no throw
  });

  it('the built site has a script-free redirect page at every old URL', () => {
    const dist = builtSite();
    for (const [from, to] of Object.entries(RENAMED_LESSONS)) {
      const page = join(dist, 'lessons', from, 'index.html');
      expect(existsSync(page), page).toBe(true);
      const html = readFileSync(page, 'utf8');
      expect(html).toMatch(new RegExp(`<meta http-equiv="refresh" content="0;\\s*url=/lessons/${to}/"`));
      expect(html).not.toMatch(/<script/i);
      expect(existsSync(join(dist, 'lessons', to, 'index.html'))).toBe(true);
    }
  }, 900_000);
});
