/**
 * `dlc` itself: finds the command, runs it, and turns usage and I/O problems into a clear
 * message and exit code 2. A stack trace is never what a user sees.
 */
import type { Command } from './command.ts';
import { EXIT } from './command.ts';
import { COMMANDS } from './commands/index.ts';
import type { Io } from './io.ts';
import { CliError } from './io.ts';
import { suggest } from '../check/suggest.ts';
import { shown } from '../diagnostics/display.ts';
import { codedLines } from '../diagnostics/coded-error.ts';
import { dlcVersion } from './version.ts';

export function mainHelp(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `dlc: check, compile, format and run .dl neural-net specs

usage: dlc COMMAND [options] FILE...

commands:
${commands.map((c) => `  ${c.name.padEnd(width)}   ${c.summary}`).join('\n')}

Run \`dlc COMMAND --help\` for a command's options. FILE may be \`-\` for standard input.
The language: docs/language.md.
`;
}

export async function runCli(argv: string[], io: Io, commands: Command[] = COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(mainHelp(commands));
    return EXIT.usage;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const target = name === 'help' && rest[0] ? commands.find((c) => c.name === rest[0]) : undefined;
    io.stdout(target ? `${target.help}\n` : mainHelp(commands));
    return EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`dlc ${dlcVersion()}\n`);
    return EXIT.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    const guess = suggest(name, commands.map((c) => c.name));
    io.stderr(`dlc: unknown command \`${shown(name)}\`${guess ? `; did you mean \`${guess}\`?` : ''}\nrun \`dlc --help\` for the commands\n`);
    return EXIT.usage;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr(`dlc ${command.name}: ${codedLines(e, (l) => shown(l, 400))}`);
      return EXIT.usage;
    }
    throw e;
  }
}
