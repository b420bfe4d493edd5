/** Small helpers shared by the SVG plots. */
const NS = 'http://www.w3.org/2000/svg';

export function svgEl<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number> = {},
  text?: string,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

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

/** A figure with a caption, the container every plot renders into. */
export function figure(className: string, caption: string): { fig: HTMLElement; body: HTMLElement } {
  const fig = document.createElement('figure');
  fig.className = `dl-plot ${className}`;
  const body = document.createElement('div');
  body.className = 'dl-plot-body';
  const cap = document.createElement('figcaption');
  cap.textContent = caption;
  fig.append(body, cap);
  return { fig, body };
}

/** A theme colour from the island's CSS variables, for canvas drawing. */
export function cssColor(from: Element, name: string, fallback: string): string {
  return getComputedStyle(from).getPropertyValue(name).trim() || fallback;
}
