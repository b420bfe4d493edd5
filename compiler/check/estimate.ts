/**
 * What training a net costs, estimated from the typed graph before anything runs: memory
 * (weights, gradients, optimizer state, the activations of one batch and their gradients,
 * the data) and time per epoch (forward and backward FLOPs at an assumed speed). Rough by
 * design: it only has to tell a net that trains in seconds from one that cannot.
 * The thresholds are documented in docs/language.md ("Limits").
 */
import type { NetGraph, TrainGraph } from '../graph/types.ts';

/** Past these, `dlc check` warns (DL0707). */
export const THRESHOLDS = {
  /** Bytes of memory a run may need: 1 GiB. */
  bytes: 1024 ** 3,
  /** Seconds per epoch at ASSUMED_FLOPS. */
  seconds: 30,
} as const;

/** The speed assumed: 1 GFLOP/s, TensorFlow.js on WebAssembly on one laptop core. */
export const ASSUMED_FLOPS = 1e9;

export interface RunEstimate {
  bytes: number;
  flopsPerEpoch: number;
  secondsPerEpoch: number;
}

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

export function estimateRun(net: NetGraph, train: Pick<TrainGraph, 'optimizer' | 'batch' | 'split'>, examples: number): RunEstimate {
  const nTest = train.split > 0 ? Math.ceil(train.split * examples) : 0;
  const nTrain = Math.max(0, examples - nTest);
  const batch = train.batch === 'full' ? nTrain : Math.min(train.batch, nTrain);
  // Weights and gradients, Adam's two moments or SGD's momentum, and the update's temporaries.
  const copies = 2 + (train.optimizer.name === 'adam' ? 2 : train.optimizer.momentum > 0 ? 1 : 0) + 2;
  const activations = net.nodes.reduce((a, n) => a + size(n.outShape), size(net.inputShape));
  const bytes = 4 * (net.paramCount * copies + 2 * batch * activations + examples * size(net.inputShape));
  const forward = net.nodes.reduce((a, n) => a + n.flops, 0);
  // Backward costs about twice the forward pass; the test set is only evaluated.
  const flopsPerEpoch = 3 * forward * nTrain + forward * nTest;
  return { bytes, flopsPerEpoch, secondsPerEpoch: flopsPerEpoch / ASSUMED_FLOPS };
}

/** `1.2 GB and 35 s per epoch`: the estimate as people read it. */
export function estimateText(e: RunEstimate): string {
  const mb = e.bytes / 1024 ** 2;
  const memory = mb >= 1024 ? `${(mb / 1024).toFixed(1)} GB` : `${Math.max(1, Math.round(mb))} MB`;
  const time = e.secondsPerEpoch >= 1 ? `${e.secondsPerEpoch.toFixed(0)} s` : e.secondsPerEpoch >= 0.001 ? `${(e.secondsPerEpoch * 1000).toFixed(0)} ms` : 'under 1 ms';
  return `${memory} of memory and ${time} per epoch`;
}
