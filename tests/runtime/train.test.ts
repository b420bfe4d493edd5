import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BackendName, EpochReport, StateDict } from '../../compiler/runtime/api.ts';
import { splitDataset, standardization } from '../../compiler/runtime/data.ts';
import { loadDataset } from '../../compiler/runtime/datasets/index.ts';
import { RuntimeError } from '../../compiler/runtime/errors.ts';
import { fusedStep } from '../../compiler/runtime/fused/index.ts';
import { initialState } from '../../compiler/runtime/init.ts';
import { evaluate, predict, train } from '../../compiler/runtime/train.ts';
import { graphOf } from './helpers.ts';
import { compile } from '../../compiler/index.ts';

const SPECS = join(import.meta.dirname, '..', '..', 'specs');
const IRIS = graphOf(readFileSync(join(SPECS, 'iris.dl'), 'utf8'));

/** The Iris net with other train settings. */
function iris(settings: string): ReturnType<typeof graphOf> {
  return graphOf(`net Iris < linear 4->32; relu; linear 32->16; relu; linear 16->3 >
train Iris on iris < ${settings} >`);
}

function maxRelDiff(a: StateDict, b: StateDict): number {
  let worst = 0;
  for (const [name, t] of Object.entries(a)) {
    const u = b[name].data;
    t.data.forEach((v, i) => {
      worst = Math.max(worst, Math.abs(v - u[i]) / (1e-3 + Math.abs(u[i])));
    });
  }
  return worst;
}

