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

export function hostMaxPool(x: tf.Tensor4D, [kh, kw]: [number, number], [sh, sw]: [number, number]): tf.Tensor4D {
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
