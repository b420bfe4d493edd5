/**
 * `no-activation`: the lesson's three linear layers fitted to sine, once as they are (no
 * activations: one linear map in disguise) and once with tanh between them, with the same
 * seed, against the best straight line through the same points.
 */
import type { BackendChoice } from 'dlc/runtime';
import type { LineFit } from '../shared/line-data.ts';
import { NO_ACTIVATION_DEFAULTS } from '../shared/defaults.ts';
import { fitSine, type SineFit, type SineProgress, type SineSettings } from './sine-fits.ts';
import { sineBestLine, sinePoints } from '../shared/sine-data.ts';

export const NO_ACTIVATION_NETS = {
  linear: 'linear 1->32;\n  linear 32->32;\n  linear 32->1',
  tanh: 'linear 1->32; tanh;\n  linear 32->32; tanh;\n  linear 32->1',
} as const;

export interface NoActivationResult {
  fits: SineFit[];
  best: LineFit;
  data: { x: number[]; y: number[] };
}

export async function noActivation(
  params: Partial<SineSettings>,
  ctx: { backend?: BackendChoice; signal?: AbortSignal; progress?: (p: SineProgress) => void } = {},
): Promise<NoActivationResult> {
  const s = { ...NO_ACTIVATION_DEFAULTS, ...params };
  const fits: SineFit[] = [];
  for (const key of ['linear', 'tanh'] as const) {
    if (ctx.signal?.aborted) break;
    fits.push(await fitSine(key, NO_ACTIVATION_NETS[key], s, ctx));
  }
  return { fits, best: sineBestLine(s), data: sinePoints(s) };
}
