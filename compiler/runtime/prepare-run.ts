/**
 * A run's setup, before any TensorFlow.js: the train block and its net, the data loaded
 * from what the checker resolved, the test split, the validation set, the standardisation
 * with the training set's statistics, and the checks that the sets fit the net and the
 * batch. `fit` (train.ts) trains on what this returns; the CLI, the site's worker and the
 * export read their sizes, class and feature names from it instead of loading the data
 * again. It imports no TensorFlow.js, so a command can report bad data before loading it.
 */
import { singleExampleBatch } from '../graph/single-example-batch.ts';
import { findNet, trainBlock } from '../graph/lookup.ts';
import { assertGraph } from '../graph/verify.ts';
import { R_RUN } from '../diagnostics/messages.ts';
import type { NetGraph, TypedGraph } from '../graph/types.ts';
import type { Dataset, PreparedRun, PrepareOptions } from './api.ts';
import { holdOut, splitDataset, standardization, standardize, type Standardization } from './data.ts';
import { loadDataset } from './datasets/index.ts';
import { RuntimeError } from './errors.ts';

/**
 * Sets up the run of a spec's train block (the first, or the one for `options.net`).
 *
 * @example
 *   const run = prepareRun(compile(src).graph!, { readFile });
 *   run.sizes // { examples: 150, train: 120, validation: 0, test: 30, batch: 120 } for specs/iris.dl
 *   const result = await fit(run, { backend: 'cpu' });
 */
export function prepareRun(graph: TypedGraph, options: PrepareOptions = {}): PreparedRun {
  assertGraph(graph); // a graph read back (JSON, postMessage) must be sound before any data work
  const block = trainBlock(graph, options.net);
  const net = findNet(graph, block.net);
  const seed = options.seed ?? block.seed;
  const epochs = options.epochs ?? block.epochs;

  // Test split first, then validation from what it leaves (docs/language.md, "Held-out sets").
  const dataset = options.data ? null : loadDataset(block.dataset, { seed, readFile: options.readFile });
  const raw = holdOut(options.data ?? splitDataset(dataset!, block.split, seed), block.validate ?? 0, seed);
  checkExamples(net, raw.train);
  if (raw.test !== null) checkExamples(net, raw.test);
  if (raw.validation !== null) checkExamples(net, raw.validation);
  let { train, test, validation } = raw;
  let stats: Standardization | undefined;
  if (block.standardize) {
    stats = standardization(train);
    train = standardize(train, stats);
    if (test !== null) test = standardize(test, stats);
    if (validation !== null) validation = standardize(validation, stats);
  }
  const batch = block.batch === 'full' ? train.n : Math.min(block.batch, train.n);
  checkBatchnormBatch(net, train.n, batch);

  const target = train.target;
  return {
    graph, block, net, seed, epochs, dataset, raw, train, validation, test,
    ...(stats !== undefined ? { standardize: stats } : {}),
    ...(target.kind === 'classes' && target.names !== undefined ? { classes: target.names } : {}),
    ...(train.featureNames !== undefined ? { features: train.featureNames } : {}),
    sizes: {
      examples: train.n + (validation?.n ?? 0) + (test?.n ?? 0),
      train: train.n,
      validation: validation?.n ?? 0,
      test: test?.n ?? 0,
      batch,
    },
  };
}

/** Data whose examples are not the net's input shape is refused before training starts. */
export function checkExamples(net: NetGraph, ds: Dataset): void {
  const same = ds.exampleShape.length === net.inputShape.length && ds.exampleShape.every((d, i) => d === net.inputShape[i]);
  if (!same) {
    throw new RuntimeError(R_RUN.exampleShape, { dataset: ds.name, shape: ds.exampleShape.join(', '), net: net.name, input: net.inputShape.join(', ') });
  }
  if (ds.n === 0) throw new RuntimeError(R_RUN.noExamples, { dataset: ds.name });
  const width = net.inputShape.reduce((a, b) => a * b, 1);
  if (ds.x.length !== ds.n * width) {
    throw new RuntimeError(R_RUN.dataSize, { dataset: ds.name, values: ds.x.length, n: ds.n, width });
  }
}

/** PyTorch refuses to train batchnorm on one value per channel; say so before training starts. */
function checkBatchnormBatch(net: NetGraph, n: number, batchSize: number): void {
  const single = singleExampleBatch(net, n, batchSize);
  if (single === null) return;
  throw new RuntimeError(R_RUN.batchnormSingle, { layer: single.layer, why: single.why });
}
