import type { Command } from '../command.ts';
import { EXIT } from '../command.ts';
import { needFiles, parse } from '../args.ts';
import { compileFile, jsonText, readSpec } from '../io.ts';
import { counts, hasErrors, render } from '../report.ts';
import type { Diagnostic } from '../../index.ts';

export const checkCommand: Command = {
  name: 'check',
  summary: 'report the errors and warnings of specs',
  help: `usage: dlc check FILE... [--json]

Checks each spec (syntax, names, arguments, shapes, dataset/net/loss fit, limits, and
teaching warnings) and writes every diagnostic: \`file:line:col: error DL0401: message\`,
the source line with a caret underline, and a help line. FILE may be \`-\` for standard
input.

options:
  --json       write [{"file", "diagnostics": [{"code", "severity", "message", "line",
               "column", "endLine", "endColumn", "help"}]}] instead
  -h, --help   show this help

exit status: 0 no errors (warnings allowed), 1 errors in a spec, 2 usage or I/O error

example:
  dlc check specs/*.dl`,
  run(argv, io) {
    const { values, positionals } = parse(argv, { json: { type: 'boolean' } }, 'check');
    if (values.help) {
      io.stdout(`${this.help}\n`);
      return EXIT.ok;
    }
    needFiles(positionals, 'check');
    const results: { file: string; diagnostics: Diagnostic[] }[] = [];
    const all: Diagnostic[] = [];
    for (const path of positionals) {
      const spec = readSpec(path, io);
      const result = compileFile(spec);
      results.push({ file: spec.name, diagnostics: result.diagnostics });
      all.push(...result.diagnostics);
      if (!values.json && result.diagnostics.length) io.stdout(render(result.source, result.diagnostics, spec.name, io.color.stdout));
    }
    if (values.json) {
      const json = results.map(({ file, diagnostics }) => ({
        file,
        diagnostics: diagnostics.map((d) => ({
          code: d.code, severity: d.severity, message: d.message,
          line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn, help: d.help ?? null,
        })),
      }));
      io.stdout(`${jsonText(json, 2)}\n`);
    } else {
      const files = positionals.length === 1 ? '1 file' : `${positionals.length} files`;
      io.stdout(`checked ${files}: ${counts(all)}\n`);
    }
    return hasErrors(all) ? EXIT.specError : EXIT.ok;
  },
};
