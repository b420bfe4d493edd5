/**
 * `conv`: PyTorch's nn.Conv2d, weight [out, in, kh, kw], on NHWC activations.
 *
 * tfjs computes the filter gradient with the Conv2DBackpropFilter kernel, which the wasm
 * backend does not have. The gradient is therefore given here in terms of kernels every
 * backend has: Conv2DBackpropInput for the input, and for the filter a convolution of the
 * input with the output gradient (dilated by the stride), the textbook identity
 *   dW[i, j, c, o] = sum over n, y, x of X[n, y*s + i, x*s + j, c] * dY[n, y, x, o].
 */
import * as tf from '@tensorflow/tfjs-core';
import type { OpImpl } from './op.ts';
import { num, tensor } from './op.ts';

type Padding = [[number, number], [number, number], [number, number], [number, number]];

export const convOps = {
  conv: {
    layout: 'nhwc',
    forward(x, node, ctx) {
      const weight = tensor(ctx, node, 'weight'); // [out, in, kh, kw]
      const bias = ctx.tensors.bias;
      const stride = num(node, 'stride');
      const pad = num(node, 'pad');
      const filter = tf.transpose(weight, [2, 3, 1, 0]) as tf.Tensor4D; // [kh, kw, in, out]
      const y = conv2d(x as tf.Tensor4D, filter, stride, pad);
      return bias === undefined ? y : tf.add(y, bias);
    },
  },
} satisfies Record<string, OpImpl>;

/** Stride and symmetric zero padding as in nn.Conv2d; x NHWC, filter [kh, kw, in, out]. */
export function conv2d(x: tf.Tensor4D, filter: tf.Tensor4D, stride: number, pad: number): tf.Tensor4D {
  const padding: Padding = [[0, 0], [pad, pad], [pad, pad], [0, 0]];
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [xs, fs, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
    save([xs, fs]);
    return {
      value: tf.conv2d(xs, fs, stride, padding),
      gradFunc: (dy4: tf.Tensor4D, saved: tf.Tensor[]) => {
        const [xs4, fs4] = saved as [tf.Tensor4D, tf.Tensor4D];
        const dx = tf.conv2dTranspose(dy4, fs4, xs4.shape, stride, padding);
        return [dx, filterGrad(xs4, dy4, fs4.shape, stride, padding)];
      },
    };
  });
  return op(x, filter) as tf.Tensor4D;
}

function filterGrad(
  x: tf.Tensor4D, dy: tf.Tensor4D, filterShape: [number, number, number, number], stride: number, padding: Padding,
): tf.Tensor4D {
  const [kh, kw] = filterShape;
  // Channels become the batch and the batch becomes channels: [in, H, W, N] * [OH, OW, N, out].
  const xT = tf.transpose(x, [3, 1, 2, 0]) as tf.Tensor4D;
  const dyT = tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D;
  const full = tf.conv2d(xT, dyT, 1, padding, 'NHWC', stride); // [in, >=kh, >=kw, out]
  // Rows past the last window (when (H + 2 pad - k) is not a multiple of the stride) drop out.
  const cropped = full.shape[1] === kh && full.shape[2] === kw
    ? full
    : tf.slice(full, [0, 0, 0, 0], [-1, kh, kw, -1]);
  return tf.transpose(cropped, [1, 2, 0, 3]) as tf.Tensor4D;
}
