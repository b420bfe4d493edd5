import type { Command } from '../command.ts';
import { EXIT } from '../command.ts';
import { needFiles, parse } from '../args.ts';
import { format } from '../../index.ts';
import { CliError, readSpec, writeText } from '../io.ts';
import { render } from '../report.ts';

export const fmtCommand: Command = {
  name: 'fmt',
  summary: 'format specs in the canonical layout',
  help: `usage: dlc fmt FILE... [--check | --write]

Prints each spec in the canonical layout: one blank line between declarations, items
indented by two spaces, a line per layer with its activation, comments kept. Formatting
never changes what a spec means. FILE may be \`-\` for standard input.

options:
  --check      print nothing but the names of files that are not formatted;
               exit 1 if there are any
  --write      rewrite the files in place
  -h, --help   show this help

exit status: 0 done (or all formatted), 1 a spec does not parse or (--check) is not
formatted, 2 usage or I/O error

example:
  dlc fmt --write specs/*.dl`,
  run(argv, io) {
    const { values, positionals } = parse(argv, { check: { type: 'boolean' }, write: { type: 'boolean' } }, 'fmt');
    if (values.help) {
      io.stdout(`${this.help}\n`);
      return EXIT.ok;
    }
    needFiles(positionals, 'fmt');
    if (values.check && values.write) throw new CliError('--check and --write cannot be used together');
    if (values.write && positionals.includes('-')) throw new CliError('--write cannot rewrite standard input');
    let code: number = EXIT.ok;
    for (const path of positionals) {
      const spec = readSpec(path, io);
      const source = new TextDecoder().decode(spec.bytes);
      const result = format(spec.bytes);
      if (result.text === null) {
        io.stderr(render(source, result.diagnostics, spec.name, io.color.stderr));
        code = EXIT.specError;
        continue;
      }
      if (values.check) {
        if (result.text !== source) {
          io.stdout(`${spec.name}\n`);
          code = EXIT.specError;
        }
      } else if (values.write) {
        if (result.text !== source) writeText(path, result.text, io);
      } else {
        io.stdout(result.text);
      }
    }
    return code;
  },
};
