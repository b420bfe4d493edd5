import type { Command } from '../command.ts';
import { EXIT } from '../command.ts';
import { needFiles, parse } from '../args.ts';
import type { TypedGraph } from '../../index.ts';
import { compileFile, jsonText, readSpec, writeText } from '../io.ts';
import { hasErrors, render } from '../report.ts';

export const compileCommand: Command = {
  name: 'compile',
  summary: 'write the typed graph of specs as JSON',
  help: `usage: dlc compile FILE... [-o OUT]

Checks each spec and writes its typed graph as JSON: nets with their layers, shapes,
PyTorch parameter names and FLOPs, and train blocks with every setting resolved. One
file gives one graph; several files give an array of graphs, in order. FILE may be \`-\`
for standard input. Diagnostics go to standard error; nothing is written if any spec
has an error.

options:
  -o, --output OUT   write the JSON to OUT instead of standard output
  -h, --help         show this help

exit status: 0 no errors, 1 errors in a spec, 2 usage or I/O error

example:
  dlc compile specs/iris.dl -o iris.json`,
  run(argv, io) {
    const { values, positionals } = parse(argv, { output: { type: 'string', short: 'o' } }, 'compile');
    if (values.help) {
      io.stdout(`${this.help}\n`);
      return EXIT.ok;
    }
    needFiles(positionals, 'compile');
    const graphs: TypedGraph[] = [];
    let failed = false;
    for (const path of positionals) {
      const spec = readSpec(path, io);
      const result = compileFile(spec);
      if (result.diagnostics.length) io.stderr(render(result.source, result.diagnostics, spec.name, io.color.stderr));
      if (hasErrors(result.diagnostics) || !result.graph) failed = true;
      else graphs.push(result.graph);
    }
    if (failed) return EXIT.specError;
    const json = `${jsonText(positionals.length === 1 ? graphs[0] : graphs, 2)}\n`;
    if (typeof values.output === 'string') writeText(values.output, json, io);
    else io.stdout(json);
    return EXIT.ok;
  },
};
