// The learner's predictions before each interactive (interactive id -> chosen option),
// kept in the browser so the choice is still there when they come back to compare.
import { readJson, writeJson, type Read, type StorageLike } from '../local-json.ts';

export const PREDICTIONS_KEY = 'dlc:predictions';

export type Predictions = Record<string, number>;

function isPredictions(value: unknown): value is Predictions {
  return typeof value === 'object' && value !== null && !Array.isArray(value) &&
    Object.values(value).every((v) => Number.isInteger(v) && (v as number) >= 0);
}

export function readPredictions(storage: StorageLike | null): Read<Predictions> {
  return readJson(storage, PREDICTIONS_KEY, isPredictions);
}

/** Records `choice` for `id`; an unreadable record is replaced, as a prediction is cheap to redo. */
export function recordPrediction(storage: StorageLike | null, id: string, choice: number): boolean {
  const current = readPredictions(storage);
  if (current.status === 'unavailable') return false;
  const all = current.status === 'ok' && current.value ? current.value : {};
  return writeJson(storage, PREDICTIONS_KEY, { ...all, [id]: choice });
}
