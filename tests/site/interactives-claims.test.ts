// What each training interactive shows must be true when it runs: these tests run the same
// jobs the lab worker runs in the browser (on the runtime, in Node) and assert the
// behaviour the components' captions and the lessons describe.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { compile } from '../../compiler/index.ts';
import { initBackend } from '../../compiler/runtime/backend.ts';
import { train } from '../../compiler/runtime/train.ts';
import { gdVariants, lineSpec } from '../../site/islands/interactives/compute/gd-variants.ts';
import { learningRateRun } from '../../site/islands/interactives/compute/learning-rate.ts';
import { sgdVsAdam, spiralSpec } from '../../site/islands/interactives/compute/sgd-vs-adam.ts';
import { noActivation } from '../../site/islands/interactives/compute/no-activation.ts';
import { growingWidth } from '../../site/islands/interactives/compute/growing-width.ts';
import { rnnVsLstm, stepGradients } from '../../site/islands/interactives/compute/rnn-gradients.ts';
import { JOBS } from '../../site/islands/interactives/compute/jobs.ts';
import { TINY_SPEC, TINY_STATE } from '../../site/islands/interactives/shared/tiny-net.ts';
import { GD_DEFAULTS, LR_DEFAULTS, RNN_SEEDS, WIDTHS } from '../../site/islands/interactives/shared/defaults.ts';
import { bestLine, noisyLine } from '../../site/islands/interactives/shared/line-data.ts';
import { sineBestLine } from '../../site/islands/interactives/shared/sine-data.ts';
import { verdict } from '../../site/islands/interactives/shared/lr-verdict.ts';

const LONG = 600_000;

beforeAll(async () => {
  await initBackend('cpu');
});

describe('data behind the lines', () => {
  test('the best line is the least-squares line: no nudge of slope or intercept lowers its loss', () => {
    const d = noisyLine(1000, 1);
    const best = bestLine(d.x, d.y);
    expect(best.slope).toBeCloseTo(3, 1);
    expect(best.intercept).toBeCloseTo(2, 1);
    const loss = (a: number, b: number) => d.x.reduce((s, x, i) => s + (a * x + b - d.y[i]) ** 2, 0) / d.n;
    expect(loss(best.slope, best.intercept)).toBeCloseTo(best.loss, 10);
    for (const [da, db] of [[1e-3, 0], [-1e-3, 0], [0, 1e-3], [0, -1e-3]]) {
      expect(loss(best.slope + da, best.intercept + db)).toBeGreaterThan(best.loss);
    }
  });
});

describe('gd-variants', () => {
  test('same start; batch crawls, mini-batch reaches the best line, stochastic jitters above it', { timeout: LONG }, async () => {
    const r = await gdVariants({});
    const [full, sgd, mini] = GD_DEFAULTS.batches.map((b) => r.runs.find((x) => x.batch === b)!);
    expect(new Set(r.runs.map((x) => x.losses[0])).size).toBe(1);
    expect(r.runs.map((x) => x.updates)).toEqual([5, 5000, 160]);
    const last = (x: typeof full) => x.losses[x.losses.length - 1];
    // Batch: 5 careful updates leave it far from the line.
    expect(last(full)).toBeGreaterThan(5 * r.best.loss);
    expect(full.losses.every((l, i) => i === 0 || l < full.losses[i - 1])).toBe(true);
    // Mini-batch: within 2% of the best any line can do.
    expect(last(mini)).toBeLessThan(1.02 * r.best.loss);
    // Stochastic: close, but jittering: never on the best line, up and down from epoch to
    // epoch, and ending worse than mini-batch.
    expect(Math.min(...sgd.losses.slice(1))).toBeGreaterThan(1.005 * r.best.loss);
    expect(sgd.losses.slice(2).some((l, i) => l > sgd.losses[i + 1])).toBe(true);
    expect(last(sgd)).toBeGreaterThan(last(mini));
    expect(last(sgd)).toBeLessThan(last(full));
  });
});

