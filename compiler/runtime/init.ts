/**
 * PyTorch's default initialisation, drawn from the spec's seed: each state_dict entry gets
 * its own stream (`init/<name>`), so the weights of one layer do not depend on the others
 * and are identical on every backend and every run.
 */
import type { NetGraph, ParamSpec } from '../graph/types.ts';
import type { StateDict, TensorData } from './api.ts';
import { createRng } from './rng.ts';

/**
 * The initial state_dict of a net.
 *
 * @example
 * initialState(net, 0)['layers.0.weight'] // { shape: [32, 4], data: Float32Array(128) in +-1/sqrt(4) }
 */
export function initialState(net: NetGraph, seed: number): StateDict {
  const state: StateDict = {};
  for (const node of net.nodes) {
    for (const spec of node.params) state[spec.name] = initialTensor(spec, seed);
  }
  return state;
}

function initialTensor(spec: ParamSpec, seed: number): TensorData {
  const size = spec.shape.reduce((a, b) => a * b, 1);
  if (spec.dtype === 'int64') {
    const value = spec.init.kind === 'const' ? spec.init.value : 0;
    return { shape: [...spec.shape], data: new Int32Array(size).fill(value), dtype: 'int64' };
  }
  const data = new Float32Array(size);
  if (spec.init.kind === 'const') {
    data.fill(spec.init.value);
  } else {
    // U(-b, b) as torch.nn.init.uniform_ draws it: b * (2u - 1).
    const rng = createRng(seed, `init/${spec.name}`);
    const b = spec.init.bound;
    for (let i = 0; i < size; i++) data[i] = (rng.next() * 2 - 1) * b;
  }
  return { shape: [...spec.shape], data, dtype: 'float32' };
}
