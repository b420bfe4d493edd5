/**
 * Runs one PyTorch reference case (format in /work/shared/reference/README.md) through the
 * runtime and measures every number against PyTorch's. Browser-safe, so the same checks run
 * in Node (conformance.test.ts: cpu, wasm) and in Chromium (webgl.test.ts: webgl). A case is
 * compiled from its own spec; nothing here knows any case by name.
 */
import * as tf from '@tensorflow/tfjs-core';
import { compile } from '../../compiler/index.ts';
import type { NetGraph, TypedGraph } from '../../compiler/graph/types.ts';
import type { BackendName, Dataset, StateDict } from '../../compiler/runtime/api.ts';
import { LOSSES, type LossName } from '../../compiler/runtime/losses.ts';
import { Model } from '../../compiler/runtime/model.ts';
import { targetTensor } from '../../compiler/runtime/targets.ts';
import { train } from '../../compiler/runtime/train.ts';
import { runSpecRun } from './conformance-run.ts';

export interface RefTensor {
  shape: number[];
  data: number[];
}

export interface RefCase {
  format: string;
  kind: 'step' | 'trajectory' | 'run';
  name: string;
  spec: string;
  net: string;
  loss: LossName;
  params: Record<string, RefTensor>;
  tolerance: Record<string, number>;
  mode?: 'train' | 'eval';
  input?: RefTensor;
  target?: RefTensor;
  train?: { input: RefTensor; target: RefTensor };
  test?: { input: RefTensor; target: RefTensor };
  steps?: number;
  expect: Record<string, unknown>;
}

/** One comparison: the worst |got - want| / (atol + rtol |want|), <= 1 passes; `fail` says where not. */
export interface Check {
  what: string;
  ratio: number;
  fail?: string;
}

function compare(what: string, got: ArrayLike<number>, want: number[], rtol: number, atol: number): Check {
  if (got.length !== want.length) return { what, ratio: Infinity, fail: `${got.length} values, want ${want.length}` };
  let ratio = 0;
  let fail: string | undefined;
  for (let i = 0; i < want.length; i++) {
    const r = Math.abs(got[i] - want[i]) / (atol + rtol * Math.abs(want[i]));
    if (!(r <= 1) && fail === undefined) fail = `element ${i}: got ${got[i]}, want ${want[i]}`;
    ratio = Number.isNaN(r) ? Infinity : Math.max(ratio, r);
  }
  return fail === undefined ? { what, ratio } : { what, ratio, fail };
}

function exact(what: string, ok: boolean, fail: string): Check {
  return ok ? { what, ratio: 0 } : { what, ratio: Infinity, fail };
}

function compileNet(c: RefCase): { graph: TypedGraph; net: NetGraph } {
  const { graph, diagnostics } = compile(c.spec);
  if (graph === null) throw new Error(`${c.name}: the spec does not compile: ${diagnostics.map((d) => d.message).join('; ')}`);
  const net = graph.nets.find((n) => n.name === c.net);
  if (net === undefined) throw new Error(`${c.name}: the spec has no net ${c.net}`);
  return { graph, net };
}

function stateOf(params: Record<string, RefTensor>): StateDict {
  return Object.fromEntries(Object.entries(params).map(([k, t]) => [k, { shape: t.shape, data: t.data }]));
}

