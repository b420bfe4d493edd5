/**
 * The unit-by-unit picture of a small fully connected net: the classic circles-and-lines
 * drawing of a textbook, where every line is one weight. Only used when every column is
 * small enough to count (see `fitsUnits`), because beyond that the lines become a smudge.
 */
import type { NetGraph } from '../../compiler/index.ts';
import { LAYERS } from '../../compiler/index.ts';
import { describeNode, formatCount, formatShape } from './labels.ts';
import type { Point, ShapeEdge, UnitColumn, UnitsDiagram } from './types.ts';

/** Largest column (outputs of one linear layer) still drawn unit by unit. */
export const MAX_UNITS = 16;
/** Largest input still drawn unit by unit. */
export const MAX_INPUTS = 10;

/** Layers that keep the shape and act per unit, so they label a column instead of adding one. */
const ELEMENTWISE: ReadonlySet<string> = new Set(Object.values(LAYERS).filter((rule) => rule.keepsShape).map((rule) => rule.op));

const RADIUS = 9;
const UNIT_GAP = 26;
const COLUMN_GAP = 130;
const MARGIN_X = 60;
const TOP = 44;          // room for the shape-labelled arrows above the columns
const LINE_HEIGHT = 14;
const OUTPUT_ARROW = 46;

/**
 * True when the net is a stack of linear layers (with element-wise layers between them) on a
 * vector input of at most MAX_INPUTS features, and no linear layer has more than MAX_UNITS outputs.
 */
export function fitsUnits(net: NetGraph): boolean {
  if (net.inputShape.length !== 1 || net.inputShape[0] > MAX_INPUTS) return false;
  if (!net.nodes.some((n) => n.op === 'linear')) return false;
  return net.nodes.every((n) =>
    (n.op === 'linear' && n.outShape.length === 1 && n.outShape[0] <= MAX_UNITS) ||
    (ELEMENTWISE.has(n.op) && n.outShape.length === 1));
}

/** The segment between two unit circles, so weights end at the rim instead of crossing the unit. */
function betweenCircles(a: Point, b: Point): { from: Point; to: Point } {
  const len = Math.hypot(b.x - a.x, b.y - a.y);
  const dx = ((b.x - a.x) / len) * RADIUS;
  const dy = ((b.y - a.y) / len) * RADIUS;
  return { from: { x: a.x + dx, y: a.y + dy }, to: { x: b.x - dx, y: b.y - dy } };
}

interface ColumnSpec {
  lines: string[];
  size: number;
}

/** Groups the net into columns: the input, then one per linear layer with the element-wise layers after it. */
function columnsOf(net: NetGraph): ColumnSpec[] {
  const columns: ColumnSpec[] = [{ lines: ['input'], size: net.inputShape[0] }];
  for (const node of net.nodes) {
    if (node.op === 'linear') columns.push({ lines: [describeNode(node)], size: node.outShape[0] });
    else columns[columns.length - 1].lines.push(describeNode(node));
  }
  return columns;
}

function plural(n: number, word: string): string {
  return `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
}

/** Lays out a net that `fitsUnits`. */
export function layoutUnits(net: NetGraph): UnitsDiagram {
  const specs = columnsOf(net);
  const tallest = Math.max(...specs.map((c) => c.size));
  const maxLines = Math.max(...specs.map((c) => c.lines.length));
  const unitsHeight = tallest * UNIT_GAP;

  const columns: UnitColumn[] = specs.map((spec, i) => {
    const x = MARGIN_X + i * COLUMN_GAP;
    const offset = TOP + ((tallest - spec.size) * UNIT_GAP) / 2 + UNIT_GAP / 2;
    const units: Point[] = Array.from({ length: spec.size }, (_, k) => ({ x, y: offset + k * UNIT_GAP }));
    return { lines: spec.lines, units, x, labelY: TOP + unitsHeight + 10 + LINE_HEIGHT - 3 };
  });

  const weights: { from: Point; to: Point }[] = [];
  const edges: ShapeEdge[] = [];
  const arrowY = TOP - 22;
  for (let i = 0; i + 1 < columns.length; i++) {
    for (const from of columns[i].units) {
      for (const to of columns[i + 1].units) weights.push(betweenCircles(from, to));
    }
    const x1 = columns[i].x + RADIUS + 6;
    const x2 = columns[i + 1].x - RADIUS - 6;
    edges.push({
      from: { x: x1, y: arrowY },
      to: { x: x2, y: arrowY },
      label: formatShape([specs[i].size]),
      labelAt: { x: (x1 + x2) / 2, y: arrowY - 6 },
      labelAnchor: 'middle',
    });
  }
  const last = columns[columns.length - 1];
  const midY = TOP + unitsHeight / 2;
  edges.push({
    from: { x: last.x + RADIUS + 6, y: midY },
    to: { x: last.x + RADIUS + 6 + OUTPUT_ARROW, y: midY },
    label: formatShape(net.outputShape),
    labelAt: { x: last.x + RADIUS + 6 + OUTPUT_ARROW / 2, y: midY - 6 },
    labelAnchor: 'middle',
  });

  const width = last.x + RADIUS + 6 + OUTPUT_ARROW + 24;
  const height = TOP + unitsHeight + 10 + maxLines * LINE_HEIGHT + 6;

  const steps = specs.slice(1).map((c) => `${c.lines.join(' then ')}: ${plural(c.size, 'unit')}`);
  const description =
    `Network diagram of ${net.name}, drawn unit by unit: ${plural(specs[0].size, 'input')}; ${steps.join('; ')}. ` +
    `Each unit connects to every unit of the next column, one line per weight (${plural(weights.length, 'weight')}). ` +
    `Output shape ${formatShape(net.outputShape)}; ${plural(net.paramCount, 'parameter')} in all.`;

  return { kind: 'units', width, height, radius: RADIUS, lineHeight: LINE_HEIGHT, columns, weights, edges, description };
}

