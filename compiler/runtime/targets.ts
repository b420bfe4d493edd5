/**
 * Turns a data set's targets into what each loss compares the output with, and counts
 * correct predictions for the classification losses.
 */
import * as tf from '@tensorflow/tfjs-core';
import { RuntimeError } from './errors.ts';
import { R_RUN } from '../diagnostics/messages.ts';
import type { LossName } from './losses.ts';

/**
 * Targets for `loss`, N rows shaped like the output: one-hot rows for cross_entropy (from
 * class indices), 0/1 for bce and bce_logits, the values for mse.
 */
export function lossTarget(loss: LossName, y: Float32Array | Int32Array, n: number, outShape: number[]): Float32Array {
  const width = outShape.reduce((a, b) => a * b, 1);
  if (loss === 'cross_entropy') {
    const classes = outShape[outShape.length - 1];
    if (y.length !== n) throw new RuntimeError(R_RUN.classCount, { targets: y.length, n });
    const out = new Float32Array(n * classes);
    for (let i = 0; i < n; i++) {
      const c = y[i];
      if (!Number.isInteger(c) || c < 0 || c >= classes) {
        throw new RuntimeError(R_RUN.classRange, { example: i + 1, class: c, classes, last: classes - 1 });
      }
      out[i * classes + c] = 1;
    }
    return out;
  }
  if (y.length !== n * width) {
    throw new RuntimeError(R_RUN.targetWidth, { loss, width, shape: outShape.join(', '), got: y.length / n });
  }
  if (loss !== 'mse') {
    for (let i = 0; i < y.length; i++) {
      if (y[i] !== 0 && y[i] !== 1) throw new RuntimeError(R_RUN.binaryTarget, { loss, example: i + 1, value: y[i] });
    }
  }
  return Float32Array.from(y);
}

/** The targets for `loss` as a tensor: [N, K] one-hot for cross_entropy, else [N, ...outShape]. */
export function targetTensor(loss: LossName, y: Float32Array | Int32Array, n: number, outShape: number[]): tf.Tensor {
  const shape = loss === 'cross_entropy' ? [n, outShape[outShape.length - 1]] : [n, ...outShape];
  return tf.tensor(lossTarget(loss, y, n, outShape), shape, 'float32');
}

/** Counts correct predictions in a batch; null for regression. */
export type CorrectFn = (output: tf.Tensor, target: tf.Tensor) => tf.Scalar;

export const CORRECT: Record<LossName, CorrectFn | null> = {
  cross_entropy: (out, oneHot) => tf.sum(tf.cast(tf.equal(tf.argMax(out, -1), tf.argMax(oneHot, -1)), 'float32')),
  // A probability above one half, a score above zero, is class 1.
  bce: (p, y) => tf.sum(tf.cast(tf.equal(tf.cast(tf.greater(p, 0.5), 'float32'), y), 'float32')),
  bce_logits: (z, y) => tf.sum(tf.cast(tf.equal(tf.cast(tf.greater(z, 0), 'float32'), y), 'float32')),
  mse: null,
};
