/**
 * The summary of the spec as edited, drawn in the page from the compiled graph: lesson specs
 * get theirs from the same renderer at build time (integration/render/summary.ts, through
 * SpecNet.astro), but a playground spec only exists in the browser. Per net, the table in
 * `dlc summary`'s words (PyTorch's `layers.k`, the layer as written, the output shape per
 * example, the parameters), then one line per train block with every setting resolved.
 * The renderer escapes everything from the spec; the train lines go in as text.
 */
import { estimateSummary, trainSummary, type TypedGraph } from 'dlc';
import { renderSummaryTable } from '../../../integration/render/summary.ts';

function make<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

/** The summary's elements for a compiled spec; `source` is the text it was compiled from. */
export function renderSummary(graph: TypedGraph, source: string): HTMLElement[] {
  const out: HTMLElement[] = graph.nets.map((net) => {
    const holder = make('div');
    holder.innerHTML = renderSummaryTable(net, { asWritten: source, prefix: 'pg' });
    return holder.firstElementChild as HTMLElement;
  });
  if (graph.trains.length) {
    const list = make('ul', undefined, 'pg-trains');
    for (const t of graph.trains) {
      list.append(make('li', trainSummary(t)));
      const estimate = estimateSummary(t, graph.nets.find((net) => net.name === t.net));
      if (estimate !== null) list.append(make('li', estimate));
    }
    out.push(list);
  }
  if (out.length === 0) out.push(make('p', 'The spec declares no net yet.'));
  return out;
}
