/**
 * `rnn` and `lstm`: nn.RNN(tanh) and nn.LSTM, one layer, batch_first, zero initial state,
 * every step's output. Weights keep PyTorch's layout and gate order (i, f, g, o for the
 * LSTM; tf.basicLSTMCell's i, j, f, o would not match).
 *
 * Inside, the state is kept transposed, h^T [H, N], and the steps first: W_hh h^T needs no
 * transposed product, and every per-step slice and gate split cuts whole rows, which the
 * cpu backend copies in one block instead of element by element.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GraphNode } from '../../graph/types.ts';
import { product } from './matmul.ts';
import { onHost } from './host.ts';
import { hostRecurrent } from './recurrent-host.ts';
import type { ForwardContext, OpImpl } from './op.ts';
import { tensor } from './op.ts';

/**
 * x [N, T, I] -> for each step, (x_t W_ih^T + b_ih + b_hh)^T: [G*H, N]. One product per step
 * rather than one for all steps cut up afterwards: tfjs-backend-wasm copies the whole input
 * for every slice it takes, which for the projection of every step would be T times T steps.
 */
function inputProjection(x: tf.Tensor, node: GraphNode, ctx: ForwardContext): tf.Tensor2D[] {
  const wIh = tensor(ctx, node, 'weight_ih_l0') as tf.Tensor2D;
  const bias = tf.reshape(tf.add(tensor(ctx, node, 'bias_ih_l0'), tensor(ctx, node, 'bias_hh_l0')), [-1, 1]);
  const steps = tf.unstack(tf.transpose(x, [1, 2, 0])) as tf.Tensor2D[]; // T x [I, N]
  return steps.map((xt) => tf.add(product(wIh, xt), bias));
}

/** Per-step h^T [H, N] -> the layer's output [N, T, H]. */
function outputs(hs: tf.Tensor[]): tf.Tensor {
  return tf.transpose(tf.stack(hs), [2, 0, 1]);
}

/**
 * On cpu and wasm the tensors live in host memory, and the whole layer runs as one node of
 * plain loops (recurrent-host.ts), far fewer kernels than the steps below; webgl keeps them.
 */
function hostLayer(cell: 'rnn' | 'lstm', x: tf.Tensor, node: GraphNode, ctx: ForwardContext): tf.Tensor {
  const t = (local: string) => tensor(ctx, node, local);
  return hostRecurrent(cell, x, t('weight_ih_l0'), t('weight_hh_l0'), t('bias_ih_l0'), t('bias_hh_l0'));
}

export const recurrentOps = {
  rnn: {
    layout: 'nchw',
    forward(x, node, ctx) {
      if (onHost()) return hostLayer('rnn', x, node, ctx);
      const wHh = tensor(ctx, node, 'weight_hh_l0') as tf.Tensor2D;
      const hs: tf.Tensor[] = [];
      let h: tf.Tensor2D | null = null;
      for (const xt of inputProjection(x, node, ctx)) {
        const next: tf.Tensor2D = tf.tanh(h === null ? xt : (tf.add(xt, product(wHh, h)) as tf.Tensor2D));
        hs.push(next);
        h = next;
      }
      return outputs(hs);
    },
  },
  lstm: {
    layout: 'nchw',
    forward(x, node, ctx) {
      if (onHost()) return hostLayer('lstm', x, node, ctx);
      const wHh = tensor(ctx, node, 'weight_hh_l0') as tf.Tensor2D;
      const hs: tf.Tensor[] = [];
      let h: tf.Tensor2D | null = null;
      let c: tf.Tensor2D | null = null;
      for (const xt of inputProjection(x, node, ctx)) {
        const z: tf.Tensor2D = h === null ? xt : tf.add(xt, product(wHh, h));
        const [zi, zf, zg, zo] = tf.split(z, 4, 0);
        const ig: tf.Tensor2D = tf.mul(tf.sigmoid(zi), tf.tanh(zg));
        // With a zero initial state the forget gate multiplies zeros: skip it on the first step.
        const cNext: tf.Tensor2D = c === null ? ig : tf.add(tf.mul(tf.sigmoid(zf), c), ig);
        const hNext: tf.Tensor2D = tf.mul(tf.sigmoid(zo), tf.tanh(cNext));
        hs.push(hNext);
        c = cNext;
        h = hNext;
      }
      return outputs(hs);
    },
  },
} satisfies Record<string, OpImpl>;
