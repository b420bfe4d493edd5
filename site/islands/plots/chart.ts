/**
 * The site's one chart: SVG as a string, plain TypeScript with no DOM. The same function
 * draws an interactive's first, static picture when the site is built (in the .astro
 * component), every redraw of it in the browser, and the live spec island's loss, accuracy
 * and fitted-curve plots (line-chart.ts, fitted-curve.ts), so a page reads with JavaScript
 * off and looks the same once it runs. Colours are CSS variables of the palette
 * (integration/components/palette.css), styled by chart.css, so both themes apply without
 * a redraw.
 */

/** A short number for axis labels: 3 significant digits, no trailing zeros. */
export function shortNumber(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return v.toExponential(1);
  return String(Number(v.toPrecision(3)));
}

/** Evenly spaced "nice" ticks covering [lo, hi]. */
export function ticks(lo: number, hi: number, count = 4): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Number(t.toPrecision(12)));
  return out;
}

export interface ChartSeries {
  label: string;
  /** A CSS colour, normally a theme variable such as `var(--ia-s1)`. */
  color: string;
  points: ReadonlyArray<readonly [number, number]>;
  dashed?: boolean;
  /** Dotted, to tell a third series (validation) from solid and dashed ones. */
  dotted?: boolean;
  /** Draw a dot at every point (short series, paths of single steps). */
  markers?: boolean;
}

export interface ChartDots {
  color: string;
  points: ReadonlyArray<readonly [number, number]>;
  radius?: number;
}

export interface ChartLine {
  /** A horizontal reference line at this y, e.g. the best possible loss. */
  y: number;
  label: string;
  color: string;
}

export interface ChartOptions {
  /** What the chart shows, for screen readers (the values follow it in the label). */
  title: string;
  xLabel: string;
  /** Empty for none (a small chart whose caption says what y is). */
  yLabel: string;
  series?: readonly ChartSeries[];
  dots?: readonly ChartDots[];
  lines?: readonly ChartLine[];
  xDomain?: readonly [number, number];
  yDomain?: readonly [number, number];
  /** Log-10 y axis; values at or below 0 are left out. */
  yLog?: boolean;
  /** Only whole-number ticks on x (epochs, steps). */
  xIntegers?: boolean;
  width?: number;
  height?: number;
  /** Appended to the accessible label, e.g. the latest values. */
  summary?: string;
  /** Room around the data on y (default) or none, when the domain is given or the data fill it exactly. */
  yPad?: boolean;
}

const PAD = { left: 48, right: 12, top: 10, bottom: 34 };

/** Escapes text for SVG and HTML content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function finiteExtent(values: number[]): [number, number] | null {
  const v = values.filter(Number.isFinite);
  if (v.length === 0) return null;
  return [Math.min(...v), Math.max(...v)];
}

/** A little room around the data, so lines at the extremes stay visible. */
function pad(extent: [number, number] | null, log: boolean): [number, number] | null {
  if (!extent) return null;
  const [lo, hi] = extent;
  if (log) return [lo / 1.5, hi * 1.2];
  const m = (hi - lo) * 0.05;
  return [lo - m, hi + m];
}

/** Powers of ten covering [lo, hi], thinned to at most about five. */
function logTicks(lo: number, hi: number): number[] {
  const a = Math.floor(Math.log10(lo));
  const b = Math.ceil(Math.log10(hi));
  const every = Math.max(1, Math.ceil((b - a) / 5));
  const out: number[] = [];
  for (let e = a; e <= b; e += every) out.push(10 ** e);
  return out;
}

function tickLabel(v: number, log: boolean): string {
  if (!log) return shortNumber(v);
  const e = Math.round(Math.log10(v));
  return e >= -2 && e <= 3 ? shortNumber(10 ** e) : `1e${e}`;
}

/**
 * An SVG line chart.
 *
 * @example
 * chartSvg({ title: 'Loss', xLabel: 'epoch', yLabel: 'loss', yLog: true,
 *   series: [{ label: 'batch 32', color: 'var(--ia-s1)', points: [[0, 4], [1, 0.3]] }] })
 */
