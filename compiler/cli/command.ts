/**
 * What a `dlc` command is: a module the registry (commands/index.ts) lists. Each parses its
 * own arguments, writes through `io`, and returns the exit code: 0 no errors, 1 errors in a
 * spec, 2 a usage or I/O error.
 */
import type { Io } from './io.ts';

export interface Command {
  name: string;
  /** One line for `dlc --help`. */
  summary: string;
  /** The full `dlc NAME --help` text: usage line, description, options, examples. */
  help: string;
  run: (argv: string[], io: Io) => Promise<number> | number;
}

/** 3: training ran but its loss diverged (runtime/divergence.ts). */
export const EXIT = { ok: 0, specError: 1, usage: 2, diverged: 3 } as const;
