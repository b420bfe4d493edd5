/**
 * `conv`: PyTorch's nn.Conv2d, weight [out, in, kh, kw], on NHWC activations.
 *
 * tfjs computes the filter gradient with the Conv2DBackpropFilter kernel, which the wasm
 * backend does not have. The gradient is therefore given here in terms of kernels every
 * backend has: for the input Conv2DBackpropInput (on wasm at stride 1, a Conv2D: see
 * inputGrad), and for the filter a convolution of the input with the output gradient
 * (dilated by the stride), the textbook identity
 *   dW[i, j, c, o] = sum over n, y, x of X[n, y*s + i, x*s + j, c] * dY[n, y, x, o].
 * On cpu and wasm the bias is added inside the convolution (FusedConv2D) and its gradient,
 * like the input gradient's turned filter, is made on the host (docs/performance.md, "The
 * CNN step (session 19)").
 */
import * as tf from '@tensorflow/tfjs-core';
import { channelSums, hostView, onHost } from './host.ts';
import type { OpImpl } from './op.ts';
import { permute } from './permute.ts';
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
      const filter = permute(weight, [2, 3, 1, 0]) as tf.Tensor4D; // [kh, kw, in, out]
      // cpu and wasm: the bias added inside the convolution (XNNPACK's own), not by a broadcast
      // Add over the whole output, which on wasm costs more than the convolution's bias.
      const fuse = bias !== undefined && convRoutes.fusedBias && FUSED_BIAS.has(tf.getBackend());
      const y = conv2d(x as tf.Tensor4D, filter, stride, pad, fuse ? bias : undefined);
      return bias === undefined || fuse ? y : tf.add(y, bias);
    },
  },
} satisfies Record<string, OpImpl>;

/** Switches for bench/step-kernels.ts's A/B of the routes (always on in dlc). */
export const convRoutes = { fusedBias: true };

/** Backends whose conv takes the bias inside the kernel (FusedConv2D, gradient ours below). */
const FUSED_BIAS = new Set(['cpu', 'wasm']);

/**
 * tfjs's Conv2D kernel under a name of our own, so its gradient is ours (below) and, unlike a
 * tf.customGrad one, lazy: the engine asks only for the gradients it needs, so the first
 * layer's input gradient (of the data, needed by nothing) is never computed.
 */
const KERNEL = 'DlcConv2D';
/** The same with a bias: the backend's FusedConv2D (no activation) with our gradient. */
const KERNEL_BIAS = 'DlcConv2DBias';

interface ConvAttrs { strides: number; pad: Padding; dataFormat: 'NHWC'; dilations: number; dimRoundingMode?: 'round' }

const convGrad: tf.GradConfig['gradFunc'] = (dy, saved, attrs) => {
  const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
  const { strides, pad } = attrs as unknown as ConvAttrs;
  return {
    x: () => inputGrad(dy as tf.Tensor4D, filter, x.shape, strides, pad),
    filter: () => filterGrad(x, dy as tf.Tensor4D, filter.shape, strides, pad),
    // nn.Conv2d's bias gradient: dy summed over the batch and every position.
    bias: () => (onHost() ? channelSumsOf(dy as tf.Tensor4D) : tf.sum(dy as tf.Tensor, [0, 1, 2])),
  };
};
tf.registerGradient({ kernelName: KERNEL, inputsToSave: ['x', 'filter'], gradFunc: convGrad });
tf.registerGradient({ kernelName: KERNEL_BIAS, inputsToSave: ['x', 'filter'], gradFunc: convGrad });

/** Registers `name` on the current backend as that backend's own `kernel`. */
function register(name: string, kernel: tf.KernelConfig | undefined): void {
  if (kernel !== undefined && tf.getKernel(name, kernel.backendName) === undefined) {
    tf.registerKernel({ kernelName: name, backendName: kernel.backendName, kernelFunc: kernel.kernelFunc });
  }
}

