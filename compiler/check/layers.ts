/**
 * The op table: for every op, its signature, its PyTorch module, how its attributes are
 * resolved, its shape rule, its state_dict entries, its FLOPs, and what the rest of the
 * pipeline needs to know about it (category, input example, formatter and lint treatment).
 * `OP_KINDS` names the ops and `OpKind` is derived from it; every other table keyed by op
 * (the runtime's kernels, the PyTorch modules) is a `Record<OpKind, ...>`, so the type
 * checker finds a missing entry, and tests/compiler/op-table.test.ts holds the rest (the
 * dl grammar, the docs, stray op names) equal to this table. docs/adding-an-op.md says how.
 */
import type { Attrs, OpKind, ParamSpec, Shape, Span } from '../graph/types.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { Item } from '../syntax/ast.ts';
import type { ArgValues, Signature } from './item-args.ts';
import { itemText } from './item-args.ts';
import { diag, M, shapeText } from '../diagnostics/messages.ts';

/**
 * Names of the two layers involved in a shape error, as the messages print them. Built
 * for every layer but read only on an error, so the texts are made on demand.
 */
export class Where {
  item: Item;
  index: number;
  /** The item that produced the input: the previous layer, the `input` line, or none. */
  prevItem: Item | null;
  prevIndex: number | null;

  constructor(item: Item, index: number, prevItem: Item | null, prevIndex: number | null) {
    this.item = item;
    this.index = index;
    this.prevItem = prevItem;
    this.prevIndex = prevIndex;
  }

  get span(): Span {
    return this.item.span;
  }

  /** This layer, e.g. "`linear 16->3` (layer 2)". */
  get self(): string {
    return `\`${itemText(this.item)}\` (layer ${this.index})`;
  }

  /** The producer of the input, e.g. "`relu` (layer 1)", "`input 4`" or "the input". */
  get prev(): string {
    if (!this.prevItem) return 'the input';
    return this.prevIndex === null ? this.prevText : `${this.prevText} (layer ${this.prevIndex})`;
  }

  /** The producer's bare source text, for fixes: "`relu` gives 32 features". */
  get prevText(): string {
    return this.prevItem ? `\`${itemText(this.prevItem)}\`` : 'the input';
  }

  /** This layer's source with its sizes (its first positional argument) replaced: the one-number fix. */
  rewrite(sizes: string): string {
    const at = this.item.args.findIndex((a) => a.kind !== 'option');
    return [this.item.name.text, ...this.item.args.map((a, i) => (i === at ? sizes : a.text))].join(' ');
  }
}

/** Every op of the language, in the order the docs and completion list them. */
export const OP_KINDS = [
  'linear', 'conv', 'maxpool', 'avgpool', 'flatten',
  'relu', 'sigmoid', 'tanh', 'gelu', 'leaky_relu', 'silu', 'softmax',
  'dropout', 'batchnorm', 'rnn', 'lstm', 'last',
] as const;

/** What a first layer needs as its input, when the net declares none: see INPUT_EXAMPLES. */
export type InputKind = 'features' | 'image' | 'sequence';

/** The `input` line a message suggests for a first layer of each input kind. */
export const INPUT_EXAMPLES: Record<InputKind, string> = {
  features: 'input 4',
  image: 'input 1x8x8',
  sequence: 'input 20x1',
};

export interface LayerRule {
  op: OpKind;
  /** One line for docs and completion. */
  doc: string;
  torch: string;
  sig: Signature;
  attrs: (v: ArgValues) => Attrs;
  /** The input shape this layer fixes when the net declares none (only `linear` does). */
  inferInput?: (a: Attrs) => Shape;
  /** Output shape, or the diagnostic that explains why this input does not fit. */
  shape: (input: Shape, a: Attrs, w: Where) => Shape | Diagnostic;
  params: (a: Attrs, prefix: string) => ParamSpec[];
  flops: (a: Attrs, input: Shape, output: Shape) => number;
  /**
   * Keeps the shape and acts per unit (activations, dropout, batchnorm): it may come before
   * the layer that fixes the input, and a units diagram labels a column with it instead of
   * drawing a new one.
   */
  keepsShape?: boolean;
  /** The formatter writes it on the line of the layer before it (activations, batchnorm). */
  follows?: boolean;
  /** Does not bend a linear map: the collapse lint looks through it (dropout, flatten). */
  transparent?: boolean;
  /** May follow a net's output layer (softmax, sigmoid, dropout): the output-size fix looks past it. */
  afterOutput?: boolean;
  /** What the layer reads when it comes first: picks the suggested `input` line. */
  input: InputKind;
  /** Attributes that depend on the input shape, filled in once it is known (batchnorm's features). */
  resolve?: (a: Attrs, input: Shape) => Attrs;
}

