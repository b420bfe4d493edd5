/**
 * `gd-variants`: batch, stochastic and mini-batch gradient descent on one problem (a line
 * through noisy points), from the same initial weights and the same shuffling seed, trained
 * by the runtime's `train()`. After every epoch the loss over all the points is measured
 * (the training set doubles as the evaluation set), so the three curves are comparable.
 */
import { type BackendChoice, evaluate, train, type TrainResult } from 'dlc/runtime';
import { bestLine, noisyLine, type LineFit } from '../shared/line-data.ts';
import { compileSpec } from './spec.ts';
import { GD_DEFAULTS } from '../shared/defaults.ts';

export type BatchChoice = 'full' | number;

export interface GdVariantsParams {
  batches?: BatchChoice[];
  n?: number;
  epochs?: number;
  lr?: number;
  seed?: number;
}

export interface GdVariantsProgress {
  batch: BatchChoice;
  epoch: number;
  loss: number;
}

export interface GdVariantRun {
  batch: BatchChoice;
  /** Weight updates made: batches per epoch times epochs. */
  updates: number;
  /** Loss over all points before training (index 0) and after each epoch. */
  losses: number[];
  slope: number;
  intercept: number;
  stopped: TrainResult['stopped'];
}

export interface GdVariantsResult {
  runs: GdVariantRun[];
  best: LineFit;
  n: number;
  epochs: number;
  lr: number;
}

/**
 * The spec of one variant. The dataset named here only fixes the shapes (one number in, one
 * out, regression); the runs pass the noisy line's points as `data`.
 */
export function lineSpec(batch: BatchChoice, lr: number, epochs: number, seed: number): string {
  return `net Line < linear 1->1 >
train Line on sine <
  split 0;
  loss mse;
  optimizer sgd lr=${lr};
  batch ${batch};
  epochs ${epochs};
  seed ${seed}
>`;
}

export async function gdVariants(
  params: GdVariantsParams,
  ctx: { backend?: BackendChoice; signal?: AbortSignal; progress?: (p: GdVariantsProgress) => void } = {},
): Promise<GdVariantsResult> {
  const { batches, n, epochs, lr, seed } = { ...GD_DEFAULTS, ...params };
  const data = noisyLine(n, seed);
  const runs: GdVariantRun[] = [];
  for (const batch of batches) {
    if (ctx.signal?.aborted) break;
    const graph = compileSpec(lineSpec(batch, lr, epochs, seed));
    const net = graph.nets[0];
    // Every variant starts from the seed's initial weights: train() for zero epochs hands them back.
    const init = await train(graph, { backend: ctx.backend, epochs: 0, data: { train: data, test: null } });
    const start = await evaluate(net, init.state, data, 'mse', { backend: ctx.backend });
    ctx.progress?.({ batch, epoch: 0, loss: start.loss });
    const losses = [start.loss];
    const result = await train(graph, {
      backend: ctx.backend,
      signal: ctx.signal,
      data: { train: data, test: data },
      onEpoch: (r) => {
        losses.push(r.testLoss ?? NaN);
        ctx.progress?.({ batch, epoch: r.epoch, loss: r.testLoss ?? NaN });
      },
    });
    const size = batch === 'full' ? n : Math.min(batch, n);
    runs.push({
      batch,
      updates: Math.ceil(n / size) * result.epochs,
      losses,
      slope: Number(result.state['layers.0.weight'].data[0]),
      intercept: Number(result.state['layers.0.bias'].data[0]),
      stopped: result.stopped,
    });
  }
  return { runs, best: bestLine(data.x, data.y), n, epochs, lr };
}
