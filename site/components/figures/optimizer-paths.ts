/**
 * Gradient descent, momentum and Adam on the valley f(a, b) = (a² + 10 b²) / 2, from the
 * same start: the paths the loss-surface figure draws. The updates are PyTorch 1.13's
 * (torch.optim.SGD, with and without momentum, and torch.optim.Adam) in the same order
 * of operations, in float64 like site/content/lessons/code/05-optimizer-paths.py, which
 * prints these paths; tests/site/figures.test.ts holds the two equal.
 */
export const START: readonly [number, number] = [-4, 1.5];
export const STEPS = 30;
export const CURVATURE: readonly [number, number] = [1, 10];

export const valley = (a: number, b: number) => (a * a + 10 * b * b) / 2;
const gradient = (p: number[]) => [p[0], 10 * p[1]];

export type Point = [number, number];

export interface OptimiserPath { key: 'gd' | 'momentum' | 'adam'; name: string; settings: string; path: Point[] }

function sgd(lr: number, momentum = 0): Point[] {
  const p = [...START];
  const buf = [0, 0];
  const path: Point[] = [[p[0], p[1]]];
  for (let step = 1; step <= STEPS; step++) {
    const g = gradient(p);
    for (let i = 0; i < 2; i++) {
      // torch.optim.SGD: the buffer starts as the first gradient, then buf = m*buf + g.
      const d = momentum === 0 ? g[i] : (buf[i] = step === 1 ? g[i] : momentum * buf[i] + g[i]);
      p[i] = p[i] - lr * d;
    }
    path.push([p[0], p[1]]);
  }
  return path;
}

function adam(lr: number, beta1 = 0.9, beta2 = 0.999, eps = 1e-8): Point[] {
  const p = [...START];
  const m = [0, 0];
  const v = [0, 0];
  const path: Point[] = [[p[0], p[1]]];
  for (let step = 1; step <= STEPS; step++) {
    const g = gradient(p);
    const bias1 = 1 - beta1 ** step;
    const bias2Sqrt = Math.sqrt(1 - beta2 ** step);
    for (let i = 0; i < 2; i++) {
      m[i] = m[i] * beta1 + g[i] * (1 - beta1);
      v[i] = v[i] * beta2 + g[i] * g[i] * (1 - beta2);
      const denom = Math.sqrt(v[i]) / bias2Sqrt + eps;
      p[i] = p[i] + (-lr / bias1) * (m[i] / denom);
    }
    path.push([p[0], p[1]]);
  }
  return path;
}

export function optimiserPaths(): OptimiserPath[] {
  return [
    { key: 'gd', name: 'gradient descent', settings: 'lr 0.15', path: sgd(0.15) },
    { key: 'momentum', name: 'momentum 0.8', settings: 'lr 0.05', path: sgd(0.05, 0.8) },
    { key: 'adam', name: 'Adam', settings: 'lr 0.2', path: adam(0.2) },
  ];
}

/** A coordinate as the script prints it: two places, and never "-0.00". */
export function show2(v: number): string {
  const r = Number(v.toFixed(2));
  return (r === 0 ? 0 : r).toFixed(2);
}
