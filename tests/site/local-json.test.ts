// A storage that refuses writes (full, or read-only) must still give back what was saved
// before it filled up: the best quiz score and the lessons visited. Only a storage that
// cannot even be read is "unavailable".
import { describe, expect, test } from 'vitest';
import { openStorage, type StorageLike } from '../../site/islands/local-json.ts';
import { BEST_SCORE_KEY, readBestScore, recordScore } from '../../site/islands/quiz/quiz-store.ts';
import { readVisited, recordVisit, VISITED_KEY } from '../../site/islands/progress/progress-store.ts';
import type { Score } from '../../site/islands/quiz/score.ts';

/** localStorage after the quota is used up: reads work, every write throws as browsers do. */
function fullStorage(saved: Record<string, string>): StorageLike {
  const items = new Map(Object.entries(saved));
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    },
    removeItem: (key) => void items.delete(key),
  };
}

const saved = { correct: 4, total: 5, percent: 80, passed: true };
const better: Score = { correct: 5, total: 5, percent: 100, passed: true, results: {} };

describe('storage that refuses writes', () => {
  test('still reads the saved quiz score and lessons visited', () => {
    const storage = openStorage(() => fullStorage({
      [BEST_SCORE_KEY]: JSON.stringify(saved),
      [VISITED_KEY]: JSON.stringify(['neurons']),
    }));
    expect(storage).not.toBeNull();
    expect(readBestScore(storage)).toEqual({ status: 'ok', value: saved });
    expect(readVisited(storage)).toEqual({ status: 'ok', value: ['neurons'] });
  });

  test('reports each failed write, and keeps what was there', () => {
    const storage = openStorage(() => fullStorage({ [BEST_SCORE_KEY]: JSON.stringify(saved) }));
    expect(recordScore(storage, better)).toEqual({ kept: false, reason: 'unavailable' });
    expect(recordVisit(storage, 'losses')).toBe(false);
    expect(readBestScore(storage)).toEqual({ status: 'ok', value: saved });
  });

  test('a storage that cannot be read is unavailable', () => {
    const unreadable: StorageLike = {
      getItem: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
      setItem: () => {},
      removeItem: () => {},
    };
    expect(openStorage(() => unreadable)).toBeNull();
    expect(readBestScore(openStorage(() => unreadable))).toEqual({ status: 'unavailable' });
  });
});
