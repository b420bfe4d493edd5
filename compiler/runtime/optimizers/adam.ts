/**
 * torch.optim.Adam as PyTorch 1.13 computes it (not tfjs's AdamOptimizer, which folds the
 * bias corrections into the step size and adds eps before correcting):
 *   g = grad + weight_decay * p
 *   m = beta1 m + (1 - beta1) g ;  v = beta2 v + (1 - beta2) g^2
 *   p = p - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 */
import * as tf from '@tensorflow/tfjs-core';
import { applyFlat, flatState, flatten, readFlat, restoreFlat } from './flat.ts';
import type { Optimizer } from './optimizer.ts';

export interface AdamSettings {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
}

export function adam({ lr, beta1, beta2, eps, weightDecay }: AdamSettings): Optimizer {
  let moments: { m: tf.Variable; v: tf.Variable } | null = null;
  let t = 0;
  return {
    step(params, grads) {
      t += 1;
      moments ??= { m: flatState(params), v: flatState(params) };
      const { m: mVar, v: vVar } = moments;
      let g = flatten(grads);
      if (weightDecay !== 0) g = tf.add(g, tf.mul(flatten(params), weightDecay));
      // In PyTorch's order of operations, so the roundings are PyTorch's too:
      // exp_avg.mul_(b1).add_(g, alpha=1-b1); exp_avg_sq.mul_(b2).addcmul_(g, g, value=1-b2);
      // param.addcdiv_(exp_avg, denom, value=-step_size) = param - (step_size * exp_avg) / denom.
      const m = tf.add(tf.mul(mVar, beta1), tf.mul(g, 1 - beta1));
      const v = tf.add(tf.mul(vVar, beta2), tf.mul(tf.mul(g, 1 - beta2), g));
      mVar.assign(m);
      vVar.assign(v);
      const stepSize = lr / (1 - beta1 ** t);
      const denom = tf.add(tf.div(tf.sqrt(v), Math.sqrt(1 - beta2 ** t)), eps);
      applyFlat(params, tf.div(tf.mul(m, stepSize), denom) as tf.Tensor1D);
    },
    save() {
      return { steps: t, buffers: moments === null ? [] : [readFlat(moments.m), readFlat(moments.v)] };
    },
    restore(state) {
      moments?.m.dispose();
      moments?.v.dispose();
      t = state.steps;
      moments = state.buffers.length === 2 ? { m: restoreFlat(state.buffers[0]), v: restoreFlat(state.buffers[1]) } : null;
    },
    dispose() {
      moments?.m.dispose();
      moments?.v.dispose();
      moments = null;
    },
  };
}
