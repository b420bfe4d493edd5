/** Compiles test specs; a spec that does not compile fails the test with its diagnostics. */
import { compile } from '../../compiler/index.ts';
import type { NetGraph, TypedGraph } from '../../compiler/graph/types.ts';

export function graphOf(src: string): TypedGraph {
  const { graph, diagnostics } = compile(src);
  if (!graph) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return graph;
}

export function netOf(src: string): NetGraph {
  return graphOf(src).nets[0];
}
