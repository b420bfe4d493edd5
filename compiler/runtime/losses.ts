/**
 * The losses of the language, each reduced by the mean as PyTorch's defaults do. Targets
 * arrive prepared by `targets.ts`: one-hot rows for cross_entropy, 0/1 floats shaped like the
 * output for the binary losses, the values themselves for mse.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TrainGraph } from '../graph/types.ts';

export type LossName = TrainGraph['loss'];
export type LossFn = (output: tf.Tensor, target: tf.Tensor) => tf.Scalar;

export const LOSSES: Record<LossName, LossFn> = {
  /** nn.MSELoss: mean over every element. */
  mse: (output, target) => tf.mean(tf.squaredDifference(output, target)),

  /**
   * nn.BCELoss on probabilities; like PyTorch, each log is clamped at -100 so p = 0 or 1
   * stays finite, and the gradient is PyTorch's (p - y) / max(p (1 - p), 1e-12) / n: autodiff
   * of the clamp would multiply 0 by log's infinite slope at p = 1 and give NaN.
   */
  bce: (p, y) => bce(p, y),

  /**
   * nn.BCEWithLogitsLoss in its stable form max(z, 0) - z y + log(1 + e^-|z|), with PyTorch's
   * gradient (sigmoid(z) - y) / n, which autodiff of |z| would get wrong at z = 0.
   */
  bce_logits: (z, y) => bceLogits(z, y),

  /** nn.CrossEntropyLoss on raw scores: log-softmax, then the negative mean log-probability of each class. */
  cross_entropy: (logits, oneHot) =>
    tf.neg(tf.div(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits))), logits.shape[0])) as tf.Scalar,
};

const bce = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const [p, y, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
  save([p, y]);
  const logP = tf.maximum(tf.log(p), -100);
  const log1mP = tf.maximum(tf.log(tf.sub(1, p)), -100);
  return {
    value: tf.neg(tf.mean(tf.add(tf.mul(y, logP), tf.mul(tf.sub(1, y), log1mP)))) as tf.Scalar,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [ps, ys] = saved;
      const denominator = tf.maximum(tf.mul(ps, tf.sub(1, ps)), 1e-12);
      return [tf.mul(tf.div(tf.sub(ps, ys), denominator), tf.div(dy, ps.size)), tf.zerosLike(ys)];
    },
  };
}) as (p: tf.Tensor, y: tf.Tensor) => tf.Scalar;

const bceLogits = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const [z, y, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
  save([z, y]);
  const terms = tf.add(tf.sub(tf.relu(z), tf.mul(z, y)), tf.log1p(tf.exp(tf.neg(tf.abs(z)))));
  return {
    value: tf.mean(terms) as tf.Scalar,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [zs, ys] = saved;
      const dz = tf.mul(tf.sub(tf.sigmoid(zs), ys), tf.div(dy, zs.size));
      return [dz, tf.zerosLike(ys)];
    },
  };
}) as (z: tf.Tensor, y: tf.Tensor) => tf.Scalar;
