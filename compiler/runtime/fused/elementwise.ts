/**
 * The fused step's elementwise work, on the host between the backend's matrix products:
 * activations forward and backward, and each loss with its gradient and correct count.
 * Every result is stored in a Float32Array, so it is rounded to float32 as the backend's
 * kernels round it; the gradients are the ones the generic path uses (ops' tfjs gradients
 * and losses.ts's PyTorch ones).
 */
import type { GraphNode, OpKind } from '../../graph/types.ts';
import type { LossName } from '../losses.ts';

const f = Math.fround;

export interface Activation {
  /** y = f(x), into `out` (same length as x). */
  forward(x: Float32Array, out: Float32Array): void;
  /** dL/dx from dL/dy into `out`, given the forward's input x and output y. */
  backward(dy: Float32Array, x: Float32Array, y: Float32Array, out: Float32Array): void;
}

function sigmoid(v: number): number {
  return f(1 / f(1 + f(Math.exp(-v))));
}

/**
 * The activations the fused step implements, by op, each with its hand-written gradient.
 * The fused class (class.ts) admits exactly these ops and `linear`. Each is its own loop
 * (no shared map with a callback): V8 inlines a loop's body, not a callback passed around.
 */
export const ACTIVATIONS = {
  // NaN stays NaN, so a diverging run is seen as one.
  relu: (): Activation => ({
    forward: (x, out) => { for (let i = 0; i < x.length; i++) { const v = x[i]; out[i] = v < 0 ? 0 : v; } },
    backward: (dy, x, _y, d) => { for (let i = 0; i < d.length; i++) d[i] = x[i] > 0 ? dy[i] : 0; },
  }),
  sigmoid: (): Activation => ({
    forward: (x, out) => { for (let i = 0; i < x.length; i++) out[i] = sigmoid(x[i]); },
    backward: (dy, _x, y, d) => { for (let i = 0; i < d.length; i++) d[i] = f(dy[i] * f(y[i] * f(1 - y[i]))); },
  }),
  tanh: (): Activation => ({
    forward: (x, out) => { for (let i = 0; i < x.length; i++) out[i] = Math.tanh(x[i]); },
    backward: (dy, _x, y, d) => { for (let i = 0; i < d.length; i++) d[i] = f(dy[i] * f(1 - f(y[i] * y[i]))); },
  }),
  leaky_relu: (node: GraphNode): Activation => {
    const slope = f(Number(node.attrs.slope));
    return {
      forward: (x, out) => { for (let i = 0; i < x.length; i++) { const v = x[i]; out[i] = v < 0 ? f(v * slope) : v; } },
      // The gradient at 0 is the slope, as in PyTorch.
      backward: (dy, x, _y, d) => { for (let i = 0; i < d.length; i++) d[i] = x[i] > 0 ? dy[i] : f(dy[i] * slope); },
    };
  },
  silu: (): Activation => ({
    forward: (x, out) => { for (let i = 0; i < x.length; i++) { const v = x[i]; out[i] = f(v * sigmoid(v)); } },
    // d(x s)/dx = s + x s (1 - s), with s = sigmoid(x).
    backward: (dy, x, _y, d) => {
      for (let i = 0; i < d.length; i++) { const s = sigmoid(x[i]); d[i] = f(dy[i] * f(s + f(x[i] * f(s * f(1 - s))))); }
    },
  }),
} satisfies Partial<Record<OpKind, (node: GraphNode) => Activation>>;

/** The activation a node computes; `linear` is not one. */
export function activation(node: GraphNode): Activation {
  const make = (ACTIVATIONS as Partial<Record<OpKind, (node: GraphNode) => Activation>>)[node.op];
  if (make === undefined) throw new Error(`the fused step has no ${node.op}`);
  return make(node);
}

/** A loss over a batch's outputs [n, k] (row-major) and targets shaped like them (one-hot for cross_entropy). */
export interface LossResult {
  /** The mean loss, as float32. */
  value: number;
  /** Correct predictions (0 for regression). */
  correct: number;
  /** dLoss/dOutput, or null when not asked for. */
  grad: Float32Array | null;
}

/** `grad`, when given, receives dLoss/dOutput (its length is out's). */
export function lossOf(loss: LossName, out: Float32Array, target: Float32Array, n: number, grad: Float32Array | null): LossResult {
  const k = out.length / n;
  let sum = 0;
  let correct = 0;
  if (loss === 'cross_entropy') {
    const invN = f(1 / n);
    for (let r = 0; r < n; r++) {
      const o = r * k;
      let max = -Infinity; // NaN if the row holds one, so a diverging run shows
      let label = 0;
      for (let j = 0; j < k; j++) {
        max = Math.max(max, out[o + j]);
        if (target[o + j] === 1) label = j;
      }
      let s = 0;
      for (let j = 0; j < k; j++) s += Math.exp(out[o + j] - max);
      const lse = Math.log(s);
      sum += f(f(out[o + label] - max) - lse);
      if (argMax(out, o, k) === label) correct++;
      if (grad !== null) for (let j = 0; j < k; j++) grad[o + j] = f(f(f(Math.exp(f(f(out[o + j] - max) - lse))) - target[o + j]) * invN);
    }
    return { value: f(-sum / n), correct, grad };
  }
  const size = out.length;
  const invSize = f(1 / size);
  for (let i = 0; i < size; i++) {
    const z = out[i];
    const y = target[i];
    if (loss === 'mse') {
      const d = f(z - y);
      sum += f(d * d);
      if (grad !== null) grad[i] = f(f(2 * d) * invSize);
    } else if (loss === 'bce_logits') {
      sum += f(f(f(Math.max(z, 0)) - f(z * y)) + f(Math.log1p(f(Math.exp(-Math.abs(z))))));
      if (grad !== null) grad[i] = f(f(sigmoid(z) - y) * invSize);
      if ((z > 0 ? 1 : 0) === y) correct++;
    } else {
      const logP = Math.max(f(Math.log(z)), -100);
      const log1mP = Math.max(f(Math.log(f(1 - z))), -100);
      sum += f(f(y * logP) + f(f(1 - y) * log1mP));
      if (grad !== null) grad[i] = f(f(f(z - y) / Math.max(f(z * f(1 - z)), 1e-12)) * invSize);
      if ((z > 0.5 ? 1 : 0) === y) correct++;
    }
  }
  return { value: f(loss === 'bce' ? -sum / size : sum / size), correct, grad };
}

/** The first index of a row's largest value, as tf.argMax picks it. */
function argMax(a: Float32Array, o: number, k: number): number {
  let best = 0;
  for (let j = 1; j < k; j++) if (a[o + j] > a[o + best]) best = j;
  return best;
}
