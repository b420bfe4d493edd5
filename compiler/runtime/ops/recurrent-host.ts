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
        const g = cell === 'lstm' ? 4 : 1;
        const m = (t - 1) * n; // (step, example) pairs that have a previous state
        const grads: Grads = {
          x: new Float64Array(n * t * dims.i),
          wIh: new Float64Array(g * h * dims.i),
          bias: new Float64Array(g * h),
          dzT: new Float32Array(g * h * m),
        };
        const dyv = dy.dataSync() as Float32Array;
        if (cell === 'lstm') lstmBackward(dims, xv, wiv, whv, saved, dyv, grads);
        else rnnBackward(dims, xv, wiv, whv, saved, dyv, grads);
        // dW_hh = sum over steps s >= 1 of dz_s h_{s-1}^T: one product over every (step,
        // example) pair, in the backend's own matMul, which sums these far faster than a loop.
        const wHhGrad = m === 0
          ? tf.zeros([g * h, h])
          : tf.matMul(tf.tensor2d(grads.dzT, [g * h, m]), tf.tensor2d(saved.hs.subarray(0, m * h), [m, h]));
        const f32 = (a: Float64Array) => Float32Array.from(a);
        return [
          tf.tensor(f32(grads.x), xs.shape),
          tf.tensor2d(f32(grads.wIh), [g * h, dims.i]),
          wHhGrad,
          tf.tensor1d(f32(grads.bias)),
          tf.tensor1d(f32(grads.bias)),
        ];
      },
    };
  });
  return op(x, wIh, wHh, bIh, bHh) as tf.Tensor3D;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** z[g] = bias[g] + W_ih[g] . x_t + W_hh[g] . h_prev for g < rows, into z. */
function preActivation(
  z: Float64Array, rows: number, { i, h }: Dims, xv: Float32Array, xOff: number,
  wi: Float32Array, wh: Float32Array, bias: Float32Array, hPrev: Float32Array | null, hOff: number,
): void {
  for (let g = 0; g < rows; g++) {
    let s = bias[g];
    const wiOff = g * i;
    for (let k = 0; k < i; k++) s += wi[wiOff + k] * xv[xOff + k];
    if (hPrev !== null) {
      const whOff = g * h;
      for (let k = 0; k < h; k++) s += wh[whOff + k] * hPrev[hOff + k];
    }
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
        const v = Math.tanh(z[k]);
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
        const gg = Math.tanh(z[2 * h + k]);
        const og = sigmoid(z[3 * h + k]);
        acts[a + k] = ig;
        acts[a + h + k] = fg;
        acts[a + 2 * h + k] = gg;
        acts[a + 3 * h + k] = og;
        const cv = Math.fround((s === 0 ? 0 : fg * cells[cPrev + k]) + ig * gg);
        cells[c + k] = cv;
        const tc = Math.tanh(cv);
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
 * Gradients summed in double precision, rounded once at the end; and every step's dz after
 * the first, transposed ([G*H, (T-1)*N], column (s-1)*N + b), for dW_hh's product.
 */
interface Grads { x: Float64Array; wIh: Float64Array; bias: Float64Array; dzT: Float32Array }

/**
 * Given dz (the gradient of one step's pre-activations, G*H of them) for example b at step s:
 * accumulates the gradients of the bias, W_ih and x, keeps dz for dW_hh, and writes
 * W_hh^T dz into dhPrev (nothing at the first step, whose previous state is the zero start).
 */
function throughWeights(
  dz: Float64Array, rows: number, { n, i, h }: Dims, s: number, b: number, xv: Float32Array, xOff: number,
  wi: Float32Array, wh: Float32Array, grads: Grads, dhPrev: Float64Array,
): void {
  dhPrev.fill(0);
  const m = grads.dzT.length / rows;
  const col = (s - 1) * n + b;
  for (let g = 0; g < rows; g++) {
    const dg = dz[g];
    grads.bias[g] += dg;
    const wiOff = g * i;
    for (let k = 0; k < i; k++) {
      grads.wIh[wiOff + k] += dg * xv[xOff + k];
      grads.x[xOff + k] += dg * wi[wiOff + k];
    }
    if (s > 0) {
      grads.dzT[g * m + col] = dg;
      const whOff = g * h;
      for (let k = 0; k < h; k++) dhPrev[k] += dg * wh[whOff + k];
    }
  }
}

function rnnBackward(
  d: Dims, xv: Float32Array, wi: Float32Array, wh: Float32Array, saved: Saved, dy: Float32Array, grads: Grads,
): void {
  const { n, t, i, h } = d;
  const { acts } = saved;
  const dz = new Float64Array(h);
  const dhPrev = new Float64Array(h);
  const carry = new Float64Array(n * h); // dL/dh_s from step s + 1, per example
  for (let s = t - 1; s >= 0; s--) {
    for (let b = 0; b < n; b++) {
      const a = (s * n + b) * h;
      const o = (b * t + s) * h;
      for (let k = 0; k < h; k++) {
        const hv = acts[a + k];
        dz[k] = (dy[o + k] + carry[b * h + k]) * (1 - hv * hv);
      }
      throughWeights(dz, h, d, s, b, xv, (b * t + s) * i, wi, wh, grads, dhPrev);
      carry.set(dhPrev, b * h);
    }
  }
}

function lstmBackward(
  d: Dims, xv: Float32Array, wi: Float32Array, wh: Float32Array, saved: Saved, dy: Float32Array, grads: Grads,
): void {
  const { n, t, i, h } = d;
  const { acts, cells, tanhCells } = saved;
  const dz = new Float64Array(4 * h);
  const dhPrev = new Float64Array(h);
  const dhCarry = new Float64Array(n * h); // dL/dh_s from step s + 1
  const dcCarry = new Float64Array(n * h); // dL/dc_s from step s + 1
  for (let s = t - 1; s >= 0; s--) {
    for (let b = 0; b < n; b++) {
      const a = (s * n + b) * 4 * h;
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
        dz[k] = dc * gg * ig * (1 - ig);
        dz[h + k] = dc * cp * fg * (1 - fg);
        dz[2 * h + k] = dc * ig * (1 - gg * gg);
        dz[3 * h + k] = dh * tc * og * (1 - og);
        dcCarry[ch + k] = dc * fg;
      }
      throughWeights(dz, 4 * h, d, s, b, xv, (b * t + s) * i, wi, wh, grads, dhPrev);
      dhCarry.set(dhPrev, ch);
    }
  }
}
