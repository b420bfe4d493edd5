/**
 * `growing-width`: one hidden tanh layer of growing width (1 to 32) fitted to sine with the
 * settings of specs/sine.dl, the same seed for every width.
 */
import type { BackendChoice } from 'dlc/runtime';
import { fitSine, type SineFit, type SineProgress, type SineSettings } from './sine-fits.ts';
import { sinePoints } from '../shared/sine-data.ts';
import { WIDTH_DEFAULTS, WIDTHS } from '../shared/defaults.ts';

export function widthLayers(width: number): string {
  return `linear 1->${width}; tanh;\n  linear ${width}->1`;
}

export interface GrowingWidthResult {
  fits: SineFit[];
  data: { x: number[]; y: number[] };
}

export async function growingWidth(
  params: Partial<SineSettings> & { widths?: number[] },
  ctx: { backend?: BackendChoice; signal?: AbortSignal; progress?: (p: SineProgress) => void } = {},
): Promise<GrowingWidthResult> {
  const s = { ...WIDTH_DEFAULTS, ...params };
  const fits: SineFit[] = [];
  for (const width of params.widths ?? WIDTHS) {
    if (ctx.signal?.aborted) break;
    const fit = await fitSine(String(width), widthLayers(width), s, ctx);
    fits.push(fit);
    ctx.progress?.({ key: fit.key, epoch: fit.losses.length, loss: fit.loss, fit });
  }
  return { fits, data: sinePoints(s) };
}
