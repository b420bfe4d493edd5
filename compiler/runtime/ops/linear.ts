/**
 * `linear`: PyTorch's nn.Linear over the last dimension, weight [out, in]: x W^T + b.
 *
 * Not tf.fused.matMul: with transposeB and a bias, tfjs-backend-wasm 4.22 adds the last
 * bias element to every row after the first.
 */
import * as tf from '@tensorflow/tfjs-core';
import { timesTransposed } from './matmul.ts';
import type { OpImpl } from './op.ts';
import { tensor } from './op.ts';

export const linearOps = {
  linear: {
    layout: 'nchw',
    forward(x, node, ctx) {
      const weight = tensor(ctx, node, 'weight');
      const bias = ctx.tensors.bias;
      const [out, inF] = weight.shape;
      // Leading dimensions (batch, steps, ...) fold into rows so one matMul maps every step.
      const rows = x.rank === 2 ? x : tf.reshape(x, [-1, inF]);
      const product = timesTransposed(weight as tf.Tensor2D)(rows as tf.Tensor2D);
      const y = bias === undefined ? product : tf.add(product, bias);
      return x.rank === 2 ? y : tf.reshape(y, [...x.shape.slice(0, -1), out]);
    },
  },
} satisfies Record<string, OpImpl>;
