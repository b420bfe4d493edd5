/** Ops that only move data: `flatten` (C-H-W order) and `last` (the last step of a sequence). */
import * as tf from '@tensorflow/tfjs-core';
import type { OpImpl } from './op.ts';

export const reshapeOps = {
  flatten: { layout: 'nchw', forward: (x) => tf.reshape(x, [x.shape[0], -1]) },
  last: {
    layout: 'nchw',
    forward(x) {
      const [n, t, h] = x.shape;
      return tf.reshape(tf.slice(x, [0, t - 1, 0], [n, 1, h]), [n, h]);
    },
  },
} satisfies Record<string, OpImpl>;
