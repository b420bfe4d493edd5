/**
 * The typed graph's invariants, checked as data: shapes chain from layer to layer, indices
 * are PyTorch's `layers.k`, parameter names are unique and belong to their layer, counts
 * add up, and every train block names a net of the graph. Returns the problems found (none
 * for a graph the compiler produced); tests run it on every graph they build.
 */
import { OP_KINDS } from '../check/layers.ts';
import type { TypedGraph } from './types.ts';
import { GRAPH_VERSION } from './types.ts';

const OPS: ReadonlySet<string> = new Set(OP_KINDS);

const isShape = (s: unknown) => Array.isArray(s) && s.every((d) => Number.isSafeInteger(d) && d >= 0);
const same = (a: number[], b: number[]) => a.length === b.length && a.every((d, i) => d === b[i]);
const numel = (s: number[]) => s.reduce((a, b) => a * b, 1);

export function verify(graph: TypedGraph): string[] {
  const problems: string[] = [];
  if (graph.version !== GRAPH_VERSION) problems.push(`version ${graph.version} is not ${GRAPH_VERSION}`);
  const names = new Set<string>();
  for (const net of graph.nets) {
    const at = `net ${net.name}`;
    if (names.has(net.name)) problems.push(`${at}: declared twice`);
    names.add(net.name);
    if (net.nodes.length === 0) problems.push(`${at}: no nodes`);
    let shape = net.inputShape;
    let count = 0;
    const params = new Set<string>();
    net.nodes.forEach((node, i) => {
      const where = `${at} layers.${node.index}`;
      if (node.index !== i) problems.push(`${where}: index is not its position ${i}`);
      if (!OPS.has(node.op)) problems.push(`${where}: unknown op ${node.op}`);
      if (!isShape(node.inShape) || !isShape(node.outShape)) problems.push(`${where}: a shape is not a list of sizes`);
      if (!same(node.inShape, shape)) problems.push(`${where}: input [${node.inShape}] is not the previous output [${shape}]`);
      if (!(node.flops >= 0)) problems.push(`${where}: flops ${node.flops}`);
      for (const p of node.params) {
        if (!p.name.startsWith(`layers.${node.index}.`)) problems.push(`${where}: parameter ${p.name} belongs to another layer`);
        if (params.has(p.name)) problems.push(`${where}: parameter ${p.name} twice`);
        params.add(p.name);
        if (!isShape(p.shape)) problems.push(`${where}: parameter ${p.name} has a bad shape`);
        if (p.role === 'param') count += numel(p.shape);
      }
      shape = node.outShape;
    });
    if (!same(net.outputShape, shape)) problems.push(`${at}: output [${net.outputShape}] is not the last node's [${shape}]`);
    if (net.paramCount !== count) problems.push(`${at}: paramCount ${net.paramCount} but the parameters add up to ${count}`);
  }
  for (const train of graph.trains) {
    if (!names.has(train.net)) problems.push(`train ${train.net}: no such net`);
    if (!(train.optimizer.lr > 0)) problems.push(`train ${train.net}: lr ${train.optimizer.lr}`);
    const validate = train.validate ?? 0;
    if (!(validate >= 0 && train.split + validate < 1)) problems.push(`train ${train.net}: split ${train.split} and validate ${validate} leave nothing to train on`);
    if (train.stopAfter !== undefined && !(validate > 0 && Number.isSafeInteger(train.stopAfter) && train.stopAfter >= 1)) {
      problems.push(`train ${train.net}: stopAfter ${train.stopAfter} without a validation split`);
    }
  }
  return problems;
}
