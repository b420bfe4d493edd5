import type { Dataset } from '../api.ts';
import type { DataRng } from './random.ts';

/**
 * `delay`: n sequences (default 1000) of `steps` random bits (default 20), each bit 0 or 1
 * with probability 1/2; the class is the first bit. Example shape [steps, 1]. To answer, a
 * recurrent net must carry the first bit through every later step. Mirrored by the
 * exported Python program.
 */
export function delay(rng: DataRng, n: number, steps: number): Dataset {
  const x = new Float32Array(n * steps);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < steps; t++) x[i * steps + t] = rng.uniform() < 0.5 ? 0 : 1;
    y[i] = x[i * steps];
  }
  return { name: 'delay', x, y, n, exampleShape: [steps, 1], target: { kind: 'classes', classes: 2, names: ['0', '1'] } };
}
