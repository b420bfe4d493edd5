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

  /**
   * nn.CrossEntropyLoss on raw scores: log-softmax, then the negative mean log-probability
   * of each class; its gradient is PyTorch's (softmax - one-hot) / n, in four kernels.
   */
  cross_entropy: (logits, oneHot) => crossEntropy(logits, oneHot),
};

/** The targets are constants: closing over them spares a zero gradient for them. */
function crossEntropy(logits: tf.Tensor, oneHot: tf.Tensor): tf.Scalar {
  const n = logits.shape[0];
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [z, save] = args as [tf.Tensor, tf.GradSaveFunc];
    const logProbs = tf.logSoftmax(z);
    save([logProbs]);
    return {
      value: tf.mul(tf.sum(tf.mul(oneHot, logProbs)), -1 / n) as tf.Scalar,
      gradFunc: (dy: tf.Tensor, [lp]: tf.Tensor[]) => tf.mul(tf.sub(tf.exp(lp), oneHot), tf.div(dy, n)),
    };
  });
  return op(logits) as tf.Scalar;
}

function bce(p: tf.Tensor, y: tf.Tensor): tf.Scalar {
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [ps, save] = args as [tf.Tensor, tf.GradSaveFunc];
    save([ps]);
    const logP = tf.maximum(tf.log(ps), -100);
    const log1mP = tf.maximum(tf.log(tf.sub(1, ps)), -100);
    return {
      value: tf.neg(tf.mean(tf.add(tf.mul(y, logP), tf.mul(tf.sub(1, y), log1mP)))) as tf.Scalar,
      gradFunc: (dy: tf.Tensor, [pSaved]: tf.Tensor[]) => {
        const denominator = tf.maximum(tf.mul(pSaved, tf.sub(1, pSaved)), 1e-12);
        return tf.mul(tf.div(tf.sub(pSaved, y), denominator), tf.div(dy, pSaved.size));
      },
    };
  });
  return op(p) as tf.Scalar;
}

function bceLogits(z: tf.Tensor, y: tf.Tensor): tf.Scalar {
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [zs, save] = args as [tf.Tensor, tf.GradSaveFunc];
    save([zs]);
    const terms = tf.add(tf.sub(tf.relu(zs), tf.mul(zs, y)), tf.log1p(tf.exp(tf.neg(tf.abs(zs)))));
    return {
      value: tf.mean(terms) as tf.Scalar,
      gradFunc: (dy: tf.Tensor, [zSaved]: tf.Tensor[]) => tf.mul(tf.sub(tf.sigmoid(zSaved), y), tf.div(dy, zSaved.size)),
    };
  });
  return op(z) as tf.Scalar;
}
