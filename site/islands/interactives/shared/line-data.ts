/**
 * The gradient-descent lessons' problem: noisy points around the line y = 3x + 2, x drawn
 * from a standard normal, and the best straight line through them by least squares (the
 * lowest loss any line can reach, the floor every run is measured against).
 */
import { dataRng, type Dataset } from 'dlc/runtime';

export const LINE = { slope: 3, intercept: 2, noise: 0.5 };

/**
 * n points from `seed`.
 *
 * @example
 * noisyLine(1000, 0).x.length // 1000
 */
export function noisyLine(n: number, seed: number): Dataset {
  const rng = dataRng(seed);
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = rng.normal();
    y[i] = LINE.slope * x[i] + LINE.intercept + LINE.noise * rng.normal();
  }
  return { name: 'line', x, y, n, exampleShape: [1], target: { kind: 'regression', size: 1 }, featureNames: ['x'] };
}

export interface LineFit {
  slope: number;
  intercept: number;
  /** Mean squared error of the line over the points. */
  loss: number;
}

/** The least-squares line through points (x[i], y[i]). */
export function bestLine(x: ArrayLike<number>, y: ArrayLike<number>): LineFit {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  const intercept = my - slope * mx;
  let loss = 0;
  for (let i = 0; i < n; i++) loss += (slope * x[i] + intercept - y[i]) ** 2;
  return { slope, intercept, loss: loss / n };
}
