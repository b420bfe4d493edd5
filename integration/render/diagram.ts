/**
 * A net's diagram as HTML (a wrapper and inline SVG), for the static spec view at build time
 * and the live island after an edit: layout (diagram/layout.ts) then drawing (diagram/svg.ts).
 */
import type { NetGraph } from '../../compiler/index.ts';
import { layoutNet } from '../diagram/layout.ts';
import { renderDiagramSvg } from '../diagram/svg.ts';

/**
 * @example
 * renderDiagram(graph.nets[0])
 * // '<div class="spec-diagram spec-diagram--units"><svg class="net-diagram net-diagram--units" …</svg></div>'
 */
export function renderDiagram(net: NetGraph): string {
  const diagram = layoutNet(net);
  return `<div class="spec-diagram spec-diagram--${diagram.kind}">${renderDiagramSvg(diagram)}</div>`;
}
