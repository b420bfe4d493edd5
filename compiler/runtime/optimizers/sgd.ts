/**
 * torch.optim.SGD with dampening 0 and nesterov off:
 *   g = grad + weight_decay * p
 *   buf = g on the first step, else momentum * buf + g      (when momentum > 0)
 *   p = p - lr * buf
 */
import * as tf from '@tensorflow/tfjs-core';
import { applyFlat, flatten, readFlat, restoreFlat } from './flat.ts';
import type { Optimizer } from './optimizer.ts';

export interface SgdSettings {
  lr: number;
  momentum: number;
  weightDecay: number;
}

export function sgd({ lr, momentum, weightDecay }: SgdSettings): Optimizer {
  let buffer: tf.Variable | null = null;
  let steps = 0;
  return {
    step(params, grads) {
      steps += 1;
      let g = flatten(grads);
      if (weightDecay !== 0) g = tf.add(g, tf.mul(flatten(params), weightDecay));
      if (momentum !== 0) {
        if (buffer === null) {
          buffer = tf.variable(g, false);
        } else {
          buffer.assign(tf.add(tf.mul(buffer, momentum), g));
          g = buffer as tf.Tensor as tf.Tensor1D;
        }
      }
      applyFlat(params, tf.mul(g, lr));
    },
    save() {
      return { steps, buffers: buffer === null ? [] : [readFlat(buffer)] };
    },
    restore(state) {
      buffer?.dispose();
      steps = state.steps;
      buffer = state.buffers.length === 1 ? restoreFlat(state.buffers[0]) : null;
    },
    dispose() {
      buffer?.dispose();
      buffer = null;
    },
  };
}
