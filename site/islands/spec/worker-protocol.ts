/**
 * Messages between a live spec and its training worker. Everything is plain data (typed
 * arrays are transferred, not copied) so the page never blocks on the worker. `run`
 * numbers each training run so late messages from a stopped run are ignored.
 */
import type { BackendChoice, BackendName, BatchReport, EpochReport, StateDict, TrainSnapshot } from 'dlc/runtime';
import type { TypedGraph } from 'dlc';
import type { WeightsInfo } from 'dlc/emit';
import type { BoundaryGrid, Points2D } from '../plots/decision-boundary.ts';
import type { DigitSamples } from '../plots/digit-predictions.ts';
import type { ConvWeights } from '../plots/conv-filters.ts';

export type ToWorker =
  /** `files` holds the text of csv files the reader chose, by the path the spec names. */
  /** `resume` continues a run from its last snapshot (after a fault), else it starts afresh. */
  | { type: 'train'; run: number; graph: TypedGraph; net: string; backend: BackendChoice; files: Record<string, string>; resume?: TrainSnapshot }
  | { type: 'stop'; run: number }
  /** Load the wasm backend now, before any run: the reader is heading for Train. */
  | { type: 'warm' };

/** What the worker draws from the model while it trains, chosen by the data set. */
export type View =
  | { kind: 'points'; points: Points2D }
  | { kind: 'boundary'; epoch: number; grid: BoundaryGrid }
  | { kind: 'series'; x: Float32Array; y: Float32Array }
  | { kind: 'curve'; epoch: number; x: Float32Array; y: Float32Array }
  | { kind: 'digits'; epoch: number; samples: DigitSamples }
  | { kind: 'filters'; epoch: number; weights: ConvWeights };

export interface RunSummary {
  backend: BackendName;
  stopped: 'done' | 'aborted' | 'diverged';
  message?: string;
  final: EpochReport | null;
  epochs: number;
  /** With `stop_after`: the epoch whose weights were kept, and whether training stopped early. */
  bestEpoch?: number;
  stoppedEarly?: boolean;
  seconds: number;
}

export type FromWorker =
  /** `reason`: why auto chose `backend` (absent when the reader chose it). */
  | { type: 'started'; run: number; backend: BackendName; reason?: string; numTensors: number }
  /** Epoch reports in order, a few per message when epochs are short, so the page is not flooded. */
  | { type: 'epochs'; run: number; reports: EpochReport[] }
  | { type: 'batch'; run: number; report: BatchReport }
  | { type: 'view'; run: number; view: View }
  /** `weights` is what a weights file records besides the tensors (as `dlc train --save`). */
  | { type: 'done'; run: number; summary: RunSummary; state: StateDict; weights: WeightsInfo; numTensors: number }
  | { type: 'failed'; run: number; message: string; numTensors: number }
  /** Posted every HEARTBEAT_MS while the worker's event loop is free: silence means it is busy, hung or gone. */
  | { type: 'alive'; run: number }
  /** The run so far, after an epoch (at most every SNAPSHOT_MS), to resume from or keep after a fault. */
  | { type: 'snapshot'; run: number; snapshot: TrainSnapshot; weights: WeightsInfo }
  /** The WebGL context was lost: the worker's GPU backend is unusable from now on. */
  | { type: 'gpu-lost'; run: number };

export const HEARTBEAT_MS = 500;
export const SNAPSHOT_MS = 500;
