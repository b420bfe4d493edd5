/**
 * nn.MaxPool2d (no padding, floor mode) on NHWC for cpu and wasm (see host.ts): the backend's
 * MaxPool kernel for the maxima and a host gradient that sends dy where PyTorch sends it. The
 * tfjs composition in pool.ts (windows gathered by transposes, argMax, a one-hot mask, and
 * all their gradients) is about 20 kernels a layer per training step.
 *
 * The gradient is PyTorch's: windows scanned row by row, the first of equal values kept, so
 * ties, such as the zero borders of digit images, send the gradient where PyTorch sends it.
 */
import * as tf from '@tensorflow/tfjs-core';
import { hostView } from './host.ts';

/** Switch for bench/step-kernels.ts's A/B (always on in dlc): the maxima from the backend or from hostLoopMaxPool. */
export const poolRoutes = { backendForward: true };

const KERNEL = 'DlcMaxPool';

interface PoolAttrs { filterSize: [number, number]; strides: [number, number]; pad: 'valid' }

/**
 * The maximum of each window is the backend's own MaxPool (XNNPACK on wasm: a plain JS pass
 * over the activations costs several times more); only the gradient is ours, on the host:
 * it finds, in each window, the first value equal to the window's maximum (row by row, as
 * PyTorch scans) and sends dy there. tfjs's MaxPoolGrad sends ties elsewhere.
 */
tf.registerGradient({
  kernelName: KERNEL,
  inputsToSave: ['x'],
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const [x, y] = saved as [tf.Tensor4D, tf.Tensor4D];
    const { filterSize, strides } = attrs as unknown as PoolAttrs;
    return { x: () => routeToFirstMax(x, y, dy as tf.Tensor4D, filterSize, strides) };
  },
});

/** nn.MaxPool2d on NHWC, cpu and wasm (see host.ts). */
export function hostMaxPool(x: tf.Tensor4D, kernel: [number, number], stride: [number, number]): tf.Tensor4D {
  // The backends' MaxPool drops NaN (wasm's even gives -Infinity for a window starting with
  // one), where PyTorch's maximum is NaN: such inputs, from a diverging run, take the host loop.
  const backend = tf.getBackend();
  const pool = tf.getKernel('MaxPool', backend);
  if (!poolRoutes.backendForward || pool === undefined || mayHoldNaN(hostView(x))) return hostLoopMaxPool(x, kernel, stride);
  if (tf.getKernel(KERNEL, backend) === undefined) tf.registerKernel({ kernelName: KERNEL, backendName: backend, kernelFunc: pool.kernelFunc });
  const attrs: PoolAttrs = { filterSize: kernel, strides: stride, pad: 'valid' };
  return tf.engine().runKernel(KERNEL, { x }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor4D;
}

/** dx for dy [N, OH, OW, C]: each dy at the first element of its window equal to the maximum y. */
function routeToFirstMax(
  x: tf.Tensor4D, y: tf.Tensor4D, dy: tf.Tensor4D, [kh, kw]: [number, number], [sh, sw]: [number, number],
): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  const [, oh, ow] = y.shape;
  const xv = hostView(x);
  const yv = hostView(y);
  const dyv = hostView(dy);
  const dx = new Float32Array(xv.length);
  // Offsets of a window's elements from its corner, row by row: PyTorch's scan order.
  const off = new Int32Array(kh * kw);
  for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) off[i * kw + j] = (i * w + j) * c;
  const two = kh === 2 && kw === 2;
  const [o1, o2, o3] = [off[1], off[2], off[3]];
  let o = 0;
  for (let b = 0; b < n; b++) {
    for (let r = 0; r < oh; r++) {
      for (let q = 0; q < ow; q++) {
        const corner = ((b * h + r * sh) * w + q * sw) * c;
        for (let ch = 0; ch < c; ch++, o++) {
          const k = corner + ch;
          const m = yv[o];
          // 2x2 windows (nearly every net) as one expression: a loop here costs V8 about 4x more.
          const at = two
            ? (xv[k] === m ? k : xv[k + o1] === m ? k + o1 : xv[k + o2] === m ? k + o2 : xv[k + o3] === m ? k + o3 : -1)
            : firstEqual(xv, k, off, m);
          dx[at >= 0 ? at : k] += dyv[o]; // always found: inputs with NaN take hostLoopMaxPool
        }
      }
    }
  }
  return tf.tensor4d(dx, x.shape);
}

function firstEqual(xv: Float32Array, k: number, off: Int32Array, m: number): number {
  for (let t = 0; t < off.length; t++) if (xv[k + off[t]] === m) return k + off[t];
  return -1;
}

/**
 * True when v holds a NaN (or, harmlessly, an infinity or a sum that overflows: those inputs
 * then take the exact host loop too). Four running sums without a branch: about 2.5x faster
 * in V8 than testing each value, and this runs on every maxpool's input.
 */
function mayHoldNaN(v: Float32Array): boolean {
  let [s0, s1, s2, s3] = [0, 0, 0, 0];
  const n = v.length - (v.length % 4);
  for (let i = 0; i < n; i += 4) {
    s0 += v[i];
    s1 += v[i + 1];
    s2 += v[i + 2];
    s3 += v[i + 3];
  }
  for (let i = n; i < v.length; i++) s0 += v[i];
  const s = s0 + s1 + (s2 + s3);
  return s - s !== 0;
}

/**
 * The maxima and where they were in one host pass (the first of equal values, a later one
 * replacing it only when strictly greater or NaN), with a gradient that sends dy there.
 */
function hostLoopMaxPool(x: tf.Tensor4D, [kh, kw]: [number, number], [sh, sw]: [number, number]): tf.Tensor4D {
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const xs = args[0] as tf.Tensor4D;
    const [n, h, w, c] = xs.shape;
    const oh = Math.floor((h - kh) / sh) + 1;
    const ow = Math.floor((w - kw) / sw) + 1;
    const xv = xs.dataSync() as Float32Array;
    const out = new Float32Array(n * oh * ow * c);
    // Flat index into x of each output's maximum.
    const from = new Int32Array(out.length);
    let o = 0;
    for (let b = 0; b < n; b++) {
      for (let y = 0; y < oh; y++) {
        for (let xx = 0; xx < ow; xx++) {
          for (let ch = 0; ch < c; ch++, o++) {
            let at = ((b * h + y * sh) * w + xx * sw) * c + ch;
            let best = xv[at];
            for (let i = 0; i < kh; i++) {
              const row = ((b * h + y * sh + i) * w + xx * sw) * c + ch;
              for (let j = 0; j < kw; j++) {
                const k = row + j * c;
                const v = xv[k];
                if (v > best || Number.isNaN(v)) {
                  best = v;
                  at = k;
                }
              }
            }
            out[o] = best;
            from[o] = at;
          }
        }
      }
    }
    return {
      value: tf.tensor4d(out, [n, oh, ow, c]),
      gradFunc: (dy: tf.Tensor) => {
        const dyv = dy.dataSync() as Float32Array;
        const dx = new Float32Array(xv.length);
        // Overlapping windows (stride < kernel) can pick the same element: gradients add up.
        for (let k = 0; k < from.length; k++) dx[from[k]] += dyv[k];
        return tf.tensor4d(dx, xs.shape);
      },
    };
  });
  return op(x) as tf.Tensor4D;
}
