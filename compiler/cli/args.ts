/** Argument parsing shared by the commands: node:util's parseArgs, with usage errors as CliError. */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { CliError } from './io.ts';

export type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

/** Parses `argv` strictly; every command also takes `-h`/`--help`. */
export function parse(argv: string[], options: OptionsConfig, command: string): Parsed {
  try {
    return parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' }, ...options }, allowPositionals: true, strict: true });
  } catch (e) {
    const message = (e as Error).message.replace(/\. To specify a positional argument starting with a '-'.*$/s, '');
    throw new CliError(`${message}\nrun \`dlc ${command} --help\` for usage`);
  }
}

export function needFiles(positionals: string[], command: string): void {
  if (positionals.length === 0) throw new CliError(`no spec file given\nrun \`dlc ${command} --help\` for usage`);
}
