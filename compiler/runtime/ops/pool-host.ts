/**
 * nn.MaxPool2d (no padding, floor mode) on NHWC as a host kernel (see host.ts): one pass that
 * keeps where each window's maximum was, and a gradient that sends dy there. The tfjs
 * composition in pool.ts (windows gathered by transposes, argMax, a one-hot mask, and all
 * their gradients) is about 20 kernels a layer per training step.
 *
 * The maximum is PyTorch's: windows scanned row by row, the first of equal values kept
 * (a later value replaces it only when strictly greater, or NaN), so ties, such as the zero
 * borders of digit images, send the gradient where PyTorch sends it.
 */
import * as tf from '@tensorflow/tfjs-core';

/** Switch for bench/step-kernels.ts's A/B (always on in dlc): see maxPoolKernel. */
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
  if (!poolRoutes.backendForward) return hostLoopMaxPool(x, kernel, stride);
  const backend = tf.getBackend();
  if (tf.getKernel(KERNEL, backend) === undefined) {
    const pool = tf.getKernel('MaxPool', backend);
    if (pool === undefined) throw new Error(`the ${backend} backend has no MaxPool kernel`);
    tf.registerKernel({ kernelName: KERNEL, backendName: backend, kernelFunc: pool.kernelFunc });
  }
  const attrs: PoolAttrs = { filterSize: kernel, strides: stride, pad: 'valid' };
  return tf.engine().runKernel(KERNEL, { x }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor4D;
}

/** dx for dy [N, OH, OW, C]: each dy at the first element of its window equal to the maximum y. */
function routeToFirstMax(
  x: tf.Tensor4D, y: tf.Tensor4D, dy: tf.Tensor4D, [kh, kw]: [number, number], [sh, sw]: [number, number],
): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  const [, oh, ow] = y.shape;
  const xv = x.dataSync() as Float32Array;
  const yv = y.dataSync() as Float32Array;
  const dyv = dy.dataSync() as Float32Array;
  const dx = new Float32Array(xv.length);
  const rowStep = w * c;
  let o = 0;
  for (let b = 0; b < n; b++) {
    for (let r = 0; r < oh; r++) {
      for (let q = 0; q < ow; q++) {
        const corner = ((b * h + r * sh) * w + q * sw) * c;
        for (let ch = 0; ch < c; ch++, o++) {
          const m = yv[o];
          const nan = m !== m;
          let at = corner + ch;
          search: for (let i = 0; i < kh; i++) {
            for (let j = 0, k = corner + ch + i * rowStep; j < kw; j++, k += c) {
              const v = xv[k];
              if (v === m || (nan && v !== v)) {
                at = k;
                break search;
              }
            }
          }
          // Overlapping windows (stride < kernel) can pick the same element: gradients add up.
          dx[at] += dyv[o];
        }
      }
    }
  }
  return tf.tensor4d(dx, x.shape);
}

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
