/**
 * `sgd-vs-adam`: the same net on the same data, from the same initial weights and with the
 * same batches (one seed), trained once with plain SGD and once with Adam at the same
 * learning rate by the runtime's `train()`. Reports both loss curves, the test accuracy and
 * each model's decision boundary.
 */
import { type BackendChoice, type EpochReport, loadDataset, predict, train, trainBlock } from 'dlc/runtime';
import type { TypedGraph } from 'dlc';
import { compileSpec } from './spec.ts';
import { ADAM_DEFAULTS } from '../shared/defaults.ts';
import { boundaryGridInputs, type Bounds } from '../../plots/boundary-grid.ts';

export type OptimizerName = 'sgd' | 'adam';

export interface SgdVsAdamParams {
  lr?: number;
  epochs?: number;
  seed?: number;
}

export interface SgdVsAdamProgress {
  optimizer: OptimizerName;
  report: EpochReport;
}

export interface Boundary {
  bounds: [number, number, number, number];
  size: number;
  /** Probability of class 1, size x size, row 0 at the top. */
  p1: Float32Array;
}

export interface SgdVsAdamRun {
  optimizer: OptimizerName;
  history: EpochReport[];
  stopped: 'done' | 'aborted' | 'diverged';
  boundary: Boundary;
}

export interface SgdVsAdamResult {
  runs: SgdVsAdamRun[];
  points: { x: Float32Array; y: Int32Array };
}

const BOUNDS: Bounds = [-1.3, 1.3, -1.3, 1.3];
const GRID = 40;

/** The lesson's spiral spec (specs/spiral.dl) with the optimizer and length chosen here. */
export function spiralSpec(optimizer: OptimizerName, lr: number, epochs: number, seed: number): string {
  return `net Spiral <
  linear 2->32; relu;
  linear 32->32; relu;
  linear 32->1
>

train Spiral on spiral n=600 noise=0.05 <
  loss bce_logits;
  optimizer ${optimizer} lr=${lr};
  batch 32;
  epochs ${epochs};
  seed ${seed}
>`;
}

export async function sgdVsAdam(
  params: SgdVsAdamParams,
  ctx: { backend?: BackendChoice; signal?: AbortSignal; progress?: (p: SgdVsAdamProgress) => void } = {},
): Promise<SgdVsAdamResult> {
  const { lr, epochs, seed } = { ...ADAM_DEFAULTS, ...params };
  const runs: SgdVsAdamRun[] = [];
  let graph: TypedGraph | null = null;
  for (const optimizer of ['sgd', 'adam'] as const) {
    if (ctx.signal?.aborted) break;
    graph = compileSpec(spiralSpec(optimizer, lr, epochs, seed));
    const result = await train(graph, {
      backend: ctx.backend,
      signal: ctx.signal,
      onEpoch: (report) => ctx.progress?.({ optimizer, report }),
    });
    const logits = await predict(graph.nets[0], result.state, boundaryGridInputs(BOUNDS, GRID), { backend: ctx.backend });
    const p1 = logits.data.map((z) => 1 / (1 + Math.exp(-z)));
    runs.push({ optimizer, history: result.history, stopped: result.stopped, boundary: { bounds: BOUNDS, size: GRID, p1 } });
  }
  const ds = loadDataset(trainBlock(graph ?? compileSpec(spiralSpec('adam', lr, epochs, seed))).dataset, { seed });
  return { runs, points: { x: ds.x, y: Int32Array.from(ds.y) } };
}
