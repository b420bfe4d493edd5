/**
 * dlc from a seed alone against the PyTorch programs the seed stands for: the initial
 * weights of torch.manual_seed, sklearn's split, and a whole mini-batch run with dropout.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BackendName, Dataset } from '../../compiler/runtime/api.ts';
import { splitDataset, standardization, standardize } from '../../compiler/runtime/data.ts';
import { loadDataset } from '../../compiler/runtime/datasets/index.ts';
import { initialState } from '../../compiler/runtime/init.ts';
import { train } from '../../compiler/runtime/train.ts';
import { graphOf } from './helpers.ts';

interface T {
  shape: number[];
  data: number[];
}
const read = (...p: string[]) => JSON.parse(readFileSync(join(import.meta.dirname, ...p), 'utf8'));
const LESSON = read('..', 'fixtures', 'pytorch', 'iris_adam_trajectory.json');
const MINIBATCH = read('reference', 'minibatch.json');
const IRIS_SPEC = read('reference', 'iris-spec.json');

function expectClose(got: ArrayLike<number>, want: number[], rtol: number, atol: number, what: string): void {
  expect(got.length, what).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (!(Math.abs(got[i] - want[i]) <= atol + rtol * Math.abs(want[i]))) {
      expect.fail(`${what}[${i}]: got ${got[i]}, want ${want[i]}`);
    }
  }
}

describe("the Iris lesson's PyTorch program", () => {
  const graph = graphOf(LESSON.spec);

  it('starts from the weights torch.manual_seed(0) gives', () => {
    const state = initialState(graph.nets[0], 0);
    for (const [name, t] of Object.entries(LESSON.params) as Array<[string, T]>) {
      expect(Array.from(state[name].data), name).toEqual(t.data);
    }
  });

  it("splits and scales as train_test_split(test_size=0.2, random_state=42) and StandardScaler", () => {
    const all = loadDataset({ name: 'iris', options: {}, exampleShape: [4], target: { kind: 'classes', classes: 3 } }, { seed: 42 });
    const { train: tr, test } = splitDataset(all, 0.2, 42);
    const s = standardization(tr);
    expectClose(standardize(tr, s).x, LESSON.train.input.data, 1e-5, 1e-5, 'train inputs');
    expectClose(standardize(test!, s).x, LESSON.test.input.data, 1e-5, 1e-5, 'test inputs');
    expect(Array.from(tr.y)).toEqual(LESSON.train.target.data);
    expect(Array.from(test!.y)).toEqual(LESSON.test.target.data);
  });
});

describe.each<BackendName>(['cpu', 'wasm'])('specs/iris.dl on %s', (backend) => {
  it('reports the losses and accuracies PyTorch computes for the same spec and seed, epoch by epoch', async () => {
    const graph = graphOf(readFileSync(join(import.meta.dirname, '..', '..', 'specs', 'iris.dl'), 'utf8'));
    const result = await train(graph, { backend });
    const tol = IRIS_SPEC.tolerance;
    const want = IRIS_SPEC.history as Array<{ train_loss: number; test_loss: number; test_accuracy: number }>;
    expectClose(result.history.map((h) => h.trainLoss), want.map((h) => h.train_loss), tol.loss_rtol, 0, 'train loss');
    expectClose(result.history.map((h) => h.testLoss!), want.map((h) => h.test_loss), tol.loss_rtol, 0, 'test loss');
    want.forEach((h, i) => expect(result.history[i].testAccuracy, `epoch ${i + 1}`).toBeCloseTo(h.test_accuracy, 6));
    for (const [name, t] of Object.entries(IRIS_SPEC.state) as Array<[string, T]>) {
      expectClose(result.state[name].data, t.data, tol.param_rtol, tol.param_atol, name);
    }
  });
});

describe.each<BackendName>(['cpu', 'wasm'])('a mini-batch run with dropout, seed alone, on %s', (backend) => {
  it('follows PyTorch batch by batch: batch order, masks, momentum', async () => {
    const graph = graphOf(MINIBATCH.spec);
    const n = MINIBATCH.input.shape[0];
    const data: Dataset = {
      name: 'reference', x: Float32Array.from(MINIBATCH.input.data), y: Int32Array.from(MINIBATCH.target.data), n,
      exampleShape: [4], target: { kind: 'classes', classes: 3 },
    };
    const opts = { backend, data: { train: data, test: null } };
    const start = await train(graph, { ...opts, epochs: 0 });
    for (const [name, t] of Object.entries(MINIBATCH.start) as Array<[string, T]>) {
      expect(Array.from(start.state[name].data), name).toEqual(t.data);
    }
    const result = await train(graph, opts);
    const tol = MINIBATCH.tolerance;
    expectClose(result.history.map((h) => h.trainLoss), MINIBATCH.losses, tol.loss_rtol, 0, 'epoch losses');
    for (const [name, t] of Object.entries(MINIBATCH.state) as Array<[string, T]>) {
      expectClose(result.state[name].data, t.data, tol.param_rtol, tol.param_atol, name);
    }
  });
});
