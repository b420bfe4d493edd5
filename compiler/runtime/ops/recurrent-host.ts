/**
 * A whole recurrent layer (nn.RNN with tanh, or nn.LSTM; one layer, batch_first, zero initial
 * state) forward and backward in plain loops over the tensors' host copies, for the backends
 * whose tensors live in host memory (cpu and wasm).
 *
 * Why: a layer of T steps composed of tfjs ops is about 90 kernels a step once its gradient
 * is taken (1763 for one training step of the delay LSTM), and on these backends each kernel
 * costs several microseconds of bookkeeping while its arithmetic on a [4H, N] = [64, 32]
 * block takes less. Here the layer is one node on the gradient tape: one forward that keeps
 * the gate activations and cell states, one backward through time that gives every gradient.
 * Sums run in double precision and are stored as float32, as close to PyTorch's float32
 * results as tfjs's own kernels are (the conformance cases hold both to the same tolerance).
 */
import * as tf from '@tensorflow/tfjs-core';
import { sigmoidInPlace, tanhInPlace } from './host-math.ts';
import { addProducts, sumOfOuterProducts, transposedProducts } from './host-products.ts';

export type Cell = 'rnn' | 'lstm';

interface Dims { n: number; t: number; i: number; h: number }

/** What the forward keeps for the backward: per step and example, the gate activations and cells. */
interface Saved {
  /** [T, N, G*H]: rnn h_t; lstm the activated gates i, f, g, o. */
  acts: Float32Array;
  /** lstm only, [T, N, H]: c_t. */
  cells: Float32Array;
  /** lstm only, [T, N, H]: tanh(c_t), kept rather than recomputed (tanh is a large part of the cost). */
  tanhCells: Float32Array;
  /** [T, N, H]: h_t. */
  hs: Float32Array;
}

/**
 * The layer's output [N, T, H] for x [N, T, I], with a gradient for x and all four parameters
 * (weight_ih_l0 [G*H, I], weight_hh_l0 [G*H, H], bias_ih_l0 and bias_hh_l0 [G*H]).
 */
export function hostRecurrent(
  cell: Cell, x: tf.Tensor, wIh: tf.Tensor, wHh: tf.Tensor, bIh: tf.Tensor, bHh: tf.Tensor,
): tf.Tensor3D {
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [xs, wi, wh, bi, bh] = args as tf.Tensor[];
    const [n, t, i] = xs.shape;
    const h = wh.shape[1]!;
    const dims: Dims = { n, t, i: i!, h };
    const xv = xs.dataSync() as Float32Array;
    const wiv = wi.dataSync() as Float32Array;
    const whv = wh.dataSync() as Float32Array;
    const rows = (cell === 'lstm' ? 4 : 1) * h;
    const weights = forwardWeights(dims, rows, wiv, whv, bi.dataSync() as Float32Array, bh.dataSync() as Float32Array);
    const out = new Float32Array(n * t * h);
    const saved = cell === 'lstm' ? lstmForward(dims, xv, weights, out) : rnnForward(dims, xv, weights, out);
    return {
      value: tf.tensor3d(out, [n, t, h]),
      gradFunc: (dy: tf.Tensor) => {
        const dz = new Float64Array(t * n * rows);
        const dyv = dy.dataSync() as Float32Array;
        if (cell === 'lstm') lstmBackward(dims, whv, saved, dyv, dz);
        else rnnBackward(dims, whv, saved, dyv, dz);
        const grads = inputGradients(dims, rows, dz, xv, wiv);
        // dW_hh = sum over steps s >= 1 and examples b of dz_{s,b} h_{s-1,b}^T: the rows of dz
        // from step 1 on against the rows of hs up to step T - 1, both in (step, example) order.
        const wHhGrad = new Float64Array(rows * h);
        sumOfOuterProducts(wHhGrad, rows, h, (t - 1) * n, dz, n * rows, saved.hs, 0);
        return [
          tf.tensor(grads.x, xs.shape),
          tf.tensor2d(grads.wIh, [rows, dims.i]),
          tf.tensor2d(new Float32Array(wHhGrad), [rows, h]),
          tf.tensor1d(grads.bias),
          tf.tensor1d(grads.bias.slice()),
        ];
      },
    };
  });
  return op(x, wIh, wHh, bIh, bHh) as tf.Tensor3D;
}

/** w [rows, cols] -> its transpose [cols, rows], in double precision (float32 values are exact in it). */
function transposed(w: Float32Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = w[r * cols + c];
  return out;
}

/**
 * The forward's weights, laid out for addProducts: W_ih^T [I, G*H] and W_hh^T [H, G*H], and
 * b_ih + b_hh rounded to float32 (as the sum of two float32 tensors is).
 */
