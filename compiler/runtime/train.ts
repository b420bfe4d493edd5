/**
 * The training loop (`fit`): a prepared run's data (prepare-run.ts), fed in (re)shuffled
 * batches through one tf.tidy per step that computes the loss, its gradients and the
 * optimizer's update, all without reading back. Losses and accuracy are read once per epoch;
 * between batches the loop checks the abort signal and, every 100 ms or so,
 * yields to the event loop (so a browser worker can receive "stop") and reports progress.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { NetGraph, TypedGraph } from '../graph/types.ts';
import type {
  BackendChoice, Dataset, EpochReport, FitOptions, PreparedRun, StateDict, TrainOptions, TrainResult,
} from './api.ts';
import { initBackend } from './backend.ts';
import { standardize, standardizeInputs, type Standardization } from './data.ts';
import { EarlyStopping } from './early-stop.ts';
import { checkExamples, prepareRun } from './prepare-run.ts';
import { type Divergence, exploded, explodes, notFinite } from './divergence.ts';
import { RuntimeError } from './errors.ts';
import { R_RUN } from '../diagnostics/messages.ts';
import { assertNet } from '../graph/verify.ts';
import { LOSSES, type LossName } from './losses.ts';
import { Model } from './model.ts';
import { createOptimizer } from './optimizers/index.ts';
import { torchEpochOrder, torchSeedDraw } from './rng.ts';
import { resumeFrom, takeSnapshot } from './snapshot.ts';
import { unlessAborted } from './abortable.ts';
import { CORRECT, targetTensor } from './targets.ts';
import { type FusedTrainer, fusedTrainer } from './fused/index.ts';

/** How often (ms) a long epoch yields to the event loop and checks the latest loss. */
const YIELD_MS = 100;
/** How often (ms) at most onBatch hears of progress: only epochs longer than this call it. */
const REPORT_MS = 250;
/** Rows per forward pass when evaluating, to bound memory on large sets. */
const EVAL_ROWS = 4096;

/** A data set as tensors: inputs [N, ...shape] and the loss's targets [N, ...out]. */
interface Tensors {
  x: tf.Tensor;
  target: tf.Tensor;
  n: number;
}

/**
 * Trains the net of a train block and returns its final state and history: `prepareRun`
 * then `fit`.
 *
 * @example
 * const result = await train(compile(src).graph, { backend: 'wasm', onEpoch: (r) => console.log(r.trainLoss) });
 * result.final?.testAccuracy // 0.9 for specs/iris.dl, as PyTorch gets from the same seed
 */
export async function train(graph: TypedGraph, opts: TrainOptions = {}): Promise<TrainResult> {
  return fit(prepareRun(graph, opts), opts);
}

/**
 * Trains a run `prepareRun` set up: its sets become tensors, then the epochs run.
 *
 * @example
 * const run = prepareRun(graph, { readFile });
 * const result = await fit(run, { backend: 'cpu' });
 */
