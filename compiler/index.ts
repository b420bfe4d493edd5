/**
 * The dlc compiler: `.dl` source in, typed graph and diagnostics out. It runs in Node and
 * in the browser alike (no Node-only imports here or below, outside `cli/`).
 *
 * @example
 *   const { graph, diagnostics } = compile('net Xor < linear 2->8; tanh; linear 8->1 >');
 *   graph?.nets[0].paramCount; // 33
 */
import type { Diagnostic } from './diagnostics/diagnostic.ts';
import { checkSpec } from './check/check-spec.ts';
import { LIMITS } from './check/limits.ts';
import { diag, M } from './diagnostics/messages.ts';
import type { TypedGraph } from './graph/types.ts';
import { parse } from './syntax/parse.ts';
import { printSpec } from './syntax/format.ts';

export interface CompileOptions {
  /**
   * The spec's file name. compile() never touches files itself: this is the name callers
   * pass on to renderDiagnostics, and resolve csv paths against in their readFile.
   */
  file?: string;
  /** Reads a file the spec names (a csv dataset); undefined when it cannot be read. */
  readFile?: (path: string) => string | undefined;
}

export interface CompileResult {
  /** Null when there is any error. */
  graph: TypedGraph | null;
  /** Errors and warnings, in source order. */
  diagnostics: Diagnostic[];
}

const WHOLE_FILE = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/** Bytes -> text, or the diagnostic that says why the bytes are not a spec. */
export function decodeSource(source: string | Uint8Array): { text: string } | { error: Diagnostic } {
  if (typeof source !== 'string') {
    if (source.length > LIMITS.fileBytes) return { error: diag(M.fileTooLarge, WHOLE_FILE, source.length, LIMITS.fileBytes) };
    try {
      source = new TextDecoder('utf-8', { fatal: true }).decode(source);
    } catch {
      return { error: diag(M.invalidUtf8, WHOLE_FILE) };
    }
  } else if (source.length * 3 > LIMITS.fileBytes) {
    const bytes = new TextEncoder().encode(source).length;
    if (bytes > LIMITS.fileBytes) return { error: diag(M.fileTooLarge, WHOLE_FILE, bytes, LIMITS.fileBytes) };
  }
  const nul = source.indexOf('\0');
  if (nul >= 0) {
    const before = source.slice(0, nul).split(/\r\n?|\n/);
    const line = before.length;
    const column = before[line - 1]!.length + 1;
    return { error: diag(M.binaryFile, { line, column, endLine: line, endColumn: column + 1 }) };
  }
  return { text: source };
}

function bySpan(a: Diagnostic, b: Diagnostic): number {
  return a.line - b.line || a.column - b.column;
}

/** Parses and checks a spec. Never throws: every problem is a diagnostic. */
export function compile(source: string | Uint8Array, options: CompileOptions = {}): CompileResult {
  const decoded = decodeSource(source);
  if ('error' in decoded) return { graph: null, diagnostics: [decoded.error] };
  const { ast, diagnostics } = parse(decoded.text);
  if (!ast) return { graph: null, diagnostics };
  const graph = checkSpec(ast, options.readFile ? { readFile: options.readFile } : {}, (d) => diagnostics.push(d));
  diagnostics.sort(bySpan);
  return { graph, diagnostics };
}

export { parse } from './syntax/parse.ts';
export { DATASETS, DATASET_NAMES, datasetInfo, isPlanar } from './graph/datasets.ts';
export { trainBlock, findNet, chooseNet, orNone, LookupError, noTrainBlockSentence } from './graph/lookup.ts';
export { VOCABULARY } from './check/vocabulary.ts';
export { LAYERS, OP_KINDS } from './check/layers.ts';
export { estimateSummary, trainSummary } from './check/summary-lines.ts';
export type { Word, WordKind } from './check/vocabulary.ts';
export { ALL_MESSAGES } from './diagnostics/messages.ts';
export type { BuiltinName, DatasetInfo, DatasetName } from './graph/datasets.ts';
export type * from './graph/types.ts';
export { GRAPH_VERSION } from './graph/types.ts';
export type { Diagnostic, Severity } from './diagnostics/diagnostic.ts';
export { renderDiagnostics } from './diagnostics/render.ts';
export { CodedError } from './diagnostics/coded-error.ts';
export { assertGraph, checkGraph, GraphError, type GraphProblem } from './graph/verify.ts';
export type { RenderOptions } from './diagnostics/render.ts';

/** Formats a spec in the canonical layout; `text` is null when the source does not parse. */
export function format(source: string | Uint8Array): { text: string | null; diagnostics: Diagnostic[] } {
  const decoded = decodeSource(source);
  if ('error' in decoded) return { text: null, diagnostics: [decoded.error] };
  const { ast, diagnostics } = parse(decoded.text);
  if (!ast) return { text: null, diagnostics };
  return { text: printSpec(ast.decls, ast.comments), diagnostics };
}
