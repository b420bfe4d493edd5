/**
 * Messages between a live spec and its training worker. Everything is plain data (typed
 * arrays are transferred, not copied) so the page never blocks on the worker. `run`
 * numbers each training run so late messages from a stopped run are ignored.
 */
import type { BackendChoice, BackendName, BatchReport, EpochReport, StateDict } from 'dlc/runtime';
import type { TypedGraph } from 'dlc';
import type { WeightsInfo } from 'dlc/emit';
import type { BoundaryGrid, Points2D } from '../plots/decision-boundary.ts';
import type { DigitSamples } from '../plots/digit-predictions.ts';
import type { ConvWeights } from '../plots/conv-filters.ts';

export type ToWorker =
  /** `files` holds the text of csv files the reader chose, by the path the spec names. */
  | { type: 'train'; run: number; graph: TypedGraph; net: string; backend: BackendChoice; files: Record<string, string> }
  | { type: 'stop'; run: number };

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
  seconds: number;
}

export type FromWorker =
  | { type: 'started'; run: number; backend: BackendName; numTensors: number }
  /** Epoch reports in order, a few per message when epochs are short, so the page is not flooded. */
  | { type: 'epochs'; run: number; reports: EpochReport[] }
  | { type: 'batch'; run: number; report: BatchReport }
  | { type: 'view'; run: number; view: View }
  /** `weights` is what a weights file records besides the tensors (as `dlc train --save`). */
  | { type: 'done'; run: number; summary: RunSummary; state: StateDict; weights: WeightsInfo; numTensors: number }
  | { type: 'failed'; run: number; message: string; numTensors: number };
