/**
 * What train, predict and export share: compiling the spec (diagnostics to stderr), reading numeric options, and turning the runtime's user-facing errors (bad data,
 * weights that do not fit, ...) into a message and exit status 1, never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TypedGraph } from '../../index.ts';
import { LookupError } from '../../graph/lookup.ts';
import { decodeCsv } from '../../runtime/datasets/csv.ts';
import { CodedError, codedLines } from '../../diagnostics/coded-error.ts';
import { EXIT } from '../command.ts';
import { shown } from '../../diagnostics/display.ts';
import { CliError, compileFile, readSpec, type Io, type SpecFile } from '../io.ts';
import { hasErrors, render } from '../report.ts';

/** The spec's graph, or null after printing its errors. */
export function loadGraph(path: string, io: Io): { graph: TypedGraph; spec: SpecFile } | null {
  const spec = readSpec(path, io);
  const result = compileFile(spec);
  if (result.diagnostics.length) io.stderr(render(result.source, result.diagnostics, spec.name, io.color.stderr));
  if (hasErrors(result.diagnostics) || !result.graph) return null;
  return { graph: result.graph, spec };
}

/** Reads a csv file a spec names, relative to the spec's directory. */
export function specFileReader(spec: SpecFile): (path: string) => string {
  return (path) => decodeCsv(readFileSync(resolve(spec.dir, path)), path);
}

/** A whole-number option, checked against the same range the spec's setting has: `--epochs 10`. */
export function intFlag(value: unknown, flag: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || !/^-?\d+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) {
    const range = max < Number.MAX_SAFE_INTEGER ? ` from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}` : min > -Infinity ? ` of at least ${min}` : '';
    throw new CliError(`--${flag} takes a whole number${range}, got \`${shown(String(value), 40)}\``);
  }
  return n;
}

export function backendFlag(value: unknown): 'auto' | 'cpu' | 'wasm' {
  const v = value ?? 'auto';
  if (v !== 'auto' && v !== 'cpu' && v !== 'wasm') throw new CliError(`--backend takes auto, cpu or wasm, got \`${String(v)}\``);
  return v;
}

/** Runs a command body; the runtime's user-facing errors become `dlc NAME: message` and exit 1. */
export async function reportingErrors(command: string, io: Io, body: () => Promise<number> | number): Promise<number> {
  try {
    return await body();
  } catch (e) {
    // Bad data, weights, a graph or an export (DatasetError, RuntimeError, SafetensorsError,
    // GraphError, ExportError): each carries its catalogue code and exits 1. A train block or
    // net that is not there (LookupError) means the flag or the spec must change: usage, exit 2,
    // like the CliError usage and I/O errors handled by the caller.
    if (e instanceof CodedError && !(e instanceof CliError)) {
      io.stderr(`dlc ${command}: ${codedLines(e, (l) => shown(l, 400))}`);
      return e instanceof LookupError ? EXIT.usage : EXIT.specError;
    }
    throw e;
  }
}