describe('train', () => {
  it('trains specs/iris.dl: 100 full-batch Adam epochs, reporting every epoch', async () => {
    const reports: EpochReport[] = [];
    const result = await train(IRIS, { backend: 'wasm', onEpoch: (r) => void reports.push(r) });
    expect(result).toMatchObject({ net: 'Iris', backend: 'wasm', epochs: 100, stopped: 'done' });
    expect(reports).toEqual(result.history);
    expect(result.history.map((r) => r.epoch)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    const first = result.history[0];
    const last = result.final!;
    expect(last.trainLoss).toBeLessThan(first.trainLoss * 0.7);
    expect(last.testAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(last.trainAccuracy).toBeGreaterThan(0.8);
    expect(last.seconds).toBeGreaterThan(0);
    expect(result.standardize!.mean).toHaveLength(4);
    expect(Object.keys(result.state)).toEqual(['layers.0.weight', 'layers.0.bias', 'layers.2.weight', 'layers.2.bias', 'layers.4.weight', 'layers.4.bias']);
  });

  it('splits by the seed (ceil of the fraction for testing) and standardises with the training statistics', async () => {
    const all = loadDataset(IRIS.trains[0].dataset, { seed: 42 });
    const { train: tr, test } = splitDataset(all, 0.2, 42);
    expect([tr.n, test!.n]).toEqual([120, 30]);
    expect(splitDataset(all, 0.2, 42).test!.x).toEqual(test!.x);
    expect(splitDataset(all, 0.2, 43).test!.x).not.toEqual(test!.x);
    expect(splitDataset(all, 0.33, 1).test!.n).toBe(50);
    expect(splitDataset(all, 0, 1).test).toBeNull();
    expect(() => splitDataset(all, 0.999, 1)).toThrow(RuntimeError);

    const s = standardization(tr);
    const result = await train(IRIS, { backend: 'cpu', epochs: 1 });
    expect(result.standardize!.mean).toEqual(s.mean);
    expect(result.standardize!.std).toEqual(s.std);
    // Population standard deviation, as sklearn's StandardScaler.
    const col0 = Array.from({ length: tr.n }, (_, i) => tr.x[i * 4]);
    const mean = col0.reduce((a, b) => a + b) / tr.n;
    expect(s.std[0]).toBeCloseTo(Math.sqrt(col0.reduce((a, b) => a + (b - mean) ** 2, 0) / tr.n), 10);
    // A constant input scales by 1 rather than dividing by zero.
    expect(standardization({ ...tr, x: new Float32Array(tr.n * 4).fill(3) }).std).toEqual([1, 1, 1, 1]);

    const noTest = await train(iris('split 0; loss cross_entropy; optimizer sgd lr=0.1; batch full; epochs 2'), { backend: 'cpu' });
    expect(noTest.final).toMatchObject({ testLoss: null, testAccuracy: null });
    expect(noTest.standardize).toBeUndefined();
  });

  it('frees every tensor it makes: the live count is the same after every epoch, over hundreds of steps', async () => {
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    const result = await train(iris('split 0.2; loss cross_entropy; optimizer adam lr=0.01; batch 16; epochs 40'), {
      backend: 'wasm',
      onEpoch: () => void counts.push(tf.memory().numTensors),
    });
    expect(result.history).toHaveLength(40); // 8 batches an epoch: 320 steps
    expect(new Set(counts).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives the same result twice from one seed, and the same start on cpu and wasm', async () => {
    const g = iris('split 0.2; standardize; loss cross_entropy; optimizer adam lr=0.01; batch 8; epochs 3; seed 5');
    const a = await train(g, { backend: 'wasm' });
    const b = await train(g, { backend: 'wasm' });
    expect(b.history.map((r) => r.trainLoss)).toEqual(a.history.map((r) => r.trainLoss));
    expect(b.state).toEqual(a.state);
    const c = await train(g, { backend: 'cpu' });
    expect(maxRelDiff(c.state, a.state)).toBeLessThan(1e-3);
    const d = await train(g, { backend: 'wasm', seed: 6 });
    expect(d.state).not.toEqual(a.state);
    // Epoch 0: both backends start from the seed's weights.
    const zero = await train(g, { backend: 'cpu', epochs: 0 });
    expect(zero.state).toEqual(initialState(g.nets[0], 5));
  });

  it('stops between batches on abort, with the state of the batches done', async () => {
    const g = iris('split 0.2; standardize; loss cross_entropy; optimizer adam lr=0.01; batch 16; epochs 20; seed 1');
    const controller = new AbortController();
    const stopped = await train(g, {
      backend: 'wasm',
      signal: controller.signal,
      onEpoch: (r) => {
        if (r.epoch === 3) controller.abort();
      },
    });
    expect(stopped).toMatchObject({ stopped: 'aborted', epochs: 3 });
    expect(stopped.final!.epoch).toBe(3);
    const three = await train(g, { backend: 'wasm', epochs: 3 });
    expect(stopped.state).toEqual(three.state);

    const already = new AbortController();
    already.abort();
    const none = await train(g, { backend: 'wasm', signal: already.signal });
    expect(none).toMatchObject({ stopped: 'aborted', epochs: 0, final: null, history: [] });
    expect(none.state).toEqual(initialState(g.nets[0], 1));
  });

  it('aborts in the middle of a long epoch and reports progress with onBatch', async () => {
    // Batch 1 over 1437 digits: one long epoch; the loop must yield for the timer to fire.
    const g = graphOf(`net D < input 1x8x8; flatten; linear 64->32; relu; linear 32->10 >
train D on digits < loss cross_entropy; optimizer sgd lr=0.01; batch 1; epochs 5 >`);
    const controller = new AbortController();
    const batches: number[] = [];
    // On the generic step: the fused one (this net is of its class) ends the epoch before the
    // second report (500 ms); the loop that yields, reports and aborts is the same for both.
    fusedStep.enabled = false;
    const result = await train(g, {
      backend: 'wasm',
      signal: controller.signal,
      onBatch: (r) => {
        expect(r).toMatchObject({ epoch: 1, batches: 1797 - Math.ceil(0.2 * 1797) });
        expect(Number.isFinite(r.loss)).toBe(true);
        batches.push(r.batch);
        if (batches.length === 2) controller.abort();
      },
    }).finally(() => { fusedStep.enabled = true; });
    expect(result).toMatchObject({ stopped: 'aborted', epochs: 0 });
    expect(batches[1]).toBeGreaterThan(batches[0]);
    expect(batches[1]).toBeLessThan(1437);
    for (const t of Object.values(result.state)) expect(Array.from(t.data).every(Number.isFinite)).toBe(true);
  });

  it('stops a diverging run with a message naming epoch, batch, learning rate and what to try', async () => {
    const g = graphOf(`net S < linear 1->32; relu; linear 32->1 >
train S on sine < split 0; loss mse; optimizer sgd lr=1000; batch full; epochs 50 >`);
    const result = await train(g, { backend: 'cpu' });
    expect(result.stopped).toBe('diverged');
    expect(result.epochs).toBeLessThan(50);
    expect(result.message).toMatch(/epoch \d+(, batch 1)?,( over 1000 times its starting value \S+,)? with sgd at learning rate 1000/);
    expect(result.code).toMatch(/^DL083[01]$/);
    expect(result.message).toMatch(/lower learning rate \(lr=100\)/);
    expect(result.message).toMatch(/standardize/);
    expect(result.history.every((r) => Number.isFinite(r.trainLoss))).toBe(true);
  });

  it('refuses data whose examples do not fit the net, and batchnorm on single examples', async () => {
    const g = iris('loss cross_entropy; optimizer sgd lr=0.1; batch full; epochs 1');
    const wrong = { name: 'mine', x: new Float32Array(6), y: Int32Array.of(0, 1), n: 2, exampleShape: [3], target: { kind: 'classes' as const, classes: 3 } };
    await expect(train(g, { backend: 'cpu', data: { train: wrong, test: null } }))
      .rejects.toThrow('data set mine has examples of shape [3], but net Iris takes [4]');
    // Batch 1 on iris is refused by the checker already (DL0512); data the checker cannot
    // see (3 examples in batches of 2) is refused by train itself, with the same words.
    expect(compile(`net B < linear 4->8; batchnorm; relu; linear 8->3 >
train B on iris < split 0.2; loss cross_entropy; optimizer sgd lr=0.1; batch 1; epochs 1 >`).diagnostics.map((d) => d.code)).toContain('DL0512');
    const bn = graphOf(`net B < linear 4->8; batchnorm; relu; linear 8->3 >
train B on iris < split 0.2; loss cross_entropy; optimizer sgd lr=0.1; batch 2; epochs 1 >`);
    const three = { name: 'three', x: new Float32Array(12), y: Int32Array.of(0, 1, 2), n: 3, exampleShape: [4], target: { kind: 'classes' as const, classes: 3 } };
    await expect(train(bn, { backend: 'cpu', data: { train: three, test: null } })).rejects.toThrow(/batchnorm \(layer 1\) cannot train on single examples/);
  });

  it('check and train agree on batchnorm once a validation split takes its rows', async () => {
    // 150 iris rows: 30 test, 30 validation, 90 to train; batches of 89 leave one example over.
    const source = (batch: number) => `net B < linear 4->8; batchnorm; relu; linear 8->3 >
train B on iris < split 0.2; validate 0.2; loss cross_entropy; optimizer sgd lr=0.1; batch ${batch}; epochs 1 >`;
    const refused = compile(source(89));
    expect(refused.diagnostics.map((d) => d.code)).toEqual(['DL0512']);
    expect(refused.diagnostics[0].message).toContain('90 examples in batches of 89');
    const accepted = graphOf(source(88));
    const result = await train(accepted, { backend: 'cpu' });
    expect(result.stopped).toBe('done');
    // The same graph with batch 89, past the checker: train refuses it with the same words.
    const trains = accepted.trains.map((t) => ({ ...t, batch: 89 }));
    await expect(train({ ...accepted, trains }, { backend: 'cpu' })).rejects.toThrow(/the last batch of each epoch \(90 examples in batches of 89\)/);
  });

  it('evaluate and predict agree with the last epoch on the test set', async () => {
    const result = await train(IRIS, { backend: 'cpu', epochs: 30 });
    const { test } = splitDataset(loadDataset(IRIS.trains[0].dataset, { seed: 42 }), 0.2, 42);
    const net = IRIS.nets[0];
    const ev = await evaluate(net, result.state, test!, 'cross_entropy', { backend: 'cpu', standardize: result.standardize });
    expect(ev.accuracy).toBe(result.final!.testAccuracy);
    expect(ev.loss).toBeCloseTo(result.final!.testLoss!, 5);
    const out = await predict(net, result.state, test!.x, { backend: 'cpu', standardize: result.standardize });
    expect(out.shape).toEqual([30, 3]);
    let correct = 0;
    for (let i = 0; i < 30; i++) {
      const row = Array.from(out.data.subarray(i * 3, i * 3 + 3));
      if (row.indexOf(Math.max(...row)) === test!.y[i]) correct++;
    }
    expect(correct / 30).toBe(result.final!.testAccuracy);
    await expect(predict(net, result.state, new Float32Array(5))).rejects.toThrow(/takes 4 input values per example/);
  });
});

describe.each<BackendName>(['cpu', 'wasm'])('every layer trains on %s', (backend) => {
  it('images: conv, batchnorm 2d and 1d, pooling, dropout, flatten and every activation', async () => {
    const g = graphOf(`net All <
  input 1x8x8;
  conv 1->4 3 pad=1; batchnorm; relu;
  maxpool 2; avgpool 2 stride=1;
  conv 4->6 2 stride=2 bias=false; tanh; dropout 0.1;
  flatten; linear 6->16; batchnorm; gelu; dropout 0.2;
  linear 16->12; sigmoid; linear 12->10 bias=false; softmax; linear 10->10
>
train All on digits < split 0.1; loss cross_entropy; optimizer adam lr=0.01 weight_decay=0.0001; batch 128; epochs 2; seed 3 >`);
    await expectEveryParamTrains(g, backend);
  });

  it('sequences: rnn, lstm, a linear over every step, last', async () => {
    const g = graphOf(`net Seq < input 10x1; rnn 1->6; linear 6->6; tanh; lstm 6->5; last; linear 5->2 >
train Seq on delay steps=10 n=200 < loss cross_entropy; optimizer sgd lr=0.1 momentum=0.9; batch 32; epochs 2 >`);
    await expectEveryParamTrains(g, backend);
  });
});

async function expectEveryParamTrains(g: ReturnType<typeof graphOf>, backend: BackendName): Promise<void> {
  const before = tf.memory().numTensors;
  const start = initialState(g.nets[0], g.trains[0].seed);
  const result = await train(g, { backend });
  expect(result).toMatchObject({ backend, stopped: 'done', epochs: 2 });
  for (const node of g.nets[0].nodes) {
    for (const p of node.params) {
      const got = Array.from(result.state[p.name].data);
      expect(got.every(Number.isFinite), p.name).toBe(true);
      if (p.role === 'param') expect(got, `${p.name} changed`).not.toEqual(Array.from(start[p.name].data));
    }
  }
  expect(tf.memory().numTensors).toBe(before);
}
