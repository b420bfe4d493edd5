/**
 * PyTorch conformance: every reference case (`tests/fixtures/pytorch/*.json`, plus the folder
 * named by DLC_REFERENCE_DIR when set) on every backend Node offers. A case is compiled from
 * its own spec and run through the public runtime (Model for step cases, train() for
 * trajectories); nothing here knows any case by name.
 */
import * as tf from '@tensorflow/tfjs-core';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import type { NetGraph, TypedGraph } from '../../compiler/graph/types.ts';
import type { BackendName, Dataset, StateDict } from '../../compiler/runtime/api.ts';
import { initBackend } from '../../compiler/runtime/backend.ts';
import { LOSSES, type LossName } from '../../compiler/runtime/losses.ts';
import { Model } from '../../compiler/runtime/model.ts';
import { targetTensor } from '../../compiler/runtime/targets.ts';
import { train } from '../../compiler/runtime/train.ts';

interface Tensor {
  shape: number[];
  data: number[];
}

interface Case {
  format: string;
  kind: 'step' | 'trajectory';
  name: string;
  spec: string;
  net: string;
  loss: LossName;
  params: Record<string, Tensor>;
  tolerance: Record<string, number>;
  // step
  mode?: 'train' | 'eval';
  input?: Tensor;
  target?: Tensor;
  // trajectory
  train?: { input: Tensor; target: Tensor };
  test?: { input: Tensor; target: Tensor };
  steps?: number;
  expect: Record<string, unknown>;
}

const FOLDERS = [join(import.meta.dirname, '..', 'fixtures', 'pytorch'), process.env.DLC_REFERENCE_DIR].filter(
  (d): d is string => d !== undefined && d !== '',
);
const CASES: Array<{ file: string; c: Case }> = FOLDERS.flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: join(dir, f), c: JSON.parse(readFileSync(join(dir, f), 'utf8')) as Case })),
);
const BACKENDS: BackendName[] = ['cpu', 'wasm'];

/** Worst |got - want| / (atol + rtol |want|) per case and backend: <= 1 passes. */
const worst: Record<string, Record<string, number>> = {};

/** Compares element by element; returns the worst ratio to the allowance and the first failure. */
function closeness(got: ArrayLike<number>, want: number[], rtol: number, atol: number): { ratio: number; fail?: string } {
  if (got.length !== want.length) return { ratio: Infinity, fail: `${got.length} values, want ${want.length}` };
  let ratio = 0;
  let fail: string | undefined;
  for (let i = 0; i < want.length; i++) {
    const r = Math.abs(got[i] - want[i]) / (atol + rtol * Math.abs(want[i]));
    if (!(r <= 1) && fail === undefined) fail = `element ${i}: got ${got[i]}, want ${want[i]}`;
    ratio = Number.isNaN(r) ? Infinity : Math.max(ratio, r);
  }
  return { ratio, fail };
}

function check(key: string, what: string, got: ArrayLike<number>, want: number[], rtol: number, atol: number): void {
  const { ratio, fail } = closeness(got, want, rtol, atol);
  const [name, backend] = key.split('@');
  (worst[name] ??= {})[backend] = Math.max(worst[name][backend] ?? 0, ratio);
  expect(fail, `${what}: ${fail}`).toBeUndefined();
}

function compileNet(c: Case): { graph: TypedGraph; net: NetGraph } {
  const { graph, diagnostics } = compile(c.spec);
  expect(graph, diagnostics.map((d) => d.message).join('\n')).not.toBeNull();
  const net = graph!.nets.find((n) => n.name === c.net);
  expect(net, `net ${c.net} in the spec`).toBeDefined();
  return { graph: graph!, net: net! };
}

function stateOf(params: Record<string, Tensor>): StateDict {
  return Object.fromEntries(Object.entries(params).map(([k, t]) => [k, { shape: t.shape, data: t.data }]));
}