export async function fit(run: PreparedRun, opts: FitOptions = {}): Promise<TrainResult> {
  const { block, net, seed, epochs } = run;
  const { train: trainSet, test: testSet, validation: valSet, standardize: stats } = run;
  const batchSize = run.sizes.batch;
  const backend = await initBackend(opts.backend ?? 'auto', { wasmPaths: opts.wasmPaths });

  // Everything made from here on is freed in the `finally` below, whatever happens.
  const owned: tf.TensorContainer[] = [];
  const disposables: Array<{ dispose(): void }> = [];
  try {
    const trainT = toTensors(trainSet, net, block.loss, owned);
    const testT = testSet === null ? null : toTensors(testSet, net, block.loss, owned);
    const valT = valSet === null ? null : toTensors(valSet, net, block.loss, owned);
    const stopper = block.stopAfter !== undefined && valT !== null ? new EarlyStopping(block.stopAfter) : null;
    const model = new Model(net, { seed, state: opts.resume?.state ?? opts.init });
    disposables.push(model);
    const optimizer = createOptimizer(block.optimizer);
    disposables.push(optimizer);
    if (opts.resume) resumeFrom(opts.resume, model, optimizer, epochs, stopper);
    // p1 (issue 14): nets of the fused class (linear + elementwise, cpu/wasm) take runtime/fused/'s step.
    const fused = fusedTrainer(net, block, backend, model, optimizer);
    if (fused !== null) disposables.push(fused);
    const lossFn = LOSSES[block.loss];
    const correctFn = CORRECT[block.loss];
    const batches = Math.ceil(trainT.n / batchSize);
    const sizes = Array.from({ length: batches }, (_, b) => Math.min(batchSize, trainT.n - b * batchSize));
    // Rows reach the model in the DataLoader's order. For one full batch the order changes
    // nothing but the rows dropout masks land on, so the data is only permuted when it matters.
    const permute = batches > 1 || net.nodes.some((n) => n.op === 'dropout');

    const history: EpochReport[] = opts.resume ? [...opts.resume.history] : [];
    const start = now() - (opts.resume?.seconds ?? 0) * 1000;
    let lastSnapshot = -Infinity;
    let lastYield = now();
    let lastReport = now();

    type Outcome = { report: EpochReport } | { stopped: 'aborted' } | { stopped: 'diverged'; divergence: Divergence };
    /** The loss of the initial weights on the first batch: what an exploding loss is measured against. */
    // A resumed run measures divergence against the same starting loss as the run it continues.
    let startLoss = opts.resume?.startLoss ?? NaN;

    /** One pass over the training set, then the epoch's single readback. */
    const runEpoch = async (epoch: number): Promise<Outcome> => {
      // Drawn every epoch, as DataLoader(shuffle=True) draws it, to keep the generator in step.
      // Unpermuted, only the global generator's two seed draws matter: the permutation comes
      // from a fresh generator of its own, which nothing else reads (p1, issue 14).
      let order: tf.Tensor1D | null = null;
      if (permute) order = tf.tensor1d(torchEpochOrder(trainT.n, model.generator), 'int32');
      else for (let draw = 0; draw < 2; draw++) torchSeedDraw(model.generator);
      const xs = order === null ? trainT.x : tf.gather(trainT.x, order);
      const ys = order === null ? trainT.target : tf.gather(trainT.target, order);
      // The epoch's batches in two kernels, rather than two slices a step.
      const xParts = batches > 1 ? tf.split(xs, sizes) : [xs];
      const yParts = batches > 1 ? tf.split(ys, sizes) : [ys];
      const losses: tf.Scalar[] = [];
      const corrects: tf.Scalar[] = [];
      // p1 (issue 14): the fused step's losses and correct count are host numbers, read back with no kernel.
      const fusedLosses: number[] = [];
      let fusedCorrect = 0;
      try {
        for (let b = 0; b < batches; b++) {
          if (opts.signal?.aborted) return { stopped: 'aborted' };
          const xb = xParts[b];
          const yb = yParts[b];
          let loss: tf.Scalar | number;
          if (fused !== null) {
            // p1 (issue 14): the fused step gives the same loss and correct count as the tidy below.
            const step = fused.step(xb, yb);
            fusedLosses.push(step.loss);
            fusedCorrect += step.correct;
            loss = step.loss;
          } else {
            loss = tf.tidy(() => {
              let out: tf.Tensor | null = null;
              const { value, grads } = tf.variableGrads(() => {
                out = model.forward(xb, true);
                if (correctFn !== null) tf.keep(out);
                return lossFn(out, yb);
              }, model.params);
              optimizer.step(model.params, model.params.map((p) => grads[p.name]));
              // Counted off the gradient tape, which then has less to walk back.
              if (correctFn !== null && out !== null) {
                corrects.push(tf.keep(correctFn(out, yb)));
                (out as tf.Tensor).dispose();
              }
              return value;
            });
            losses.push(loss);
          }

          if (batches > 1 && now() - lastYield > YIELD_MS) {
            let batchLoss: number;
            if (typeof loss === 'number') batchLoss = loss;
            else {
              const read = await unlessAborted(loss.data(), opts.signal);
              if (read === null) return { stopped: 'aborted' };
              batchLoss = read[0];
            }
            if (!Number.isFinite(batchLoss)) {
              return { stopped: 'diverged', divergence: notFinite(batchLoss, epoch, b + 1, block) };
            }
            if (opts.onBatch && now() - lastReport > REPORT_MS) {
              await opts.onBatch({ epoch, batch: b + 1, batches, loss: batchLoss });
              lastReport = now();
            }
            await yieldToEventLoop();
            lastYield = now();
          }
        }

        // Every batch's loss (to locate a divergence), the correct count, and the test set's
        // summed loss and correct count, in one read.
        let values: Float32Array;
        if (fused !== null) {
          // p1 (issue 14): the same values, laid out as the read-back below lays them out, as float32.
          values = Float32Array.from([
            ...fusedLosses,
            ...(correctFn !== null ? [fusedCorrect] : []),
            ...(testT !== null ? fused.evaluate(testT.x, testT.target) : []),
            ...(valT !== null ? fused.evaluate(valT.x, valT.target) : []),
          ]);
        } else {
          const readback = tf.tidy(() => {
            const parts: tf.Tensor[] = [tf.stack(losses)];
            if (corrects.length > 0) parts.push(tf.reshape(tf.addN(corrects), [1]));
            if (testT !== null) parts.push(evaluateTensors(model, block.loss, testT));
            if (valT !== null) parts.push(evaluateTensors(model, block.loss, valT));
            return tf.concat(parts);
          });
          const read = await unlessAborted(readback.data(), opts.signal);
          readback.dispose();
          if (read === null) return { stopped: 'aborted' };
          values = read as Float32Array;
        }

        const bad = values.subarray(0, batches).findIndex((v) => !Number.isFinite(v));
        if (bad >= 0) return { stopped: 'diverged', divergence: notFinite(values[bad], epoch, bad + 1, block) };
        let lossSum = 0; // batch means weighted by batch sizes, so batches of any size add up
        for (let b = 0; b < batches; b++) lossSum += values[b] * sizes[b];
        if (epoch === 1) startLoss = values[0];
        if (explodes(lossSum / trainT.n, startLoss)) return { stopped: 'diverged', divergence: exploded(lossSum / trainT.n, startLoss, epoch, block) };
        const k = correctFn !== null ? batches + 1 : batches;
        const v = testT !== null ? k + 2 : k; // the validation set's [loss sum, correct]
        return {
          report: {
            epoch,
            epochs,
            trainLoss: lossSum / trainT.n,
            testLoss: testT !== null ? values[k] / testT.n : null,
            trainAccuracy: correctFn !== null ? values[batches] / trainT.n : null,
            testAccuracy: testT !== null && correctFn !== null ? values[k + 1] / testT.n : null,
            ...(valT !== null ? {
              validationLoss: values[v] / valT.n,
              validationAccuracy: correctFn !== null ? values[v + 1] / valT.n : null,
            } : {}),
            seconds: (now() - start) / 1000,
          },
        };
      } finally {
        tf.dispose(losses);
        tf.dispose(corrects);
        if (batches > 1) tf.dispose([...xParts, ...yParts]);
        if (order !== null) tf.dispose([order, xs, ys]);
      }
    };

    let stopped: TrainResult['stopped'] = 'done';
    let divergence: Divergence | undefined;
    // A run resumed from the snapshot of the epoch early stopping ended on ends there too.
    let stoppedEarly = opts.resume !== undefined && stopper !== null && opts.resume.epoch < epochs && stopper.spent(opts.resume.epoch);
    for (let epoch = (opts.resume?.epoch ?? 0) + 1; epoch <= epochs && !stoppedEarly; epoch++) {
      const outcome = await runEpoch(epoch);
      if ('stopped' in outcome) {
        stopped = outcome.stopped;
        if (outcome.stopped === 'diverged') divergence = outcome.divergence;
        break;
      }
      history.push(outcome.report);
      // p1 (issue 14): the fused step writes the weights back only when something reads them.
      if (opts.onEpoch) await opts.onEpoch(outcome.report, fused !== null ? syncedOnRead(model, fused) : model);
      // Under data-parallel training this loss must be the all-reduced one (see early-stop.ts).
      const stop = stopper?.update(outcome.report, outcome.report.validationLoss!, () => { fused?.sync(false); return model.stateDict(); }) === true && epoch < epochs;
      // After the stopper's update, so the snapshot holds this epoch's best; the epoch a run ends on always gets one.
      if (opts.onSnapshot && (now() - lastSnapshot >= (opts.snapshotMs ?? 0) || epoch === epochs || stop)) {
        fused?.sync(true);
        await opts.onSnapshot(takeSnapshot(epoch, model, optimizer, history, (now() - start) / 1000, startLoss, stopper));
        lastSnapshot = now();
      }
      if (stop) {
        stoppedEarly = true;
        break;
      }
      if (now() - lastYield > YIELD_MS) {
        await yieldToEventLoop();
        lastYield = now();
      }
    }
    fused?.sync(false); // p1 (issue 14): a run stopped mid-epoch keeps the weights of its last step, as the generic step does
    // With early stopping, the weights (and the final report) are the best epoch's.
    if (stopper?.bestState) model.loadStateDict(stopper.bestState);
    return {
      net: net.name,
      backend,
      epochs: history.length,
      stopped,
      ...(divergence !== undefined ? { message: divergence.message, code: divergence.code } : {}),
      final: stopper?.bestReport ?? (history.length > 0 ? history[history.length - 1] : null),
      ...(stopper ? { bestEpoch: stopper.bestEpoch, stoppedEarly } : {}),
      history,
      seconds: (now() - start) / 1000,
      state: model.stateDict(),
      ...(stats !== undefined ? { standardize: stats } : {}),
    };
  } finally {
    tf.dispose(owned);
    for (const d of disposables) d.dispose();
  }
}

