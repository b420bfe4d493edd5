/**
 * What train, predict and export share: compiling the spec (diagnostics to stderr), reading numeric options, and turning the runtime's user-facing errors (bad data,
 * weights that do not fit, ...) into a message and exit status 1, never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TypedGraph } from '../../index.ts';
import { LookupError } from '../../graph/lookup.ts';
import { ExportError } from '../../emit/pytorch.ts';
import { SafetensorsError } from '../../emit/safetensors.ts';
import { DatasetError } from '../../runtime/datasets/index.ts';
import { decodeCsv } from '../../runtime/datasets/csv.ts';
import { RuntimeError } from '../../runtime/errors.ts';
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
    if (e instanceof DatasetError || e instanceof RuntimeError || e instanceof SafetensorsError || e instanceof ExportError) {
      // A data file's problem carries DL0508, as `dlc check` reports it.
      const code = e instanceof DatasetError && e.file !== undefined ? 'DL0508' : (e as { code?: unknown }).code;
      const help = (e as { help?: unknown }).help;
      io.stderr(`dlc ${command}: ${typeof code === 'string' ? `error ${code}: ` : ''}${e.message.split('\n').map((l) => shown(l, 400)).join('\n')}\n${typeof help === 'string' ? `help: ${help}\n` : ''}`);
      return EXIT.specError;
    }
    // A train block or net that is not there: the flag or the spec must change (usage).
    if (e instanceof LookupError) {
      io.stderr(`dlc ${command}: error ${e.code}: ${shown(e.message, 400)}\n${e.help !== undefined ? `help: ${e.help}\n` : ''}`);
      return EXIT.usage;
    }
    throw e;
  }
}
