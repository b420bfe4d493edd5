/**
 * torch.optim.SGD with dampening 0 and nesterov off:
 *   g = grad + weight_decay * p
 *   buf = g on the first step, else momentum * buf + g      (when momentum > 0)
 *   p = p - lr * buf
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Optimizer } from './optimizer.ts';

export interface SgdSettings {
  lr: number;
  momentum: number;
  weightDecay: number;
}

export function sgd({ lr, momentum, weightDecay }: SgdSettings): Optimizer {
  const buffers = new Map<tf.Variable, tf.Variable>();
  return {
    step(params, grads) {
      params.forEach((p, i) => {
        let g = weightDecay === 0 ? grads[i] : tf.add(grads[i], tf.mul(p, weightDecay));
        if (momentum !== 0) {
          const buf = buffers.get(p);
          if (buf === undefined) {
            buffers.set(p, tf.variable(g, false));
          } else {
            buf.assign(tf.add(tf.mul(buf, momentum), g));
            g = buf;
          }
        }
        p.assign(tf.sub(p, tf.mul(g, lr)));
      });
    },
    dispose() {
      for (const b of buffers.values()) b.dispose();
      buffers.clear();
    },
  };
}