export interface Evaluation {
  /** Mean loss over the examples. */
  loss: number;
  /** Fraction classified correctly; null for regression. */
  accuracy: number | null;
}

/**
 * Loss and accuracy of a state on a data set, in evaluation mode (no dropout, batchnorm's
 * running statistics). Pass the training run's `standardize` to scale raw inputs the same way.
 */
export async function evaluate(
  net: NetGraph, state: StateDict, data: Dataset, loss: LossName,
  opts: { backend?: BackendChoice; standardize?: Standardization; wasmPaths?: string } = {},
): Promise<Evaluation> {
  assertNet(net);
  await initBackend(opts.backend ?? 'auto', { wasmPaths: opts.wasmPaths });
  checkExamples(net, data);
  const ds = opts.standardize ? standardize(data, opts.standardize) : data;
  const owned: tf.TensorContainer[] = [];
  const t = toTensors(ds, net, loss, owned);
  const model = new Model(net, { state });
  try {
    const r = evaluateTensors(model, loss, t);
    owned.push(r);
    const [lossSum, correct] = await r.data();
    return { loss: lossSum / t.n, accuracy: CORRECT[loss] !== null ? correct / t.n : null };
  } finally {
    tf.dispose(owned);
    model.dispose();
  }
}

export interface Prediction {
  /** [N, ...outputShape] */
  shape: number[];
  data: Float32Array;
}

