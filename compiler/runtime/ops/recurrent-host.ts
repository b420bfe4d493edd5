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
import { sigmoid, tanh } from './host-math.ts';

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
    const bhv = bh.dataSync() as Float32Array;
    const bias = Float32Array.from(bi.dataSync(), (b, k) => b + bhv[k]);
    const out = new Float32Array(n * t * h);
    const saved = cell === 'lstm' ? lstmForward(dims, xv, wiv, whv, bias, out) : rnnForward(dims, xv, wiv, whv, bias, out);
    return {
      value: tf.tensor3d(out, [n, t, h]),
      gradFunc: (dy: tf.Tensor) => {
        const rows = (cell === 'lstm' ? 4 : 1) * h;
        const m = (t - 1) * n; // (step, example) pairs that have a previous state
        const dz = new Float64Array(t * n * rows);
        const dzT = new Float32Array(rows * m);
        const dyv = dy.dataSync() as Float32Array;
        if (cell === 'lstm') lstmBackward(dims, whv, saved, dyv, dz, dzT);
        else rnnBackward(dims, whv, saved, dyv, dz, dzT);
        const grads = inputGradients(dims, rows, dz, xv, wiv);
        // dW_hh = sum over steps s >= 1 of dz_s h_{s-1}^T: one product over every (step,
        // example) pair, in the backend's own matMul, which sums these far faster than a loop.
        const wHhGrad = m === 0
          ? tf.zeros([rows, h])
          : tf.matMul(tf.tensor2d(dzT, [rows, m]), tf.tensor2d(saved.hs.subarray(0, m * h), [m, h]));
        return [
          tf.tensor(grads.x, xs.shape),
          tf.tensor2d(grads.wIh, [rows, dims.i]),
          wHhGrad,
          tf.tensor1d(grads.bias),
          tf.tensor1d(grads.bias.slice()),
        ];
      },
    };
  });
  return op(x, wIh, wHh, bIh, bHh) as tf.Tensor3D;
}

/**
 * z[g] = bias[g] + W_ih[g] . x_t + W_hh[g] . h_prev for g < rows, into z. Eight rows at a
 * time: each row's sum is a chain of dependent additions, and eight independent chains keep
 * the CPU busy where one would wait on each addition (1.5-3x faster measured). Every row
 * still sums in the same order (bias, then x, then h, each by k), so the values are those
 * of one row at a time.
 */
function preActivation(
  z: Float64Array, rows: number, { i, h }: Dims, xv: Float32Array, xOff: number,
  wi: Float32Array, wh: Float32Array, bias: Float32Array, hPrev: Float32Array | null, hOff: number,
): void {
  let g = 0;
  for (; g + 8 <= rows; g += 8) {
    let s0 = bias[g];
    let s1 = bias[g + 1];
    let s2 = bias[g + 2];
    let s3 = bias[g + 3];
    let s4 = bias[g + 4];
    let s5 = bias[g + 5];
    let s6 = bias[g + 6];
    let s7 = bias[g + 7];
    for (let k = 0; k < i; k++) {
      const xk = xv[xOff + k];
      const w = g * i + k;
      s0 += wi[w] * xk;
      s1 += wi[w + i] * xk;
      s2 += wi[w + 2 * i] * xk;
      s3 += wi[w + 3 * i] * xk;
      s4 += wi[w + 4 * i] * xk;
      s5 += wi[w + 5 * i] * xk;
      s6 += wi[w + 6 * i] * xk;
      s7 += wi[w + 7 * i] * xk;
    }
    if (hPrev !== null) {
      for (let k = 0; k < h; k++) {
        const hk = hPrev[hOff + k];
        const w = g * h + k;
        s0 += wh[w] * hk;
        s1 += wh[w + h] * hk;
        s2 += wh[w + 2 * h] * hk;
        s3 += wh[w + 3 * h] * hk;
        s4 += wh[w + 4 * h] * hk;
        s5 += wh[w + 5 * h] * hk;
        s6 += wh[w + 6 * h] * hk;
        s7 += wh[w + 7 * h] * hk;
      }
    }
    z[g] = s0;
    z[g + 1] = s1;
    z[g + 2] = s2;
    z[g + 3] = s3;
    z[g + 4] = s4;
    z[g + 5] = s5;
    z[g + 6] = s6;
    z[g + 7] = s7;
  }
  for (; g < rows; g++) {
    let s = bias[g];
    for (let k = 0; k < i; k++) s += wi[g * i + k] * xv[xOff + k];
    if (hPrev !== null) for (let k = 0; k < h; k++) s += wh[g * h + k] * hPrev[hOff + k];
    z[g] = s;
  }
}

