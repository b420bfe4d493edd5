import type { Command } from '../command.ts';
import { EXIT } from '../command.ts';
import { parse } from '../args.ts';
import type { NetGraph, Span } from '../../index.ts';
import { CliError, compileFile, readSpec } from '../io.ts';
import { hasErrors, render } from '../report.ts';
import { estimateSummary, trainSummary } from '../../check/summary-lines.ts';

const n = (x: number) => x.toLocaleString('en-US');
const shape = (s: number[]) => `[${s.join(', ')}]`;

function sourceOf(lines: string[], span: Span): string {
  const line = lines[span.line - 1] ?? '';
  return span.endLine === span.line ? line.slice(span.column - 1, span.endColumn - 1) : line.slice(span.column - 1).trimEnd();
}

/** A Keras `model.summary()`-like table: one row per layer, then the totals. */
export function netTable(net: NetGraph, lines: string[]): string {
  const rows = net.nodes.map((node) => {
    const params = node.params.filter((p) => p.role === 'param').reduce((a, p) => a + p.shape.reduce((x, y) => x * y, 1), 0);
    return [`layers.${node.index}`, sourceOf(lines, node.span), shape(node.outShape), n(params)];
  });
  const head = ['', 'layer', 'output shape', 'params'];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const row = (r: string[]) => r.map((cell, c) => (c === 3 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('   ').trimEnd();
  const rule = '─'.repeat(widths.reduce((a, b) => a + b, 0) + 3 * (widths.length - 1));
  const buffers = net.nodes.flatMap((node) => node.params.filter((p) => p.role === 'buffer'));
  const flops = net.nodes.reduce((a, node) => a + node.flops, 0);
  return [
    `net ${net.name}   input ${shape(net.inputShape)} -> output ${shape(net.outputShape)}`,
    rule,
    row(head),
    rule,
    ...rows.map(row),
    rule,
    `total params: ${n(net.paramCount)}`,
    ...(buffers.length ? [`buffers: ${buffers.length} (${n(buffers.reduce((a, p) => a + p.shape.reduce((x, y) => x * y, 1), 0))} numbers, not trained)`] : []),
    `FLOPs per example (forward): ${n(flops)}`,
  ].join('\n');
}

export const summaryCommand: Command = {
  name: 'summary',
  summary: 'print a table of each net: layers, output shapes, parameters',
  help: `usage: dlc summary FILE

Prints, for each net of the spec, a table like Keras's model.summary(): every layer with
its PyTorch name (layers.k), its output shape per example and its parameter count, then
the totals; then each train block with every setting resolved, and the run's estimated
memory and time per epoch (docs/language.md, "Limits"). FILE may be \`-\`.

options:
  -h, --help   show this help

exit status: 0 no errors, 1 errors in the spec, 2 usage or I/O error

example:
  dlc summary specs/digits.dl`,
  run(argv, io) {
    const { values, positionals } = parse(argv, {}, 'summary');
    if (values.help) {
      io.stdout(`${this.help}\n`);
      return EXIT.ok;
    }
    if (positionals.length !== 1) throw new CliError('summary takes exactly one spec file\nrun `dlc summary --help` for usage');
    const spec = readSpec(positionals[0]!, io);
    const result = compileFile(spec);
    if (result.diagnostics.length) io.stderr(render(result.source, result.diagnostics, spec.name, io.color.stderr));
    if (hasErrors(result.diagnostics) || !result.graph) return EXIT.specError;
    const lines = result.source.split(/\r?\n/);
    const parts = result.graph.nets.map((net) => netTable(net, lines));
    if (result.graph.trains.length) {
      const graph = result.graph;
      parts.push(graph.trains.map((t) => [trainSummary(t), estimateSummary(t, graph.nets.find((net) => net.name === t.net))].filter((l) => l !== null).join('\n')).join('\n'));
    }
    io.stdout(`${parts.join('\n\n')}\n`);
    return EXIT.ok;
  },
};