const numel = (s: Shape) => s.reduce((a, b) => a * b, 1);
const num = (a: Attrs, k: string) => a[k] as number;
const pair = (a: Attrs, k: string) => a[k] as number[];

function param(name: string, shape: number[], init: ParamSpec['init'], role: ParamSpec['role'] = 'param', dtype: ParamSpec['dtype'] = 'float32'): ParamSpec {
  return { name, shape, role, dtype, init };
}

const uniform = (bound: number) => ({ kind: 'uniform', bound }) as const;
const constant = (value: number) => ({ kind: 'const', value }) as const;

function noArgs(name: string): Signature {
  return { owner: name, usage: name, example: name, positional: [], options: {} };
}

interface ElementwiseExtra {
  attrs?: (v: ArgValues) => Attrs;
  sig?: Signature;
  afterOutput?: boolean;
}

function elementwise(op: OpKind, doc: string, torch: string, extra: ElementwiseExtra = {}): LayerRule {
  return {
    op, doc, torch,
    sig: extra.sig ?? noArgs(op),
    attrs: extra.attrs ?? (() => ({})),
    shape: (input) => input,
    params: () => [],
    flops: (_a, input) => numel(input),
    keepsShape: true,
    follows: true,
    afterOutput: extra.afterOutput,
    input: 'features',
  };
}

function rankError(w: Where, expects: string, input: Shape, fix?: string): Diagnostic {
  return diag(M.wrongRank, w.span, w.self, expects, w.prev, input, fix);
}

function recurrent(op: 'rnn' | 'lstm', gates: number, torch: string, doc: string): LayerRule {
  return {
    op, doc, torch,
    sig: {
      owner: op, usage: `${op} I->H`, example: `${op} 1->16`,
      positional: [{ key: 'sizes', kind: 'arrow', what: 'the sizes I->H (input features -> hidden size)', required: true }],
      options: {},
    },
    attrs: (v) => ({ in: (v.sizes as number[])[0]!, hidden: (v.sizes as number[])[1]! }),
    shape: (input, a, w) => {
      if (input.length !== 2) {
        const fix = input.length === 1
          ? `\`${op}\` reads a sequence [steps, features]; declare one with \`input ${Math.max(1, input[0]!)}x1\`, or use \`linear\``
          : undefined;
        return rankError(w, 'a sequence [steps, features]', input, fix);
      }
      if (input[1] !== num(a, 'in')) {
        return diag(M.sizeMismatch, w.span, w.self, `${num(a, 'in')} features per step`, w.prev, shapeText(input),
          `${w.prevText} gives ${input[1]} features per step; write \`${w.rewrite(`${input[1]}->${num(a, 'hidden')}`)}\``);
      }
      return [input[0]!, num(a, 'hidden')];
    },
    params: (a, p) => {
      const h = num(a, 'hidden');
      const b = uniform(1 / Math.sqrt(h));
      return [
        param(`${p}.weight_ih_l0`, [gates * h, num(a, 'in')], b),
        param(`${p}.weight_hh_l0`, [gates * h, h], b),
        param(`${p}.bias_ih_l0`, [gates * h], b),
        param(`${p}.bias_hh_l0`, [gates * h], b),
      ];
    },
    flops: (a, input) => input[0]! * 2 * gates * num(a, 'hidden') * (num(a, 'in') + num(a, 'hidden')),
    input: 'sequence',
  };
}

