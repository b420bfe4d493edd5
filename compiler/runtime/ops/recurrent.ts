/**
 * `rnn` and `lstm`: nn.RNN(tanh) and nn.LSTM, one layer, batch_first, zero initial state,
 * every step's output. Weights keep PyTorch's layout and gate order (i, f, g, o for the
 * LSTM; tf.basicLSTMCell's i, j, f, o would not match). The input projection of all steps
 * is one matMul; only the recurrent product runs step by step.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GraphNode } from '../../graph/types.ts';
import { timesTransposed } from './matmul.ts';
import type { ForwardContext, OpImpl } from './op.ts';
import { tensor } from './op.ts';

/** x [N, T, I] -> per step [N, G*H]: x W_ih^T + b_ih + b_hh. */
function inputProjection(x: tf.Tensor, node: GraphNode, ctx: ForwardContext): tf.Tensor2D[] {
  const wIh = tensor(ctx, node, 'weight_ih_l0') as tf.Tensor2D;
  const [n, t, i] = x.shape;
  const bias = tf.add(tensor(ctx, node, 'bias_ih_l0'), tensor(ctx, node, 'bias_hh_l0'));
  // Not tf.fused.matMul: see linear.ts.
  const proj = tf.add(timesTransposed(wIh)(tf.reshape(x, [n * t, i]) as tf.Tensor2D), bias);
  return tf.unstack(tf.reshape(proj, [n, t, wIh.shape[0]]), 1) as tf.Tensor2D[];
}

export const recurrentOps = {
  rnn: {
    layout: 'nchw',
    forward(x, node, ctx) {
      const recurrent = timesTransposed(tensor(ctx, node, 'weight_hh_l0') as tf.Tensor2D);
      const steps = inputProjection(x, node, ctx);
      const outputs: tf.Tensor[] = [];
      let h: tf.Tensor2D | null = null;
      for (const xt of steps) {
        const next: tf.Tensor2D = tf.tanh(h === null ? xt : tf.add(xt, recurrent(h)) as tf.Tensor2D);
        outputs.push(next);
        h = next;
      }
      return tf.stack(outputs, 1);
    },
  },
  lstm: {
    layout: 'nchw',
    forward(x, node, ctx) {
      const recurrent = timesTransposed(tensor(ctx, node, 'weight_hh_l0') as tf.Tensor2D);
      const steps = inputProjection(x, node, ctx);
      const outputs: tf.Tensor[] = [];
      let h: tf.Tensor2D | null = null;
      let c: tf.Tensor2D | null = null;
      for (const xt of steps) {
        const z: tf.Tensor2D = h === null ? xt : tf.add(xt, recurrent(h));
        const [zi, zf, zg, zo] = tf.split(z, 4, 1);
        const ig: tf.Tensor2D = tf.mul(tf.sigmoid(zi), tf.tanh(zg));
        // With a zero initial state the forget gate multiplies zeros: skip it on the first step.
        const cNext: tf.Tensor2D = c === null ? ig : tf.add(tf.mul(tf.sigmoid(zf), c), ig);
        const hNext: tf.Tensor2D = tf.mul(tf.sigmoid(zo), tf.tanh(cNext));
        outputs.push(hNext);
        c = cNext;
        h = hNext;
      }
      return tf.stack(outputs, 1);
    },
  },
} satisfies Record<string, OpImpl>;
