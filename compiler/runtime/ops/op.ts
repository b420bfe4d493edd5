/**
 * What every op family provides: a forward function per op kind, over batched tensors.
 * Families register their ops in `registry.ts`, one table for all kinds.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { GraphNode } from '../../graph/types.ts';
import type { Mt19937 } from '../rng.ts';

/**
 * Layout of image activations (rank 4) inside the model. Parameters and the model's inputs
 * and outputs are always PyTorch's NCHW; tfjs's convolution and pooling kernels want NHWC,
 * so the model keeps images NHWC between such ops and transposes only where an op needs
 * PyTorch's order (flatten, linear over the last dimension, softmax over the last dimension).
 */
export type Layout = 'nchw' | 'nhwc';

export interface ForwardContext {
  training: boolean;
  /** Layout of the op's input when it is rank 4 (see `OpImpl.layout`). */
  layout: Layout;
  /** The node's state_dict tensors by local name: `weight`, `bias`, `running_mean`, `weight_ih_l0`. */
  tensors: Record<string, tf.Variable>;
  /** The node's integer buffers (`num_batches_tracked`), kept on the host. */
  counters: Record<string, number>;
  /** The run's generator (torch's global one), for dropout masks. */
  generator: Mt19937;
}

export interface OpImpl {
  /**
   * The layout a rank-4 input must arrive in; `any` ops (elementwise) take either and give
   * back the same one.
   */
  layout: Layout | 'any';
  forward(x: tf.Tensor, node: GraphNode, ctx: ForwardContext): tf.Tensor;
}

/** Reads a numeric attribute the compiler resolved. */
export function num(node: GraphNode, key: string): number {
  const v = node.attrs[key];
  if (typeof v !== 'number') throw new Error(`${node.op} (layer ${node.index}) has no numeric attribute '${key}'`);
  return v;
}

/** Reads an attribute that is a number or a [h, w] pair as a pair. */
export function pair(node: GraphNode, key: string): [number, number] {
  const v = node.attrs[key];
  if (typeof v === 'number') return [v, v];
  if (Array.isArray(v) && v.length === 2) return [v[0], v[1]];
  throw new Error(`${node.op} (layer ${node.index}) has no attribute '${key}' of one or two numbers`);
}

/** A node tensor by local name; a missing one is a bug in the graph, not user error. */
export function tensor(ctx: ForwardContext, node: GraphNode, local: string): tf.Variable {
  const t = ctx.tensors[local];
  if (t === undefined) throw new Error(`${node.op} (layer ${node.index}) has no parameter '${local}'`);
  return t;
}