/**
 * The net's outputs for N examples given row-major in `x`, in evaluation mode.
 *
 * @example
 * const { data } = await predict(net, result.state, Float32Array.of(5.1, 3.5, 1.4, 0.2), { standardize: result.standardize });
 */
export async function predict(
  net: NetGraph, state: StateDict, x: Float32Array,
  opts: { backend?: BackendChoice; standardize?: Standardization; wasmPaths?: string } = {},
): Promise<Prediction> {
  assertNet(net);
  await initBackend(opts.backend ?? 'auto', { wasmPaths: opts.wasmPaths });
  const width = net.inputShape.reduce((a, b) => a * b, 1);
  if (x.length === 0 || x.length % width !== 0) {
    throw new RuntimeError(R_RUN.inputWidth, { net: net.name, width, shape: net.inputShape.join(', '), count: x.length });
  }
  const n = x.length / width;
  const inputs = opts.standardize ? standardizeInputs(x, opts.standardize) : x;
  const model = new Model(net, { state });
  try {
    const out = tf.tidy(() => {
      const xt = tf.tensor(inputs, [n, ...net.inputShape]);
      const chunks: tf.Tensor[] = [];
      for (let begin = 0; begin < n; begin += EVAL_ROWS) {
        chunks.push(model.forward(sliceRows(xt, begin, Math.min(EVAL_ROWS, n - begin)), false));
      }
      return chunks.length === 1 ? chunks[0] : tf.concat(chunks);
    });
    const data = (await out.data()) as Float32Array;
    const shape = out.shape;
    out.dispose();
    return { shape, data };
  } finally {
    model.dispose();
  }
}

/**
 * [summed loss, correct count] over a set in evaluation mode, in chunks; the count is 0 for
 * regression. The loss is summed (mean times rows) so chunks and epochs add up exactly.
 */
function evaluateTensors(model: Model, loss: LossName, t: Tensors): tf.Tensor1D {
  const correctFn = CORRECT[loss];
  return tf.tidy(() => {
    const parts: tf.Tensor[] = [];
    for (let begin = 0; begin < t.n; begin += EVAL_ROWS) {
      const size = Math.min(EVAL_ROWS, t.n - begin);
      const y = sliceRows(t.target, begin, size);
      const out = model.forward(sliceRows(t.x, begin, size), false);
      const correct = correctFn !== null ? correctFn(out, y) : tf.scalar(0);
      parts.push(tf.stack([tf.mul(LOSSES[loss](out, y), size), correct]));
    }
    return (parts.length === 1 ? parts[0] : tf.sum(tf.stack(parts), 0)) as tf.Tensor1D;
  });
}

/**
 * p1 (issue 14): the model as `onEpoch` receives it during a fused run: the same object
 * behind a proxy that writes the fused step's weights back before anything of it is read,
 * so a listener that never looks at the model costs no write-back.
 */
function syncedOnRead(model: Model, fused: FusedTrainer): Model {
  return new Proxy(model, {
    get(target, key) {
      fused.sync(false);
      return Reflect.get(target, key, target);
    },
  });
}

/** The set as tensors, which are also pushed on `owned` for the caller to free. */
function toTensors(ds: Dataset, net: NetGraph, loss: LossName, owned: tf.TensorContainer[]): Tensors {
  const target = targetTensor(loss, ds.y, ds.n, net.outputShape); // validates the targets first
  owned.push(target);
  const x = tf.tensor(ds.x, [ds.n, ...net.inputShape], 'float32');
  owned.push(x);
  return { x, target, n: ds.n };
}

function sliceRows(t: tf.Tensor, begin: number, size: number): tf.Tensor {
  if (begin === 0 && size === t.shape[0]) return t;
  return tf.slice(t, [begin, ...t.shape.slice(1).map(() => 0)], [size, ...t.shape.slice(1)]);
}

function now(): number {
  return performance.now();
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
