/**
 * A laid-out network diagram: plain geometry in SVG user units, computed from the typed graph
 * by `layoutNet` and drawn by `renderDiagramSvg`. Keeping layout apart from drawing lets the
 * tests check what is drawn (units, blocks, shapes on edges) without parsing SVG.
 */

export interface Point {
  x: number;
  y: number;
}

/** A connection that carries a tensor, labelled with its per-example shape (`8`, `16×4×4`). */
export interface ShapeEdge {
  from: Point;
  to: Point;
  /** The shape, formatted. */
  label: string;
  labelAt: Point;
  labelAnchor: 'start' | 'middle';
}

/** One column of a small net: the input, or a linear layer's outputs with the element-wise layers after it. */
export interface UnitColumn {
  /** Text lines under the column: `input`, or `linear 2→8` then `tanh`. */
  lines: string[];
  units: Point[];
  x: number;
  /** Baseline of the first text line; the others follow at `lineHeight`. */
  labelY: number;
}

/** Small nets: a circle per unit and a line per weight. */
export interface UnitsDiagram {
  kind: 'units';
  width: number;
  height: number;
  radius: number;
  lineHeight: number;
  columns: UnitColumn[];
  /** One per weight: every unit of a column to every unit of the next. */
  weights: { from: Point; to: Point }[];
  edges: ShapeEdge[];
  /** What the picture shows, in words, for screen readers and as the SVG title. */
  description: string;
}

export interface Block {
  x: number;
  y: number;
  width: number;
  height: number;
  /** `input`, `output`, or a layer such as `conv 1→8 3×3 pad 1`. */
  label: string;
  /** `layers.0 · 80 parameters` for layers with parameters. */
  detail?: string;
  role: 'input' | 'layer' | 'output';
}

/** Large nets: one block per layer, top to bottom, with the shape on every edge. */
export interface BlocksDiagram {
  kind: 'blocks';
  width: number;
  height: number;
  blocks: Block[];
  edges: ShapeEdge[];
  description: string;
}

export type NetDiagram = UnitsDiagram | BlocksDiagram;