describe('learning-rate', () => {
  test('one epoch of train() on the whole set is exactly one gradient step', async () => {
    const d = noisyLine(LR_DEFAULTS.n, LR_DEFAULTS.seed);
    const graph = compile(lineSpec('full', 0.3, 1, LR_DEFAULTS.seed)).graph!;
    const start = (await train(graph, { backend: 'cpu', epochs: 0, data: { train: d, test: null } })).state;
    const w = Number(start['layers.0.weight'].data[0]);
    const b = Number(start['layers.0.bias'].data[0]);
    let gw = 0;
    let gb = 0;
    for (let i = 0; i < d.n; i++) {
      const e = w * d.x[i] + b - d.y[i];
      gw += (2 * e * d.x[i]) / d.n;
      gb += (2 * e) / d.n;
    }
    const r = await learningRateRun({ lr: 0.3, steps: 1 });
    expect(r.path[0].slope).toBeCloseTo(w, 6);
    expect(r.path[1].slope).toBeCloseTo(w - 0.3 * gw, 4);
    expect(r.path[1].intercept).toBeCloseTo(b - 0.3 * gb, 4);
  });

  test.each(['cpu', 'wasm'] as const)('on %s: tiny rates crawl, 0.1 settles, 0.9 overshoots, 1.1 diverges', { timeout: LONG }, async (backend) => {
    await initBackend(backend);
    try {
      const expected: Array<[number, string]> = [
        [0.001, 'crawling'], [0.01, 'crawling'], [0.1, 'settled'], [0.5, 'settled'], [0.7, 'overshooting'], [0.9, 'overshooting'], [1.1, 'diverging'],
      ];
      for (const [lr, want] of expected) {
        const r = await learningRateRun({ lr }, { backend });
        expect(verdict(r.path, r.best.loss, r.best.slope, r.stopped === 'diverged'), `lr ${lr}`).toBe(want);
      }
      // The picture behind the words: at 0.9 the slope lands on alternate sides of the best slope.
      const over = await learningRateRun({ lr: 0.9 }, { backend });
      const side = over.path.slice(1, 6).map((p) => Math.sign(p.slope - over.best.slope));
      side.forEach((s, i) => i > 0 && expect(s).toBe(-side[i - 1]));
      const crawl = await learningRateRun({ lr: 0.001 }, { backend });
      expect(crawl.path[crawl.path.length - 1].loss).toBeGreaterThan(10 * crawl.best.loss);
    } finally {
      await initBackend('cpu');
    }
  });
});

describe('sgd-vs-adam', () => {
  test('both runs start from the same weights', async () => {
    const start = async (o: 'sgd' | 'adam') => (await train(compile(spiralSpec(o, 0.01, 60, 0)).graph!, { backend: 'cpu', epochs: 0 })).state;
    const [a, b] = [await start('sgd'), await start('adam')];
    for (const name of Object.keys(a)) expect(Array.from(a[name].data)).toEqual(Array.from(b[name].data));
  });

  test('at the default rate, Adam learns the spirals and plain SGD barely moves', { timeout: LONG }, async () => {
    const r = await sgdVsAdam({});
    const sgd = r.runs.find((x) => x.optimizer === 'sgd')!;
    const adam = r.runs.find((x) => x.optimizer === 'adam')!;
    expect(sgd.history.length).toBe(60);
    expect(adam.history.length).toBe(60);
    const sgdLast = sgd.history[sgd.history.length - 1];
    const adamLast = adam.history[adam.history.length - 1];
    expect(adamLast.trainLoss).toBeLessThan(sgdLast.trainLoss / 2);
    expect(adamLast.testAccuracy!).toBeGreaterThan(0.85);
    expect(sgdLast.testAccuracy!).toBeLessThan(0.7);
    expect(adam.boundary.p1.length).toBe(adam.boundary.size ** 2);
    expect(r.points.y.length).toBe(600);
  });
});