export function chartSvg(o: ChartOptions): string {
  const W = o.width ?? 360;
  const H = o.height ?? 220;
  const series = o.series ?? [];
  const dots = o.dots ?? [];
  const lines = o.lines ?? [];
  const keep = (y: number) => Number.isFinite(y) && (!o.yLog || y > 0);
  const xs = [...series.flatMap((s) => s.points.map((p) => p[0])), ...dots.flatMap((d) => d.points.map((p) => p[0]))];
  const ys = [
    ...series.flatMap((s) => s.points.map((p) => p[1])),
    ...dots.flatMap((d) => d.points.map((p) => p[1])),
    ...lines.map((l) => l.y),
  ].filter(keep);
  let [x0, x1] = o.xDomain ?? finiteExtent(xs) ?? [0, 1];
  let [y0, y1] = o.yDomain ?? (o.yPad === false ? finiteExtent(ys) : pad(finiteExtent(ys), !!o.yLog)) ?? (o.yLog ? [0.1, 1] : [0, 1]);
  if (!(x1 > x0)) [x0, x1] = [x0 - 1, x0 + 1];
  if (o.yLog) {
    y0 = Math.max(y0, Number.MIN_VALUE);
    if (!(y1 > y0 * 1.0001)) [y0, y1] = [y0 / 10, y0 * 10];
  } else if (!(y1 - y0 > 1e-12)) {
    [y0, y1] = [y0 - 0.5, y0 + 0.5];
  }
  const ly = (v: number) => (o.yLog ? Math.log10(v) : v);
  const [ly0, ly1] = [ly(y0), ly(y1)];
  const sx = (v: number) => PAD.left + ((v - x0) / (x1 - x0)) * (W - PAD.left - PAD.right);
  const sy = (v: number) => {
    const t = (ly(v) - ly0) / (ly1 - ly0);
    return H - PAD.bottom - Math.min(Math.max(t, -0.02), 1.02) * (H - PAD.top - PAD.bottom);
  };
  const f = (v: number) => v.toFixed(1);

  const parts: string[] = [];
  const yTicks = o.yLog ? logTicks(y0, y1).filter((t) => t >= y0 * 0.999 && t <= y1 * 1.001) : ticks(y0, y1);
  for (const t of yTicks) {
    parts.push(`<line class="chart-grid" x1="${PAD.left}" x2="${W - PAD.right}" y1="${f(sy(t))}" y2="${f(sy(t))}"/>`);
    parts.push(`<text class="chart-tick" x="${PAD.left - 5}" y="${f(sy(t) + 3.5)}" text-anchor="end">${escapeXml(tickLabel(t, !!o.yLog))}</text>`);
  }
  const xTicks = ticks(x0, x1).filter((t) => !o.xIntegers || Number.isInteger(t));
  for (const t of xTicks) {
    parts.push(`<text class="chart-tick" x="${f(sx(t))}" y="${H - PAD.bottom + 14}" text-anchor="middle">${escapeXml(shortNumber(t))}</text>`);
  }
  parts.push(`<line class="chart-axis" x1="${PAD.left}" x2="${W - PAD.right}" y1="${H - PAD.bottom}" y2="${H - PAD.bottom}"/>`);
  parts.push(`<line class="chart-axis" x1="${PAD.left}" x2="${PAD.left}" y1="${PAD.top}" y2="${H - PAD.bottom}"/>`);
  parts.push(`<text class="chart-label" x="${f((PAD.left + W - PAD.right) / 2)}" y="${H - 4}" text-anchor="middle">${escapeXml(o.xLabel)}</text>`);
  if (o.yLabel) parts.push(`<text class="chart-label" transform="translate(12 ${f((PAD.top + H - PAD.bottom) / 2)}) rotate(-90)" text-anchor="middle">${escapeXml(o.yLabel)}</text>`);

  for (const l of lines) {
    if (!keep(l.y)) continue;
    const y = f(sy(l.y));
    parts.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y}" y2="${y}" style="stroke:${l.color}" stroke-width="1.5" stroke-dasharray="6 4"/>`);
    parts.push(`<text class="chart-tick" x="${W - PAD.right - 2}" y="${f(sy(l.y) - 4)}" text-anchor="end" style="fill:${l.color}">${escapeXml(l.label)}</text>`);
  }
  for (const d of dots) {
    const r = d.radius ?? 2;
    const circles = d.points
      .filter((p) => keep(p[1]) && Number.isFinite(p[0]))
      .map((p) => `<circle cx="${f(sx(p[0]))}" cy="${f(sy(p[1]))}" r="${r}"/>`)
      .join('');
    parts.push(`<g style="fill:${d.color}" fill-opacity="0.55">${circles}</g>`);
  }
  for (const s of series) {
    const pts = s.points.filter((p) => keep(p[1]) && Number.isFinite(p[0]));
    if (pts.length === 0) continue;
    const d = pts.map((p, i) => `${i ? 'L' : 'M'}${f(sx(p[0]))},${f(sy(p[1]))}`).join('');
    const dash = s.dotted ? ' stroke-dasharray="1 3" stroke-linecap="round"' : s.dashed ? ' stroke-dasharray="5 3"' : '';
    parts.push(`<path d="${d}" fill="none" style="stroke:${s.color}" stroke-width="2.2" stroke-linejoin="round"${dash}/>`);
    if (s.markers) {
      parts.push(`<g style="fill:${s.color}">${pts.map((p) => `<circle cx="${f(sx(p[0]))}" cy="${f(sy(p[1]))}" r="2.6"/>`).join('')}</g>`);
    }
  }
  const label = o.summary ? `${o.title}. ${o.summary}` : o.title;
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeXml(label)}">${parts.join('')}</svg>`;
}

/** The legend under a chart: a swatch and a label per series. */
export function legendHtml(items: ReadonlyArray<{ label: string; color: string; dashed?: boolean }>): string {
  const li = items.map(
    (s) => `<li><span class="ia-swatch${s.dashed ? ' ia-dashed' : ''}" style="border-color:${s.color}"></span>${escapeXml(s.label)}</li>`,
  );
  return `<ul class="ia-legend">${li.join('')}</ul>`;
}
