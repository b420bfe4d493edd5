/**
 * What `learning-rate` draws: the loss after every update (log scale) and the slope after
 * every update, each against the best line's value, for one learning rate.
 */
import type { LrPoint } from '../compute/learning-rate.ts';
import { chartSvg } from '../../plots/chart.ts';
import { compact, fixed } from '../shared/format.ts';
import type { LineFit } from '../shared/line-data.ts';

/** The learning rates the slider offers, from crawling to diverging on this problem. */
export const LR_CHOICES = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 0.5, 0.7, 0.9, 1, 1.1, 1.2];
export const LR_START = 0.1;

export function lrLossChart(path: readonly LrPoint[], best: LineFit, steps: number, lr: number | null): string {
  return chartSvg({
    title: 'Loss after each update, log scale',
    summary: path.length > 1 ? `Learning rate ${lr}: loss ${compact(path[path.length - 1].loss)} after ${path.length - 1} updates; best line ${compact(best.loss)}.` : 'Not run yet.',
    xLabel: 'update',
    yLabel: 'loss',
    yLog: true,
    xIntegers: true,
    xDomain: [0, steps],
    series: [{ label: 'loss', color: 'var(--dl-s1)', markers: true, points: path.map((p) => [p.step, p.loss] as const) }],
    lines: [{ y: best.loss, label: 'best line', color: 'var(--dl-muted)' }],
  });
}

export function lrSlopeChart(path: readonly LrPoint[], best: LineFit, steps: number): string {
  const ys = path.map((p) => p.slope).filter(Number.isFinite);
  // Keep the view on the interesting range: a diverging run would flatten everything else.
  const lo = Math.max(Math.min(best.slope - 4, ...ys), best.slope - 12);
  const hi = Math.min(Math.max(best.slope + 4, ...ys), best.slope + 12);
  const clipped = ys.some((y) => y < lo || y > hi);
  return chartSvg({
    title: clipped ? 'Slope of the line after each update; slopes beyond the chart are drawn at its edge' : 'Slope of the line after each update',
    summary: path.length > 1 ? `Slope ${fixed(path[path.length - 1].slope, 3)} after ${path.length - 1} updates; best ${fixed(best.slope, 3)}.` : 'Not run yet.',
    xLabel: 'update',
    yLabel: 'slope',
    xIntegers: true,
    xDomain: [0, steps],
    yDomain: [lo, hi],
    series: [{ label: 'slope', color: 'var(--dl-s2)', markers: true, points: path.map((p) => [p.step, p.slope] as const) }],
    lines: [{ y: best.slope, label: 'best slope', color: 'var(--dl-muted)' }],
  });
}
