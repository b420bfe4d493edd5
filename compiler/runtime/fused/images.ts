/**
 * The fused step's image stages (conv, maxpool) on cpu and wasm: the backend's own kernels
 * called directly, as products.ts calls BatchMatMul, with the inputs and attributes the
 * generic step's lowerings give them (ops/conv.ts, ops/pool-host.ts), so the numbers are
 * the same; what those lowerings do with tfjs reshapes, transposes and host passes (layouts,
 * the turned filter, the bias gradient, the pool's first-maximum gradient) is done here on
 * host arrays. Activations are NHWC host arrays; weights are PyTorch's [out, in, kh, kw].
 */
import * as tf from '@tensorflow/tfjs-core';
import { BackendKernels } from './products.ts';
import { mayHoldNaN, maxPoolLoop, type PoolGeometry } from '../ops/pool-math.ts';

type Shape4 = [number, number, number, number];
type Padding = [[number, number], [number, number], [number, number], [number, number]];

export interface ConvGeometry {
  cin: number; cout: number; kh: number; kw: number; stride: number; pad: number;
  /** Input and output height and width. */
  h: number; w: number; oh: number; ow: number;
}


const padding = (p: number, q = p): Padding => [[0, 0], [p, p], [q, q], [0, 0]];

/** The image stages' kernels (conv, its gradients, maxpool) on backend data. */
export class ImageKernels extends BackendKernels {
  /** PyTorch's weight [out, in, kh, kw] as the filter [kh, kw, in, out] (ops/conv.ts's permute). */
  filter(w: Float32Array, g: ConvGeometry): Float32Array {
    const { cin, cout, kh, kw } = g;
    const f = new Float32Array(w.length);
    for (let o = 0, i = 0; o < cout; o++) for (let c = 0; c < cin; c++) for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++, i++) f[((y * kw + x) * cin + c) * cout + o] = w[i];
    return f;
  }

  /** The forward: x NHWC [n, h, w, in] (backend data), filter [kh, kw, in, out]; bias inside the kernel (FusedConv2D) as ops/conv.ts does on cpu and wasm. */
  conv(x: tf.TensorInfo, filter: tf.TensorInfo, bias: tf.TensorInfo | null, g: ConvGeometry): Float32Array {
    const attrs = { strides: g.stride, pad: padding(g.pad), dataFormat: 'NHWC', dilations: 1 };
    if (bias === null) return this.run('Conv2D', { x, filter }, attrs);
    return this.run('FusedConv2D', { x, filter, bias }, { ...attrs, activation: 'linear', leakyreluAlpha: 0 });
  }

  /**
   * dW [out, in, kh, kw] into `into` from the layer's input x NHWC (host) and dy NHWC: ops/conv.ts's
   * filterGrad, a Conv2D of x as [in, H, W, N] with dy as [OH, OW, N, out] dilated by the stride.
   */
  filterGrad(x: Float32Array, dy: Float32Array, n: number, g: ConvGeometry, into: Float32Array, at: number): void {
    const { cin, cout, kh, kw, h, w, oh, ow } = g;
    const xT = new Float32Array(x.length);
    for (let b = 0, i = 0; b < n; b++) for (let p = 0; p < h * w; p++) for (let c = 0; c < cin; c++, i++) xT[(c * h * w + p) * n + b] = x[i];
    const dyT = new Float32Array(dy.length);
    for (let b = 0, i = 0; b < n; b++) for (let p = 0; p < oh * ow; p++) for (let o = 0; o < cout; o++, i++) dyT[(p * n + b) * cout + o] = dy[i];
    const xi = this.upload(xT, [cin, h, w, n]);
    const di = this.upload(dyT, [oh, ow, n, cout]);
    const full = this.run('Conv2D', { x: xi, filter: di }, { strides: 1, pad: padding(g.pad), dataFormat: 'NHWC', dilations: g.stride });
    this.release(xi);
    this.release(di);
    // full is [in, FH, FW, out] with FH >= kh: rows past the last window drop out (the slice there).
    const fh = g.h + 2 * g.pad - ((oh - 1) * g.stride + 1) + 1;
    const fw = g.w + 2 * g.pad - ((ow - 1) * g.stride + 1) + 1;
    for (let o = 0; o < cout; o++) {
      for (let c = 0; c < cin; c++) {
        for (let y = 0; y < kh; y++) for (let xx = 0; xx < kw; xx++) into[at + ((o * cin + c) * kh + y) * kw + xx] = full[((c * fh + y) * fw + xx) * cout + o];
      }
    }
  }

  /**
   * dX NHWC from dy NHWC (backend data) and the weight [out, in, kh, kw]: ops/conv.ts's inputGrad,
   * on wasm at stride 1 a Conv2D with the filter turned half a turn, else Conv2DBackpropInput.
   */
  inputGrad(dy: tf.TensorInfo, w: Float32Array, n: number, g: ConvGeometry): Float32Array {
    const { cin, cout, kh, kw, stride, pad } = g;
    if (this.name === 'wasm' && stride === 1 && pad <= kh - 1 && pad <= kw - 1) {
      // turned [kh, kw, out, in][i][j][o][c] = W[o][c][kh-1-i][kw-1-j]
      const t = new Float32Array(w.length);
      for (let o = 0, s = 0; o < cout; o++) for (let c = 0; c < cin; c++) for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++, s++) t[(((kh - 1 - y) * kw + (kw - 1 - x)) * cout + o) * cin + c] = w[s];
      const ti = this.upload(t, [kh, kw, cout, cin]);
      const dx = this.run('Conv2D', { x: dy, filter: ti }, { strides: 1, pad: padding(kh - 1 - pad, kw - 1 - pad), dataFormat: 'NHWC', dilations: [1, 1] });
      this.release(ti);
      return dx;
    }
    const fi = this.upload(this.filter(w, g), [kh, kw, cin, cout]);
    const inputShape: Shape4 = [n, g.h, g.w, cin];
    const dx = this.run('Conv2DBackpropInput', { dy, filter: fi }, { strides: stride, pad: padding(pad), dataFormat: 'NHWC', inputShape });
    this.release(fi);
    return dx;
  }

  /** nn.MaxPool2d's maxima of x NHWC (host): the backend's MaxPool, or with a NaN in x the host loop (pool-host.ts), then also where each came from. */
  maxPool(x: Float32Array, n: number, g: PoolGeometry): { y: Float32Array; from: Int32Array | null } {
    if (mayHoldNaN(x)) return maxPoolLoop(x, n, g);
    const xi = this.upload(x, [n, g.h, g.w, g.c]);
    const y = this.run('MaxPool', { x: xi }, { filterSize: [g.kh, g.kw], strides: [g.sh, g.sw], pad: 'valid' });
    this.release(xi);
    return { y, from: null };
  }
}

/** x [n, c, h, w] (PyTorch's) as NHWC into `out`. */
export function toNHWC(x: Float32Array, n: number, c: number, hw: number, out: Float32Array): Float32Array {
  if (c === 1) { out.set(x); return out; }
  for (let b = 0, i = 0; b < n; b++) for (let ch = 0; ch < c; ch++) for (let p = 0; p < hw; p++, i++) out[(b * hw + p) * c + ch] = x[i];
  return out;
}

/** NHWC as PyTorch's [n, c, h, w] (flatten's C, H, W order) into `out`. */
export function toNCHW(x: Float32Array, n: number, c: number, hw: number, out: Float32Array): Float32Array {
  if (c === 1) { out.set(x); return out; }
  for (let b = 0, i = 0; b < n; b++) for (let ch = 0; ch < c; ch++) for (let p = 0; p < hw; p++, i++) out[i] = x[(b * hw + p) * c + ch];
  return out;
}


