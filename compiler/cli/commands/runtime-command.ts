/**
 * What train, predict and export share: compiling the spec (diagnostics to stderr), picking
 * the net, reading numeric options, and turning the runtime's user-facing errors (bad data,
 * weights that do not fit, ...) into a message and exit status 1, never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { NetGraph, TrainGraph, TypedGraph } from '../../index.ts';
import { decodeCsv } from '../../runtime/datasets/csv.ts';
import { CodedError, codedLines } from '../../diagnostics/coded-error.ts';
import { R_EXPORT, R_RUN } from '../../diagnostics/messages.ts';
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

/** The train block for `--net NAME`, or the spec's first. */
export function pickTrain(graph: TypedGraph, net: string | undefined, command: string): TrainGraph {
  if (graph.trains.length === 0) {
    throw new CliError({ ...R_RUN.noTrainBlock, template: `the spec has no train block; add one such as \`train ${graph.nets[0]?.name ?? 'Net'} on iris < epochs 10 >\`\nrun \`dlc ${command} --help\` for usage` });
  }
  if (net === undefined) return graph.trains[0];
  const block = graph.trains.find((t) => t.net === net);
  if (!block) throw new CliError({ ...R_RUN.noTrainFor, template: `no train block trains net \`${net}\`; the spec trains ${graph.trains.map((t) => `\`${t.net}\``).join(', ')}` });
  return block;
}

export function findNet(graph: TypedGraph, name: string): NetGraph {
  const net = graph.nets.find((n) => n.name === name);
  if (!net) throw new CliError({ ...R_EXPORT.unknownNet, template: `the spec has no net \`${name}\`; its nets are ${graph.nets.map((n) => `\`${n.name}\``).join(', ')}` });
  return net;
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
    // GraphError, ExportError): each carries its catalogue code. Usage and I/O (CliError) exit 2.
    if (e instanceof CodedError && !(e instanceof CliError)) {
      io.stderr(`dlc ${command}: ${codedLines(e, (l) => shown(l, 400))}`);
      return EXIT.specError;
    }
    throw e;
  }
}
