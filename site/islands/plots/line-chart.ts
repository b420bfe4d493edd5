/**
 * A live line chart (loss or accuracy per epoch: train, validation and test): redrawn from its series
 * on each update, which is cheap at a few hundred points and keeps the code small.
 */
import { figure, shortNumber, svgEl, ticks } from './svg.ts';

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

const W = 320;
const H = 180;
const PAD = { left: 44, right: 10, top: 10, bottom: 26 };

export class LineChart {
  readonly element: HTMLElement;
  private readonly svg: SVGSVGElement;
  private readonly legend: HTMLElement;
  private readonly opts: LineChartOptions;

  constructor(opts: LineChartOptions) {
    this.opts = opts;
    const { fig, body } = figure('dl-line-chart', opts.caption);
    this.svg = svgEl('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `${opts.caption}: no data yet` });
    this.legend = document.createElement('div');
    this.legend.className = 'dl-legend';
    body.append(this.svg, this.legend);
    this.element = fig;
  }

  update(series: readonly Series[], xMax: number): void {
    const values = series.flatMap((s) => s.points.map((p) => p[1])).filter(Number.isFinite);
    let lo = this.opts.yMin ?? Math.min(...values, Infinity);
    let hi = this.opts.yMax ?? Math.max(...values, -Infinity);
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) [lo, hi] = [0, 1];
    if (hi - lo < 1e-9) [lo, hi] = [lo - 0.5, hi + 0.5];
    const xHi = Math.max(xMax, 1);
    const sx = (x: number) => PAD.left + ((x - 1) / Math.max(xHi - 1, 1)) * (W - PAD.left - PAD.right);
    const sy = (y: number) => H - PAD.bottom - ((y - lo) / (hi - lo)) * (H - PAD.top - PAD.bottom);

    const nodes: SVGElement[] = [];
    for (const t of ticks(lo, hi)) {
      nodes.push(svgEl('line', { x1: PAD.left, x2: W - PAD.right, y1: sy(t), y2: sy(t), class: 'dl-grid' }));
      nodes.push(svgEl('text', { x: PAD.left - 4, y: sy(t) + 3, 'text-anchor': 'end', class: 'dl-tick' }, shortNumber(t)));
    }
    for (const t of ticks(1, xHi).filter((t) => Number.isInteger(t))) {
      nodes.push(svgEl('text', { x: sx(t), y: H - PAD.bottom + 14, 'text-anchor': 'middle', class: 'dl-tick' }, String(t)));
    }
    nodes.push(svgEl('text', { x: W - PAD.right, y: H - 2, 'text-anchor': 'end', class: 'dl-tick' }, 'epoch'));
    for (const s of series) {
      const pts = s.points.filter((p) => Number.isFinite(p[1]));
      if (pts.length === 0) continue;
      const d = pts.map((p, i) => `${i ? 'L' : 'M'}${sx(p[0]).toFixed(1)},${sy(Math.min(Math.max(p[1], lo), hi)).toFixed(1)}`).join('');
      nodes.push(svgEl('path', { d, fill: 'none', stroke: s.color, 'stroke-width': 2, 'stroke-dasharray': s.dotted ? '1 3' : s.dashed ? '5 3' : 'none', 'stroke-linecap': s.dotted ? 'round' : 'butt' }));
    }
    this.svg.replaceChildren(...nodes);

    const fmt = this.opts.format ?? shortNumber;
    const latest = series
      .filter((s) => s.points.length > 0)
      .map((s) => `${s.label} ${fmt(s.points[s.points.length - 1][1])}`);
    this.svg.setAttribute('aria-label', `${this.opts.caption}: ${latest.join(', ') || 'no data yet'}`);
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
