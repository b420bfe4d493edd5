/**
 * The compiler as the editor uses it: the same `compile()` as the CLI, on the editor's text,
 * remembering which text the result belongs to.
 */
import { compile, type Diagnostic, type TypedGraph } from 'dlc';

export interface Compiled {
  source: string;
  graph: TypedGraph | null;
  diagnostics: Diagnostic[];
}

export function compileSpec(source: string): Compiled {
  const { graph, diagnostics } = compile(source, { file: 'spec.dl' });
  return { source, graph, diagnostics };
}
