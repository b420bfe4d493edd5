/**
 * PyTorch's default initialisation, drawn as PyTorch draws it: `torch.manual_seed(seed)`,
 * then every module of the nn.Sequential in order fills its tensors with `uniform_`
 * (weight before bias; an LSTM's weight_ih, weight_hh, bias_ih, bias_hh). The same seed
 * gives PyTorch's very weights, on every backend and every run.
 */
import type { NetGraph, ParamSpec } from '../graph/types.ts';
import type { StateDict, TensorData } from './api.ts';
import { Mt19937, torchUniform } from './rng.ts';

/**
 * The initial state_dict of a net, from a seed or from a generator already in use (which
 * it advances, as building the module advances torch's global generator).
 *
 * @example
 * initialState(net, 0)['layers.0.weight'] // { shape: [32, 4], data: Float32Array(128) in +-1/sqrt(4) }
 */
export function initialState(net: NetGraph, seed: number | Mt19937): StateDict {
  const gen = typeof seed === 'number' ? new Mt19937(seed) : seed;
  const state: StateDict = {};
  for (const node of net.nodes) {
    for (const spec of node.params) state[spec.name] = initialTensor(spec, gen);
  }
  return state;
}

function initialTensor(spec: ParamSpec, gen: Mt19937): TensorData {
  const size = spec.shape.reduce((a, b) => a * b, 1);
  if (spec.dtype === 'int64') {
    const value = spec.init.kind === 'const' ? spec.init.value : 0;
    return { shape: [...spec.shape], data: new Int32Array(size).fill(value), dtype: 'int64' };
  }
  const data = spec.init.kind === 'const'
    ? new Float32Array(size).fill(spec.init.value)
    : torchUniform(gen, size, -spec.init.bound, spec.init.bound);
  return { shape: [...spec.shape], data, dtype: 'float32' };
}
