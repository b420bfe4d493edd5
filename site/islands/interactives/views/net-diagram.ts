/**
 * A small dense net drawn unit by unit with numbers on it: values in the units, weights (or
 * their gradients) on the lines. Used by the forward-pass stepper and the gradient view,
 * at build time and on the page. Only for nets of a few units per layer; bigger ones would
 * not leave room for the numbers.
 */
import { escapeXml } from '../../plots/chart.ts';

export interface DiagramUnit {
  /** The number in the circle ('' while not computed yet). */
  main: string;
  /** Lines under the circle, e.g. `b 0.5` and `z −0.25`. */
  sub?: string[];
}

export interface DiagramColumn {
  /** Lines above the column: `input`, `linear 2→2`, `relu`. */
  title: string[];
  units: DiagramUnit[];
  /** The column being computed in the current step. */
  active?: boolean;
}

export interface DiagramEdge {
  from: [column: number, unit: number];
  to: [column: number, unit: number];
  label: string;
  /** 0..1: line width from thin to thick (e.g. |gradient| relative to the largest). */
  strength?: number;
  /** Colours the line: negative, zero or positive. */
  sign?: -1 | 0 | 1;
  active?: boolean;
}

export interface NetDiagram {
  columns: DiagramColumn[];
  edges: DiagramEdge[];
  /** What the picture shows, in words. */
  description: string;
}

const R = 22;
const COL_GAP = 190;
const ROW_GAP = 92;
const TOP = 58;
const LEFT = 50;

function position(d: NetDiagram, col: number, unit: number, height: number): { x: number; y: number } {
  const n = d.columns[col].units.length;
  const mid = (height + TOP - 24) / 2;
  return { x: LEFT + col * COL_GAP, y: mid + (unit - (n - 1) / 2) * ROW_GAP };
}

/**
 * The diagram as an SVG string.
 *
 * @example
 * netDiagramSvg({ columns: [{ title: ['input'], units: [{ main: '2' }] }], edges: [], description: 'one input' })
 */
export function netDiagramSvg(d: NetDiagram): string {
  const rows = Math.max(...d.columns.map((c) => c.units.length));
  const height = TOP + rows * ROW_GAP + 16;
  const width = LEFT * 2 + (d.columns.length - 1) * COL_GAP;
  const parts: string[] = [];
  for (const e of d.edges) {
    const a = position(d, e.from[0], e.from[1], height);
    const b = position(d, e.to[0], e.to[1], height);
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    const ux = (b.x - a.x) / len;
    const uy = (b.y - a.y) / len;
    const x1 = a.x + ux * R;
    const y1 = a.y + uy * R;
    const x2 = b.x - ux * R;
    const y2 = b.y - uy * R;
    const w = 1 + 4 * Math.min(Math.max(e.strength ?? 0.25, 0), 1);
    const cls = `ia-edge${e.active ? ' ia-edge-active' : ''}${e.sign === -1 ? ' ia-neg' : e.sign === 1 ? ' ia-pos' : e.sign === 0 ? ' ia-zero' : ''}`;
    parts.push(`<line class="${cls}" x1="${x1.toFixed(1)}" y1="${y1.toFixed(1)}" x2="${x2.toFixed(1)}" y2="${y2.toFixed(1)}" stroke-width="${w.toFixed(1)}"/>`);
    // Labels sit a third of the way along, where lines from one unit have not met yet.
    const lx = x1 + (x2 - x1) * 0.33;
    const ly = y1 + (y2 - y1) * 0.33;
    parts.push(`<text class="ia-edge-label" x="${lx.toFixed(1)}" y="${(ly - 5).toFixed(1)}" text-anchor="middle">${escapeXml(e.label)}</text>`);
  }
  d.columns.forEach((c, ci) => {
    const x = LEFT + ci * COL_GAP;
    c.title.forEach((t, i) => {
      parts.push(`<text class="ia-col-title${c.active ? ' ia-active-text' : ''}" x="${x}" y="${16 + i * 14}" text-anchor="middle">${escapeXml(t)}</text>`);
    });
    c.units.forEach((u, ui) => {
      const p = position(d, ci, ui, height);
      parts.push(`<circle class="ia-unit${c.active ? ' ia-unit-active' : ''}" cx="${p.x}" cy="${p.y.toFixed(1)}" r="${R}"/>`);
      parts.push(`<text class="ia-unit-value" x="${p.x}" y="${(p.y + 4).toFixed(1)}" text-anchor="middle">${escapeXml(u.main)}</text>`);
      (u.sub ?? []).forEach((line, i) => {
        parts.push(`<text class="ia-unit-sub" x="${p.x}" y="${(p.y + R + 14 + i * 13).toFixed(1)}" text-anchor="middle">${escapeXml(line)}</text>`);
      });
    });
  });
  return `<svg class="ia-diagram" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(d.description)}">${parts.join('')}</svg>`;
}
