// The learner's best assessment score, kept in the browser between visits.
import { readJson, writeJson, type Read, type StorageLike } from '../local-json.ts';
import { isBetter, type Score } from './score.ts';

export const BEST_SCORE_KEY = 'dlc:quiz:best';

export interface BestScore {
  correct: number;
  total: number;
  percent: number;
  passed: boolean;
}

function isBestScore(value: unknown): value is BestScore {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    Number.isInteger(v.correct) &&
    Number.isInteger(v.total) &&
    (v.total as number) > 0 &&
    (v.correct as number) >= 0 &&
    (v.correct as number) <= (v.total as number) &&
    typeof v.percent === 'number' &&
    typeof v.passed === 'boolean'
  );
}

export function readBestScore(storage: StorageLike | null): Read<BestScore> {
  return readJson(storage, BEST_SCORE_KEY, isBestScore);
}

export type Recorded =
  | { kept: true; best: BestScore; improved: boolean }
  | { kept: false; reason: 'unavailable' | 'corrupted' };

/**
 * Keeps `score` if it beats the stored best. A stored value that cannot be read is left as
 * it is rather than overwritten, and the learner is told scores cannot be kept.
 */
export function recordScore(storage: StorageLike | null, score: Score): Recorded {
  const current = readBestScore(storage);
  if (current.status !== 'ok') return { kept: false, reason: current.status };
  if (!isBetter(score, current.value)) return { kept: true, best: current.value as BestScore, improved: false };
  const best: BestScore = { correct: score.correct, total: score.total, percent: score.percent, passed: score.passed };
  if (!writeJson(storage, BEST_SCORE_KEY, best)) return { kept: false, reason: 'unavailable' };
  return { kept: true, best, improved: true };
}