function rnnForward(d: Dims, xv: Float32Array, wi: Float32Array, wh: Float32Array, bias: Float32Array, out: Float32Array): Saved {
  const { n, t, i, h } = d;
  const acts = new Float32Array(t * n * h);
  const z = new Float64Array(h);
  for (let s = 0; s < t; s++) {
    for (let b = 0; b < n; b++) {
      preActivation(z, h, d, xv, (b * t + s) * i, wi, wh, bias, s === 0 ? null : acts, ((s - 1) * n + b) * h);
      const a = (s * n + b) * h;
      const o = (b * t + s) * h;
      for (let k = 0; k < h; k++) {
        const v = tanh(z[k]);
        acts[a + k] = v;
        out[o + k] = v;
      }
    }
  }
  return { acts, cells: new Float32Array(0), tanhCells: new Float32Array(0), hs: acts };
}

function lstmForward(d: Dims, xv: Float32Array, wi: Float32Array, wh: Float32Array, bias: Float32Array, out: Float32Array): Saved {
  const { n, t, i, h } = d;
  const acts = new Float32Array(t * n * 4 * h);
  const cells = new Float32Array(t * n * h);
  const tanhCells = new Float32Array(t * n * h);
  const hs = new Float32Array(t * n * h);
  const z = new Float64Array(4 * h);
  for (let s = 0; s < t; s++) {
    for (let b = 0; b < n; b++) {
      preActivation(z, 4 * h, d, xv, (b * t + s) * i, wi, wh, bias, s === 0 ? null : hs, ((s - 1) * n + b) * h);
      const a = (s * n + b) * 4 * h;
      const c = (s * n + b) * h;
      const cPrev = ((s - 1) * n + b) * h;
      const o = (b * t + s) * h;
      for (let k = 0; k < h; k++) {
        const ig = sigmoid(z[k]);
        const fg = sigmoid(z[h + k]);
        const gg = tanh(z[2 * h + k]);
        const og = sigmoid(z[3 * h + k]);
        acts[a + k] = ig;
        acts[a + h + k] = fg;
        acts[a + 2 * h + k] = gg;
        acts[a + 3 * h + k] = og;
        const cv = Math.fround((s === 0 ? 0 : fg * cells[cPrev + k]) + ig * gg);
        cells[c + k] = cv;
        const tc = tanh(cv);
        tanhCells[c + k] = tc;
        const hv = og * tc;
        hs[c + k] = hv;
        out[o + k] = hv;
      }
    }
  }
  return { acts, cells, tanhCells, hs };
}

/**
 * Given dz (the gradient of one step's pre-activations, G*H of them, at dz[dzOff...]) for
 * example b at step s: keeps it for dW_hh's product (in dzT, [G*H, (T-1)*N], column
 * (s-1)*N + b) and writes W_hh^T dz into dhPrev at dhOff (nothing at the first step, whose
 * previous state is the zero start). Eight sums at once in local variables, as in
 * preActivation: summing into an array would wait on a store and a load for every
 * addition. Each sum still runs over g from zero, in the order of one sum at a time.
 */
