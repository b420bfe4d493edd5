/**
 * The summary of the spec as edited, drawn in the page from the compiled graph: lesson specs
 * get theirs at build time (integration/components/SpecNet.astro), but a playground spec only
 * exists in the browser. Per net, the table `dlc summary` prints (PyTorch's `layers.k`, the
 * layer as written, the output shape per example, the parameters), then one line per train
 * block with every setting resolved. Everything from the spec goes in as text, never HTML.
 */
import { estimateSummary, trainSummary, type NetGraph, type Span, type TypedGraph } from 'dlc';

const count = (n: number): string => n.toLocaleString('en-US');
const shape = (s: readonly number[]): string => `[${s.join(', ')}]`;

function make<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

/** The layer's own text in the spec (its first line, when it spans several). */
function sourceOf(lines: readonly string[], span: Span): string {
  const line = lines[span.line - 1] ?? '';
  return span.endLine === span.line ? line.slice(span.column - 1, span.endColumn - 1) : line.slice(span.column - 1).trimEnd();
}

function row(cells: string[], head: 'th' | 'td', numeric: number): HTMLTableRowElement {
  const tr = make('tr');
  cells.forEach((text, i) => {
    const cell = make(i === 0 && head === 'td' ? 'th' : head, text, i === numeric ? 'num' : undefined);
    cell.setAttribute('scope', head === 'th' ? 'col' : 'row');
    tr.append(cell);
  });
  return tr;
}

function netTable(net: NetGraph, lines: readonly string[]): HTMLElement {
  const wrap = make('div', undefined, 'pg-table-wrap');
  wrap.setAttribute('role', 'region');
  wrap.setAttribute('aria-label', `Summary of ${net.name}`);
  wrap.tabIndex = 0;
  const table = make('table', undefined, 'pg-summary');
  table.dataset.net = net.name;
  table.append(make('caption', `${net.name}: ${count(net.paramCount)} parameters, input ${shape(net.inputShape)}, output ${shape(net.outputShape)}`));
  const thead = make('thead');
  thead.append(row(['Layer', 'As written', 'Output shape', 'Parameters'], 'th', 3));
  const tbody = make('tbody');
  tbody.append(row(['input', '', shape(net.inputShape), '0'], 'td', 3));
  for (const node of net.nodes) {
    const params = node.params.filter((p) => p.role === 'param').reduce((a, p) => a + p.shape.reduce((x, y) => x * y, 1), 0);
    tbody.append(row([`layers.${node.index}`, sourceOf(lines, node.span), shape(node.outShape), count(params)], 'td', 3));
  }
  const tfoot = make('tfoot');
  const total = row(['Total', count(net.paramCount)], 'td', 1);
  total.firstElementChild!.setAttribute('colspan', '3');
  tfoot.append(total);
  table.append(thead, tbody, tfoot);
  wrap.append(table);
  return wrap;
}

/** The summary's elements for a compiled spec; `source` is the text it was compiled from. */
export function renderSummary(graph: TypedGraph, source: string): HTMLElement[] {
  const lines = source.split(/\r\n?|\n/);
  const out: HTMLElement[] = graph.nets.map((net) => netTable(net, lines));
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
