/**
 * `conv`: PyTorch's nn.Conv2d, weight [out, in, kh, kw], on NHWC activations.
 *
 * tfjs computes the filter gradient with the Conv2DBackpropFilter kernel, which the wasm
 * backend does not have. The gradient is therefore given here in terms of kernels every
 * backend has: for the input Conv2DBackpropInput (on wasm at stride 1, a Conv2D: see
 * inputGrad), and for the filter a convolution of the input with the output gradient
 * (dilated by the stride), the textbook identity
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

/**
 * tfjs's Conv2D kernel under a name of our own, so its gradient is ours (below) and, unlike a
 * tf.customGrad one, lazy: the engine asks only for the gradients it needs, so the first
 * layer's input gradient (of the data, needed by nothing) is never computed.
 */
const KERNEL = 'DlcConv2D';

interface ConvAttrs { strides: number; pad: Padding; dataFormat: 'NHWC'; dilations: number; dimRoundingMode?: 'round' }

tf.registerGradient({
  kernelName: KERNEL,
  inputsToSave: ['x', 'filter'],
  gradFunc: (dy, saved, attrs) => {
    const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
    const { strides, pad } = attrs as unknown as ConvAttrs;
    return {
      x: () => inputGrad(dy as tf.Tensor4D, filter, x.shape, strides, pad),
      filter: () => filterGrad(x, dy as tf.Tensor4D, filter.shape, strides, pad),
    };
  },
});

/** Registers KERNEL on the current backend as that backend's own Conv2D. */
function ensureKernel(): void {
  const backend = tf.getBackend();
  if (tf.getKernel(KERNEL, backend) !== undefined) return;
  const conv = tf.getKernel('Conv2D', backend);
  if (conv === undefined) throw new Error(`the ${backend} backend has no Conv2D kernel`);
  tf.registerKernel({ kernelName: KERNEL, backendName: backend, kernelFunc: conv.kernelFunc });
}

/** Stride and symmetric zero padding as in nn.Conv2d; x NHWC, filter [kh, kw, in, out]. */
export function conv2d(x: tf.Tensor4D, filter: tf.Tensor4D, stride: number, pad: number): tf.Tensor4D {
  ensureKernel();
  const attrs: ConvAttrs = { strides: stride, pad: [[0, 0], [pad, pad], [pad, pad], [0, 0]], dataFormat: 'NHWC', dilations: 1 };
  return tf.engine().runKernel(KERNEL, { x, filter }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor4D;
}

/**
 * The input gradient. tfjs-backend-wasm's Conv2DBackpropInput is a plain loop several times
 * slower than its Conv2D (XNNPACK); at stride 1 the same sums are a Conv2D of dy with the
 * filter turned half a turn and its channels swapped, padded by k - 1 - pad.
 */
function inputGrad(
  dy: tf.Tensor4D, filter: tf.Tensor4D, xShape: [number, number, number, number], stride: number, padding: Padding,
): tf.Tensor4D {
  const [kh, kw] = filter.shape;
  const [ph, pw] = [padding[1][0], padding[2][0]];
  if (tf.getBackend() === 'wasm' && stride === 1 && ph <= kh - 1 && pw <= kw - 1) {
    const turned = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D; // [kh, kw, out, in]
    return tf.conv2d(dy, turned, 1, [[0, 0], [kh - 1 - ph, kh - 1 - ph], [kw - 1 - pw, kw - 1 - pw], [0, 0]]);
  }
  return tf.conv2dTranspose(dy, filter, xShape, stride, padding);
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
