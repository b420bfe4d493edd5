/**
 * The typed graph: the compiler's output and the runtime's, the emitters' and the site's
 * input. It is plain JSON (no classes, no Maps) so it can be written by `dlc compile`,
 * posted to a Web Worker, and read back unchanged. Bump GRAPH_VERSION on any breaking
 * change to these types.
 */
import type { OP_KINDS } from '../check/layers.ts';

export const GRAPH_VERSION = 1;

/** 1-based, inclusive-exclusive on columns: endColumn is the column just after the last character. */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A per-example shape: the batch dimension is implicit, as in PyTorch's first dimension. */
export type Shape = number[];

/** The closed op set: the names in the op table's `OP_KINDS` (check/layers.ts). */
export type OpKind = (typeof OP_KINDS)[number];

/** How PyTorch's default initialisation fills a tensor. */
export type InitSpec =
  | { kind: 'uniform'; bound: number }   // U(-bound, bound)
  | { kind: 'const'; value: number };

/** One entry of the PyTorch state_dict: a parameter or a buffer. */
export interface ParamSpec {
  /** state_dict name, e.g. `layers.0.weight`, `layers.2.weight_ih_l0`, `layers.1.running_mean`. */
  name: string;
  /** PyTorch layout: Linear [out, in]; Conv2d [out, in, kh, kw]; LSTM weight_ih_l0 [4H, I] gates i,f,g,o. */
  shape: number[];
  /** `param` is trained; `buffer` is state (batchnorm running stats, num_batches_tracked). */
  role: 'param' | 'buffer';
  dtype: 'float32' | 'int64';
  init: InitSpec;
}

/**
 * Resolved attributes of a node (every default filled in): each op's are what its entry in
 * the op table (check/layers.ts) makes of its arguments, e.g. linear { in, out, bias }.
 */
export type Attrs = Record<string, number | boolean | number[]>;

export interface GraphNode {
  /** k in `layers.k`: position among the net's items, `input` not counted. */
  index: number;
  op: OpKind;
  attrs: Attrs;
  inShape: Shape;
  outShape: Shape;
  params: ParamSpec[];
  /** Multiply-adds counted as 2 FLOPs, per example, forward pass. */
  flops: number;
  span: Span;
}

export interface NetGraph {
  name: string;
  inputShape: Shape;
  outputShape: Shape;
  /** Trainable parameters, as `sum(p.numel() for p in model.parameters())`. */
  paramCount: number;
  nodes: GraphNode[];
  span: Span;
}

export type TargetKind =
  | { kind: 'classes'; classes: number }
  | { kind: 'regression'; size: number };

export interface DatasetRef {
  /** `iris`, `digits`, `xor`, `circles`, `gauss`, `spiral`, `sine`, `delay`, or `csv`. */
  name: string;
  /** Every option with its default filled in. For csv: { file, target }. */
  options: Record<string, number | string>;
  /** Per-example shape; null only for a csv whose file the compiler could not read. */
  exampleShape: Shape | null;
  target: TargetKind | null;
}

export interface OptimizerSettings {
  name: 'sgd' | 'adam';
  lr: number;
  momentum: number;      // sgd
  weightDecay: number;   // both
  beta1: number;         // adam
  beta2: number;         // adam
  eps: number;           // adam
}

export interface TrainGraph {
  net: string;
  dataset: DatasetRef;
  loss: 'mse' | 'bce' | 'bce_logits' | 'cross_entropy';
  optimizer: OptimizerSettings;
  batch: 'full' | number;
  epochs: number;
  split: number;
  /**
   * Fraction of all examples held out for validation, drawn from what the test split leaves
   * (docs/language.md, "Held-out sets"). Absent when the train block has none: added after
   * version 1 as an optional field, so graphs without it mean what they always meant.
   */
  validate?: number;
  /** Early stopping: epochs without a better validation loss before training stops. Absent: off. */
  stopAfter?: number;
  standardize: boolean;
  seed: number;
  span: Span;
}

export interface TypedGraph {
  version: typeof GRAPH_VERSION;
  nets: NetGraph[];
  trains: TrainGraph[];
}
