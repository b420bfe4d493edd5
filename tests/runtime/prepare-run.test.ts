// prepareRun and fit as a library user meets them, through the package's entry points:
// the run's sets, sizes and names come from prepareRun without TensorFlow.js, and fit on
// them gives exactly what train gives.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, noTrainBlockSentence } from 'dlc';
import { fit, LookupError, prepareRun, train, type PreparedRun } from 'dlc/runtime';

const ROOT = join(import.meta.dirname, '..', '..');
const graphOf = (src: string) => {
  const { graph, diagnostics } = compile(src);
  if (!graph) throw new Error(JSON.stringify(diagnostics));
  return graph;
};
const IRIS = graphOf(readFileSync(join(ROOT, 'specs', 'iris.dl'), 'utf8'));

const mean = (ds: PreparedRun['train'], j: number) => {
  let s = 0;
  for (let i = 0; i < ds.n; i++) s += ds.x[i * 4 + j];
  return s / ds.n;
};

describe('prepareRun', () => {
  it('splits and standardises the data as the train block says, with its sizes and names', () => {
    const run = prepareRun(IRIS);
    expect(run.block.net).toBe('Iris');
    expect(run.net.name).toBe('Iris');
    expect([run.seed, run.epochs]).toEqual([42, 100]);
    expect(run.sizes).toEqual({ examples: 150, train: 120, validation: 0, test: 30, batch: 120 });
    expect(run.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(run.features).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
    expect(run.dataset?.n).toBe(150);
    // Standardised with the training set's own statistics: mean 0 there, not in the test set.
    for (let j = 0; j < 4; j++) {
      expect(Math.abs(mean(run.train, j))).toBeLessThan(1e-5);
      expect(run.standardize!.mean[j]).toBeCloseTo(mean(run.raw.train, j), 5);
    }
    expect(run.raw.test!.x).not.toEqual(run.test!.x);
  });

  it('takes the seed, epochs and net from the options, and a validation set from validate', () => {
    const g = graphOf('net A < linear 2->2 >\nnet B < linear 2->2 >\ntrain A on xor < loss cross_entropy; epochs 3 >\ntrain B on spiral n=50 < loss cross_entropy; split 0.2; validate 0.2; batch 8; epochs 4 >\n');
    const run = prepareRun(g, { net: 'B', seed: 9, epochs: 2 });
    expect([run.net.name, run.seed, run.epochs]).toEqual(['B', 9, 2]);
    expect(run.sizes).toEqual({ examples: 50, train: 30, validation: 10, test: 10, batch: 8 });
    expect(run.standardize).toBeUndefined();
    expect(run.classes).toBeUndefined();
  });

  it('reads a csv file through readFile, relative to the spec', () => {
    const spec = join(ROOT, 'specs', 'flowers.dl');
    const readFile = (p: string) => readFileSync(resolve(dirname(spec), p), 'utf8');
    const { graph } = compile(readFileSync(spec, 'utf8'), { readFile });
    const run = prepareRun(graph!, { readFile });
    expect(run.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(run.sizes.examples).toBe(150);
  });

  it('names a missing train block or net with one wording and its code', () => {
    const noTrain = graphOf('net N < linear 2->2 >\n');
    expect(() => prepareRun(noTrain)).toThrow(LookupError);
    expect(() => prepareRun(noTrain)).toThrow('the spec has no train block');
    try {
      prepareRun(noTrain);
    } catch (e) {
      expect((e as LookupError).code).toBe('DL0840');
      expect((e as LookupError).help).toBe('add one such as `train N on iris < epochs 10 >`');
    }
    expect(() => prepareRun(IRIS, { net: 'Nope' })).toThrow('no train block trains net `Nope`; the spec trains `Iris`');
    // The page's sentence is the same message and help.
    expect(noTrainBlockSentence('N')).toBe('The spec has no train block: add one such as `train N on iris < epochs 10 >`.');
  });
});

describe('fit', () => {
  it('trains a prepared run exactly as train does', async () => {
    const run = prepareRun(IRIS, { epochs: 5 });
    const fitted = await fit(run, { backend: 'cpu' });
    const trained = await train(IRIS, { epochs: 5, backend: 'cpu' });
    expect(fitted.epochs).toBe(5);
    expect(fitted.history.map((r) => [r.trainLoss, r.testLoss, r.trainAccuracy, r.testAccuracy]))
      .toEqual(trained.history.map((r) => [r.trainLoss, r.testLoss, r.trainAccuracy, r.testAccuracy]));
    expect(fitted.standardize).toEqual(run.standardize);
  });
});

/** The relative imports a module reaches, transitively (its import graph). */
function reach(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const src = readFileSync(entry, 'utf8');
  for (const m of src.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm)) {
    const spec = m[1];
    if (spec.startsWith('.')) reach(resolve(dirname(entry), spec), seen);
    else seen.add(spec);
  }
  return seen;
}

describe('what the setup loads', () => {
  it('prepareRun and the checker load no TensorFlow.js, and the checker no data', () => {
    const setup = [...reach(join(ROOT, 'compiler', 'runtime', 'prepare-run.ts'))];
    expect(setup.filter((m) => m.startsWith('@tensorflow'))).toEqual([]);
    const checker = [...reach(join(ROOT, 'compiler', 'index.ts'))];
    expect(checker.filter((m) => m.startsWith('@tensorflow') || /digits-data|iris-data/.test(m))).toEqual([]);
    expect(checker.some((m) => m.endsWith('graph/datasets.ts'))).toBe(true);
  });
});
