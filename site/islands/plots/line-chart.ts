/**
 * A live line chart (loss or accuracy per epoch: train, validation and test): redrawn from its
 * series on each update by the site's one chart function (chart.ts), which is cheap at a few
 * hundred points and keeps the code small; the legend shows each series' latest value.
 */
import { chartSvg, shortNumber } from './chart.ts';
import { figure } from './svg.ts';

export interface Series {
  label: string;
  /** A CSS colour, usually a theme variable such as `var(--dl-train)`. */
  color: string;
  dashed?: boolean;
  /** Dotted, to tell a third series (validation) from solid train and dashed test. */
  dotted?: boolean;
  points: Array<[number, number]>;
}

export interface LineChartOptions {
  caption: string;
  /** Fixed y range (accuracy is 0..1); otherwise the data's range. */
  yMin?: number;
  yMax?: number;
  /** Formats the latest value in the legend. */
  format?: (v: number) => string;
}

export class LineChart {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private readonly legend: HTMLElement;
  private readonly opts: LineChartOptions;

  constructor(opts: LineChartOptions) {
    this.opts = opts;
    const { fig, body } = figure('dl-line-chart', opts.caption);
    this.body = document.createElement('div');
    this.legend = document.createElement('div');
    this.legend.className = 'dl-legend';
    body.append(this.body, this.legend);
    this.element = fig;
    this.update([], 1);
  }

  update(series: readonly Series[], xMax: number): void {
    const fmt = this.opts.format ?? shortNumber;
    const latest = series
      .filter((s) => s.points.length > 0)
      .map((s) => `${s.label} ${fmt(s.points[s.points.length - 1][1])}`);
    const fixed = this.opts.yMin !== undefined && this.opts.yMax !== undefined;
    // Trusted markup: chartSvg escapes every text it is given.
    this.body.innerHTML = chartSvg({
      title: this.opts.caption,
      summary: latest.join(', ') || 'no data yet',
      xLabel: 'epoch',
      yLabel: '',
      series,
      xDomain: [1, Math.max(xMax, 2)],
      yDomain: fixed ? [this.opts.yMin!, this.opts.yMax!] : undefined,
      yPad: false,
      xIntegers: true,
      width: 320,
      height: 190,
    });
    this.legend.replaceChildren(
      ...series.map((s) => {
        const item = document.createElement('span');
        const swatch = document.createElement('span');
        swatch.className = 'dl-swatch';
        swatch.style.borderColor = s.color;
        if (s.dashed) swatch.style.borderStyle = 'dashed';
        if (s.dotted) swatch.style.borderStyle = 'dotted';
        const last = s.points[s.points.length - 1];
        item.append(swatch, `${s.label}${last ? ` ${fmt(last[1])}` : ''}`);
        return item;
      }),
    );
  }
}
