/**
 * torch.optim.Adam as PyTorch 1.13 computes it (not tfjs's AdamOptimizer, which folds the
 * bias corrections into the step size and adds eps before correcting):
 *   g = grad + weight_decay * p
 *   m = beta1 m + (1 - beta1) g ;  v = beta2 v + (1 - beta2) g^2
 *   p = p - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Optimizer } from './optimizer.ts';

export interface AdamSettings {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
}

export function adam({ lr, beta1, beta2, eps, weightDecay }: AdamSettings): Optimizer {
  const moments = new Map<tf.Variable, { m: tf.Variable; v: tf.Variable }>();
  let t = 0;
  return {
    step(params, grads) {
      t += 1;
      const stepSize = lr / (1 - beta1 ** t);
      const bc2Sqrt = Math.sqrt(1 - beta2 ** t);
      params.forEach((p, i) => {
        const g = weightDecay === 0 ? grads[i] : tf.add(grads[i], tf.mul(p, weightDecay));
        let state = moments.get(p);
        if (state === undefined) {
          state = { m: tf.variable(tf.zerosLike(p), false), v: tf.variable(tf.zerosLike(p), false) };
          moments.set(p, state);
        }
        const m = tf.add(tf.mul(state.m, beta1), tf.mul(g, 1 - beta1));
        const v = tf.add(tf.mul(state.v, beta2), tf.mul(tf.square(g), 1 - beta2));
        state.m.assign(m);
        state.v.assign(v);
        const denom = tf.add(tf.div(tf.sqrt(v), bc2Sqrt), eps);
        p.assign(tf.sub(p, tf.mul(tf.div(m, denom), stepSize)));
      });
    },
    dispose() {
      for (const s of moments.values()) {
        s.m.dispose();
        s.v.dispose();
      }
      moments.clear();
    },
  };
}
