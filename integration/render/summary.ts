/**
 * A net's summary table as HTML, for the static spec view (SpecNet.astro, at build time),
 * the live island after an edit, and the playground: one renderer, so the three agree.
 * Per layer: PyTorch's `layers.k` name, the layer, its output shape per example, its
 * parameters; then the total. Everything from the spec is escaped.
 */
import type { NetGraph, Span } from '../../compiler/index.ts';
import { describeNode, formatCount, formatShape, layerName, nodeParamCount } from '../diagram/labels.ts';
import { escapeHtml as esc } from './escape.ts';

export interface SummaryOptions {
  /**
   * The spec's text: the table then uses `dlc summary`'s words (each layer as written in
   * the spec, shapes as `[2, 8]`, input and output in the caption), as the playground does.
   * Without it, the lesson's words (`linear 4→32`, `2×8`).
   */
  asWritten?: string;
  /** Class prefix of the wrapper and table: `spec` gives `spec-table-wrap` and `spec-summary`. */
  prefix?: string;
}

/** The layer's own text in the spec (its first line, when it spans several). */
function sourceOf(lines: readonly string[], span: Span): string {
  const line = lines[span.line - 1] ?? '';
  return span.endLine === span.line ? line.slice(span.column - 1, span.endColumn - 1) : line.slice(span.column - 1).trimEnd();
}

/**
 * @example
 * renderSummaryTable(graph.nets[0])
 * // '<div class="spec-table-wrap" role="region" aria-label="Summary of Xor" tabindex="0"><table class="spec-summary"><caption>Xor: 33 parameters</caption>…'
 */
export function renderSummaryTable(net: NetGraph, options: SummaryOptions = {}): string {
  const prefix = options.prefix ?? 'spec';
  const lines = options.asWritten?.split(/\r\n?|\n/);
  const shape = lines ? (s: readonly number[]) => `[${s.join(', ')}]` : formatShape;
  const caption = lines
    ? `${net.name}: ${formatCount(net.paramCount)} parameters, input ${shape(net.inputShape)}, output ${shape(net.outputShape)}`
    : `${net.name}: ${formatCount(net.paramCount)} parameters`;
  const rows = net.nodes.map((node) =>
    `<tr><th scope="row"><code>${esc(layerName(node))}</code></th>` +
    `<td><code>${esc(lines ? sourceOf(lines, node.span) : describeNode(node))}</code></td>` +
    `<td>${esc(shape(node.outShape))}</td><td class="num">${formatCount(nodeParamCount(node))}</td></tr>`).join('');
  return `<div class="${prefix}-table-wrap" role="region" aria-label="Summary of ${esc(net.name)}" tabindex="0">` +
    `<table class="${prefix}-summary"><caption>${esc(caption)}</caption>` +
    `<thead><tr><th scope="col">Layer</th><th scope="col">${lines ? 'As written' : 'Type'}</th><th scope="col">Output shape</th><th scope="col" class="num">Parameters</th></tr></thead>` +
    `<tbody><tr><th scope="row">input</th><td></td><td>${esc(shape(net.inputShape))}</td><td class="num">0</td></tr>${rows}</tbody>` +
    `<tfoot><tr><th scope="row" colspan="3">Total</th><td class="num">${formatCount(net.paramCount)}</td></tr></tfoot>` +
    `</table></div>`;
}
