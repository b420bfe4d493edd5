/**
 * `dropout P`: nn.Dropout. In training each element is zeroed with probability P and the
 * survivors scaled by 1/(1-P) ("inverted" dropout), so evaluation is the identity. Masks come
 * from the model's seeded generator, hence the same on every backend and run.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { OpImpl } from './op.ts';
import { num } from './op.ts';

export const dropoutOps = {
  dropout: {
    layout: 'any',
    forward(x, node, ctx) {
      const p = num(node, 'p');
      if (!ctx.training || p === 0) return x;
      if (p >= 1) return tf.zerosLike(x);
      const keep = 1 / (1 - p);
      const mask = new Float32Array(x.size);
      for (let i = 0; i < mask.length; i++) mask[i] = ctx.rng.next() < p ? 0 : keep;
      return tf.mul(x, tf.tensor(mask, x.shape, 'float32'));
    },
  },
} satisfies Record<string, OpImpl>;
