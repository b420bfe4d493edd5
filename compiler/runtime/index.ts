/**
 * `dlc/runtime`: trains and runs the nets of a typed graph with TensorFlow.js, exactly as
 * PyTorch would (same initial weights, batch order, losses and optimizers for a seed). The
 * same module runs in Node and in the browser; the browser finds tfjs-backend-wasm's
 * `.wasm` files where `wasmPaths` says (a folder URL ending in `/`).
 *
 * A run is `prepareRun` (the train block, its data split and standardised, no TensorFlow.js
 * yet) then `fit` (the training); `train` does both.
 *
 * @example
 *   import { compile } from 'dlc';
 *   import { train, predict } from 'dlc/runtime';
 *   const { graph } = compile(source);                     // a spec with a net and a train block
 *   const result = await train(graph!, { backend: 'cpu', onEpoch: (r) => console.log(r.trainLoss) });
 *   const net = graph!.nets.find((n) => n.name === result.net)!;
 *   const out = await predict(net, result.state, new Float32Array([5.1, 3.5, 1.4, 0.2]),
 *     { standardize: result.standardize });
 */
export type {
  BackendChoice,
  BackendName,
  BatchReport,
  Dataset,
  EpochReport,
  FitOptions,
  PreparedRun,
  PrepareOptions,
  RunSizes,
  StateDict,
  TensorData,
  TrainingModel,
  TrainOptions,
  TrainResult,
  TrainSnapshot,
} from './api.ts';
export { train, fit, evaluate, predict } from './train.ts';
export { prepareRun } from './prepare-run.ts';
export { trainBlock, findNet, chooseNet, LookupError } from '../graph/lookup.ts';
export { DATASETS, DATASET_NAMES, datasetInfo, isPlanar } from '../graph/datasets.ts';
export type { BuiltinName, DatasetInfo, DatasetName } from '../graph/datasets.ts';
export type { Evaluation, Prediction } from './train.ts';
export { initBackend } from './backend.ts';
export { gpuCouldGain, pickBackend, stepFlops } from './choose-backend.ts';
export type { BackendOptions } from './backend.ts';
export { Model } from './model.ts';
export type { ModelOptions } from './model.ts';
export { LOSSES } from './losses.ts';
export type { LossFn, LossName } from './losses.ts';
export { lossTarget, targetTensor, CORRECT } from './targets.ts';
export type { CorrectFn } from './targets.ts';
export { holdOut, splitDataset, subset, standardization, standardize, standardizeInputs, targetWidth } from './data.ts';
export type { Standardization } from './data.ts';
export { loadDataset, BUILTIN_DATASETS, csvDataset, dataRng, DatasetError } from './datasets/index.ts';
export type { BuiltinInfo, LoadOptions } from './datasets/index.ts';
export type { DataRng } from './datasets/random.ts';
export { initialState } from './init.ts';
export { RuntimeError } from './errors.ts';
export { assertGraph, checkGraph, GraphError } from '../graph/verify.ts';
export { Mt19937, torchUniform, torchRandperm, torchEpochOrder, numpyPermutation } from './rng.ts';
