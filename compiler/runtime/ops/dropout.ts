/**
 * `dropout P`: nn.Dropout. In training each element is kept with probability 1 - P and
 * scaled by 1/(1-P) ("inverted" dropout), so evaluation is the identity. The mask is
 * PyTorch's own: `bernoulli_(1 - P)` on the CPU draws one double per element, in PyTorch's
 * element order (hence NCHW), from the run's generator.
 */
import * as tf from '@tensorflow/tfjs-core';
import { torchUniformDouble } from '../rng.ts';
import type { OpImpl } from './op.ts';
import { num } from './op.ts';

export const dropoutOps = {
  dropout: {
    layout: 'nchw',
    forward(x, node, ctx) {
      const p = num(node, 'p');
      if (!ctx.training || p === 0) return x;
      if (p >= 1) return tf.zerosLike(x);
      const keepP = 1 - p;
      const scale = Math.fround(1 / Math.fround(keepP)); // PyTorch divides in float32
      const mask = new Float32Array(x.size);
      for (let i = 0; i < mask.length; i++) mask[i] = torchUniformDouble(ctx.generator) < keepP ? scale : 0;
      return tf.mul(x, tf.tensor(mask, x.shape, 'float32'));
    },
  },
} satisfies Record<string, OpImpl>;
