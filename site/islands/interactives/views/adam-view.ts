/** What `sgd-vs-adam` draws: loss and test accuracy per epoch for both optimizers. */
import type { EpochReport } from 'dlc/runtime';
import type { OptimizerName } from '../compute/sgd-vs-adam.ts';
import { chartSvg, legendHtml } from '../../plots/chart.ts';
import { compact } from '../shared/format.ts';

export const OPT_STYLE: Record<OptimizerName, { label: string; color: string; dashed?: boolean }> = {
  sgd: { label: 'SGD', color: 'var(--dl-s2)', dashed: true },
  adam: { label: 'Adam', color: 'var(--dl-s1)' },
};

export type Histories = Partial<Record<OptimizerName, EpochReport[]>>;

const ORDER: OptimizerName[] = ['sgd', 'adam'];

export function adamLossChart(h: Histories, epochs: number): string {
  const runs = ORDER.filter((o) => h[o]?.length);
  return chartSvg({
    title: 'Training loss per epoch',
    summary: runs.length ? runs.map((o) => `${OPT_STYLE[o].label} ${compact(h[o]!.at(-1)!.trainLoss)}`).join(', ') : 'Not run yet.',
    xLabel: 'epoch',
    yLabel: 'loss',
    xIntegers: true,
    xDomain: [1, epochs],
    yDomain: [0, 0.75],
    series: ORDER.map((o) => ({ ...OPT_STYLE[o], points: (h[o] ?? []).map((r) => [r.epoch, r.trainLoss] as const) })),
  });
}

export function adamAccuracyChart(h: Histories, epochs: number): string {
  const runs = ORDER.filter((o) => h[o]?.length);
  return chartSvg({
    title: 'Accuracy on the held-out test points per epoch',
    summary: runs.length ? runs.map((o) => `${OPT_STYLE[o].label} ${Math.round((h[o]!.at(-1)!.testAccuracy ?? 0) * 100)}%`).join(', ') : 'Not run yet.',
    xLabel: 'epoch',
    yLabel: 'test accuracy',
    xIntegers: true,
    xDomain: [1, epochs],
    yDomain: [0.3, 1],
    series: ORDER.map((o) => ({ ...OPT_STYLE[o], points: (h[o] ?? []).map((r) => [r.epoch, r.testAccuracy ?? NaN] as const) })),
  });
}

export function adamLegend(): string {
  return legendHtml(ORDER.map((o) => OPT_STYLE[o]));
}

/** The two classes of the data as dots, for the page before the run. */
export function spiralPointsChart(points: { x: number[]; y: number[] }): string {
  const cls = (c: number) => points.y.flatMap((v, i) => (v === c ? [[points.x[2 * i], points.x[2 * i + 1]] as const] : []));
  return chartSvg({
    title: `The spiral data: ${points.y.length} points of two classes`,
    xLabel: 'x1',
    yLabel: 'x2',
    xDomain: [-1.3, 1.3],
    yDomain: [-1.3, 1.3],
    width: 260,
    height: 240,
    dots: [
      { color: 'var(--dl-class0)', points: cls(0), radius: 2 },
      { color: 'var(--dl-class1)', points: cls(1), radius: 2 },
    ],
  });
}
