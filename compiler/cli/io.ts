/**
 * The CLI's contact with the outside world, in one place: streams, files, colour. Commands
 * take an `Io` so they never touch `process` directly.
 */
import { accessSync, constants, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { compile } from '../index.ts';
import { cut, escapeControls } from '../diagnostics/display.ts';
import { CodedError, type Problem, type TemplateArgs } from '../diagnostics/coded-error.ts';
import { R_CLI } from '../diagnostics/messages.ts';
import { decodeCsv } from '../runtime/datasets/csv.ts';
import type { CompileResult } from '../index.ts';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Colour is wanted on this stream: it is a TTY and NO_COLOR is not set. */
  color: { stdout: boolean; stderr: boolean };
  /** Standard output is a terminal: a command may redraw a progress line there. */
  tty?: boolean;
  cwd: string;
  readStdin: () => Uint8Array;
}

/** Colour on a terminal, unless NO_COLOR is set to anything but the empty string (no-color.org). */
export function wantsColor(isTTY: boolean | undefined, env: Record<string, string | undefined>): boolean {
  return Boolean(isTTY) && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

/**
 * The last guard before the terminal: every control character that dlc itself does not
 * write (line feeds, tabs, its colours and the progress line's redraw) is shown as an
 * escape, whichever message let it through; on stderr, a line is cut at MAX_TERMINAL_LINE.
 */
const OWN_OR_CONTROL = /(\n|\t|\r\x1b\[2K|\x1b\[[0-9;]*m)|[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udfff]/gu;
const MAX_TERMINAL_LINE = 2000;

export function terminalText(text: string, cutLines = false): string {
  const safe = text.replace(OWN_OR_CONTROL, (c, own: string | undefined) => own ?? escapeControls(c));
  return cutLines ? safe.split('\n').map((l) => cut(l, MAX_TERMINAL_LINE)).join('\n') : safe;
}

/**
 * JSON for the terminal or a pipe: as JSON.stringify, plus the characters it leaves raw
 * that a terminal or a JavaScript parser treats specially (DEL, C1 controls such as CSI,
 * U+2028/2029, bidirectional overrides) written as \\u escapes. Still the same JSON value.
 */
export function jsonText(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(/[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function nodeIo(): Io {
  return {
    stdout: (t) => process.stdout.write(terminalText(t)),
    stderr: (t) => process.stderr.write(terminalText(t, true)),
    color: { stdout: wantsColor(process.stdout.isTTY, process.env), stderr: wantsColor(process.stderr.isTTY, process.env) },
    tty: Boolean(process.stdout.isTTY),
    cwd: process.cwd(),
    readStdin: () => readFileSync(0),
  };
}

/**
 * A usage or I/O problem: the command prints its code and message and exits with 2. A bare
 * message is a usage problem (DL0896); reading and writing files have entries of their own.
 */
export class CliError extends CodedError {
  constructor(problem: Problem, args: TemplateArgs = {}) {
    super(typeof problem === 'string' ? R_CLI.usage : problem, typeof problem === 'string' ? { problem } : args);
    this.name = 'CliError';
  }
}

export interface SpecFile {
  /** As the user wrote it; `-` is shown as `<stdin>`. */
  name: string;
  bytes: Uint8Array;
  /** The directory csv paths are relative to. */
  dir: string;
}

function reason(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES') return 'permission denied';
  return (e as Error).message ?? String(e);
}

/**
 * Throws the error that writing `path` would end in, before the work that makes the file:
 * a run must not train for minutes and only then find its --save folder missing.
 * `shown` is the path as the user wrote it.
 */
export function checkWritable(path: string, shown: string): void {
  const folder = dirname(path);
  let why: string | null = null;
  try {
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) why = 'it is a directory';
    else if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) why = `the folder \`${dirname(shown)}\` does not exist`;
    else accessSync(folder, constants.W_OK);
  } catch (e) {
    why = reason(e);
  }
  if (why !== null) throw new CliError(R_CLI.unwritable, { what: `\`${shown}\``, why });
}

/** Standard input can be read once per run; a run is one Io. */
const stdinRead = new WeakSet<Io>();

/** Reads a spec file, or standard input for `-`. Throws CliError with a clear message. */
export function readSpec(path: string, io: Io): SpecFile {
  if (path === '-') {
    if (stdinRead.has(io)) throw new CliError('standard input (`-`) can be read only once');
    stdinRead.add(io);
    try {
      return { name: '<stdin>', bytes: io.readStdin(), dir: io.cwd };
    } catch (e) {
      throw new CliError(R_CLI.unreadable, { what: 'standard input', why: reason(e) });
    }
  }
  const full = resolve(io.cwd, path);
  try {
    return { name: path, bytes: readFileSync(full), dir: dirname(full) };
  } catch (e) {
    throw new CliError(R_CLI.unreadable, { what: `\`${path}\``, why: reason(e) });
  }
}

export function writeText(path: string, text: string, io: Io): void {
  const full = resolve(io.cwd, path);
  try {
    writeFileSync(full, text);
  } catch (e) {
    checkWritable(full, path); // a missing folder says so, rather than "no such file"
    throw new CliError(R_CLI.unwritable, { what: `\`${path}\``, why: reason(e) });
  }
}

/** Compiles a spec file; csv datasets are read relative to the spec's directory. */
export function compileFile(spec: SpecFile): CompileResult & { source: string } {
  const readFile = (p: string) => {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(resolve(spec.dir, p));
    } catch {
      return undefined;
    }
    // Strict UTF-8, as train reads it: bytes that are not are an error naming the line.
    return decodeCsv(bytes, p);
  };
  const result = compile(spec.bytes, { file: spec.name, readFile });
  // The renderer needs text; undecodable bytes only ever carry a whole-file diagnostic.
  const source = new TextDecoder().decode(spec.bytes);
  return { ...result, source };
}
