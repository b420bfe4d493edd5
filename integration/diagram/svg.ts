/**
 * Draws a laid-out diagram as inline SVG markup: no scripts, no external references and no
 * ids (a page may hold many diagrams), so it renders the same with JavaScript off. Colours
 * come from `currentColor` and CSS classes (`nd-*`), styled by the spec view for light and
 * dark themes; the presentation attributes are fallbacks for unstyled contexts.
 */
import { escapeHtml as esc } from '../render/escape.ts';
import type { BlocksDiagram, NetDiagram, Point, ShapeEdge, UnitsDiagram } from './types.ts';

const r = (n: number): string => String(Math.round(n * 10) / 10);

/** An arrowhead at `to`, pointing away from `from`, as a polygon (markers would need ids). */
function arrowHead(from: Point, to: Point): string {
  const len = Math.hypot(to.x - from.x, to.y - from.y) || 1;
  const ux = (to.x - from.x) / len;
  const uy = (to.y - from.y) / len;
  const size = 6;
  const bx = to.x - ux * size;
  const by = to.y - uy * size;
  const points = [
    [to.x, to.y],
    [bx - uy * size * 0.6, by + ux * size * 0.6],
    [bx + uy * size * 0.6, by - ux * size * 0.6],
  ];
  return `<polygon class="nd-arrow" fill="currentColor" points="${points.map(([x, y]) => `${r(x)},${r(y)}`).join(' ')}"/>`;
}

function edge(e: ShapeEdge): string {
  return `<g class="nd-edge"><line x1="${r(e.from.x)}" y1="${r(e.from.y)}" x2="${r(e.to.x)}" y2="${r(e.to.y)}" stroke="currentColor"/>` +
    arrowHead(e.from, e.to) +
    `<text class="nd-shape" x="${r(e.labelAt.x)}" y="${r(e.labelAt.y)}" text-anchor="${e.labelAnchor}">${esc(e.label)}</text></g>`;
}

function unitsBody(d: UnitsDiagram): string {
  const weights = d.weights
    .map((w) => `<line x1="${r(w.from.x)}" y1="${r(w.from.y)}" x2="${r(w.to.x)}" y2="${r(w.to.y)}"/>`)
    .join('');
  const columns = d.columns.map((c) => {
    const units = c.units.map((u) => `<circle class="nd-unit" cx="${r(u.x)}" cy="${r(u.y)}" r="${d.radius}" fill="none" stroke="currentColor"/>`).join('');
    const lines = c.lines
      .map((line, i) => `<text class="nd-label${i > 0 ? ' nd-label--minor' : ''}" x="${r(c.x)}" y="${r(c.labelY + i * d.lineHeight)}" text-anchor="middle">${esc(line)}</text>`)
      .join('');
    return `<g class="nd-column">${units}${lines}</g>`;
  }).join('');
  return `<g class="nd-weights" stroke="currentColor" stroke-opacity="0.35">${weights}</g>${columns}${d.edges.map(edge).join('')}`;
}

function blocksBody(d: BlocksDiagram): string {
  const blocks = d.blocks.map((b) => {
    const cx = b.x + b.width / 2;
    const textY = b.detail ? b.y + 16 : b.y + b.height / 2 + 4;
    return `<g class="nd-block nd-block--${b.role}">` +
      `<rect x="${r(b.x)}" y="${r(b.y)}" width="${r(b.width)}" height="${r(b.height)}" rx="5" fill="none" stroke="currentColor"/>` +
      `<text class="nd-label" x="${r(cx)}" y="${r(textY)}" text-anchor="middle">${esc(b.label)}</text>` +
      (b.detail ? `<text class="nd-detail" x="${r(cx)}" y="${r(b.y + 32)}" text-anchor="middle">${esc(b.detail)}</text>` : '') +
      `</g>`;
  }).join('');
  return blocks + d.edges.map(edge).join('');
}

/**
 * @example
 * renderDiagramSvg(layoutNet(graph.nets[0]))
 * // '<svg class="net-diagram net-diagram--units" role="img" aria-label="Network diagram of Xor, …">…</svg>'
 */
export function renderDiagramSvg(d: NetDiagram): string {
  const body = d.kind === 'units' ? unitsBody(d) : blocksBody(d);
  return `<svg class="net-diagram net-diagram--${d.kind}" xmlns="http://www.w3.org/2000/svg" ` +
    `viewBox="0 0 ${r(d.width)} ${r(d.height)}" width="${r(d.width)}" height="${r(d.height)}" ` +
    `role="img" aria-label="${esc(d.description)}" font-size="12">` +
    `<title>${esc(d.description)}</title>${body}</svg>`;
}
