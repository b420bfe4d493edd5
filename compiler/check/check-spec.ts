/**
 * Checks a parsed spec: every net, then every train block against the nets. Duplicate net
 * names are reported; the first declaration wins.
 */
import type { TypedGraph } from '../graph/types.ts';
import { GRAPH_VERSION } from '../graph/types.ts';
import type { SpecAst } from '../syntax/ast.ts';
import type { Report } from './args.ts';
import type { CheckedNet } from './check-net.ts';
import { checkNet } from './check-net.ts';
import { checkTrain } from './check-train.ts';
import { diag, M } from '../diagnostics/messages.ts';

export interface CheckOptions {
  readFile?: (path: string) => string | undefined;
}

/** Returns the typed graph, or null if any error was reported. */
export function checkSpec(ast: SpecAst, options: CheckOptions, report: Report): TypedGraph | null {
  let errors = 0;
  const note: Report = (d) => {
    if (d.severity === 'error') errors++;
    report(d);
  };
  const nets = new Map<string, CheckedNet>();
  const graph: TypedGraph = { version: GRAPH_VERSION, nets: [], trains: [] };
  for (const decl of ast.decls) {
    if (decl.kind !== 'net') continue;
    const checked = checkNet(decl, note);
    const before = nets.get(decl.name.text);
    if (before) {
      note(diag(M.duplicateNet, decl.name.span, decl.name.text, before.decl.name.span.line));
      continue;
    }
    nets.set(decl.name.text, checked);
    if (checked.graph) graph.nets.push(checked.graph);
  }
  for (const decl of ast.decls) {
    if (decl.kind !== 'train') continue;
    const train = checkTrain(decl, { nets, ...(options.readFile ? { readFile: options.readFile } : {}) }, note);
    if (train) graph.trains.push(train);
  }
  return errors > 0 ? null : graph;
}