function pool(op: 'maxpool' | 'avgpool', torch: string, doc: string): LayerRule {
  return {
    op, doc, torch,
    sig: {
      owner: op, usage: `${op} K [stride=K]`, example: `${op} 2`,
      positional: [{ key: 'kernel', kind: 'size', what: `the window size K of \`${op}\``, required: true }],
      options: { stride: { kind: 'int', default: null, min: 1, max: 1_000_000, doc: 'step between windows (default K)' } },
    },
    attrs: (v) => ({ kernel: v.kernel as number, stride: (v.stride as number | null) ?? (v.kernel as number) }),
    shape: (input, a, w) => {
      if (input.length !== 3) return rankError(w, 'an image [channels, height, width]', input);
      const [c, h, wd] = input as [number, number, number];
      const k = num(a, 'kernel');
      const s = num(a, 'stride');
      if (k > h || k > wd) {
        return diag(M.kernelTooLarge, w.span, w.self, [k, k], [h, wd], `use a window of at most ${Math.min(h, wd)}: \`${w.rewrite(String(Math.min(h, wd)))}\``);
      }
      return [c, Math.floor((h - k) / s) + 1, Math.floor((wd - k) / s) + 1];
    },
    params: () => [],
    flops: (a, _input, output) => numel(output) * num(a, 'kernel') ** 2,
    input: 'image',
  };
}