interface ForwardWeights { rows: number; wiT: Float64Array; whT: Float64Array; bias: Float64Array }

function forwardWeights({ i, h }: Dims, rows: number, wi: Float32Array, wh: Float32Array, bi: Float32Array, bh: Float32Array): ForwardWeights {
  return {
    rows,
    wiT: transposed(wi, rows, i),
    whT: transposed(wh, rows, h),
    bias: Float64Array.from(bi, (v, k) => Math.fround(v + bh[k])),
  };
}

/**
 * Every example's pre-activations at step s, z [N, G*H] (row b): bias + W_ih x_t + W_hh
 * h_{t-1}, summed in that order (the bias, then x's terms, then h's, each by k). hs holds
 * h_t for every step, [T, N, H].
 */
function preActivations(
  z: Float64Array, { n, t, i, h }: Dims, { rows, wiT, whT, bias }: ForwardWeights, s: number, xv: Float32Array, hs: Float32Array,
): void {
  for (let b = 0; b < n; b++) z.set(bias, b * rows);
  addProducts(z, 0, rows, n, wiT, i, xv, s * i, t * i);
  if (s > 0) addProducts(z, 0, rows, n, whT, h, hs, (s - 1) * n * h, h);
}

function rnnForward(d: Dims, xv: Float32Array, weights: ForwardWeights, out: Float32Array): Saved {
  const { n, t, h } = d;
  const acts = new Float32Array(t * n * h);
  const z = new Float64Array(n * h);
  for (let s = 0; s < t; s++) {
    preActivations(z, d, weights, s, xv, acts);
    tanhInPlace(z, 0, n * h);
    acts.set(z, s * n * h);
    for (let b = 0; b < n; b++) out.set(z.subarray(b * h, (b + 1) * h), (b * t + s) * h);
  }
  return { acts, cells: new Float32Array(0), tanhCells: new Float32Array(0), hs: acts };
}

function lstmForward(d: Dims, xv: Float32Array, weights: ForwardWeights, out: Float32Array): Saved {
  const { n, t, h } = d;
  const rows = 4 * h;
  const acts = new Float32Array(t * n * rows);
  const cells = new Float32Array(t * n * h);
  const tanhCells = new Float32Array(t * n * h);
  const hs = new Float32Array(t * n * h);
  const z = new Float64Array(n * rows);
  const tc = new Float64Array(n * h); // tanh(c_t) in double, for h_t
  for (let s = 0; s < t; s++) {
    preActivations(z, d, weights, s, xv, hs);
    for (let b = 0; b < n; b++) {
      // The gates in place: i and f sigmoids, g tanh, o sigmoid.
      const a = b * rows;
      sigmoidInPlace(z, a, a + 2 * h);
      tanhInPlace(z, a + 2 * h, a + 3 * h);
      sigmoidInPlace(z, a + 3 * h, a + 4 * h);
    }
    acts.set(z, s * n * rows);
    const c = s * n * h; // c_t, tanh(c_t) and h_t of the step, [N, H]
    for (let b = 0; b < n; b++) {
      const a = b * rows;
      for (let k = 0; k < h; k++) {
        const e = b * h + k;
        const cv = Math.fround((s === 0 ? 0 : z[a + h + k] * cells[c - n * h + e]) + z[a + k] * z[a + 2 * h + k]);
        cells[c + e] = cv;
        tc[e] = cv;
      }
    }
    tanhInPlace(tc, 0, n * h);
    tanhCells.set(tc, c);
    for (let b = 0; b < n; b++) {
      const a = b * rows;
      const o = (b * t + s) * h;
      for (let k = 0; k < h; k++) {
        const hv = z[a + 3 * h + k] * tc[b * h + k];
        hs[c + b * h + k] = hv;
        out[o + k] = hv;
      }
    }
  }
  return { acts, cells, tanhCells, hs };
}

/**
 * W_hh^T dz for every example of step s (rows s*N + b of dz, [T*N, G*H]), into dhPrev [N, H].
 * Nothing at the first step, whose previous state is the zero start.
 */
function throughWhh({ n, h }: Dims, rows: number, s: number, wh: Float32Array, dz: Float64Array, dhPrev: Float64Array): void {
  if (s > 0) transposedProducts(dhPrev, 0, h, n, wh, rows, h, dz, s * n * rows);
}

/** The gradients of the input side, from every step's dz: rounded to float32 once, at the end. */
interface InputGradients { x: Float32Array; wIh: Float32Array; bias: Float32Array }

/**
 * After the loop through time, from dz of every step ([T*N, G*H], row s*N + b): the bias's
 * and W_ih's gradients (sums over steps and examples, in the loop's order: steps from the
 * last, examples from the first) and x's (W_ih^T dz for each step and example).
 */
