/**
 * The optimizers' update on the host, over one flat vector of every parameter, in one loop
 * instead of about thirty kernels. The arithmetic is optimizers/adam.ts's and sgd.ts's, op
 * for op, each result rounded to float32 (Math.fround) as their kernels round it; the state
 * (steps, flat buffers) has their layout, so it moves to and from them (snapshots, resume).
 */
import type { OptimizerSettings } from '../../graph/types.ts';
import type { OptimizerState } from '../api.ts';

const f = Math.fround;

export interface HostOptimizer {
  /** One update of `params` in place from `grads`, both flat in the model's parameter order. */
  step(params: Float32Array, grads: Float32Array): void;
  save(): OptimizerState;
}

export function hostOptimizer(s: OptimizerSettings, size: number, state: OptimizerState): HostOptimizer {
  return s.name === 'adam' ? adam(s, size, state) : sgd(s, state);
}

function adam(s: OptimizerSettings, size: number, state: OptimizerState): HostOptimizer {
  let t = state.steps;
  const m = state.buffers.length === 2 ? Float32Array.from(state.buffers[0]) : new Float32Array(size);
  const v = state.buffers.length === 2 ? Float32Array.from(state.buffers[1]) : new Float32Array(size);
  let started = state.buffers.length === 2;
  const [b1, c1, b2, c2, wd, eps] = [f(s.beta1), f(1 - s.beta1), f(s.beta2), f(1 - s.beta2), f(s.weightDecay), f(s.eps)];
  return {
    step(p, grads) {
      t += 1;
      started = true;
      const stepSize = f(s.lr / (1 - s.beta1 ** t));
      const correction = f(Math.sqrt(1 - s.beta2 ** t));
      for (let i = 0; i < p.length; i++) {
        const g = wd !== 0 ? f(grads[i] + f(p[i] * wd)) : grads[i];
        const mi = f(f(m[i] * b1) + f(g * c1));
        const vi = f(f(v[i] * b2) + f(f(g * c2) * g));
        m[i] = mi;
        v[i] = vi;
        const denom = f(f(f(Math.sqrt(vi)) / correction) + eps);
        p[i] = f(p[i] - f(f(mi * stepSize) / denom));
      }
    },
    save: () => ({ steps: t, buffers: started ? [m.slice(), v.slice()] : [] }),
  };
}

function sgd(s: OptimizerSettings, state: OptimizerState): HostOptimizer {
  let steps = state.steps;
  let buffer = state.buffers.length === 1 ? Float32Array.from(state.buffers[0]) : null;
  const [lr, momentum, wd] = [f(s.lr), f(s.momentum), f(s.weightDecay)];
  return {
    step(p, grads) {
      steps += 1;
      const g = wd !== 0 ? grads.map((gi, i) => f(gi + f(p[i] * wd))) : grads;
      let d = g;
      if (momentum !== 0) {
        // The first step's buffer is the gradient itself, as in torch.optim.SGD.
        if (buffer === null) buffer = Float32Array.from(g);
        else for (let i = 0; i < g.length; i++) buffer[i] = f(f(buffer[i] * momentum) + g[i]);
        d = buffer;
      }
      for (let i = 0; i < p.length; i++) p[i] = f(p[i] - f(d[i] * lr));
    },
    save: () => ({ steps, buffers: buffer === null ? [] : [buffer.slice()] }),
  };
}
