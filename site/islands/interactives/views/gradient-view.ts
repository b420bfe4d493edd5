/**
 * What `gradient-view` shows: the net with every weight's gradient on its line (thicker for
 * a larger gradient, coloured by sign, dashed where it is exactly zero) and the table of
 * every parameter, its value and its gradient. Before the backward pass runs, the lines carry
 * the weights and the gradient column is empty.
 */
import { escapeXml } from '../../plots/chart.ts';
import type { DenseNet } from '../shared/dense-forward.ts';
import { netDiagramSvg, type DiagramColumn, type DiagramEdge } from './net-diagram.ts';
import { num } from './forward-view.ts';

export type Grads = Record<string, { shape: number[]; data: number[] }>;

function sign(v: number): -1 | 0 | 1 {
  return v < 0 ? -1 : v > 0 ? 1 : 0;
}

function maxAbs(grads: Grads): number {
  return Math.max(1e-12, ...Object.values(grads).flatMap((g) => g.data.map(Math.abs)));
}

/**
 * @param activations each layer column's outputs after its activation (shown in the units),
 *   or null before the pass has run
 */
export function gradientDiagram(net: DenseNet, x: readonly number[], grads: Grads | null, activations: number[][] | null): string {
  const columns: DiagramColumn[] = [{ title: ['input'], units: x.map((v) => ({ main: num(v) })) }];
  const edges: DiagramEdge[] = [];
  const top = grads ? maxAbs(grads) : 1;
  let col = 0;
  for (const layer of net.layers) {
    if (layer.op !== 'linear') {
      columns[col].title.push(layer.op);
      continue;
    }
    col++;
    const gw = grads?.[`layers.${layer.index}.weight`];
    const gb = grads?.[`layers.${layer.index}.bias`];
    const inF = layer.weight[0].length;
    columns.push({
      title: [`linear ${inF}→${layer.weight.length}`],
      units: layer.bias.map((b, o) => ({ main: '', sub: [gb ? `∂L/∂b ${num(gb.data[o])}` : `b ${num(b)}`] })),
    });
    layer.weight.forEach((row, o) => row.forEach((w, i) => {
      const g = gw?.data[o * inF + i];
      edges.push(
        g === undefined
          ? { from: [col - 1, i], to: [col, o], label: `w ${num(w)}`, sign: sign(w) }
          : { from: [col - 1, i], to: [col, o], label: num(g), sign: sign(g), strength: Math.abs(g) / top },
      );
    }));
  }
  activations?.forEach((values, c) => columns[c + 1]?.units.forEach((u, o) => (u.main = num(values[o]))));
  const description = grads
    ? `Network ${net.name} after one backward pass: each line is labelled with its weight's gradient; lines with zero gradient are dashed.`
    : `Network ${net.name} with its weights on the lines; run the backward pass to see the gradients.`;
  return netDiagramSvg({ columns, edges, description });
}

/** One row per parameter value: name, value, gradient, and which way a descent step moves it. */
export function gradientTable(net: DenseNet, grads: Grads | null): string {
  const rows: string[] = [];
  for (const layer of net.layers) {
    if (layer.op !== 'linear') continue;
    const entries: Array<[string, number, number | undefined]> = [];
    layer.weight.forEach((row, o) => row.forEach((w, i) => {
      entries.push([`layers.${layer.index}.weight[${o}][${i}]`, w, grads?.[`layers.${layer.index}.weight`]?.data[o * row.length + i]]);
    }));
    layer.bias.forEach((b, o) => entries.push([`layers.${layer.index}.bias[${o}]`, b, grads?.[`layers.${layer.index}.bias`]?.data[o]]));
    for (const [name, v, g] of entries) {
      const move = g === undefined ? '' : g > 0 ? 'down' : g < 0 ? 'up' : 'stays';
      rows.push(`<tr><td class="ia-math">${escapeXml(name)}</td><td>${num(v)}</td><td>${g === undefined ? '–' : num(g)}</td><td>${move}</td></tr>`);
    }
  }
  return '<table class="ia-table"><caption>Every parameter and the gradient of the loss with respect to it</caption>' +
    '<thead><tr><th scope="col">parameter</th><th scope="col">value</th><th scope="col">gradient ∂L/∂w</th><th scope="col">a descent step moves it</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`;
}
