/**
 * The runtime's public contract, shared by the CLI (Node), the tests and the site's
 * training worker (browser). Implementations live beside this file; this file holds
 * only types so every caller can agree on them before the code exists.
 */
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import type { NetGraph, TrainGraph, TypedGraph } from '../graph/types.ts';

export type BackendName = 'cpu' | 'wasm' | 'webgl';
export type BackendChoice = BackendName | 'auto';

/** A tensor as plain data, row-major (C order), PyTorch layout. */
export interface TensorData {
  shape: number[];
  data: Float32Array | Int32Array | number[];
  dtype?: 'float32' | 'int64' | 'int32';
}

/** PyTorch state_dict as plain data: names are `layers.k.weight` etc. */
export type StateDict = Record<string, TensorData>;

/** A dataset in memory. x is N examples of `exampleShape`, flattened row-major. */
export interface Dataset {
  name: string;
  x: Float32Array;
  /** Class indices (classes) or float targets (regression, N x size). */
  y: Float32Array | Int32Array;
  n: number;
  exampleShape: number[];
  target: { kind: 'classes'; classes: number; names?: string[] } | { kind: 'regression'; size: number };
  featureNames?: string[];
}

export interface EpochReport {
  epoch: number;          // 1-based
  epochs: number;
  trainLoss: number;
  testLoss: number | null;        // null when split is 0
  trainAccuracy: number | null;   // null for regression
  testAccuracy: number | null;
  /** Present only when the train block holds out a validation set (`validate F`). */
  validationLoss?: number;
  validationAccuracy?: number | null;   // null for regression
  seconds: number;                // since training started
}

export interface BatchReport {
  epoch: number;
  batch: number;          // 1-based within the epoch
  batches: number;
  loss: number;
}

/** What `prepareRun` takes: which train block, and what overrides its data. */
export interface PrepareOptions {
  net?: string;
  epochs?: number;        // overrides the train block
  seed?: number;          // overrides the train block (data, split, weights, batch order)
  /** Supplies csv files (Node: fs; browser: an uploaded file). */
  readFile?: (path: string) => string;
  /**
   * Use this data instead of the train block's dataset (tests, islands). It is already
   * split, so `split` does not apply (`validate` draws from its `train` unless it gives
   * `validation`); `standardize` still does, with `train`'s statistics.
   */
  data?: { train: Dataset; test: Dataset | null; validation?: Dataset | null };
}

/** What `fit` takes: where and how to train, and who hears of it. */
export interface FitOptions {
  backend?: BackendChoice;
  signal?: AbortSignal;
  /**
   * Called after every epoch with the report and the model being trained, so a view can
   * draw what the net has learned so far (decision boundary, fitted curve). The model is
   * only valid during the call: read from it, don't keep it or change its weights.
   */
  onEpoch?: (r: EpochReport, model: TrainingModel) => void | Promise<void>;
  onBatch?: (r: BatchReport) => void | Promise<void>;
  /** Start from these weights instead of the seeded initialisation (continue training, tests). */
  init?: StateDict;
  /** Where tfjs-backend-wasm's `.wasm` files are served (browser; Node finds them itself). */
  wasmPaths?: string;
  /**
   * Continue a run from a snapshot `onSnapshot` gave: the epochs after it give the numbers
   * the run would have given had it not stopped (on the same backend). The spec, seed and
   * data must be the run's own.
   */
  resume?: TrainSnapshot;
  /** Receives a snapshot after an epoch, at most every `snapshotMs` (default 0: every epoch). */
  onSnapshot?: (s: TrainSnapshot) => void | Promise<void>;
  snapshotMs?: number;
}

/** `train(graph, options)` is `fit(prepareRun(graph, options), options)`. */
export interface TrainOptions extends PrepareOptions, FitOptions {}

/** Examples per set and per batch, as the run draws them. */
export interface RunSizes {
  /** Train, validation and test together. */
  examples: number;
  train: number;
  validation: number;
  test: number;
  /** Examples per batch (`batch full`: the whole training set). */
  batch: number;
}

/** A run set up by `prepareRun`: everything `fit` needs, as plain data (no tensors yet). */
export interface PreparedRun {
  graph: TypedGraph;
  block: TrainGraph;
  net: NetGraph;
  seed: number;
  epochs: number;
  /** Every example as loaded, before the split; null when `data` gave the sets. */
  dataset: Dataset | null;
  /** The three sets before standardisation. */
  raw: { train: Dataset; validation: Dataset | null; test: Dataset | null };
  /** The sets as the net sees them: standardised with the training set's statistics when the block says. */
  train: Dataset;
  /** null when the train block has no `validate`. */
  validation: Dataset | null;
  /** null when `split` is 0. */
  test: Dataset | null;
  /** The training set's statistics, when the block standardizes. */
  standardize?: { mean: number[]; std: number[] };
  /** The class names, when the data set has them. */
  classes?: string[];
  /** The input columns' names, when the data set has them. */
  features?: string[];
  sizes: RunSizes;
}

/** An optimizer's state as plain data: the steps it has taken and its flat buffers (moments, momentum). */
export interface OptimizerState {
  steps: number;
  buffers: Float32Array[];
}

/** Everything a run needs to carry on after an epoch, as plain data (a worker can post it). */
export interface TrainSnapshot {
  /** Epochs completed. */
  epoch: number;
  state: StateDict;
  optimizer: OptimizerState;
  /** The generator that draws batch orders and dropout masks: its words and position. */
  rng: { words: Uint32Array; index: number };
  history: EpochReport[];
  /** Training time so far. */
  seconds: number;
  /** The first batch's loss at the initial weights: what divergence is measured against. */
  startLoss?: number;
  /**
   * With `stop_after`: the epoch with the lowest validation loss so far and its weights, so
   * a resumed run stops where the whole run would have and ends on the same weights.
   */
  best?: { epoch: number; state: StateDict };
}

/** What an `onEpoch` listener may read of the model in training. */
export interface TrainingModel {
  /** The net's outputs in evaluation mode; the caller disposes the result. */
  predict(x: Tensor): Tensor;
  /** The trainable weights, PyTorch layout, in the order of `paramNames`. */
  readonly params: Variable[];
  readonly paramNames: string[];
}

export interface TrainResult {
  net: string;
  backend: BackendName;
  epochs: number;         // epochs completed
  stopped: 'done' | 'aborted' | 'diverged';
  /** Set when stopped is `diverged`: epoch, batch, lr, and what to try. */
  message?: string;
  /** Set when stopped is `diverged`: DL0830 (NaN or infinite) or DL0831 (exploded). */
  code?: string;
  /**
   * The last epoch's report; with `stop_after`, the best epoch's (its weights are the ones
   * returned in `state`).
   */
  final: EpochReport | null;
  /** With `stop_after`: the epoch whose weights `state` holds (lowest validation loss). */
  bestEpoch?: number;
  /** With `stop_after`: true when the validation loss stopped improving before the last epoch. */
  stoppedEarly?: boolean;
  history: EpochReport[];
  seconds: number;
  state: StateDict;
  /** Standardisation statistics applied to inputs, if `standardize` was set. */
  standardize?: { mean: number[]; std: number[] };
}

export type { NetGraph, TrainGraph, TypedGraph };
