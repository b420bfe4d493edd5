import type { Dataset } from '../api.ts';
import type { DataRng } from './random.ts';

/**
 * `sine`: n points (default 200) with x uniform in [-pi, pi) and target sin(x), plus
 * gaussian noise of standard deviation `noise` (default 0) on the target. A regression
 * with example shape [1] and target size 1. Mirrored by the exported Python program.
 */
export function sine(rng: DataRng, n: number, noise: number): Dataset {
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const v = Math.PI * (2 * rng.uniform() - 1);
    x[i] = v;
    y[i] = noise > 0 ? Math.sin(v) + noise * rng.normal() : Math.sin(v);
  }
  return { name: 'sine', x, y, n, exampleShape: [1], target: { kind: 'regression', size: 1 }, featureNames: ['x'] };
}
