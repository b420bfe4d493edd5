/** An optimizer updates variables in place from their gradients, inside the caller's tf.tidy. */
import type * as tf from '@tensorflow/tfjs-core';
import type { OptimizerState } from '../api.ts';

export interface Optimizer {
  /** One update; grads[i] belongs to params[i]. */
  step(params: tf.Variable[], grads: tf.Tensor[]): void;
  /** Its state as plain data (steps taken, flat buffers), for a snapshot a run resumes from. */
  save(): OptimizerState;
  /** Continues from a saved state, as if the steps it counts had been taken here. */
  restore(state: OptimizerState): void;
  /** Frees the optimizer's state (momentum buffers, moments). */
  dispose(): void;
}
