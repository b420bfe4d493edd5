/**
 * What `gd-variants` draws: the loss over all the points after each epoch for batch,
 * stochastic and mini-batch gradient descent on one chart, the lines they end with over the
 * data, and a table of updates, final loss and the line found.
 */
import type { BatchChoice } from '../compute/gd-variants.ts';
import { chartSvg, legendHtml, type ChartSeries } from '../../plots/chart.ts';
import { compact, fixed } from '../shared/format.ts';
import type { LineFit } from '../shared/line-data.ts';

export interface VariantState {
  batch: BatchChoice;
  /** Index = epoch; 0 is before training. */
  losses: number[];
  updates?: number;
  slope?: number;
  intercept?: number;
}

export function variantStyle(batch: BatchChoice, n: number): { label: string; color: string; dashed?: boolean } {
  if (batch === 'full') return { label: `batch: all ${n} points per update`, color: 'var(--dl-s1)' };
  if (batch === 1) return { label: 'stochastic: 1 point per update', color: 'var(--dl-s2)', dashed: true };
  return { label: `mini-batch: ${batch} points per update`, color: 'var(--dl-s3)' };
}

export function gdLossChart(runs: readonly VariantState[], best: LineFit, epochs: number, n: number): string {
  const series: ChartSeries[] = runs.map((r) => ({
    ...variantStyle(r.batch, n),
    markers: true,
    points: r.losses.map((l, e) => [e, l] as const),
  }));
  const latest = runs.filter((r) => r.losses.length > 1).map((r) => `${variantStyle(r.batch, n).label}: ${compact(r.losses[r.losses.length - 1])} after epoch ${r.losses.length - 1}`);
  return chartSvg({
    title: 'Loss over all the points after each epoch, log scale',
    summary: latest.length ? `${latest.join('; ')}. Best line: ${compact(best.loss)}.` : 'Not run yet.',
    xLabel: 'epoch',
    yLabel: 'loss (mean squared error)',
    yLog: true,
    xIntegers: true,
    xDomain: [0, epochs],
    series,
    lines: [{ y: best.loss, label: 'best line', color: 'var(--dl-muted)' }],
  });
}

export function gdLinesChart(sample: { x: number[]; y: number[] }, runs: readonly VariantState[], best: LineFit, n: number): string {
  const xs = [Math.min(...sample.x), Math.max(...sample.x)];
  const line = (slope: number, intercept: number) => xs.map((x) => [x, slope * x + intercept] as const);
  const series: ChartSeries[] = runs
    .filter((r) => r.slope !== undefined && r.intercept !== undefined)
    .map((r) => ({ ...variantStyle(r.batch, n), points: line(r.slope!, r.intercept!) }));
  series.push({ label: 'best line', color: 'var(--dl-muted)', dashed: true, points: line(best.slope, best.intercept) });
  return chartSvg({
    title: `The data (${sample.x.length} of the ${n} points) and the lines found`,
    xLabel: 'x',
    yLabel: 'y',
    dots: [{ color: 'var(--dl-data)', points: sample.x.map((x, i) => [x, sample.y[i]] as const), radius: 1.6 }],
    series,
  });
}

export function gdLegend(batches: readonly BatchChoice[], n: number): string {
  return legendHtml([...batches.map((b) => variantStyle(b, n)), { label: 'best line (least squares)', color: 'var(--dl-muted)', dashed: true }]);
}

export function gdTable(runs: readonly VariantState[], best: LineFit, n: number): string {
  const rows = runs.map((r) => {
    const last = r.losses[r.losses.length - 1];
    return `<tr><th scope="row">${variantStyle(r.batch, n).label}</th><td>${r.updates ?? '–'}</td><td>${r.losses.length > 1 ? fixed(last, 4) : '–'}</td>` +
      `<td>${r.slope === undefined ? '–' : fixed(r.slope, 3)}</td><td>${r.intercept === undefined ? '–' : fixed(r.intercept, 3)}</td></tr>`;
  });
  rows.push(`<tr><th scope="row">best line (least squares)</th><td></td><td>${fixed(best.loss, 4)}</td><td>${fixed(best.slope, 3)}</td><td>${fixed(best.intercept, 3)}</td></tr>`);
  return '<table class="ia-table"><caption>After the run</caption><thead><tr><th scope="col">variant</th><th scope="col">updates</th>' +
    `<th scope="col">loss</th><th scope="col">slope</th><th scope="col">intercept</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