function runStep(c: Case, backend: BackendName): void {
  const key = `${c.name}@${backend}`;
  const { net } = compileNet(c);
  const before = tf.memory().numTensors;
  const model = new Model(net, { state: stateOf(c.params) });
  const input = c.input!;
  const n = input.shape[0];
  const want = c.expect as {
    output: Tensor; loss: number; grads: Record<string, Tensor>; input_grad: Tensor; buffers?: Record<string, Tensor>;
  };
  const tol = c.tolerance;
  const x = tf.tidy(() => tf.variable(tf.tensor(input.data, input.shape)));
  const target = targetTensor(c.loss, Float32Array.from(c.target!.data), n, net.outputShape);
  let output: tf.Tensor | null = null;
  const { value, grads } = tf.variableGrads(() => {
    output = tf.keep(model.forward(x, c.mode === 'train'));
    return LOSSES[c.loss](output, target);
  }, [...model.params, x]);

  check(key, 'output', output!.dataSync(), want.output.data, tol.rtol, tol.atol);
  expect(output!.shape).toEqual(want.output.shape);
  check(key, 'loss', value.dataSync(), [want.loss], tol.rtol, tol.atol);
  expect([...model.paramNames].sort()).toEqual(Object.keys(want.grads).sort());
  model.paramNames.forEach((name, i) => {
    check(key, `grad of ${name}`, grads[model.params[i].name].dataSync(), want.grads[name].data, tol.grad_rtol, tol.grad_atol);
  });
  check(key, 'input grad', grads[x.name].dataSync(), want.input_grad.data, tol.grad_rtol, tol.grad_atol);
  const state = model.stateDict();
  for (const [name, t] of Object.entries(want.buffers ?? {})) {
    check(key, `buffer ${name}`, state[name].data, t.data, tol.rtol, tol.atol);
  }

  tf.dispose([x, target, output!, value, ...Object.values(grads)]);
  model.dispose();
  expect(tf.memory().numTensors).toBe(before);
}

function dataset(name: string, part: { input: Tensor; target: Tensor }, net: NetGraph, loss: LossName): Dataset {
  const n = part.input.shape[0];
  const classes = net.outputShape[net.outputShape.length - 1];
  return {
    name,
    x: Float32Array.from(part.input.data),
    y: loss === 'mse' ? Float32Array.from(part.target.data) : Int32Array.from(part.target.data),
    n,
    exampleShape: part.input.shape.slice(1),
    target: loss === 'mse'
      ? { kind: 'regression', size: part.target.data.length / n }
      : { kind: 'classes', classes: loss === 'cross_entropy' ? classes : 2 },
  };
}

async function runTrajectory(c: Case, backend: BackendName): Promise<void> {
  const key = `${c.name}@${backend}`;
  const { graph, net } = compileNet(c);
  const block = graph.trains.find((t) => t.net === c.net);
  expect(block, `a train block for ${c.net}`).toBeDefined();
  // The case gives its data explicitly and every step is one full-batch update.
  const steps = c.steps!;
  const caseGraph: TypedGraph = {
    ...graph,
    trains: [{ ...block!, loss: c.loss, batch: 'full', standardize: false, epochs: steps }],
  };
  const want = c.expect as { losses: number[]; params: Record<string, Tensor>; test_accuracy: number | null };
  const tol = c.tolerance;
  const result = await train(caseGraph, {
    net: c.net,
    backend,
    init: stateOf(c.params),
    data: { train: dataset('train', c.train!, net, c.loss), test: dataset('test', c.test!, net, c.loss) },
  });
  expect(result.backend).toBe(backend);
  expect(result.stopped, result.message).toBe('done');
  expect(result.history.length).toBe(steps);
  check(key, 'losses', result.history.map((h) => h.trainLoss), want.losses, tol.loss_rtol, 0);
  for (const [name, t] of Object.entries(want.params)) {
    expect(result.state[name], `state has ${name}`).toBeDefined();
    check(key, `param ${name}`, result.state[name].data, t.data, tol.param_rtol, tol.param_atol);
  }
  if (want.test_accuracy === null) expect(result.final!.testAccuracy).toBeNull();
  else expect(result.final!.testAccuracy).toBeCloseTo(want.test_accuracy, 5);
}

describe.each(BACKENDS)('PyTorch conformance on %s', (backend) => {
  beforeAll(async () => {
    expect(await initBackend(backend)).toBe(backend);
  });

  it('has cases to run', () => {
    expect(CASES.length).toBeGreaterThan(0);
  });

  it.each(CASES.map(({ file, c }) => [c.name, file, c] as const))('%s', async (_name, file, c) => {
    expect(c.format, file).toBe('dl-reference/1');
    if (c.kind === 'step') runStep(c, backend);
    else await runTrajectory(c, backend);
  });
});

afterAll(() => {
  const rows = Object.entries(worst).map(([name, r]) => `${name.padEnd(40)} ${BACKENDS.map((b) => (r[b] ?? NaN).toFixed(3).padStart(8)).join(' ')}`);
  console.log(`worst error / tolerance (<= 1 passes)\n${'case'.padEnd(40)} ${BACKENDS.map((b) => b.padStart(8)).join(' ')}\n${rows.join('\n')}`);
});
