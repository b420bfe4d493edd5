/** An optimizer updates variables in place from their gradients, inside the caller's tf.tidy. */
import type * as tf from '@tensorflow/tfjs-core';

export interface Optimizer {
  /** One update; grads[i] belongs to params[i]. */
  step(params: tf.Variable[], grads: tf.Tensor[]): void;
  /** Frees the optimizer's state (momentum buffers, moments). */
  dispose(): void;
}