/** One forward and backward pass: output, loss, every gradient, the input's, buffers, no leaks. */
function runStep(c: RefCase): Check[] {
  const { net } = compileNet(c);
  const want = c.expect as {
    output: RefTensor; loss: number; grads: Record<string, RefTensor>; input_grad: RefTensor; buffers?: Record<string, RefTensor>;
  };
  const tol = c.tolerance;
  const input = c.input!;
  const before = tf.memory().numTensors;
  const model = new Model(net, { state: stateOf(c.params) });
  const x = tf.tidy(() => tf.variable(tf.tensor(input.data, input.shape)));
  const target = targetTensor(c.loss, Float32Array.from(c.target!.data), input.shape[0], net.outputShape);
  let output: tf.Tensor | null = null;
  const { value, grads } = tf.variableGrads(() => {
    output = tf.keep(model.forward(x, c.mode === 'train'));
    return LOSSES[c.loss](output, target);
  }, [...model.params, x]);
  const out = output as unknown as tf.Tensor;

  const checks: Check[] = [
    exact('output shape', out.shape.join() === want.output.shape.join(), `[${out.shape}], want [${want.output.shape}]`),
    compare('output', out.dataSync(), want.output.data, tol.rtol, tol.atol),
    compare('loss', value.dataSync(), [want.loss], tol.rtol, tol.atol),
    exact('parameters', [...model.paramNames].sort().join() === Object.keys(want.grads).sort().join(),
      `${model.paramNames.join(', ')}; want ${Object.keys(want.grads).join(', ')}`),
  ];
  model.paramNames.forEach((name, i) => {
    const g = want.grads[name];
    if (g) checks.push(compare(`grad of ${name}`, grads[model.params[i].name].dataSync(), g.data, tol.grad_rtol, tol.grad_atol));
  });
  checks.push(compare('input grad', grads[x.name].dataSync(), want.input_grad.data, tol.grad_rtol, tol.grad_atol));
  const state = model.stateDict();
  for (const [name, t] of Object.entries(want.buffers ?? {})) {
    checks.push(compare(`buffer ${name}`, state[name].data, t.data, tol.rtol, tol.atol));
  }
  tf.dispose([x, target, out, value, ...Object.values(grads)]);
  model.dispose();
  const after = tf.memory().numTensors;
  checks.push(exact('no tensor left behind', after === before, `${after - before} tensors left`));
  return checks;
}

function dataset(name: string, part: { input: RefTensor; target: RefTensor }, net: NetGraph, loss: LossName): Dataset {
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

/** `steps` full-batch updates through train(): every loss, the final parameters, test accuracy. */
async function runTrajectory(c: RefCase, backend: BackendName): Promise<Check[]> {
  const { graph, net } = compileNet(c);
  const block = graph.trains.find((t) => t.net === c.net);
  if (block === undefined) throw new Error(`${c.name}: the spec has no train block for ${c.net}`);
  // The case gives its data explicitly and every step is one full-batch update.
  const steps = c.steps!;
  const caseGraph: TypedGraph = { ...graph, trains: [{ ...block, loss: c.loss, batch: 'full', standardize: false, epochs: steps }] };
  const want = c.expect as { losses: number[]; params: Record<string, RefTensor>; test_accuracy: number | null };
  const tol = c.tolerance;
  const result = await train(caseGraph, {
    net: c.net,
    backend,
    init: stateOf(c.params),
    data: { train: dataset('train', c.train!, net, c.loss), test: dataset('test', c.test!, net, c.loss) },
  });
  const checks: Check[] = [
    exact('backend', result.backend === backend, `ran on ${result.backend}`),
    exact('ran every step', result.stopped === 'done' && result.history.length === steps, `${result.stopped} after ${result.history.length}: ${result.message ?? ''}`),
    compare('first loss', result.history.slice(0, 1).map((h) => h.trainLoss), want.losses.slice(0, 1), tol.loss_rtol, 0),
    compare('losses', result.history.map((h) => h.trainLoss), want.losses, tol.loss_rtol, 0),
  ];
  for (const [name, t] of Object.entries(want.params)) {
    const got = result.state[name];
    checks.push(got ? compare(`param ${name}`, got.data, t.data, tol.param_rtol, tol.param_atol) : exact(`param ${name}`, false, 'missing'));
  }
  const acc = result.final?.testAccuracy ?? null;
  checks.push(want.test_accuracy === null
    ? exact('test accuracy', acc === null, `got ${acc}, want none`)
    : compare('test accuracy', [acc ?? NaN], [want.test_accuracy], 0, 1e-5));
  return checks;
}

/** Every check of a case on the current backend (call initBackend first). */
export async function runCase(c: RefCase, backend: BackendName): Promise<Check[]> {
  if (c.format !== 'dl-reference/1') return [exact('format', false, `format ${c.format}, want dl-reference/1`)];
  if (c.kind === 'run') return runSpecRun(c, backend, compare, exact);
  return c.kind === 'step' ? runStep(c) : runTrajectory(c, backend);
}