function throughWhh(
  dz: Float64Array, dzOff: number, rows: number, { n, h }: Dims, s: number, b: number,
  wh: Float32Array, dzT: Float32Array, dhPrev: Float64Array, dhOff: number,
): void {
  if (s === 0) return;
  const m = dzT.length / rows;
  const col = (s - 1) * n + b;
  for (let g = 0; g < rows; g++) dzT[g * m + col] = dz[dzOff + g];
  let k = 0;
  for (; k + 8 <= h; k += 8) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let s5 = 0;
    let s6 = 0;
    let s7 = 0;
    for (let g = 0; g < rows; g++) {
      const dg = dz[dzOff + g];
      const w = g * h + k;
      s0 += dg * wh[w];
      s1 += dg * wh[w + 1];
      s2 += dg * wh[w + 2];
      s3 += dg * wh[w + 3];
      s4 += dg * wh[w + 4];
      s5 += dg * wh[w + 5];
      s6 += dg * wh[w + 6];
      s7 += dg * wh[w + 7];
    }
    dhPrev[dhOff + k] = s0;
    dhPrev[dhOff + k + 1] = s1;
    dhPrev[dhOff + k + 2] = s2;
    dhPrev[dhOff + k + 3] = s3;
    dhPrev[dhOff + k + 4] = s4;
    dhPrev[dhOff + k + 5] = s5;
    dhPrev[dhOff + k + 6] = s6;
    dhPrev[dhOff + k + 7] = s7;
  }
  for (; k < h; k++) {
    let sum = 0;
    for (let g = 0; g < rows; g++) sum += dz[dzOff + g] * wh[g * h + k];
    dhPrev[dhOff + k] = sum;
  }
}

/** The gradients of the input side, from every step's dz: rounded to float32 once, at the end. */
interface InputGradients { x: Float32Array; wIh: Float32Array; bias: Float32Array }

/**
 * After the loop through time, from dz of every step ([T*N, G*H], row s*N + b): the bias's
 * and W_ih's gradients (sums over steps and examples, in the loop's order: steps from the
 * last, examples from the first) and x's (W_ih^T dz for each step and example). Done here
 * in one pass each rather than inside the loop, where each addition went to an array
 * element, so the sums run in local variables.
 */
function inputGradients({ n, t, i }: Dims, rows: number, dz: Float64Array, xv: Float32Array, wi: Float32Array): InputGradients {
  const bias = new Float32Array(rows);
  const wIh = new Float32Array(rows * i);
  const x = new Float32Array(n * t * i);
  for (let g = 0; g < rows; g++) {
    let sum = 0;
    for (let s = t - 1; s >= 0; s--) for (let b = 0; b < n; b++) sum += dz[(s * n + b) * rows + g];
    bias[g] = sum;
    for (let k = 0; k < i; k++) {
      let w = 0;
      for (let s = t - 1; s >= 0; s--) for (let b = 0; b < n; b++) w += dz[(s * n + b) * rows + g] * xv[(b * t + s) * i + k];
      wIh[g * i + k] = w;
    }
  }
  for (let s = 0; s < t; s++) {
    for (let b = 0; b < n; b++) {
      const r = (s * n + b) * rows;
      for (let k = 0; k < i; k++) {
        let sum = 0;
        for (let g = 0; g < rows; g++) sum += dz[r + g] * wi[g * i + k];
        x[(b * t + s) * i + k] = sum;
      }
    }
  }
  return { x, wIh, bias };
}

function rnnBackward(d: Dims, wh: Float32Array, saved: Saved, dy: Float32Array, dz: Float64Array, dzT: Float32Array): void {
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
      throughWhh(dz, a, h, d, s, b, wh, dzT, carry, b * h);
    }
  }
}

function lstmBackward(d: Dims, wh: Float32Array, saved: Saved, dy: Float32Array, dz: Float64Array, dzT: Float32Array): void {
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
      throughWhh(dz, a, 4 * h, d, s, b, wh, dzT, dhCarry, ch);
    }
  }
}
