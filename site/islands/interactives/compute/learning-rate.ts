/**
 * `learning-rate`: full-batch gradient descent on the noisy line at a chosen learning rate,
 * one update at a time, recording the loss and the weights after every update so the path
 * shows crawling, overshooting or diverging. Each update is one epoch of the runtime's
 * `train()` continuing from the previous weights: with plain SGD (no momentum, so no
 * optimizer state) and the whole set as the batch, that is exactly one gradient step.
 */
import { type BackendChoice, evaluate, type StateDict, train } from 'dlc/runtime';
import { bestLine, noisyLine, type LineFit } from '../shared/line-data.ts';
import { lineSpec } from './gd-variants.ts';
import { compileSpec } from './spec.ts';
import { LR_DEFAULTS } from '../shared/defaults.ts';

export interface LearningRateParams {
  lr: number;
  steps?: number;
  n?: number;
  seed?: number;
}

export interface LrPoint {
  step: number;
  loss: number;
  slope: number;
  intercept: number;
}

export interface LearningRateResult {
  lr: number;
  /** Step 0 is the starting point. */
  path: LrPoint[];
  best: LineFit;
  stopped: 'done' | 'aborted' | 'diverged';
}

function point(step: number, loss: number, state: StateDict): LrPoint {
  return { step, loss, slope: Number(state['layers.0.weight'].data[0]), intercept: Number(state['layers.0.bias'].data[0]) };
}

export async function learningRateRun(
  params: LearningRateParams,
  ctx: { backend?: BackendChoice; signal?: AbortSignal; progress?: (p: LrPoint) => void } = {},
): Promise<LearningRateResult> {
  const { lr, steps, n, seed } = { ...LR_DEFAULTS, ...params };
  const data = noisyLine(n, seed);
  const graph = compileSpec(lineSpec('full', lr, 1, seed));
  const net = graph.nets[0];
  // train() for zero epochs hands back the seed's initial weights.
  let state = (await train(graph, { backend: ctx.backend, epochs: 0, data: { train: data, test: null } })).state;
  const start = await evaluate(net, state, data, 'mse', { backend: ctx.backend });
  const path = [point(0, start.loss, state)];
  ctx.progress?.(path[0]);
  let stopped: LearningRateResult['stopped'] = 'done';
  for (let step = 1; step <= steps; step++) {
    if (ctx.signal?.aborted) {
      stopped = 'aborted';
      break;
    }
    const r = await train(graph, { backend: ctx.backend, data: { train: data, test: data }, init: state });
    if (r.stopped === 'diverged' || !Number.isFinite(r.final?.testLoss ?? NaN)) {
      stopped = 'diverged';
      break;
    }
    state = r.state;
    path.push(point(step, r.final?.testLoss ?? NaN, state));
    ctx.progress?.(path[path.length - 1]);
  }
  return { lr, path, best: bestLine(data.x, data.y), stopped };
}
