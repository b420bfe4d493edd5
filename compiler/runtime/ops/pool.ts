/**
 * `maxpool` / `avgpool`: nn.MaxPool2d / nn.AvgPool2d without padding, floor mode, on NHWC.
 *
 * Both gather each window's values into a last axis and reduce it. tfjs's MaxPoolGrad
 * kernels break ties differently per backend (wasm does not send the gradient to the first
 * maximum as PyTorch does, which matters wherever a window holds equal values, such as the
 * zero borders of digit images); picking the first maximum with argMax and a one-hot mask
 * gives PyTorch's gradient on every backend, with kernels every backend has.
 */
import * as tf from '@tensorflow/tfjs-core';
import { onHost } from './host.ts';
import type { OpImpl } from './op.ts';
import { hostMaxPool } from './pool-host.ts';
import { pair } from './op.ts';

export const poolOps = {
  maxpool: {
    layout: 'nhwc',
    forward(x, node) {
      // cpu and wasm: one host kernel instead of this composition's ~20 kernels (pool-host.ts).
      if (onHost()) return hostMaxPool(x as tf.Tensor4D, pair(node, 'kernel'), pair(node, 'stride'));
      const w = windows(x as tf.Tensor4D, pair(node, 'kernel'), pair(node, 'stride'));
      // argMax returns the first maximum: PyTorch's scan order is rows, then columns, as here.
      // (An int32 one-hot, cast: tfjs-backend-wasm 4.22 writes zeros for a float32 one.)
      const first = tf.cast(tf.oneHot(tf.argMax(w, -1), w.shape[w.rank - 1]), 'float32');
      return tf.sum(tf.mul(w, first), -1);
    },
  },
  avgpool: {
    layout: 'nhwc',
    forward: (x, node) => tf.mean(windows(x as tf.Tensor4D, pair(node, 'kernel'), pair(node, 'stride')), -1),
  },
} satisfies Record<string, OpImpl>;

/** x [N, H, W, C] -> [N, H', W', C, kh*kw]: every window's values, row by row. */
export function windows(x: tf.Tensor4D, [kh, kw]: [number, number], [sh, sw]: [number, number]): tf.Tensor {
  const [n, h, w, c] = x.shape;
  const oh = Math.floor((h - kh) / sh) + 1;
  const ow = Math.floor((w - kw) / sw) + 1;
  if (kh === sh && kw === sw) {
    // Windows tile the image: a reshape and one transpose gather them.
    const cropped = oh * kh === h && ow * kw === w ? x : tf.slice(x, [0, 0, 0, 0], [n, oh * kh, ow * kw, c]);
    const tiles = tf.reshape(cropped, [n, oh, kh, ow, kw, c]);
    return tf.reshape(tf.transpose(tiles, [0, 1, 3, 5, 2, 4]), [n, oh, ow, c, kh * kw]);
  }
  const parts: tf.Tensor[] = [];
  for (let i = 0; i < kh; i++) {
    const rows = strided(x, 1, i, oh, sh);
    for (let j = 0; j < kw; j++) parts.push(strided(rows, 2, j, ow, sw));
  }
  return tf.stack(parts, 4);
}

/**
 * Elements start, start + stride, ... (count of them) along `axis` (1 or 2 of NHWC): slice,
 * pad to count * stride, fold each stride's group into the dimensions after it and keep the
 * first element's block. Ranks stay at most 4: tfjs-backend-webgl 4.22 cannot compile the
 * pad (a slice's gradient) of a rank-5 tensor.
 */
function strided(x: tf.Tensor, axis: number, start: number, count: number, stride: number): tf.Tensor {
  const begin = x.shape.map((_, a) => (a === axis ? start : 0));
  const size = x.shape.map((d, a) => (a === axis ? (count - 1) * stride + 1 : d));
  const t = tf.slice(x, begin, size);
  if (stride === 1) return t;
  const padded = tf.pad(t, x.shape.map((_, a) => (a === axis ? [0, stride - 1] : [0, 0])) as Array<[number, number]>);
  const pre = x.shape.slice(0, axis);
  const post = x.shape.slice(axis + 1);
  const inner = post.reduce((a, b) => a * b, 1);
  const groups = tf.reshape(padded, [...pre, count, stride * inner]);
  const first = tf.slice(groups, groups.shape.map(() => 0), [...pre, count, inner]);
  return tf.reshape(first, [...pre, count, ...post]);
}
