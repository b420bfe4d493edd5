/**
 * The host kernels' exp, sigmoid and tanh (runtime/ops/host-math.ts) against Math.exp and
 * Math.tanh: within a few units in the last place of double precision everywhere, so that the
 * float32 values the kernels store are those Math's functions give; and the special values.
 */
import { describe, expect, it } from 'vitest';
import { exp, sigmoid, sigmoidInPlace, tanh, tanhInPlace } from '../../compiler/runtime/ops/host-math.ts';

/** |a - b| in units of the last place of a (a double). */
function ulps(a: number, b: number): number {
  if (a === b) return 0;
  return Math.abs(a - b) / (Math.abs(a) * Number.EPSILON || Number.MIN_VALUE);
}

/** Inputs across the ranges the kernels see and beyond: tiny, around the branch points, large. */
function inputs(): number[] {
  const xs: number[] = [];
  let seed = 12345;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (const scale of [1e-12, 1e-6, 0.01, 0.125, 0.3, 1, 5, 25, 90, 700]) {
    for (let k = 0; k < 4000; k++) xs.push((next() * 2 - 1) * scale);
  }
  return xs;
}

const cases = [
  { name: 'exp', ours: exp, math: Math.exp, max: 2 },
  { name: 'sigmoid', ours: sigmoid, math: (z: number) => 1 / (1 + Math.exp(-z)), max: 3 },
  { name: 'tanh', ours: tanh, math: Math.tanh, max: 8 },
];

describe('host-math', () => {
  it.each(cases)('$name is within $max units in the last place of Math\'s, and rounds to the same float32', ({ ours, math, max }) => {
    let worst = 0;
    let float32Differences = 0;
    for (const x of inputs()) {
      const a = math(x);
      const b = ours(x);
      worst = Math.max(worst, ulps(a, b));
      if (Math.fround(a) !== Math.fround(b)) float32Differences++;
    }
    expect(worst).toBeLessThanOrEqual(max);
    expect(float32Differences).toBe(0);
  });

  it('keeps the special values', () => {
    expect(exp(0)).toBe(1);
    expect(exp(-Infinity)).toBe(0);
    expect(exp(Infinity)).toBe(Infinity);
    expect(exp(-800)).toBe(0);
    expect(exp(710)).toBe(Infinity);
    expect(exp(NaN)).toBeNaN();
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(NaN)).toBeNaN();
    expect(Object.is(tanh(-0), -0)).toBe(true);
    expect(tanh(0)).toBe(0);
    expect(tanh(30)).toBe(1);
    expect(tanh(-Infinity)).toBe(-1);
    expect(tanh(NaN)).toBeNaN();
    expect(tanh(-1e-300)).toBe(-1e-300);
  });

  it('applies sigmoid and tanh in place over a range only', () => {
    const z = Float64Array.from([-2, -0.5, 0.1, 3, 7]);
    sigmoidInPlace(z, 1, 3);
    tanhInPlace(z, 3, 5);
    expect([...z]).toEqual([-2, sigmoid(-0.5), sigmoid(0.1), tanh(3), tanh(7)]);
  });
});
