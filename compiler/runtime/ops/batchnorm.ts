/**
 * `batchnorm`: nn.BatchNorm1d over [N, F] and nn.BatchNorm2d over images (NHWC here).
 * Training normalises with the batch's mean and biased variance and moves the running
 * statistics by `momentum`, the running variance with the unbiased variance, as PyTorch does;
 * evaluation normalises with the running statistics.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { OpImpl } from './op.ts';
import { RuntimeError } from '../errors.ts';
import { R_RUN } from '../../diagnostics/messages.ts';
import { num, tensor } from './op.ts';

export const batchnormOps = {
  batchnorm: {
    layout: 'nhwc',
    forward(x, node, ctx) {
      const eps = num(node, 'eps');
      const momentum = num(node, 'momentum');
      const weight = tensor(ctx, node, 'weight');
      const bias = tensor(ctx, node, 'bias');
      const runningMean = tensor(ctx, node, 'running_mean');
      const runningVar = tensor(ctx, node, 'running_var');
      // Every axis but the channel axis, which is last for [N, F] and for NHWC images.
      const axes = x.rank === 2 ? [0] : [0, 1, 2];
      if (!ctx.training) {
        const scale = tf.mul(weight, tf.rsqrt(tf.add(runningVar, eps)));
        return tf.add(tf.mul(tf.sub(x, runningMean), scale), bias);
      }
      const count = x.size / x.shape[x.rank - 1];
      if (count < 2) {
        throw new RuntimeError(R_RUN.batchnormBatch, { layer: node.index, batch: x.shape[0] });
      }
      const { mean, variance } = tf.moments(x, axes);
      const y = tf.add(tf.mul(tf.sub(x, mean), tf.mul(weight, tf.rsqrt(tf.add(variance, eps)))), bias);
      // A side effect as in PyTorch; the loss does not depend on it, so no gradient flows here.
      const unbiased = tf.mul(variance, count / (count - 1));
      runningMean.assign(tf.add(tf.mul(runningMean, 1 - momentum), tf.mul(mean, momentum)));
      runningVar.assign(tf.add(tf.mul(runningVar, 1 - momentum), tf.mul(unbiased, momentum)));
      ctx.counters.num_batches_tracked = (ctx.counters.num_batches_tracked ?? 0) + 1;
      return y;
    },
  },
} satisfies Record<string, OpImpl>;