describe('no-activation', () => {
  test('without activations the net fits no better than the best straight line; with tanh far better', { timeout: LONG }, async () => {
    const r = await noActivation({});
    const linear = r.fits.find((f) => f.key === 'linear')!;
    const tanh = r.fits.find((f) => f.key === 'tanh')!;
    expect(r.best.loss).toBeCloseTo(sineBestLine({ n: 200, seed: 0 }).loss, 12);
    // A linear map cannot beat the least-squares line; training gets it within 3% of it.
    expect(linear.loss).toBeGreaterThanOrEqual(r.best.loss * (1 - 1e-4));
    expect(linear.loss).toBeLessThan(r.best.loss * 1.03);
    expect(tanh.loss).toBeLessThan(r.best.loss / 50);
    // Its curve is a straight line: equal steps in x give equal steps in y.
    const dy = linear.curve.y.slice(1).map((y, i) => y - linear.curve.y[i]);
    dy.forEach((d) => expect(d).toBeCloseTo(dy[0], 4));
  });
});

describe('rnn-lstm-gradients', () => {
  test.each(RNN_SEEDS)('seed %i: at initialisation both cells pass back vanishing gradients over 40 steps', (seed) => {
    const r = rnnVsLstm({ seed });
    expect(r.steps).toBe(40);
    for (const g of r.runs) {
      expect(g.perStep).toHaveLength(40);
      const ratio = g.perStep[0] / g.perStep[39];
      expect(ratio, `${g.cell} seed ${seed}`).toBeLessThan(1e-5);
      // The shrinking is steady: each 10-step block gets less than the next one back.
      const block = (k: number) => g.perStep.slice(10 * k, 10 * k + 10).reduce((s, v) => s + Math.log10(v), 0) / 10;
      expect(block(0)).toBeLessThan(block(1));
      expect(block(1)).toBeLessThan(block(2));
      expect(block(2)).toBeLessThan(block(3));
    }
  });

  test('the cells and seeds give different nets (the measurement is not a constant)', () => {
    const a = stepGradients('rnn', { seed: 0 }).perStep;
    const b = stepGradients('rnn', { seed: 1 }).perStep;
    const c = stepGradients('lstm', { seed: 0 }).perStep;
    expect(a[39]).not.toBe(b[39]);
    expect(a[39]).not.toBe(c[39]);
  });
});

describe('growing-width', () => {
  test('wider hidden layers fit sin(x) closer: 32 units far better than 1', { timeout: LONG }, async () => {
    const r = await growingWidth({});
    expect(r.fits.map((f) => Number(f.key))).toEqual(WIDTHS);
    const loss = (w: number) => r.fits.find((f) => f.key === String(w))!.loss;
    const worst = (w: number) => r.fits.find((f) => f.key === String(w))!.worst;
    expect(loss(2)).toBeLessThan(loss(1));
    expect(loss(8)).toBeLessThan(loss(2) / 10);
    expect(loss(32)).toBeLessThan(loss(1) / 100);
    expect(worst(32)).toBeLessThan(worst(1) / 10);
    // The worst miss bounds the mean squared error.
    for (const f of r.fits) expect(f.worst ** 2).toBeGreaterThanOrEqual(f.loss);
  });
});

describe('jobs', () => {
  test('every job leaves no tensors behind, and a stopped job ends early', { timeout: LONG }, async () => {
    const before = tf.memory().numTensors;
    const stop = new AbortController();
    stop.abort();
    const stopped = await JOBS['gd-variants']({ batches: [1], epochs: 1 }, { backend: 'cpu', signal: stop.signal });
    expect(stopped.runs).toHaveLength(0);
    await JOBS['gradient-view']({ spec: TINY_SPEC, state: TINY_STATE, x: [1, 2], target: [0], loss: 'bce' }, { backend: 'cpu' });
    await JOBS['gd-variants']({ batches: [32], epochs: 1 }, { backend: 'cpu' });
    await JOBS['learning-rate']({ lr: 0.1, steps: 2 }, { backend: 'cpu' });
    await JOBS['sgd-vs-adam']({ epochs: 1 }, { backend: 'cpu' });
    await JOBS['no-activation']({ epochs: 1 }, { backend: 'cpu' });
    await JOBS['growing-width']({ widths: [2], epochs: 1 }, { backend: 'cpu' });
    await JOBS['rnn-lstm-gradients']({ steps: 5 }, { backend: 'cpu' });
    expect(tf.memory().numTensors).toBe(before);
  });
});
