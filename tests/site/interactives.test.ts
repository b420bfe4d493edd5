// The arithmetic behind the lesson interactives that runs without TensorFlow.js on the page
// (activation plots, forward-pass stepper) checked against the runtime itself, and the
// gradient view's autograd checked against the lesson's worked example and PyTorch.
import { spawnSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import type { NetGraph } from '../../compiler/graph/types.ts';
import { initBackend } from '../../compiler/runtime/backend.ts';
import { Model } from '../../compiler/runtime/model.ts';
import { OPS } from '../../compiler/runtime/ops/registry.ts';
import type { ForwardContext } from '../../compiler/runtime/ops/op.ts';
import type { StateDict } from '../../compiler/runtime/api.ts';
import { compileNet } from '../../site/islands/interactives/compute/spec.ts';
import { backward } from '../../site/islands/interactives/compute/gradients.ts';
import { ACTIVATIONS, derivative, grid, softmaxAll, SOFTMAX_OTHERS, value } from '../../site/islands/interactives/shared/activation-math.ts';
import { columnOutputs, denseNet, forwardSteps, type PlainState } from '../../site/islands/interactives/shared/dense-forward.ts';
import { TINY_INPUT, TINY_SPEC, TINY_STATE } from '../../site/islands/interactives/shared/tiny-net.ts';
import { stepLines } from '../../site/islands/interactives/views/forward-view.ts';
import { crossings, verdict } from '../../site/islands/interactives/shared/lr-verdict.ts';

beforeAll(async () => {
  await initBackend('cpu');
});

/** A generator for test inputs that is the same on every run. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function stateDict(state: PlainState): StateDict {
  return Object.fromEntries(Object.entries(state).map(([k, t]) => [k, { shape: t.shape, data: Float32Array.from(t.data), dtype: 'float32' as const }]));
}

/** The net's first k+1 layers as a net of their own: the runtime's output after layer k. */
function prefix(net: NetGraph, k: number): NetGraph {
  const nodes = net.nodes.slice(0, k + 1);
  return { ...net, nodes, outputShape: nodes[k].outShape };
}

function layerOutputs(net: NetGraph, state: PlainState, x: number[]): number[][] {
  return net.nodes.map((_, k) => {
    const sub = prefix(net, k);
    const names = new Set(sub.nodes.flatMap((n) => n.params.map((p) => p.name)));
    const model = new Model(sub, { state: stateDict(Object.fromEntries(Object.entries(state).filter(([n]) => names.has(n)))) });
    try {
      return Array.from(tf.tidy(() => model.forward(tf.tensor([x]), false).dataSync()));
    } finally {
      model.dispose();
    }
  });
}

/** What an element-wise op's forward reads: nothing but the input. */
const CTX = { training: false, layout: 'nchw', tensors: {}, counters: {} } as unknown as ForwardContext;

describe('activation plots', () => {
  const xs = grid(-4, 4, 80).concat([0, -0.75, 1e-3, -1e-3]);

  test.each(ACTIVATIONS.filter((f) => f !== 'softmax'))('%s: values and slopes equal the runtime op and its autograd', (f) => {
    const node = compileNet(`net A < input 1; ${f} >`).nodes[0];
    const op = (x: tf.Tensor) => OPS[f].forward(x, node, CTX);
    const x = tf.tensor1d(xs);
    const values = tf.tidy(() => op(x).dataSync());
    const slopes = tf.tidy(() => tf.grad((t: tf.Tensor) => tf.sum(op(t)))(x).dataSync());
    x.dispose();
    xs.forEach((v, i) => {
      expect(value(f, v)).toBeCloseTo(values[i], 5);
      expect(derivative(f, v)).toBeCloseTo(slopes[i], 5);
    });
  });

  test('softmax: the first probability and its slope equal the runtime op and its autograd', () => {
    const node = compileNet('net A < input 3; softmax >').nodes[0];
    for (const v of xs) {
      const scores = tf.tensor2d([[v, ...SOFTMAX_OTHERS]]);
      const p = tf.tidy(() => OPS.softmax.forward(scores, node, CTX).dataSync());
      const dp = tf.tidy(() =>
        tf.grad((s: tf.Tensor) => tf.sum(tf.slice(OPS.softmax.forward(s, node, CTX), [0, 0], [1, 1])))(scores).dataSync());
      scores.dispose();
      softmaxAll(v).forEach((q, i) => expect(q).toBeCloseTo(p[i], 6));
      expect(value('softmax', v)).toBeCloseTo(p[0], 6);
      expect(derivative('softmax', v)).toBeCloseTo(dp[0], 6);
    }
  });

  test('the lesson table: GELU dips to about -0.17 near -0.75, sigmoid slope peaks at 0.25', () => {
    const fine = grid(-4, 0, 4000);
    const low = Math.min(...fine.map((x) => value('gelu', x)));
    expect(low).toBeCloseTo(-0.17, 2);
    expect(Math.max(...grid(-6, 6, 1200).map((x) => derivative('sigmoid', x)))).toBeCloseTo(0.25, 6);
  });
});

describe('forward-pass stepper', () => {
  const graph = compileNet(TINY_SPEC);
  const tiny = denseNet(graph, TINY_STATE);

  test("the lesson's pass: z = (-0.25, 2.5), a = (0, 2.5), prediction 0.4013", () => {
    const steps = forwardSteps(tiny, TINY_INPUT);
    expect(steps.map((s) => s.op)).toEqual(['linear', 'relu', 'linear', 'sigmoid']);
    expect(steps[0].output).toEqual([-0.25, 2.5]);
    expect(steps[1].output).toEqual([0, 2.5]);
    expect(steps[2].output[0]).toBeCloseTo(-0.4, 12);
    expect(steps[3].output[0]).toBeCloseTo(0.4013, 4);
    expect(stepLines(tiny, steps, TINY_INPUT, 1)).toEqual([
      'unit 1: z = (−0.5) × 2 + 0.25 × 1 + 0.5 = −0.25',
      'unit 2: z = 1.5 × 2 + 0.5 × 1 − 1 = 2.5',
    ]);
    expect(stepLines(tiny, steps, TINY_INPUT, 4)).toEqual(['unit 1: ŷ = 1 / (1 + e^0.4) = 0.4013']);
    expect(columnOutputs(steps)).toEqual([[0, 2.5], [steps[3].output[0]]]);
  });

  test('every step equals the runtime Model cut after that layer, for random inputs and nets', () => {
    const rand = seeded(7);
    const specs = [
      TINY_SPEC,
      'net B < linear 3->4; tanh; linear 4->3; gelu; linear 3->2; softmax >',
      'net C < linear 2->3; sigmoid; linear 3->1 >',
    ];
    for (const spec of specs) {
      const net = compileNet(spec);
      for (let trial = 0; trial < 5; trial++) {
        const state: PlainState = {};
        for (const node of net.nodes) {
          for (const p of node.params) {
            const size = p.shape.reduce((a, b) => a * b, 1);
            state[p.name] = { shape: p.shape, data: Array.from({ length: size }, () => Math.round((rand() * 4 - 2) * 100) / 100) };
          }
        }
        const x = Array.from({ length: net.inputShape[0] }, () => Math.round((rand() * 6 - 3) * 10) / 10);
        const ours = forwardSteps(denseNet(net, state), x).map((s) => s.output);
        const runtime = layerOutputs(net, state, x);
        ours.forEach((layer, k) => layer.forEach((v, i) => expect(v).toBeCloseTo(runtime[k][i], 4)));
      }
    }
  });

  test('refuses a net it cannot explain', () => {
    expect(() => denseNet(compileNet('net D < input 1x4x4; conv 1->1 3; flatten; linear 4->1 >'), {})).toThrow(/vector input/);
  });
});

describe('gradient view', () => {
  test("the lesson's worked example: autograd gives the gradients computed by hand", () => {
    const r = backward({ spec: TINY_SPEC, state: TINY_STATE, x: [2, 1], target: [1], loss: 'bce' });
    expect(r.output[0]).toBeCloseTo(0.4013, 4);
    expect(r.loss).toBeCloseTo(0.913, 3);
    // By the chain rule (lesson 3): dz2 = p - y; dW2 = dz2 * a1; dz1 = W2^T dz2 where z1 > 0.
    const dz2 = r.output[0] - 1;
    const close = (got: number[], want: number[]) => want.forEach((w, i) => expect(got[i]).toBeCloseTo(w, 6));
    close(r.grads['layers.2.weight'].data, [0, dz2 * 2.5]);
    close(r.grads['layers.2.bias'].data, [dz2]);
    close(r.grads['layers.0.weight'].data, [0, 0, -0.4 * dz2 * 2, -0.4 * dz2 * 1]);
    close(r.grads['layers.0.bias'].data, [0, -0.4 * dz2]);
    expect(r.grads['layers.2.weight'].data[1]).toBeCloseTo(-1.4967, 4);
  });

  test('autograd agrees with PyTorch on other inputs and answers', () => {
    const cases = [
      { x: [2, 1], y: 1 },
      { x: [-1, 3], y: 0 },
      { x: [0.5, -2], y: 1 },
      { x: [3, 3], y: 0 },
    ];
    const script = `
import json, sys, torch, torch.nn as nn
state = json.loads(sys.argv[1]); cases = json.loads(sys.argv[2])
net = nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 1), nn.Sigmoid())
out = []
for c in cases:
    net.load_state_dict({k.replace('layers.', ''): torch.tensor(v['data'], dtype=torch.float32).reshape(v['shape']) for k, v in state.items()})
    net.zero_grad()
    p = net(torch.tensor([c['x']], dtype=torch.float32))
    loss = nn.BCELoss()(p, torch.tensor([[float(c['y'])]]))
    loss.backward()
    out.append({'loss': loss.item(), 'grads': {'layers.' + k: v.grad.flatten().tolist() for k, v in net.named_parameters()}})
print(json.dumps(out))`;
    const run = spawnSync('/usr/bin/python3', ['-c', script, JSON.stringify(TINY_STATE), JSON.stringify(cases)], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const torch = JSON.parse(run.stdout) as Array<{ loss: number; grads: Record<string, number[]> }>;
    cases.forEach((c, i) => {
      const r = backward({ spec: TINY_SPEC, state: TINY_STATE, x: c.x, target: [c.y], loss: 'bce' });
      expect(r.loss).toBeCloseTo(torch[i].loss, 5);
      for (const [name, g] of Object.entries(torch[i].grads)) {
        g.forEach((v, j) => expect(r.grads[name].data[j]).toBeCloseTo(v, 5));
      }
    });
  });

  test('leaves no tensors behind', () => {
    const before = tf.memory().numTensors;
    backward({ spec: TINY_SPEC, state: TINY_STATE, x: [1, 1], target: [0], loss: 'bce' });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('learning-rate verdict', () => {
  const path = (slopes: number[], losses: number[]) => slopes.map((slope, i) => ({ slope, loss: losses[i] }));

  test('reads the path: growth is diverging, repeated jumps across the best slope are overshooting', () => {
    expect(verdict(path([0, 1, 2], [10, 5, 20]), 1, 3)).toBe('diverging');
    expect(verdict(path([0, 5, 1.5, 4, 2.5], [10, 5, 3, 2, 1.5]), 1, 3)).toBe('overshooting');
    expect(verdict(path([0, 1, 2, 2.5], [10, 5, 3, 2]), 1, 3)).toBe('crawling');
    expect(verdict(path([0, 2, 2.99, 3], [10, 2, 1.001, 1]), 1, 3)).toBe('settled');
  });

  test('rounding jitter around a converged slope is not a jump', () => {
    expect(crossings(path([0, 2.9, 3 + 1e-7, 3 - 1e-7, 3 + 1e-7, 3 - 1e-7], [0, 0, 0, 0, 0, 0]), 3)).toBe(0);
    expect(crossings(path([0, 4, 2, 3.5], [0, 0, 0, 0]), 3)).toBe(3);
  });
});