export const LAYERS: Record<OpKind, LayerRule> = {
  linear: {
    op: 'linear',
    doc: 'fully connected: maps the last dimension from I to O features',
    torch: 'nn.Linear(I, O)',
    sig: {
      owner: 'linear', usage: 'linear I->O [bias=false]', example: 'linear 4->32',
      positional: [{ key: 'sizes', kind: 'arrow', what: 'the sizes I->O (input features -> output features)', required: true }],
      options: { bias: { kind: 'bool', default: true, doc: 'add a learned bias (default true)' } },
    },
    attrs: (v) => ({ in: (v.sizes as number[])[0]!, out: (v.sizes as number[])[1]!, bias: v.bias as boolean }),
    inferInput: (a) => [num(a, 'in')],
    shape: (input, a, w) => {
      const last = input[input.length - 1]!;
      const i = num(a, 'in');
      const o = num(a, 'out');
      if (last === i) {
        const out = input.slice();
        out[out.length - 1] = o;
        return out;
      }
      let fix = `${w.prevText} gives ${last} features; write \`${w.rewrite(`${last}->${o}`)}\``;
      if (input.length === 3) {
        const total = numel(input);
        fix = total === i
          ? `add \`flatten\` before it: ${w.prevText} gives an image ${shapeText(input)} of ${total} numbers`
          : `add \`flatten\` before it (it gives ${total} features) and write \`${w.rewrite(`${total}->${o}`)}\``;
      }
      return diag(M.sizeMismatch, w.span, w.self, `${i} features`, w.prev, shapeText(input), fix);
    },
    params: (a, p) => {
      const b = uniform(1 / Math.sqrt(num(a, 'in')));
      const ps = [param(`${p}.weight`, [num(a, 'out'), num(a, 'in')], b)];
      if (a.bias) ps.push(param(`${p}.bias`, [num(a, 'out')], b));
      return ps;
    },
    flops: (a, input) => (numel(input) / num(a, 'in')) * 2 * num(a, 'in') * num(a, 'out'),
    input: 'features',
  },

  conv: {
    op: 'conv',
    doc: '2-d convolution: I channels in, O channels out, a KxK window',
    torch: 'nn.Conv2d(I, O, K, stride, pad)',
    sig: {
      owner: 'conv', usage: 'conv I->O K [stride=1] [pad=0] [bias=false]', example: 'conv 1->8 3 pad=1',
      positional: [
        { key: 'sizes', kind: 'arrow', what: 'the channels I->O', required: true },
        { key: 'kernel', kind: 'window', what: 'the window size K of `conv`', required: true },
      ],
      options: {
        stride: { kind: 'int', default: 1, min: 1, max: 1_000_000, doc: 'step between windows (default 1)' },
        pad: { kind: 'int', default: 0, min: 0, max: 1_000_000, doc: 'zeros added on each side (default 0)' },
        bias: { kind: 'bool', default: true, doc: 'add a learned bias (default true)' },
      },
    },
    attrs: (v) => ({
      in: (v.sizes as number[])[0]!, out: (v.sizes as number[])[1]!, kernel: v.kernel as number[],
      stride: v.stride as number, pad: v.pad as number, bias: v.bias as boolean,
    }),
    shape: (input, a, w) => {
      const [kh, kw] = pair(a, 'kernel') as [number, number];
      if (input.length !== 3) {
        const fix = input.length === 1 ? '`conv` works on images: declare one with `input CxHxW`, for example `input 1x8x8`' : undefined;
        return rankError(w, 'an image [channels, height, width]', input, fix);
      }
      const [c, h, wd] = input as [number, number, number];
      if (c !== num(a, 'in')) {
        return diag(M.sizeMismatch, w.span, w.self, `${num(a, 'in')} channels`, w.prev, shapeText(input),
          `${w.prevText} gives ${c} channels; write \`${w.rewrite(`${c}->${num(a, 'out')}`)}\``);
      }
      const pad = num(a, 'pad');
      const s = num(a, 'stride');
      if (kh > h + 2 * pad || kw > wd + 2 * pad) {
        return diag(M.kernelTooLarge, w.span, w.self, [kh, kw], [h + 2 * pad, wd + 2 * pad],
          `use a window of at most ${Math.min(h, wd) + 2 * pad}, or more padding`);
      }
      return [num(a, 'out'), Math.floor((h + 2 * pad - kh) / s) + 1, Math.floor((wd + 2 * pad - kw) / s) + 1];
    },
    params: (a, p) => {
      const [kh, kw] = pair(a, 'kernel') as [number, number];
      const b = uniform(1 / Math.sqrt(num(a, 'in') * kh * kw));
      const ps = [param(`${p}.weight`, [num(a, 'out'), num(a, 'in'), kh, kw], b)];
      if (a.bias) ps.push(param(`${p}.bias`, [num(a, 'out')], b));
      return ps;
    },
    flops: (a, _input, output) => {
      const [kh, kw] = pair(a, 'kernel') as [number, number];
      return numel(output) * 2 * num(a, 'in') * kh * kw;
    },
    input: 'image',
  },

  maxpool: pool('maxpool', 'nn.MaxPool2d(K, stride)', 'the largest value of each KxK window'),
  avgpool: pool('avgpool', 'nn.AvgPool2d(K, stride)', 'the mean of each KxK window'),

  flatten: {
    op: 'flatten',
    doc: 'all dimensions into one, in channel-height-width order',
    torch: 'nn.Flatten()',
    sig: noArgs('flatten'),
    attrs: () => ({}),
    shape: (input) => [numel(input)],
    params: () => [],
    flops: () => 0,
    transparent: true,
    input: 'features',
  },

  relu: elementwise('relu', 'max(0, x), elementwise', 'nn.ReLU()'),
  sigmoid: elementwise('sigmoid', '1 / (1 + e^-x), elementwise: a probability', 'nn.Sigmoid()', { afterOutput: true }),
  tanh: elementwise('tanh', 'hyperbolic tangent, elementwise: -1 to 1', 'nn.Tanh()'),
  gelu: elementwise('gelu', 'x * Phi(x) (exact erf form), elementwise', 'nn.GELU()'),
  leaky_relu: elementwise('leaky_relu', 'x, or slope * x below 0, elementwise', 'nn.LeakyReLU(negative_slope)', {
    sig: {
      owner: 'leaky_relu', usage: 'leaky_relu [slope=0.01]', example: 'leaky_relu slope=0.1',
      positional: [],
      options: { slope: { kind: 'number', default: 0.01, range: { text: 'any number' }, doc: 'the factor for negative inputs (default 0.01)' } },
    },
    attrs: (v) => ({ slope: v.slope as number }),
  }),
  silu: elementwise('silu', 'x * sigmoid(x) (also called swish), elementwise', 'nn.SiLU()'),
  softmax: elementwise('softmax', 'exponentials normalised to sum to 1 over the last dimension', 'nn.Softmax(dim=-1)', { attrs: () => ({ axis: -1 }), afterOutput: true }),

  dropout: {
    op: 'dropout',
    doc: 'zeroes each value with probability P while training; identity in evaluation',
    torch: 'nn.Dropout(P)',
    sig: {
      owner: 'dropout', usage: 'dropout P', example: 'dropout 0.2',
      positional: [{
        key: 'p', kind: 'number', what: 'the dropout probability', required: true,
        range: { min: 0, max: 1, maxOpen: true, text: 'from 0 up to (not including) 1', fix: 'a probability such as `dropout 0.2` drops 20% of the values' },
      }],
      options: {},
    },
    attrs: (v) => ({ p: v.p as number }),
    shape: (input) => input,
    params: () => [],
    flops: (_a, input) => numel(input),
    keepsShape: true,
    transparent: true,
    afterOutput: true,
    input: 'features',
  },

  batchnorm: {
    op: 'batchnorm',
    doc: 'normalises each feature (or channel) over the batch, then scales and shifts',
    torch: 'nn.BatchNorm1d(F) / nn.BatchNorm2d(C)',
    sig: {
      owner: 'batchnorm', usage: 'batchnorm [eps=1e-5] [momentum=0.1]', example: 'batchnorm',
      positional: [],
      options: {
        eps: { kind: 'number', default: 1e-5, range: { min: 0, minOpen: true, text: 'greater than 0' }, doc: 'added to the variance (default 1e-5)' },
        momentum: { kind: 'number', default: 0.1, range: { min: 0, max: 1, text: 'from 0 to 1' }, doc: 'weight of the newest batch in the running statistics (default 0.1)' },
      },
    },
    // features and dims depend on the input shape: `resolve` fills them in once it is known.
    attrs: (v) => ({ features: 0, dims: 1, eps: v.eps as number, momentum: v.momentum as number }),
    resolve: (a, input) => ({ ...a, features: input[0]!, dims: input.length === 1 ? 1 : 2 }),
    shape: (input, _a, w) => {
      if (input.length === 1 || input.length === 3) return input;
      return rankError(w, 'features [F] or an image [C,H,W]', input,
        input.length === 2 ? 'batchnorm over a sequence is not supported; apply it after `last`' : undefined);
    },
    params: (a, p) => {
      const f = num(a, 'features');
      return [
        param(`${p}.weight`, [f], constant(1)),
        param(`${p}.bias`, [f], constant(0)),
        param(`${p}.running_mean`, [f], constant(0), 'buffer'),
        param(`${p}.running_var`, [f], constant(1), 'buffer'),
        param(`${p}.num_batches_tracked`, [], constant(0), 'buffer', 'int64'),
      ];
    },
    flops: (_a, input) => 2 * numel(input),
    keepsShape: true,
    follows: true,
    input: 'features',
  },

  rnn: recurrent('rnn', 1, 'nn.RNN(I, H, batch_first=True)', 'a tanh recurrent layer: every step\'s hidden state'),
  lstm: recurrent('lstm', 4, 'nn.LSTM(I, H, batch_first=True)', 'a long short-term memory layer: every step\'s output'),

  last: {
    op: 'last',
    doc: 'the last step of a sequence: [T,H] -> [H]',
    torch: 'x[:, -1]',
    sig: noArgs('last'),
    attrs: () => ({}),
    shape: (input, _a, w) => {
      if (input.length !== 2) {
        return rankError(w, 'a sequence [steps, features]', input,
          input.length === 1 ? '`last` picks the last step of a sequence; it belongs after `rnn` or `lstm`' : undefined);
      }
      return [input[1]!];
    },
    params: () => [],
    flops: () => 0,
    input: 'sequence',
  },
};

/** `input` is not a layer (it is not counted in `layers.k`), but it is written like one. */
export const INPUT_DOC = 'declares the example shape: `4` features, `20x1` steps x features, `1x8x8` channels x height x width';

const LAYER_SET: ReadonlySet<string> = new Set(Object.keys(LAYERS));

export function isLayer(name: string): name is OpKind {
  return LAYER_SET.has(name);
}
