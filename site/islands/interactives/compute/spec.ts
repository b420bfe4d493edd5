/**
 * Interactives describe their nets as specs, the way a learner would, and compile them
 * with the same compiler as the CLI and the live spec islands.
 */
import { compile, type NetGraph, type TypedGraph } from 'dlc';

/** The typed graph of a spec that must compile: an error here is a bug in the interactive. */
export function compileSpec(source: string): TypedGraph {
  const { graph, diagnostics } = compile(source);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!graph || errors.length > 0) {
    throw new Error(`interactive spec does not compile: ${errors.map((d) => `${d.line}:${d.column} ${d.message}`).join('; ')}`);
  }
  return graph;
}

/** The first net of a spec. */
export function compileNet(source: string): NetGraph {
  return compileSpec(source).nets[0];
}
