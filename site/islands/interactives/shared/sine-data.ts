/**
 * The `sine` data set exactly as `train()` loads it for a seed, and the best straight line
 * through it: pure data, so components draw it at build time and the worker trains on it.
 */
import { type Dataset, loadDataset } from 'dlc/runtime';
import type { SineSettings } from './defaults.ts';
import { bestLine, type LineFit } from './line-data.ts';

export function sineData(s: Pick<SineSettings, 'n' | 'seed'>): Dataset {
  return loadDataset({ name: 'sine', options: { n: s.n, noise: 0 }, exampleShape: [1], target: null }, { seed: s.seed });
}

export function sineBestLine(s: Pick<SineSettings, 'n' | 'seed'>): LineFit {
  const d = sineData(s);
  return bestLine(d.x, d.y);
}

/** The points as plain arrays, for views and messages. */
export function sinePoints(s: Pick<SineSettings, 'n' | 'seed'>): { x: number[]; y: number[] } {
  const d = sineData(s);
  return { x: Array.from(d.x), y: Array.from(d.y) };
}
