import type { Dataset } from '../api.ts';
import { DIGITS_PACKED } from './digits-data.ts';

/**
 * `digits`: 1,797 8x8 handwritten digits as images [1, 8, 8] (one channel), pixel counts
 * 0..16 divided by 16 so they lie in 0..1; the same images and order as sklearn's load_digits.
 */
export function digits(): Dataset {
  const lines = DIGITS_PACKED.trim().split('\n');
  const n = lines.length;
  const x = new Float32Array(n * 64);
  const y = new Int32Array(n);
  lines.forEach((line, i) => {
    for (let p = 0; p < 64; p++) x[i * 64 + p] = parseInt(line[p], 17) / 16;
    y[i] = parseInt(line[64], 17);
  });
  return {
    name: 'digits',
    x,
    y,
    n,
    exampleShape: [1, 8, 8],
    target: { kind: 'classes', classes: 10, names: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] },
  };
}
