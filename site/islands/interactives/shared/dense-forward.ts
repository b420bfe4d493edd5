/**
 * One forward pass through a small fully connected net, written out step by step: every
 * unit's weighted sum term by term, then the activation. This is the arithmetic the
 * forward-pass lesson teaches, kept free of TensorFlow.js so the steps render at build time
 * and update as the learner types; the tests check each step against the runtime's Model.
 */
import type { NetGraph } from 'dlc';
import { value, type Activation } from './activation-math.ts';

export type DenseLayer =
  | { op: 'linear'; index: number; weight: number[][]; bias: number[] }
  | { op: Activation; index: number };

export interface DenseNet {
  name: string;
  inputs: number;
  layers: DenseLayer[];
}

/** One unit's weighted sum: z = sum of weight * input, plus the bias. */
export interface UnitSum {
  terms: Array<{ weight: number; input: number }>;
  bias: number;
  z: number;
}

export interface ForwardStep {
  /** `layers.k` index of the node. */
  index: number;
  op: DenseLayer['op'];
  input: number[];
  output: number[];
  /** For linear layers: how each output was summed. */
  sums?: UnitSum[];
}

/** Weights by state_dict name, PyTorch layout (Linear weight [out, in], row-major). */
export type PlainState = Record<string, { shape: number[]; data: ArrayLike<number> }>;

/**
 * A compiled net of linear layers and element-wise activations, with its weights, as plain
 * numbers. Throws on any other op: the stepper only explains dense nets.
 *
 * @example
 * denseNet(compileNet('net Tiny < linear 2->2; relu; linear 2->1; sigmoid >'), state)
 */
export function denseNet(net: NetGraph, state: PlainState): DenseNet {
  if (net.inputShape.length !== 1) throw new Error(`net ${net.name} does not take a vector input`);
  const layers = net.nodes.map((node): DenseLayer => {
    if (node.op === 'linear') {
      const w = state[`layers.${node.index}.weight`];
      const b = state[`layers.${node.index}.bias`];
      const [out, inF] = w.shape;
      const weight = Array.from({ length: out }, (_, o) => Array.from({ length: inF }, (_, i) => Number(w.data[o * inF + i])));
      const bias = Array.from({ length: out }, (_, o) => (b ? Number(b.data[o]) : 0));
      return { op: 'linear', index: node.index, weight, bias };
    }
    if (node.op === 'relu' || node.op === 'sigmoid' || node.op === 'tanh' || node.op === 'gelu' || node.op === 'softmax') {
      return { op: node.op, index: node.index };
    }
    throw new Error(`the forward-pass stepper explains linear layers and activations, not ${node.op}`);
  });
  return { name: net.name, inputs: net.inputShape[0], layers };
}

function softmax(v: number[]): number[] {
  const m = Math.max(...v);
  const e = v.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}

/**
 * Every step of the forward pass for input x.
 *
 * @example
 * forwardSteps(tiny, [2, 1])[0].sums[0].z // -0.25 for the lesson's weights
 */
export function forwardSteps(net: DenseNet, x: readonly number[]): ForwardStep[] {
  if (x.length !== net.inputs) throw new Error(`net ${net.name} takes ${net.inputs} inputs, got ${x.length}`);
  const steps: ForwardStep[] = [];
  let h = [...x];
  for (const layer of net.layers) {
    if (layer.op === 'linear') {
      const sums = layer.weight.map((row, o) => {
        const terms = row.map((w, i) => ({ weight: w, input: h[i] }));
        const z = terms.reduce((acc, t) => acc + t.weight * t.input, 0) + layer.bias[o];
        return { terms, bias: layer.bias[o], z };
      });
      steps.push({ index: layer.index, op: 'linear', input: h, output: sums.map((s) => s.z), sums });
      h = sums.map((s) => s.z);
    } else {
      const out = layer.op === 'softmax' ? softmax(h) : h.map((v) => value(layer.op, v));
      steps.push({ index: layer.index, op: layer.op, input: h, output: out });
      h = out;
    }
  }
  return steps;
}

/**
 * The value each diagram column ends with: a linear layer opens a column and the
 * activations after it overwrite its values, so a column holds its units' outputs.
 */
export function columnOutputs(steps: readonly ForwardStep[]): number[][] {
  const out: number[][] = [];
  for (const s of steps) {
    if (s.op === 'linear') out.push(s.output);
    else out[out.length - 1] = s.output;
  }
  return out;
}
