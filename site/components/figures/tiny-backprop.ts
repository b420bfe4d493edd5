/**
 * Lesson 3's tiny network, forward and backward, in plain float64 arithmetic: the values
 * the computation-graph figure shows. The same network, input and target as
 * site/content/lessons/code/03-backprop-by-hand.py, which prints these numbers (rounded
 * to 4 places); tests/site/figures.test.ts holds the two equal.
 */
export const X = [2, 1] as const;
export const TARGET = 1;
export const W1 = [[-0.5, 0.25], [1.5, 0.5]] as const;
export const B1 = [0.5, -1] as const;
export const W2 = [0.8, -0.4] as const;
export const B2 = 0.6;

export interface TinyPass {
  z1: number[]; a1: number[]; zOut: number; yHat: number; loss: number;
  dzOut: number; dW2: number[]; da1: number[]; dz1: number[]; dW1: number[][];
}

export function tinyPass(): TinyPass {
  const z1 = W1.map((row, j) => row[0] * X[0] + row[1] * X[1] + B1[j]);
  const a1 = z1.map((z) => Math.max(0, z));
  const zOut = W2[0] * a1[0] + W2[1] * a1[1] + B2;
  const yHat = 1 / (1 + Math.exp(-zOut));
  const loss = -(TARGET * Math.log(yHat) + (1 - TARGET) * Math.log(1 - yHat));
  const dzOut = yHat - TARGET;                        // sigmoid + binary cross-entropy
  const dW2 = a1.map((a) => dzOut * a);
  const da1 = W2.map((w) => w * dzOut);
  const dz1 = da1.map((d, j) => (z1[j] > 0 ? d : 0));  // ReLU passes it where z > 0
  const dW1 = dz1.map((d) => X.map((x) => d * x));
  return { z1, a1, zOut, yHat, loss, dzOut, dW2, da1, dz1, dW1 };
}

/** A value as the lesson's script shows it: rounded to 4 places, shortest form, no -0. */
export function show(v: number): string {
  const r = Number(v.toFixed(4));
  return String(r === 0 ? 0 : r);
}
