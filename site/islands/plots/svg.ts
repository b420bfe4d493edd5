/** Small DOM helpers shared by the live plots (the charts themselves are chart.ts). */
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

/**
 * A theme colour from the palette's CSS variables, resolved for canvas drawing: the variables
 * hold `light-dark(…)`, which only an element's computed colour turns into one colour (the
 * one of the theme in force there), as `rgb(r, g, b)`.
 */
export function cssColor(from: Element, name: string, fallback: string): string {
  const probe = document.createElement('span');
  probe.hidden = true;
  probe.style.color = `var(${name}, ${fallback})`;
  from.append(probe);
  const color = getComputedStyle(probe).color;
  probe.remove();
  return color || fallback;
}