function inputGradients({ n, t, i }: Dims, rows: number, dz: Float64Array, xv: Float32Array, wi: Float32Array): InputGradients {
  const bias = new Float32Array(rows);
  const wIh = new Float32Array(rows * i);
  // Eight rows of dz at a time, side by side in each (step, example) row of dz.
  let g = 0;
  for (; g + 8 <= rows; g += 8) {
    for (let k = -1; k < i; k++) { // k = -1: the bias; then W_ih's column k
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let s4 = 0;
      let s5 = 0;
      let s6 = 0;
      let s7 = 0;
      for (let s = t - 1; s >= 0; s--) {
        for (let b = 0; b < n; b++) {
          const r = (s * n + b) * rows + g;
          const v = k < 0 ? 1 : xv[(b * t + s) * i + k];
          s0 += dz[r] * v;
          s1 += dz[r + 1] * v;
          s2 += dz[r + 2] * v;
          s3 += dz[r + 3] * v;
          s4 += dz[r + 4] * v;
          s5 += dz[r + 5] * v;
          s6 += dz[r + 6] * v;
          s7 += dz[r + 7] * v;
        }
      }
      const into = k < 0 ? bias : wIh;
      const at = k < 0 ? g : g * i + k;
      const step = k < 0 ? 1 : i;
      into[at] = s0;
      into[at + step] = s1;
      into[at + 2 * step] = s2;
      into[at + 3 * step] = s3;
      into[at + 4 * step] = s4;
      into[at + 5 * step] = s5;
      into[at + 6 * step] = s6;
      into[at + 7 * step] = s7;
    }
  }
  for (; g < rows; g++) {
    let sum = 0;
    for (let s = t - 1; s >= 0; s--) for (let b = 0; b < n; b++) sum += dz[(s * n + b) * rows + g];
    bias[g] = sum;
    for (let k = 0; k < i; k++) {
      let w = 0;
      for (let s = t - 1; s >= 0; s--) for (let b = 0; b < n; b++) w += dz[(s * n + b) * rows + g] * xv[(b * t + s) * i + k];
      wIh[g * i + k] = w;
    }
  }
  const x = new Float64Array(n * t * i);
  for (let s = 0; s < t; s++) transposedProducts(x, s * i, t * i, n, wi, rows, i, dz, s * n * rows);
  return { x: new Float32Array(x), wIh, bias };
}

function rnnBackward(d: Dims, wh: Float32Array, saved: Saved, dy: Float32Array, dz: Float64Array): void {
  const { n, t, h } = d;
  const { acts } = saved;
  const carry = new Float64Array(n * h); // dL/dh_s from step s + 1, per example
  for (let s = t - 1; s >= 0; s--) {
    for (let b = 0; b < n; b++) {
      const a = (s * n + b) * h;
      const o = (b * t + s) * h;
      for (let k = 0; k < h; k++) {
        const hv = acts[a + k];
        dz[a + k] = (dy[o + k] + carry[b * h + k]) * (1 - hv * hv);
      }
    }
    throughWhh(d, h, s, wh, dz, carry);
  }
}

function lstmBackward(d: Dims, wh: Float32Array, saved: Saved, dy: Float32Array, dz: Float64Array): void {
  const { n, t, h } = d;
  const { acts, cells, tanhCells } = saved;
  const dhCarry = new Float64Array(n * h); // dL/dh_s from step s + 1
  const dcCarry = new Float64Array(n * h); // dL/dc_s from step s + 1
  for (let s = t - 1; s >= 0; s--) {
    for (let b = 0; b < n; b++) {
      const a = (s * n + b) * 4 * h; // row of acts and of dz
      const c = (s * n + b) * h;
      const cPrev = ((s - 1) * n + b) * h;
      const o = (b * t + s) * h;
      const ch = b * h;
      for (let k = 0; k < h; k++) {
        const ig = acts[a + k];
        const fg = acts[a + h + k];
        const gg = acts[a + 2 * h + k];
        const og = acts[a + 3 * h + k];
        const tc = tanhCells[c + k];
        const dh = dy[o + k] + dhCarry[ch + k];
        const dc = dcCarry[ch + k] + dh * og * (1 - tc * tc);
        const cp = s === 0 ? 0 : cells[cPrev + k];
        dz[a + k] = dc * gg * ig * (1 - ig);
        dz[a + h + k] = dc * cp * fg * (1 - fg);
        dz[a + 2 * h + k] = dc * ig * (1 - gg * gg);
        dz[a + 3 * h + k] = dh * tc * og * (1 - og);
        dcCarry[ch + k] = dc * fg;
      }
    }
    throughWhh(d, 4 * h, s, wh, dz, dhCarry);
  }
}
