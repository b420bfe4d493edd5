/**
 * The activation functions of the language and their derivatives, in plain arithmetic so the
 * plots can be drawn when the site is built and redrawn on the page without TensorFlow.js.
 * The tests check every value against the runtime's own ops and its autograd.
 */

export type Activation = 'relu' | 'sigmoid' | 'tanh' | 'gelu' | 'softmax';

export const ACTIVATIONS: readonly Activation[] = ['relu', 'sigmoid', 'tanh', 'gelu', 'softmax'];

/**
 * erf by Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7): enough for a plot, and
 * the same approximation TensorFlow.js's cpu kernel uses.
 */
export function erf(x: number): number {
  const s = Math.sign(x);
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return s * y;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const normalCdf = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2));
const normalPdf = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

/**
 * The other scores of the softmax plot: the lesson's example vector is [2.0, 1.0, 0.1], and
 * the plot lets the first score vary while the other two stay put.
 */
export const SOFTMAX_OTHERS: readonly number[] = [1.0, 0.1];

/** softmax over [x, ...others]: every probability. */
export function softmaxAll(x: number, others: readonly number[] = SOFTMAX_OTHERS): number[] {
  const scores = [x, ...others];
  const m = Math.max(...scores);
  const e = scores.map((s) => Math.exp(s - m));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/**
 * The function's value at x. For softmax: the probability of the first class when its score
 * is x and the others are SOFTMAX_OTHERS.
 *
 * @example
 * value('gelu', -0.75) // about -0.17, GELU's lowest point
 */
export function value(f: Activation, x: number): number {
  switch (f) {
    case 'relu':
      return Math.max(0, x);
    case 'sigmoid':
      return sigmoid(x);
    case 'tanh':
      return Math.tanh(x);
    case 'gelu':
      return x * normalCdf(x);
    case 'softmax':
      return softmaxAll(x)[0];
  }
}

/**
 * The derivative at x, as autograd computes it. ReLU's slope at exactly 0 is 0 (PyTorch's
 * and TensorFlow.js's choice). For softmax: d p1 / d x1 = p1 (1 - p1).
 */
export function derivative(f: Activation, x: number): number {
  switch (f) {
    case 'relu':
      return x > 0 ? 1 : 0;
    case 'sigmoid': {
      const s = sigmoid(x);
      return s * (1 - s);
    }
    case 'tanh': {
      const t = Math.tanh(x);
      return 1 - t * t;
    }
    case 'gelu':
      return normalCdf(x) + x * normalPdf(x);
    case 'softmax': {
      const p = softmaxAll(x)[0];
      return p * (1 - p);
    }
  }
}

/** n + 1 evenly spaced points from lo to hi. */
export function grid(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n + 1 }, (_, i) => lo + ((hi - lo) * i) / n);
}
