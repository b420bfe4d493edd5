/**
 * What `activation-plots` draws, as HTML strings: one chart per function (the function and
 * its derivative, with a marker at the chosen x) and the table of values at that x. The
 * .astro component renders them at build time; the page script redraws them as x moves.
 */
import { ACTIVATIONS, type Activation, derivative, grid, softmaxAll, SOFTMAX_OTHERS, value } from '../shared/activation-math.ts';
import { chartSvg, escapeXml, legendHtml } from '../../plots/chart.ts';
import { fixed } from '../shared/format.ts';

export const X_RANGE: readonly [number, number] = [-4, 4];
const XS = grid(X_RANGE[0], X_RANGE[1], 160);

export const NAMES: Record<Activation, string> = {
  relu: 'ReLU',
  sigmoid: 'Sigmoid',
  tanh: 'Tanh',
  gelu: 'GELU',
  softmax: 'Softmax',
};

const F_COLOR = 'var(--dl-s1)';
const D_COLOR = 'var(--dl-s2)';

function softmaxNote(): string {
  return `first score x, others ${SOFTMAX_OTHERS.join(' and ')}`;
}

/** The chart of one function and its derivative, with both values marked at x. */
export function activationChart(f: Activation, x: number): string {
  const fx = value(f, x);
  const dx = derivative(f, x);
  const title = f === 'softmax'
    ? `Softmax probability of the first class (${softmaxNote()}) and its slope`
    : `${NAMES[f]} and its derivative`;
  return chartSvg({
    title,
    summary: `At x = ${fixed(x, 2)}: value ${fixed(fx, 4)}, slope ${fixed(dx, 4)}.`,
    xLabel: f === 'softmax' ? 'first score x' : 'x',
    yLabel: f === 'softmax' ? 'p1' : 'f(x)',
    xDomain: X_RANGE,
    yDomain: f === 'relu' || f === 'gelu' ? [-0.5, 4] : f === 'tanh' ? [-1.1, 1.1] : [-0.05, 1.05],
    width: 260,
    height: 180,
    series: [
      { label: NAMES[f], color: F_COLOR, points: XS.map((v) => [v, value(f, v)] as const) },
      { label: 'derivative', color: D_COLOR, dashed: true, points: XS.map((v) => [v, derivative(f, v)] as const) },
    ],
    dots: [
      { color: F_COLOR, radius: 4, points: [[x, fx]] },
      { color: D_COLOR, radius: 4, points: [[x, dx]] },
    ],
  });
}

/** All five charts with their titles and a shared legend. */
export function activationCharts(x: number): string {
  const figures = ACTIVATIONS.map((f) => {
    const heading = f === 'softmax' ? `Softmax (${softmaxNote()})` : NAMES[f];
    return `<figure class="ia-chart"><figcaption class="ia-chart-title">${escapeXml(heading)}</figcaption>${activationChart(f, x)}</figure>`;
  });
  const legend = legendHtml([
    { label: 'the function', color: F_COLOR },
    { label: 'its derivative (slope)', color: D_COLOR, dashed: true },
  ]);
  return `<div class="ia-charts ia-small">${figures.join('')}</div>${legend}`;
}

/** The table of values and slopes at x, and the whole softmax vector. */
export function activationTable(x: number): string {
  const rows = ACTIVATIONS.filter((f) => f !== 'softmax').map(
    (f) => `<tr><th scope="row">${NAMES[f]}</th><td>${fixed(value(f, x), 4)}</td><td>${fixed(derivative(f, x), 4)}</td></tr>`,
  );
  const p = softmaxAll(x);
  rows.push(
    `<tr><th scope="row">Softmax of [${[x, ...SOFTMAX_OTHERS].map((v) => fixed(v, 2)).join(', ')}]</th>` +
      `<td>${p.map((v) => fixed(v, 3)).join(', ')} (sum ${fixed(p.reduce((a, b) => a + b, 0), 3)})</td>` +
      `<td>${fixed(derivative('softmax', x), 4)} (first class)</td></tr>`,
  );
  return `<table class="ia-table"><caption>Values at x = ${fixed(x, 2)}</caption>` +
    '<thead><tr><th scope="col">function</th><th scope="col">value</th><th scope="col">slope</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`;
}
