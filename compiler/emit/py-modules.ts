/**
 * One entry per op: the PyTorch module a graph node becomes, written as Python source.
 * Together they keep `layers.k` of the emitted `nn.Sequential` equal to node k, so the
 * module's state_dict names and shapes are the graph's (`layers.0.weight`, ...).
 */
import type { Attrs, GraphNode, OpKind } from '../graph/types.ts';
import { pyCodeNames, pyIdentifier } from './py-literal.ts';

/** Helper modules some ops need; emitted once, above the net, when used. */
export const PY_HELPERS = {
  RNNOutput: `class RNNOutput(nn.RNN):
    """nn.RNN(batch_first=True) returning every step's output only; as a subclass its
    parameters keep the names weight_ih_l0, ... directly under layers.k."""

    def __init__(self, input_size, hidden_size):
        super().__init__(input_size, hidden_size, batch_first=True)

    def forward(self, x):
        return super().forward(x)[0]`,
  LSTMOutput: `class LSTMOutput(nn.LSTM):
    """nn.LSTM(batch_first=True) returning every step's output only; as a subclass its
    parameters keep the names weight_ih_l0, ... directly under layers.k."""

    def __init__(self, input_size, hidden_size):
        super().__init__(input_size, hidden_size, batch_first=True)

    def forward(self, x):
        return super().forward(x)[0]`,
  LastStep: `class LastStep(nn.Module):
    """The last step of a sequence: [N, T, H] -> [N, H], as x[:, -1]."""

    def forward(self, x):
        return x[:, -1]`,
} as const;

export type PyHelper = keyof typeof PY_HELPERS;

/**
 * Where the net's class name goes while a file is written: a NUL, which no emitted text
 * holds (every literal, docstring and comment escapes it). toPyTorch fills it in last.
 */
export const CLASS_SLOT = '\0';

/**
 * The Python class name of a net in `file` (written with CLASS_SLOT for it): the net's own
 * name unless it is a keyword or a name the file's code already uses, such as `model`,
 * `len` or `diverged`, which the class would shadow; then `Net` is appended.
 */
export function pyClassName(net: string, file: string): string {
  return pyIdentifier(net, pyCodeNames(file), 'Net');
}

/** `file` with the net's class name in its slot. */
export function withClassName(net: string, file: string): string {
  return file.replaceAll(CLASS_SLOT, pyClassName(net, file));
}

interface PyModule {
  code: string;
  helper?: PyHelper;
}

const num = (a: Attrs, key: string): number => a[key] as number;

/** A kernel or stride written as PyTorch takes it: `3` when square, `(3, 5)` otherwise. */
function pair(v: number | boolean | number[]): string {
  if (Array.isArray(v)) return v.length === 2 && v[0] !== v[1] ? `(${v[0]}, ${v[1]})` : String(v[0]);
  return String(v);
}

/** A number as a Python literal: JavaScript's shortest form (0.2, 1e-5, 3) is valid Python too. */
export function pyNumber(v: number): string {
  return String(v);
}

const pool = (cls: string) => (n: GraphNode): PyModule => {
  const k = pair(n.attrs.kernel);
  const s = pair(n.attrs.stride ?? n.attrs.kernel);
  return { code: s === k ? `nn.${cls}(${k})` : `nn.${cls}(${k}, stride=${s})` };
};

const PY_MODULES: Record<OpKind, (n: GraphNode) => PyModule> = {
  linear: (n) => ({ code: `nn.Linear(${num(n.attrs, 'in')}, ${num(n.attrs, 'out')}${n.attrs.bias === false ? ', bias=False' : ''})` }),
  conv: (n) => {
    const extra = [
      num(n.attrs, 'stride') !== 1 ? `stride=${num(n.attrs, 'stride')}` : '',
      num(n.attrs, 'pad') !== 0 ? `padding=${num(n.attrs, 'pad')}` : '',
      n.attrs.bias === false ? 'bias=False' : '',
    ].filter(Boolean);
    return { code: `nn.Conv2d(${[num(n.attrs, 'in'), num(n.attrs, 'out'), pair(n.attrs.kernel), ...extra].join(', ')})` };
  },
  maxpool: pool('MaxPool2d'),
  avgpool: pool('AvgPool2d'),
  flatten: () => ({ code: 'nn.Flatten()' }),
  relu: () => ({ code: 'nn.ReLU()' }),
  sigmoid: () => ({ code: 'nn.Sigmoid()' }),
  tanh: () => ({ code: 'nn.Tanh()' }),
  gelu: () => ({ code: 'nn.GELU()' }),
  leaky_relu: (n) => ({ code: `nn.LeakyReLU(negative_slope=${pyNumber(num(n.attrs, 'slope'))})` }),
  silu: () => ({ code: 'nn.SiLU()' }),
  softmax: () => ({ code: 'nn.Softmax(dim=-1)' }),
  dropout: (n) => ({ code: `nn.Dropout(${pyNumber(num(n.attrs, 'p'))})` }),
  batchnorm: (n) => {
    const cls = num(n.attrs, 'dims') === 2 ? 'BatchNorm2d' : 'BatchNorm1d';
    const extra = [
      n.attrs.eps !== undefined && num(n.attrs, 'eps') !== 1e-5 ? `eps=${pyNumber(num(n.attrs, 'eps'))}` : '',
      n.attrs.momentum !== undefined && num(n.attrs, 'momentum') !== 0.1 ? `momentum=${pyNumber(num(n.attrs, 'momentum'))}` : '',
    ].filter(Boolean);
    return { code: `nn.${cls}(${[num(n.attrs, 'features'), ...extra].join(', ')})` };
  },
  rnn: (n) => ({ code: `RNNOutput(${num(n.attrs, 'in')}, ${num(n.attrs, 'hidden')})`, helper: 'RNNOutput' }),
  lstm: (n) => ({ code: `LSTMOutput(${num(n.attrs, 'in')}, ${num(n.attrs, 'hidden')})`, helper: 'LSTMOutput' }),
  last: () => ({ code: 'LastStep()', helper: 'LastStep' }),
};

export function pyModule(node: GraphNode): PyModule {
  return PY_MODULES[node.op](node);
}
