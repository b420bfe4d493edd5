// A run resumed from a snapshot (what the site does when the GPU context is lost and
// training continues on WebAssembly) must give the very numbers of the run that never
// stopped: same epoch reports, same final weights, bit for bit, on the same backend. The
// specs cover everything a snapshot must carry: Adam's moments and step count, SGD's
// momentum buffer, batchnorm's running statistics and counter, and the generator that
// draws batch orders and dropout masks.
import { describe, expect, test } from 'vitest';
import type { BackendName, EpochReport, TrainSnapshot } from '../../compiler/runtime/api.ts';
import { train } from '../../compiler/runtime/train.ts';
import { graphOf } from './helpers.ts';

const SPECS = {
  adam: graphOf(`net Mixed <
  linear 4->16; batchnorm; gelu;
  dropout 0.2;
  linear 16->3
>
train Mixed on iris < loss cross_entropy; optimizer adam lr=0.01 weight_decay=0.001; batch 16; epochs 6; split 0.2; standardize >`),
  sgd: graphOf(`net Xor < linear 2->8; tanh; linear 8->1; sigmoid >
train Xor on xor n=200 noise=0.05 < loss bce; optimizer sgd lr=0.5 momentum=0.9; batch 32; epochs 6 >`),
};

/** Reports without the wall-clock time, which no two runs share. */
function numbers(history: EpochReport[]): Omit<EpochReport, 'seconds'>[] {
  return history.map(({ seconds: _, ...r }) => r);
}

describe('resuming a run from a snapshot', () => {
  for (const backend of ['wasm', 'cpu'] as BackendName[]) {
    for (const [name, graph] of Object.entries(SPECS)) {
      test(`${name} on ${backend}: the epochs after the snapshot are the uninterrupted run's, bit for bit`, async () => {
        const snapshots: TrainSnapshot[] = [];
        // structuredClone: a snapshot crosses postMessage in the browser.
        const full = await train(graph, { backend, onSnapshot: (s) => void snapshots.push(structuredClone(s)) });
        expect(full.stopped).toBe('done');
        expect(snapshots.map((s) => s.epoch)).toEqual([1, 2, 3, 4, 5, 6]);
        // The snapshot after epoch 3 carries moving optimizer state, not a fresh one.
        expect(snapshots[2].optimizer.steps).toBeGreaterThan(0);
        expect(snapshots[2].optimizer.buffers.length).toBeGreaterThan(0);

        const resumed = await train(graph, { backend, resume: snapshots[2] });
        expect(resumed.stopped).toBe('done');
        expect(resumed.epochs).toBe(6);
        expect(numbers(resumed.history)).toEqual(numbers(full.history));
        expect(resumed.state).toEqual(full.state);
      });
    }
  }

  test('a resumed run differs from a fresh one started on the snapshot\'s weights alone', async () => {
    // Shows the optimizer and generator state matter: without them the numbers drift.
    const snapshots: TrainSnapshot[] = [];
    const full = await train(SPECS.adam, { backend: 'cpu', onSnapshot: (s) => void snapshots.push(s) });
    const weightsOnly = await train(SPECS.adam, { backend: 'cpu', init: snapshots[2].state, epochs: 3 });
    expect(weightsOnly.final?.trainLoss).not.toBe(full.final?.trainLoss);
  });

  test('a snapshot that does not fit the run is refused with a clear message', async () => {
    const snapshots: TrainSnapshot[] = [];
    await train(SPECS.sgd, { backend: 'cpu', onSnapshot: (s) => void snapshots.push(s) });
    await expect(train(SPECS.sgd, { backend: 'cpu', epochs: 2, resume: snapshots[3] })).rejects.toThrow(/cannot resume after epoch 4 of a run of 2 epochs/);
  });

  test('with early stopping: resumed from any epoch, the run stops where it stopped and keeps the same best weights', async () => {
    // The conformance case's spec (tests/fixtures/pytorch/rt_early_stopping_run.json): it
    // stops early, after epoch 16 with epoch 11 the best, in PyTorch and in dlc.
    const graph = graphOf(`net Iris < linear 4->32; relu; linear 32->16; relu; linear 16->3 >
train Iris on iris < split 0.2; validate 0.2; standardize; loss cross_entropy; optimizer adam lr=0.01; batch 16; epochs 60; stop_after 5; seed 42 >`);
    const snapshots: TrainSnapshot[] = [];
    const full = await train(graph, { backend: 'cpu', onSnapshot: (s) => void snapshots.push(structuredClone(s)) });
    expect(full.stoppedEarly).toBe(true);
    // The epoch the run stops on gets a snapshot too, and each holds the best epoch so far.
    expect(snapshots.at(-1)!.epoch).toBe(full.epochs);
    expect(snapshots.at(-1)!.best?.epoch).toBe(full.bestEpoch);
    for (const at of [2, full.bestEpoch! - 1, full.bestEpoch!, full.bestEpoch! + 2, full.epochs]) {
      const resumed = await train(graph, { backend: 'cpu', resume: snapshots[at - 1] });
      expect([at, resumed.epochs, resumed.bestEpoch, resumed.stoppedEarly]).toEqual([at, full.epochs, full.bestEpoch, true]);
      expect(numbers(resumed.history)).toEqual(numbers(full.history));
      expect(numbers([resumed.final!])).toEqual(numbers([full.final!]));
      expect(resumed.state).toEqual(full.state);
    }
  });

  test('snapshotMs spaces snapshots out, and the last epoch always gets one', async () => {
    const epochs: number[] = [];
    await train(SPECS.sgd, { backend: 'cpu', snapshotMs: 60_000, onSnapshot: (s) => void epochs.push(s.epoch) });
    expect(epochs).toEqual([1, 6]);
  });
});
