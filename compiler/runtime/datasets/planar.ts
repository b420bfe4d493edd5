/**
 * Two-class data sets in the plane, generated from the seed: `xor`, `circles`, `gauss`,
 * `spiral`. Each takes `n` (examples, default 400) and `noise` (the standard deviation of
 * gaussian jitter added to both coordinates afterwards, default 0). Example i has class
 * i % 2, so the classes are balanced; the split shuffles them.
 *
 * These definitions are mirrored line for line by the exported Python program
 * (`compiler/emit/py-data.ts`): change both or neither.
 */
import type { Dataset } from '../api.ts';
import type { DataRng } from './random.ts';

type Point = (rng: DataRng, cls: number) => [number, number];

/** Each coordinate uniform in +-[0.1, 1] (kept off the axes); class 1 when the signs differ. */
const xorPoint: Point = (rng, cls) => {
  const a = 0.1 + 0.9 * rng.uniform();
  const b = 0.1 + 0.9 * rng.uniform();
  const sa = rng.uniform() < 0.5 ? -1 : 1;
  // The class fixes the second sign: equal signs for class 0, opposite for class 1.
  const sb = cls === 0 ? sa : -sa;
  return [sa * a, sb * b];
};

/** Class 0 on the circle of radius 1, class 1 on the circle of radius 0.5; angle uniform. */
const circlesPoint: Point = (rng, cls) => {
  const r = cls === 0 ? 1 : 0.5;
  const t = 2 * Math.PI * rng.uniform();
  return [r * Math.cos(t), r * Math.sin(t)];
};

/** Round gaussian clouds of standard deviation 0.5: class 0 around (-1,-1), class 1 around (1,1). */
const gaussPoint: Point = (rng, cls) => {
  const c = cls === 0 ? -1 : 1;
  return [c + 0.5 * rng.normal(), c + 0.5 * rng.normal()];
};

/**
 * Two interleaved arms of 1.75 turns from the centre to radius 1, the second arm the first
 * turned by half a turn: at u uniform in [0,1), radius u and angle 3.5 pi u + pi * class.
 */
const spiralPoint: Point = (rng, cls) => {
  const u = rng.uniform();
  const t = 3.5 * Math.PI * u + Math.PI * cls;
  return [u * Math.cos(t), u * Math.sin(t)];
};

/** Keyed by the catalogue's planar sets (graph/datasets.ts `planar`); the catalogue test holds them equal. */
export const PLANAR = {
  xor: xorPoint,
  circles: circlesPoint,
  gauss: gaussPoint,
  spiral: spiralPoint,
} satisfies Record<string, Point>;

export function planar(name: string, point: Point, rng: DataRng, n: number, noise: number): Dataset {
  const x = new Float32Array(n * 2);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const cls = i % 2;
    const [a, b] = point(rng, cls);
    // Noise draws happen only when noise > 0, so noise=0 data equals the clean points exactly.
    x[2 * i] = noise > 0 ? a + noise * rng.normal() : a;
    x[2 * i + 1] = noise > 0 ? b + noise * rng.normal() : b;
    y[i] = cls;
  }
  return { name, x, y, n, exampleShape: [2], target: { kind: 'classes', classes: 2 }, featureNames: ['x1', 'x2'] };
}
