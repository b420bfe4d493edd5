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
  seconds: number;                // since training started
}

export interface BatchReport {
  epoch: number;
  batch: number;          // 1-based within the epoch
  batches: number;
  loss: number;
}

export interface TrainOptions {
  net?: string;
  backend?: BackendChoice;
  epochs?: number;        // overrides the train block
  seed?: number;          // overrides the train block
  signal?: AbortSignal;
  /**
   * Called after every epoch with the report and the model being trained, so a view can
   * draw what the net has learned so far (decision boundary, fitted curve). The model is
   * only valid during the call: read from it, don't keep it or change its weights.
   */
  onEpoch?: (r: EpochReport, model: TrainingModel) => void | Promise<void>;
  onBatch?: (r: BatchReport) => void | Promise<void>;
  /** Supplies csv files (Node: fs; browser: an uploaded file). */
  readFile?: (path: string) => string;
  /**
   * Use this data instead of the train block's dataset (tests, islands). It is already
   * split, so `split` does not apply; `standardize` still does, with `train`'s statistics.
   */
  data?: { train: Dataset; test: Dataset | null };
  /** Start from these weights instead of the seeded initialisation (continue training, tests). */
  init?: StateDict;
  /** Where tfjs-backend-wasm's `.wasm` files are served (browser; Node finds them itself). */
  wasmPaths?: string;
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
  final: EpochReport | null;
  history: EpochReport[];
  seconds: number;
  state: StateDict;
  /** Standardisation statistics applied to inputs, if `standardize` was set. */
  standardize?: { mean: number[]; std: number[] };
}

export type { NetGraph, TrainGraph, TypedGraph };
