/**
 * Nets fitted to the `sine` data set by the runtime's `train()`, with the fitted curve
 * read back through `predict()`: the common part of `no-activation` (the same layers with
 * and without activations) and `growing-width` (one hidden layer of growing width).
 */
import { type BackendChoice, evaluate, predict, train } from 'dlc/runtime';
import { sineData } from '../shared/sine-data.ts';
import { compileSpec } from './spec.ts';
import type { SineSettings } from '../shared/defaults.ts';

export type { SineSettings } from '../shared/defaults.ts';

export interface SineFit {
  /** Which net: a key chosen by the caller (`linear`, `tanh`, `8`...). */
  key: string;
  /** Loss over the data after each epoch (the mean of the epoch's batch losses). */
  losses: number[];
  /** Final mean squared error over all the points. */
  loss: number;
  /** Largest distance between the net's output and a data point. */
  worst: number;
  curve: { x: number[]; y: number[] };
  stopped: 'done' | 'aborted' | 'diverged';
}

export interface SineProgress {
  key: string;
  epoch: number;
  loss: number;
  /** Set once, when the net of `key` has finished training. */
  fit?: SineFit;
}

export const CURVE_POINTS = 121;

/** The spec training `layers` (the net's items) on sine with the settings. */
export function sineSpec(layers: string, s: SineSettings): string {
  return `net Fit <\n  ${layers}\n>\n\ntrain Fit on sine n=${s.n} <\n  split 0;\n  loss mse;\n  optimizer adam lr=${s.lr};\n  batch ${s.batch};\n  epochs ${s.epochs};\n  seed ${s.seed}\n>`;
}

export async function fitSine(
  key: string,
  layers: string,
  s: SineSettings,
  ctx: { backend?: BackendChoice; signal?: AbortSignal; progress?: (p: SineProgress) => void } = {},
): Promise<SineFit> {
  const graph = compileSpec(sineSpec(layers, s));
  const losses: number[] = [];
  const result = await train(graph, {
    backend: ctx.backend,
    signal: ctx.signal,
    onEpoch: (r) => {
      losses.push(r.trainLoss);
      ctx.progress?.({ key, epoch: r.epoch, loss: r.trainLoss });
    },
  });
  const net = graph.nets[0];
  const xs = Array.from({ length: CURVE_POINTS }, (_, i) => -Math.PI + (2 * Math.PI * i) / (CURVE_POINTS - 1));
  const out = await predict(net, result.state, Float32Array.from(xs), { backend: ctx.backend });
  const data = sineData(s);
  const final = await evaluate(net, result.state, data, 'mse', { backend: ctx.backend });
  const atData = await predict(net, result.state, data.x, { backend: ctx.backend });
  const worst = atData.data.reduce((m, v, i) => Math.max(m, Math.abs(v - data.y[i])), 0);
  return { key, losses, loss: final.loss, worst, curve: { x: xs, y: Array.from(out.data) }, stopped: result.stopped };
}
