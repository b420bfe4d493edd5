/**
 * A net as TensorFlow.js variables: built from a NetGraph, holding every state_dict entry
 * by its PyTorch name and in PyTorch's layout, and running the op table node by node.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { NetGraph, ParamSpec } from '../graph/types.ts';
import type { StateDict, TensorData } from './api.ts';
import { initialState } from './init.ts';
import type { ForwardContext, Layout } from './ops/op.ts';
import { permute } from './ops/permute.ts';
import { OPS } from './ops/registry.ts';
import { RuntimeError } from './errors.ts';
import { R } from '../diagnostics/messages.ts';
import { Mt19937 } from './rng.ts';

export interface ModelOptions {
  /**
   * Seeds the model's generator, as torch.manual_seed before building the module: it draws
   * the initial weights, then dropout masks and (in train()) the epochs' batch orders. Default 0.
   */
  seed?: number;
  /** Start from these weights instead of the seeded ones (the generator still advances past them). */
  state?: StateDict;
}

interface NodeState {
  tensors: Record<string, tf.Variable>;
  counters: Record<string, number>;
}

const TO_NHWC = [0, 2, 3, 1];
const TO_NCHW = [0, 3, 1, 2];

export class Model {
  readonly net: NetGraph;
  /** Trainable parameters in state_dict order, and their names. */
  readonly params: tf.Variable[] = [];
  readonly paramNames: string[] = [];
  private readonly specs = new Map<string, ParamSpec>();
  private readonly variables = new Map<string, tf.Variable>();
  private readonly nodes: NodeState[] = [];
  /** torch's global CPU generator for this model's run. */
  readonly generator: Mt19937;

  /**
   * @example
   * const model = new Model(graph.nets[0], { seed: 42 });
   * const y = model.forward(tf.zeros([8, 4]), false); // [8, 3] for the Iris net
   */
  constructor(net: NetGraph, opts: ModelOptions = {}) {
    this.net = net;
    this.generator = new Mt19937(opts.seed ?? 0);
    const seeded = initialState(net, this.generator);
    const state = opts.state ?? seeded;
    for (const node of net.nodes) for (const spec of node.params) this.specs.set(spec.name, spec);
    this.checkState(state);
    for (const node of net.nodes) {
      const ns: NodeState = { tensors: {}, counters: {} };
      for (const spec of node.params) {
        const local = spec.name.slice(spec.name.lastIndexOf('.') + 1);
        if (spec.dtype === 'int64') {
          ns.counters[local] = 0;
          continue;
        }
        const v = tf.tidy(() => tf.variable(toTensor(state[spec.name], spec), spec.role === 'param'));
        ns.tensors[local] = v;
        this.variables.set(spec.name, v);
        if (spec.role === 'param') {
          this.params.push(v);
          this.paramNames.push(spec.name);
        }
      }
      this.nodes.push(ns);
    }
    for (const [name, spec] of this.specs) {
      if (spec.dtype === 'int64') this.setCounter(name, Number(state[name].data[0] ?? 0));
    }
  }

  /** The net's output for a batch x [N, ...inputShape] (images NCHW). Call inside tf.tidy. */
  forward(x: tf.Tensor, training: boolean): tf.Tensor {
    let h = x;
    let layout: Layout = 'nchw';
    for (let k = 0; k < this.net.nodes.length; k++) {
      const node = this.net.nodes[k];
      const impl = OPS[node.op];
      if (h.rank === 4 && impl.layout !== 'any' && impl.layout !== layout) {
        h = permute(h, impl.layout === 'nhwc' ? TO_NHWC : TO_NCHW);
        layout = impl.layout;
      }
      const ctx: ForwardContext = { training, layout, generator: this.generator, ...this.nodes[k] };
      h = impl.forward(h, node, ctx);
      if (h.rank !== 4) layout = 'nchw';
    }
    return h.rank === 4 && layout === 'nhwc' ? permute(h, TO_NCHW) : h;
  }

  /** Evaluation-mode output, as a new tensor the caller disposes (never `x` itself). */
  predict(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const y = this.forward(x, false);
      return y === x ? tf.clone(x) : y;
    });
  }

  /** Every parameter and buffer as plain data, by state_dict name, in graph order. */
  stateDict(): StateDict {
    const out: StateDict = {};
    for (const [name, spec] of this.specs) {
      const v = this.variables.get(name);
      if (v !== undefined) {
        out[name] = { shape: [...spec.shape], data: (v.dataSync() as Float32Array).slice(), dtype: 'float32' };
      } else {
        const value = this.counter(name);
        out[name] = { shape: [...spec.shape], data: Int32Array.of(value), dtype: 'int64' };
      }
    }
    return out;
  }

  /** Replaces every parameter and buffer; names and shapes must be exactly the net's. */
  loadStateDict(state: StateDict): void {
    this.checkState(state);
    for (const [name, spec] of this.specs) {
      const v = this.variables.get(name);
      if (v !== undefined) {
        tf.tidy(() => v.assign(toTensor(state[name], spec)));
      } else {
        this.setCounter(name, Number(state[name].data[0] ?? 0));
      }
    }
  }

  private checkState(state: StateDict): void {
    const missing = [...this.specs.keys()].filter((n) => !(n in state));
    const unexpected = Object.keys(state).filter((n) => !this.specs.has(n));
    if (missing.length > 0 || unexpected.length > 0) {
      const parts = [];
      if (missing.length > 0) parts.push(`missing ${missing.join(', ')}`);
      if (unexpected.length > 0) parts.push(`unexpected ${unexpected.join(', ')}`);
      throw new RuntimeError(R.weightsFit, { net: this.net.name, problems: parts.join('; ') });
    }
    for (const [name, spec] of this.specs) {
      const t = state[name];
      const size = spec.shape.reduce((a, b) => a * b, 1);
      if (!sameShape(t.shape, spec.shape) || t.data.length !== size) {
        throw new RuntimeError(R.weightsFit, { net: this.net.name, problems: `${name} has shape [${t.shape.join(', ')}], the net needs [${spec.shape.join(', ')}]` });
      }
    }
  }

  /** Frees the variables; the model is unusable afterwards. */
  dispose(): void {
    for (const v of this.variables.values()) v.dispose();
    this.variables.clear();
  }

  private counter(name: string): number {
    const { node, local } = this.locate(name);
    return node.counters[local];
  }

  private setCounter(name: string, value: number): void {
    const { node, local } = this.locate(name);
    node.counters[local] = value;
  }

  private locate(name: string): { node: NodeState; local: string } {
    const k = this.net.nodes.findIndex((n) => n.params.some((p) => p.name === name));
    return { node: this.nodes[k], local: name.slice(name.lastIndexOf('.') + 1) };
  }
}

function toTensor(t: TensorData, spec: ParamSpec): tf.Tensor {
  return tf.tensor(t.data instanceof Float32Array ? t.data : Float32Array.from(t.data), spec.shape, 'float32');
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