/**
 * Stride and symmetric zero padding as in nn.Conv2d; x NHWC, filter [kh, kw, in, out], and
 * with a bias [out] the backend's FusedConv2D (where it has one; else a Conv2D and an Add).
 */
export function conv2d(x: tf.Tensor4D, filter: tf.Tensor4D, stride: number, pad: number, bias?: tf.Tensor): tf.Tensor4D {
  const backend = tf.getBackend();
  const attrs: ConvAttrs = { strides: stride, pad: [[0, 0], [pad, pad], [pad, pad], [0, 0]], dataFormat: 'NHWC', dilations: 1 };
  const fused = bias === undefined ? undefined : tf.getKernel('FusedConv2D', backend);
  if (bias !== undefined && fused !== undefined) {
    register(KERNEL_BIAS, fused);
    const withBias = { ...attrs, activation: 'linear', leakyreluAlpha: 0 };
    return tf.engine().runKernel(KERNEL_BIAS, { x, filter, bias }, withBias as unknown as tf.NamedAttrMap) as tf.Tensor4D;
  }
  if (tf.getKernel(KERNEL, backend) === undefined) {
    const conv = tf.getKernel('Conv2D', backend);
    if (conv === undefined) throw new Error(`the ${backend} backend has no Conv2D kernel`);
    register(KERNEL, conv);
  }
  const y = tf.engine().runKernel(KERNEL, { x, filter }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor4D;
  return bias === undefined ? y : tf.add(y, bias);
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
    const turned = onHost() ? hostTurned(filter) : tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D;
    return tf.conv2d(dy, turned, 1, [[0, 0], [kh - 1 - ph, kh - 1 - ph], [kw - 1 - pw, kw - 1 - pw], [0, 0]]);
  }
  return tf.conv2dTranspose(dy, filter, xShape, stride, padding);
}

function filterGrad(
  x: tf.Tensor4D, dy: tf.Tensor4D, filterShape: [number, number, number, number], stride: number, padding: Padding,
): tf.Tensor4D {
  const [kh, kw] = filterShape;
  // Channels become the batch and the batch becomes channels: [in, H, W, N] * [OH, OW, N, out].
  const xT = permute(x, [3, 1, 2, 0]);
  const dyT = permute(dy, [1, 2, 0, 3]);
  const full = tf.conv2d(xT, dyT, 1, padding, 'NHWC', stride); // [in, >=kh, >=kw, out]
  // Rows past the last window (when (H + 2 pad - k) is not a multiple of the stride) drop out.
  const cropped = full.shape[1] === kh && full.shape[2] === kw
    ? full
    : tf.slice(full, [0, 0, 0, 0], [-1, kh, kw, -1]);
  return permute(cropped, [1, 2, 0, 3]);
}

/**
 * The filter [kh, kw, in, out] turned half a turn with its channels swapped, [kh, kw, out, in],
 * in one host pass over its few hundred values: tfjs-backend-wasm's Reverse and Transpose
 * kernels cost about 300 us for the Digits CNN's 1,152 (bench/step-kernels.ts).
 */
function hostTurned(filter: tf.Tensor4D): tf.Tensor4D {
  const [kh, kw, ci, co] = filter.shape;
  const v = filter.dataSync() as Float32Array;
  const out = new Float32Array(v.length);
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const from = ((kh - 1 - i) * kw + (kw - 1 - j)) * ci * co;
      const to = (i * kw + j) * co * ci;
      for (let c = 0; c < ci; c++) for (let o = 0; o < co; o++) out[to + o * ci + c] = v[from + c * co + o];
    }
  }
  return tf.tensor4d(out, [kh, kw, co, ci]);
}

/** The bias gradient on cpu and wasm: host.ts's channelSums over dy [N, H, W, C]. */
function channelSumsOf(dy: tf.Tensor4D): tf.Tensor1D {
  const sums = new Float32Array(dy.shape[3]);
  channelSums(hostView(dy), dy.shape[3], sums);
  return tf.tensor1d(sums);
}
