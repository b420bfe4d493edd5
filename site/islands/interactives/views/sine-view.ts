/**
 * Fits to the `sine` data: the points, the fitted curves and the best straight line
 * (`no-activation`), or one small chart per hidden width (`growing-width`).
 */
import type { SineFit } from '../compute/sine-fits.ts';
import { chartSvg, escapeXml, type ChartSeries } from '../../plots/chart.ts';
import { compact } from '../shared/format.ts';
import type { LineFit } from '../shared/line-data.ts';

export interface SineData {
  x: number[];
  y: number[];
}

const DOMAIN: [number, number] = [-Math.PI, Math.PI];
const RANGE: [number, number] = [-1.4, 1.4];

function dots(data: SineData) {
  return [{ color: 'var(--dl-data)', points: data.x.map((x, i) => [x, data.y[i]] as const), radius: 1.8 }];
}

export const NO_ACT_STYLE: Record<string, { label: string; color: string; dashed?: boolean }> = {
  linear: { label: 'no activations', color: 'var(--dl-s2)' },
  tanh: { label: 'with tanh', color: 'var(--dl-s1)' },
  best: { label: 'best straight line', color: 'var(--dl-muted)', dashed: true },
};

export function noActivationChart(data: SineData, fits: readonly SineFit[], best: LineFit): string {
  const series: ChartSeries[] = [
    { ...NO_ACT_STYLE.best, points: DOMAIN.map((x) => [x, best.slope * x + best.intercept] as const) },
    ...fits.map((f) => ({ ...NO_ACT_STYLE[f.key], points: f.curve.x.map((x, i) => [x, f.curve.y[i]] as const) })),
  ];
  const summary = fits.map((f) => `${NO_ACT_STYLE[f.key].label}: loss ${compact(f.loss)}`).join('; ');
  return chartSvg({
    title: `The ${data.x.length} points of sin(x) and the fitted curves`,
    summary: fits.length ? `${summary}; best straight line ${compact(best.loss)}.` : `Best straight line: loss ${compact(best.loss)}.`,
    xLabel: 'x',
    yLabel: 'y',
    xDomain: DOMAIN,
    yDomain: RANGE,
    dots: dots(data),
    series,
  });
}

export function noActivationLossChart(fits: readonly SineFit[], progress: Record<string, number[]>, best: LineFit, epochs: number): string {
  const keys = ['linear', 'tanh'];
  const series: ChartSeries[] = keys.map((k) => {
    const losses = fits.find((f) => f.key === k)?.losses ?? progress[k] ?? [];
    return { ...NO_ACT_STYLE[k], points: losses.map((l, i) => [i + 1, l] as const) };
  });
  return chartSvg({
    title: 'Training loss per epoch, log scale',
    xLabel: 'epoch',
    yLabel: 'loss',
    yLog: true,
    xIntegers: true,
    xDomain: [1, epochs],
    series,
    lines: [{ y: best.loss, label: 'best straight line', color: 'var(--dl-muted)' }],
  });
}

/** One small chart: the data and the curve of one width, titled with its numbers. */
export function widthFigure(width: number, data: SineData, fit: SineFit | null): string {
  const heading = fit
    ? `width ${width}: mean squared error ${compact(fit.loss)}, worst miss ${compact(fit.worst)}`
    : `width ${width}`;
  const svg = chartSvg({
    title: fit ? `Fit with ${width} hidden unit${width === 1 ? '' : 's'}` : `The data; the fit with ${width} hidden unit${width === 1 ? '' : 's'} appears after the run`,
    xLabel: 'x',
    yLabel: 'y',
    xDomain: DOMAIN,
    yDomain: RANGE,
    width: 260,
    height: 170,
    dots: dots(data),
    series: fit ? [{ label: `width ${width}`, color: 'var(--dl-s1)', points: fit.curve.x.map((x, i) => [x, fit.curve.y[i]] as const) }] : [],
  });
  return `<figure class="ia-chart" data-width="${width}"><figcaption class="ia-chart-title">${escapeXml(heading)}</figcaption>${svg}</figure>`;
}
