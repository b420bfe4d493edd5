/**
 * An error a user can meet while running a spec (bad data, weights that do not fit, a graph
 * read back broken, a command line the CLI cannot run) as a diagnostic: a code from the
 * catalogue (diagnostics/messages.ts), its message and its help. The runtime, emit and CLI
 * error classes extend it, so a caller reports any of them the same way, never as a stack trace.
 */
import { fillTemplate, R_CLI, type RuntimeMessageDef } from './messages.ts';

export type TemplateArgs = Record<string, string | number>;

/** A catalogue entry and the values of its template's fields, or a bare message (see below). */
export type Problem = RuntimeMessageDef | string;

export class CodedError extends Error {
  /** The catalogue code, e.g. `DL0508`. */
  readonly code: string;
  readonly help: string | undefined;

  /**
   * From a catalogue entry and its fields. A bare message has no entry of its own: it gets
   * DL0899 (a bug in dlc), which tests/compiler/error-codes.test.ts keeps out of the sources.
   */
  constructor(problem: Problem, args: TemplateArgs = {}, fallback: RuntimeMessageDef = R_CLI.internal) {
    const def = typeof problem === 'string' ? fallback : problem;
    super(typeof problem === 'string' ? problem : fillTemplate(def.template, args));
    this.name = 'CodedError';
    this.code = def.code;
    this.help = def.help !== undefined && typeof problem !== 'string' ? fillTemplate(def.help, args) : def.help;
  }
}

/** A coded error as the CLI prints it: `error DL0508: message`, then `help: ...` if any. */
export function codedLines(e: CodedError, show: (line: string) => string = (l) => l): string {
  const message = e.message.split('\n').map(show).join('\n');
  return `error ${e.code}: ${message}\n${e.help !== undefined ? `help: ${show(e.help)}\n` : ''}`;
}
